package bans

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Identifier types, for AllowlistIdentifier.IdentifierType and
// BlocklistIdentifier.IdentifierType.
const (
	IdentifierEmailAddress = "email_address"
	IdentifierPhoneNumber  = "phone_number"
	IdentifierWeb3Wallet   = "web3_wallet"
)

// AllowlistIdentifier is an identifier allowed to sign up when the
// instance's allowlist is on.
type AllowlistIdentifier struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// InvitationID is the invitation sent when the identifier was added
	// with Notify, if any.
	InvitationID string `json:"invitation_id,omitempty"`
	// Identifier is an email address (or "*@domain"), a phone number or a
	// web3 wallet.
	Identifier     string    `json:"identifier"`
	IdentifierType string    `json:"identifier_type"`
	InstanceID     string    `json:"instance_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (a *AllowlistIdentifier) UnmarshalJSON(b []byte) error {
	type plain AllowlistIdentifier
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(a), transport.Millis{T: &a.CreatedAt}, transport.Millis{T: &a.UpdatedAt}})
}

// BlocklistIdentifier is an identifier barred from the instance.
type BlocklistIdentifier struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Identifier is an email address, an email domain, a phone number or
	// a web3 wallet.
	Identifier     string    `json:"identifier"`
	IdentifierType string    `json:"identifier_type"`
	InstanceID     string    `json:"instance_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (bl *BlocklistIdentifier) UnmarshalJSON(b []byte) error {
	type plain BlocklistIdentifier
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(bl), transport.Millis{T: &bl.CreatedAt}, transport.Millis{T: &bl.UpdatedAt}})
}

// MarshalJSON writes the instants as Unix milliseconds, the API's wire
// form, so an identifier encodes the way it was decoded.
func (a AllowlistIdentifier) MarshalJSON() ([]byte, error) {
	type plain AllowlistIdentifier
	return json.Marshal(struct {
		plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{plain(a), transport.UnixMilli(a.CreatedAt), transport.UnixMilli(a.UpdatedAt)})
}

// MarshalJSON writes the instants as Unix milliseconds, the API's wire
// form, so an identifier encodes the way it was decoded.
func (bl BlocklistIdentifier) MarshalJSON() ([]byte, error) {
	type plain BlocklistIdentifier
	return json.Marshal(struct {
		plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{plain(bl), transport.UnixMilli(bl.CreatedAt), transport.UnixMilli(bl.UpdatedAt)})
}
