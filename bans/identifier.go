package bans

// Identifier types, for AllowlistIdentifier.IdentifierType and
// BlocklistIdentifier.IdentifierType.
const (
	IdentifierEmailAddress = "email_address"
	IdentifierPhoneNumber  = "phone_number"
	IdentifierWeb3Wallet   = "web3_wallet"
)

// AllowlistIdentifier is an identifier allowed to sign up when the
// instance's allowlist is on. Timestamps are Unix milliseconds.
type AllowlistIdentifier struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// InvitationID is the invitation sent when the identifier was added
	// with Notify, if any.
	InvitationID string `json:"invitation_id,omitempty"`
	// Identifier is an email address (or "*@domain"), a phone number or a
	// web3 wallet.
	Identifier     string `json:"identifier"`
	IdentifierType string `json:"identifier_type"`
	InstanceID     string `json:"instance_id,omitempty"`
	CreatedAt      int64  `json:"created_at"`
	UpdatedAt      int64  `json:"updated_at"`
}

// BlocklistIdentifier is an identifier barred from the instance.
// Timestamps are Unix milliseconds.
type BlocklistIdentifier struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Identifier is an email address, an email domain, a phone number or
	// a web3 wallet.
	Identifier     string `json:"identifier"`
	IdentifierType string `json:"identifier_type"`
	InstanceID     string `json:"instance_id,omitempty"`
	CreatedAt      int64  `json:"created_at"`
	UpdatedAt      int64  `json:"updated_at"`
}

// DeletedObject is the API's answer to a delete.
type DeletedObject struct {
	Object     string `json:"object"`
	ID         string `json:"id,omitempty"`
	Slug       string `json:"slug,omitempty"`
	Deleted    bool   `json:"deleted"`
	ExternalID string `json:"external_id,omitempty"`
}
