package users

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// The API sends instants as Unix milliseconds and the lockout as seconds;
// each type below reads them into time.Time and time.Duration by shadowing
// those fields (see transport.Millis). The outer, shallower field gets the
// JSON name, so the embedded time field is never decoded from the number.
// (The shadowing fields must sit in the outer struct itself: an embedded
// struct would put them at the depth of the fields they shadow, and
// encoding/json drops both.)

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	return json.Unmarshal(b, &struct {
		*plain
		MFAEnabledAt          transport.MillisPtr `json:"mfa_enabled_at"`
		MFADisabledAt         transport.MillisPtr `json:"mfa_disabled_at"`
		PasswordLastUpdatedAt transport.MillisPtr `json:"password_last_updated_at"`
		LockoutExpiresIn      secondsPtr          `json:"lockout_expires_in_seconds"`
		CreatedAt             transport.Millis    `json:"created_at"`
		UpdatedAt             transport.Millis    `json:"updated_at"`
		LastSignInAt          transport.MillisPtr `json:"last_sign_in_at"`
		LastActiveAt          transport.MillisPtr `json:"last_active_at"`
		LegalAcceptedAt       transport.MillisPtr `json:"legal_accepted_at"`
	}{
		plain:                 (*plain)(u),
		MFAEnabledAt:          transport.MillisPtr{T: &u.MFAEnabledAt},
		MFADisabledAt:         transport.MillisPtr{T: &u.MFADisabledAt},
		PasswordLastUpdatedAt: transport.MillisPtr{T: &u.PasswordLastUpdatedAt},
		LockoutExpiresIn:      secondsPtr{d: &u.LockoutExpiresIn},
		CreatedAt:             transport.Millis{T: &u.CreatedAt},
		UpdatedAt:             transport.Millis{T: &u.UpdatedAt},
		LastSignInAt:          transport.MillisPtr{T: &u.LastSignInAt},
		LastActiveAt:          transport.MillisPtr{T: &u.LastActiveAt},
		LegalAcceptedAt:       transport.MillisPtr{T: &u.LegalAcceptedAt},
	})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (e *EmailAddress) UnmarshalJSON(b []byte) error {
	type plain EmailAddress
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(e), transport.Millis{T: &e.CreatedAt}, transport.Millis{T: &e.UpdatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (p *PhoneNumber) UnmarshalJSON(b []byte) error {
	type plain PhoneNumber
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(p), transport.Millis{T: &p.CreatedAt}, transport.Millis{T: &p.UpdatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (w *Web3Wallet) UnmarshalJSON(b []byte) error {
	type plain Web3Wallet
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(w), transport.Millis{T: &w.CreatedAt}, transport.Millis{T: &w.UpdatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (p *Passkey) UnmarshalJSON(b []byte) error {
	type plain Passkey
	return json.Unmarshal(b, &struct {
		*plain
		LastUsedAt transport.Millis `json:"last_used_at"`
	}{(*plain)(p), transport.Millis{T: &p.LastUsedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (v *Verification) UnmarshalJSON(b []byte) error {
	type plain Verification
	return json.Unmarshal(b, &struct {
		*plain
		ExpireAt transport.MillisPtr `json:"expire_at"`
	}{(*plain)(v), transport.MillisPtr{T: &v.ExpireAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (a *ExternalAccount) UnmarshalJSON(b []byte) error {
	type plain ExternalAccount
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(a), transport.Millis{T: &a.CreatedAt}, transport.Millis{T: &a.UpdatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (a *SAMLAccount) UnmarshalJSON(b []byte) error {
	type plain SAMLAccount
	return json.Unmarshal(b, &struct {
		*plain
		LastAuthenticatedAt transport.MillisPtr `json:"last_authenticated_at"`
	}{(*plain)(a), transport.MillisPtr{T: &a.LastAuthenticatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (c *SAMLConnection) UnmarshalJSON(b []byte) error {
	type plain SAMLConnection
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(c), transport.Millis{T: &c.CreatedAt}, transport.Millis{T: &c.UpdatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (a *EnterpriseAccount) UnmarshalJSON(b []byte) error {
	type plain EnterpriseAccount
	return json.Unmarshal(b, &struct {
		*plain
		LastAuthenticatedAt transport.MillisPtr `json:"last_authenticated_at"`
	}{(*plain)(a), transport.MillisPtr{T: &a.LastAuthenticatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (c *EnterpriseConnection) UnmarshalJSON(b []byte) error {
	type plain EnterpriseConnection
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(c), transport.Millis{T: &c.CreatedAt}, transport.Millis{T: &c.UpdatedAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (t *OAuthAccessToken) UnmarshalJSON(b []byte) error {
	type plain OAuthAccessToken
	return json.Unmarshal(b, &struct {
		*plain
		ExpiresAt transport.MillisPtr `json:"expires_at"`
	}{(*plain)(t), transport.MillisPtr{T: &t.ExpiresAt}})
}

// UnmarshalJSON decodes the wire shape (Unix-millisecond instants).
func (d *TrustedDevice) UnmarshalJSON(b []byte) error {
	type plain TrustedDevice
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt  transport.Millis    `json:"created_at"`
		UpdatedAt  transport.Millis    `json:"updated_at"`
		LastUsedAt transport.MillisPtr `json:"last_used_at"`
		RevokedAt  transport.MillisPtr `json:"revoked_at"`
	}{(*plain)(d), transport.Millis{T: &d.CreatedAt}, transport.Millis{T: &d.UpdatedAt},
		transport.MillisPtr{T: &d.LastUsedAt}, transport.MillisPtr{T: &d.RevokedAt}})
}

// secondsPtr decodes a whole number of seconds, or null, into a
// *time.Duration.
type secondsPtr struct{ d **time.Duration }

// UnmarshalJSON reads a JSON number of seconds or null.
func (s secondsPtr) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*s.d = nil
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "number " + string(b), Type: reflect.TypeFor[time.Duration]()}
	}
	d := time.Duration(n) * time.Second
	*s.d = &d
	return nil
}

// The MarshalJSON methods write the wire shape back (Unix milliseconds,
// seconds), so that a resource encoded by an application (a cache, a
// queue) decodes again to the same value.

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (u User) MarshalJSON() ([]byte, error) {
	type plain User
	p := plain(u)
	var lockout *int64
	if u.LockoutExpiresIn != nil {
		n := int64(*u.LockoutExpiresIn / time.Second)
		lockout = &n
	}
	return json.Marshal(&struct {
		*plain
		MFAEnabledAt          *int64 `json:"mfa_enabled_at"`
		MFADisabledAt         *int64 `json:"mfa_disabled_at"`
		PasswordLastUpdatedAt *int64 `json:"password_last_updated_at,omitempty"`
		LockoutExpiresIn      *int64 `json:"lockout_expires_in_seconds"`
		CreatedAt             int64  `json:"created_at"`
		UpdatedAt             int64  `json:"updated_at"`
		LastSignInAt          *int64 `json:"last_sign_in_at"`
		LastActiveAt          *int64 `json:"last_active_at"`
		LegalAcceptedAt       *int64 `json:"legal_accepted_at"`
	}{&p, transport.UnixMilliPtr(u.MFAEnabledAt), transport.UnixMilliPtr(u.MFADisabledAt), transport.UnixMilliPtr(u.PasswordLastUpdatedAt), lockout,
		transport.UnixMilli(u.CreatedAt), transport.UnixMilli(u.UpdatedAt), transport.UnixMilliPtr(u.LastSignInAt), transport.UnixMilliPtr(u.LastActiveAt), transport.UnixMilliPtr(u.LegalAcceptedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (e EmailAddress) MarshalJSON() ([]byte, error) {
	type plain EmailAddress
	p := plain(e)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(e.CreatedAt), transport.UnixMilli(e.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (n PhoneNumber) MarshalJSON() ([]byte, error) {
	type plain PhoneNumber
	p := plain(n)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(n.CreatedAt), transport.UnixMilli(n.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (w Web3Wallet) MarshalJSON() ([]byte, error) {
	type plain Web3Wallet
	p := plain(w)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(w.CreatedAt), transport.UnixMilli(w.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (k Passkey) MarshalJSON() ([]byte, error) {
	type plain Passkey
	p := plain(k)
	return json.Marshal(&struct {
		*plain
		LastUsedAt int64 `json:"last_used_at"`
	}{&p, transport.UnixMilli(k.LastUsedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (v Verification) MarshalJSON() ([]byte, error) {
	type plain Verification
	p := plain(v)
	return json.Marshal(&struct {
		*plain
		ExpireAt *int64 `json:"expire_at"`
	}{&p, transport.UnixMilliPtr(v.ExpireAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (a ExternalAccount) MarshalJSON() ([]byte, error) {
	type plain ExternalAccount
	p := plain(a)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(a.CreatedAt), transport.UnixMilli(a.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (a SAMLAccount) MarshalJSON() ([]byte, error) {
	type plain SAMLAccount
	p := plain(a)
	return json.Marshal(&struct {
		*plain
		LastAuthenticatedAt *int64 `json:"last_authenticated_at,omitempty"`
	}{&p, transport.UnixMilliPtr(a.LastAuthenticatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (c SAMLConnection) MarshalJSON() ([]byte, error) {
	type plain SAMLConnection
	p := plain(c)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(c.CreatedAt), transport.UnixMilli(c.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (a EnterpriseAccount) MarshalJSON() ([]byte, error) {
	type plain EnterpriseAccount
	p := plain(a)
	return json.Marshal(&struct {
		*plain
		LastAuthenticatedAt *int64 `json:"last_authenticated_at,omitempty"`
	}{&p, transport.UnixMilliPtr(a.LastAuthenticatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (c EnterpriseConnection) MarshalJSON() ([]byte, error) {
	type plain EnterpriseConnection
	p := plain(c)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(c.CreatedAt), transport.UnixMilli(c.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (t OAuthAccessToken) MarshalJSON() ([]byte, error) {
	type plain OAuthAccessToken
	p := plain(t)
	return json.Marshal(&struct {
		*plain
		ExpiresAt *int64 `json:"expires_at"`
	}{&p, transport.UnixMilliPtr(t.ExpiresAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (d TrustedDevice) MarshalJSON() ([]byte, error) {
	type plain TrustedDevice
	p := plain(d)
	return json.Marshal(&struct {
		*plain
		CreatedAt  int64  `json:"created_at"`
		UpdatedAt  int64  `json:"updated_at"`
		LastUsedAt *int64 `json:"last_used_at,omitempty"`
		RevokedAt  *int64 `json:"revoked_at,omitempty"`
	}{&p, transport.UnixMilli(d.CreatedAt), transport.UnixMilli(d.UpdatedAt), transport.UnixMilliPtr(d.LastUsedAt), transport.UnixMilliPtr(d.RevokedAt)})
}
