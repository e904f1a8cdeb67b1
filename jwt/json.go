package jwt

import (
	"errors"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds a small strict JSON reader for JOSE headers and claim sets.
// It is a single pass over the text: it validates RFC 8259 grammar, rejects
// invalid UTF-8, lone UTF-16 surrogates, control characters in strings,
// duplicate member names at every nesting level and trailing data, and hands
// out strings as substrings of the input when they hold no escapes (so
// decoding a claim set costs almost no allocations).

// maxJSONDepth bounds nesting; a session token never comes close.
const maxJSONDepth = 32

var (
	errJSONSyntax    = errors.New("invalid JSON")
	errJSONDuplicate = errors.New("duplicate JSON member name")
	errJSONUTF8      = errors.New("invalid UTF-8 in JSON string")
	errJSONDepth     = errors.New("JSON nested too deeply")
	errJSONType      = errors.New("unexpected JSON type")
)

// jsonReader reads one JSON text.
type jsonReader struct {
	s     string
	pos   int
	depth int
}

// memberSet remembers the member names of one object to detect duplicates.
// Small objects stay on the stack; large ones spill to a map.
type memberSet struct {
	n      int
	inline [16]string
	spill  map[string]struct{}
}

// add records name and reports whether it was new.
func (m *memberSet) add(name string) bool {
	if m.spill != nil {
		if _, dup := m.spill[name]; dup {
			return false
		}
		m.spill[name] = struct{}{}
		return true
	}
	for _, seen := range m.inline[:m.n] {
		if seen == name {
			return false
		}
	}
	if m.n < len(m.inline) {
		m.inline[m.n] = name
		m.n++
		return true
	}
	m.spill = make(map[string]struct{}, 2*len(m.inline))
	for _, seen := range m.inline[:m.n] {
		m.spill[seen] = struct{}{}
	}
	m.spill[name] = struct{}{}
	return true
}

func (r *jsonReader) skipSpace() {
	for r.pos < len(r.s) {
		switch r.s[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end of input.
func (r *jsonReader) peek() byte {
	r.skipSpace()
	if r.pos >= len(r.s) {
		return 0
	}
	return r.s[r.pos]
}

// end checks that nothing but white space follows the top-level value.
func (r *jsonReader) end() error {
	r.skipSpace()
	if r.pos != len(r.s) {
		return errJSONSyntax
	}
	return nil
}

// openObject consumes '{'.
func (r *jsonReader) openObject() error {
	if r.peek() != '{' {
		return errJSONType
	}
	r.depth++
	if r.depth > maxJSONDepth {
		return errJSONDepth
	}
	r.pos++
	return nil
}

// nextMember advances to the next member of the current object: it returns
// the member's name (with the reader placed on its value), or done=true
// after consuming the closing '}'. first must be true on the first call for
// an object. Duplicate names are rejected through seen; a caller passing a
// nil seen checks duplicates itself.
func (r *jsonReader) nextMember(seen *memberSet, first bool) (name string, done bool, err error) {
	c := r.peek()
	if c == '}' {
		r.pos++
		r.depth--
		return "", true, nil
	}
	if !first {
		if c != ',' {
			return "", false, errJSONSyntax
		}
		r.pos++
		c = r.peek()
	}
	if c != '"' {
		return "", false, errJSONSyntax
	}
	name, err = r.readString()
	if err != nil {
		return "", false, err
	}
	if seen != nil && !seen.add(name) {
		return "", false, errJSONDuplicate
	}
	if r.peek() != ':' {
		return "", false, errJSONSyntax
	}
	r.pos++
	return name, false, nil
}

// openArray consumes '['.
func (r *jsonReader) openArray() error {
	if r.peek() != '[' {
		return errJSONType
	}
	r.depth++
	if r.depth > maxJSONDepth {
		return errJSONDepth
	}
	r.pos++
	return nil
}

// nextElement advances to the next array element, or returns done=true
// after consuming the closing ']'.
func (r *jsonReader) nextElement(first bool) (done bool, err error) {
	c := r.peek()
	if c == ']' {
		r.pos++
		r.depth--
		return true, nil
	}
	if !first {
		if c != ',' {
			return false, errJSONSyntax
		}
		r.pos++
		if r.peek() == ']' {
			return false, errJSONSyntax // trailing comma
		}
	}
	return false, nil
}

// isNull consumes a null literal when one is next.
func (r *jsonReader) isNull() bool {
	if r.peek() == 'n' && len(r.s)-r.pos >= 4 && r.s[r.pos:r.pos+4] == "null" {
		r.pos += 4
		return true
	}
	return false
}

// readString reads a JSON string. Without escapes the result is a substring
// of the input; with escapes it is a fresh string.
func (r *jsonReader) readString() (string, error) {
	if r.peek() != '"' {
		return "", errJSONType
	}
	r.pos++
	start := r.pos
	s := r.s
	for i := start; i < len(s); {
		c := s[i]
		if plainASCII[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			r.pos = i + 1
			return s[start:i], nil
		case c == '\\':
			return r.readEscapedString(start, i)
		case c < 0x20:
			return "", errJSONSyntax
		default:
			ru, size := utf8.DecodeRuneInString(s[i:])
			if ru == utf8.RuneError && size <= 1 {
				return "", errJSONUTF8
			}
			i += size
		}
	}
	return "", errJSONSyntax
}

// plainASCII marks the bytes a string holds as is: printable ASCII other
// than '"' and '\\'.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// readEscapedString finishes a string that holds escapes: s[start:i] is the
// plain prefix and s[i] is the first backslash.
func (r *jsonReader) readEscapedString(start, i int) (string, error) {
	s := r.s
	buf := make([]byte, 0, 2*(i-start)+16)
	buf = append(buf, s[start:i]...)
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return string(buf), nil
		case c == '\\':
			if i+1 >= len(s) {
				return "", errJSONSyntax
			}
			e := s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r1, ok := hex4(s, i)
				if !ok {
					return "", errJSONSyntax
				}
				i += 4
				switch {
				case utf16.IsSurrogate(r1):
					// Must be a high surrogate followed by an escaped low one.
					if r1 >= 0xDC00 || i+6 > len(s) || s[i] != '\\' || s[i+1] != 'u' {
						return "", errJSONUTF8
					}
					r2, ok := hex4(s, i+2)
					if !ok {
						return "", errJSONSyntax
					}
					ru := utf16.DecodeRune(r1, r2)
					if ru == utf8.RuneError {
						return "", errJSONUTF8
					}
					i += 6
					buf = utf8.AppendRune(buf, ru)
				default:
					buf = utf8.AppendRune(buf, r1)
				}
			default:
				return "", errJSONSyntax
			}
		case c < 0x20:
			return "", errJSONSyntax
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			ru, size := utf8.DecodeRuneInString(s[i:])
			if ru == utf8.RuneError && size <= 1 {
				return "", errJSONUTF8
			}
			buf = append(buf, s[i:i+size]...)
			i += size
		}
	}
	return "", errJSONSyntax
}

// hex4 decodes four hex digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var v rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}

// readNumber reads a JSON number and returns its literal text.
func (r *jsonReader) readNumber() (string, error) {
	c := r.peek()
	if c != '-' && (c < '0' || c > '9') {
		return "", errJSONType
	}
	s := r.s
	start := r.pos
	i := start
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	default:
		return "", errJSONSyntax
	}
	if i < len(s) && s[i] == '.' {
		i++
		d := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == d {
			return "", errJSONSyntax
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == d {
			return "", errJSONSyntax
		}
	}
	r.pos = i
	return s[start:i], nil
}

// readInt reads a JSON number that must be an integer fitting in an int64.
func (r *jsonReader) readInt() (int64, error) {
	lit, err := r.readNumber()
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(lit, 10, 64)
	if err != nil {
		return 0, errJSONType
	}
	return n, nil
}

// readNumericDate reads an RFC 7519 NumericDate: a JSON number of seconds
// since the epoch, integral or not.
func (r *jsonReader) readNumericDate() (time.Time, error) {
	lit, err := r.readNumber()
	if err != nil {
		return time.Time{}, err
	}
	// Dates are bounded to ±2^40 s (some 35,000 years) so that time
	// arithmetic cannot overflow and wrap a far-future "nbf" into the past.
	const limit = 1 << 40
	if n, err := strconv.ParseInt(lit, 10, 64); err == nil {
		if n > limit || n < -limit {
			return time.Time{}, errJSONType
		}
		return time.Unix(n, 0).UTC(), nil
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil || math.IsNaN(f) || f > limit || f < -limit {
		return time.Time{}, errJSONType
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// readStringList reads a JSON array of strings.
func (r *jsonReader) readStringList() ([]string, error) {
	if err := r.openArray(); err != nil {
		return nil, err
	}
	var out []string
	for first := true; ; first = false {
		done, err := r.nextElement(first)
		if err != nil {
			return nil, err
		}
		if done {
			return out[:len(out):len(out)], nil
		}
		s, err := r.readString()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

// skipValue reads and validates any JSON value, discarding it.
func (r *jsonReader) skipValue() error {
	switch c := r.peek(); {
	case c == '{':
		if err := r.openObject(); err != nil {
			return err
		}
		var seen memberSet
		for first := true; ; first = false {
			_, done, err := r.nextMember(&seen, first)
			if err != nil {
				return err
			}
			if done {
				return nil
			}
			if err := r.skipValue(); err != nil {
				return err
			}
		}
	case c == '[':
		if err := r.openArray(); err != nil {
			return err
		}
		for first := true; ; first = false {
			done, err := r.nextElement(first)
			if err != nil {
				return err
			}
			if done {
				return nil
			}
			if err := r.skipValue(); err != nil {
				return err
			}
		}
	case c == '"':
		_, err := r.readString()
		return err
	case c == '-' || ('0' <= c && c <= '9'):
		_, err := r.readNumber()
		return err
	case c == 't':
		return r.literal("true")
	case c == 'f':
		return r.literal("false")
	case c == 'n':
		return r.literal("null")
	default:
		return errJSONSyntax
	}
}

func (r *jsonReader) literal(lit string) error {
	if len(r.s)-r.pos >= len(lit) && r.s[r.pos:r.pos+len(lit)] == lit {
		r.pos += len(lit)
		return nil
	}
	return errJSONSyntax
}
