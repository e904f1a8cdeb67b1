package transport

import (
	"bytes"
	"strconv"
	"time"
)

// The API sends instants as Unix milliseconds; the SDK's types hold
// time.Time. A resource type decodes them with a shadowing wrapper:
//
//	func (u *User) UnmarshalJSON(b []byte) error {
//		type plain User
//		return json.Unmarshal(b, &struct {
//			*plain
//			CreatedAt transport.Millis    `json:"created_at"`
//			LastSignInAt transport.MillisPtr `json:"last_sign_in_at"`
//		}{(*plain)(u), transport.Millis{T: &u.CreatedAt}, transport.MillisPtr{T: &u.LastSignInAt}})
//	}
//
// (encoding/json gives the outer, shallower field the JSON name, so the
// embedded time.Time field is never decoded from the number.)

// Millis decodes a Unix-millisecond number (or null) into *T; null and 0
// leave the zero time. An RFC 3339 string (time.Time's own JSON form) is
// read too, so SDK types decode what json.Marshal made of them.
type Millis struct{ T *time.Time }

// UnmarshalJSON reads a JSON number of milliseconds.
func (m Millis) UnmarshalJSON(b []byte) error {
	t, ok, err := parseMillis(b)
	if err != nil || !ok {
		return err
	}
	*m.T = t
	return nil
}

// MillisPtr decodes a Unix-millisecond number into **T, leaving it nil for
// null (for the nullable instants: last_sign_in_at, expires_at, ...).
type MillisPtr struct{ T **time.Time }

// UnmarshalJSON reads a JSON number of milliseconds or null.
func (m MillisPtr) UnmarshalJSON(b []byte) error {
	t, ok, err := parseMillis(b)
	if err != nil {
		return err
	}
	if ok {
		*m.T = &t
	} else {
		*m.T = nil
	}
	return nil
}

func parseMillis(b []byte) (time.Time, bool, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return time.Time{}, false, nil
	}
	if b[0] == '"' {
		// An RFC 3339 string: what time.Time marshals to, so a resource
		// type without a wire-shape MarshalJSON decodes its own JSON
		// (a cache, a log line) back. The API itself sends numbers.
		if len(b) < 2 || b[len(b)-1] != '"' {
			return time.Time{}, false, &timeError{raw: string(b)}
		}
		t, err := time.Parse(time.RFC3339Nano, string(b[1:len(b)-1]))
		if err != nil {
			return time.Time{}, false, &timeError{raw: string(b)}
		}
		return t, true, nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		// Some fields are floats on the wire in hand-made payloads.
		f, ferr := strconv.ParseFloat(string(b), 64)
		if ferr != nil {
			return time.Time{}, false, &timeError{raw: string(b)}
		}
		n = int64(f)
	}
	return time.UnixMilli(n).UTC(), true, nil
}

type timeError struct{ raw string }

func (e *timeError) Error() string {
	return "clerk: instant " + strconv.Quote(e.raw) + " is not Unix milliseconds"
}

// UnixMilli formats t for the wire (query filters and bodies that take
// Unix milliseconds); the zero time gives 0.
func UnixMilli(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// UnixMilliPtr is UnixMilli for a nullable instant: nil stays nil.
func UnixMilliPtr(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	n := UnixMilli(*t)
	return &n
}

// UnixMilliOmit is nil for the zero time (fields the API may leave out),
// else a pointer to UnixMilli(t).
func UnixMilliOmit(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	n := t.UnixMilli()
	return &n
}
