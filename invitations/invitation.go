package invitations

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Invitation statuses, for ListParams.Status and Invitation.Status.
const (
	StatusPending  = "pending"
	StatusAccepted = "accepted"
	StatusRevoked  = "revoked"
	StatusExpired  = "expired"
)

// Email templates an invitation can be sent with (CreateParams.TemplateSlug).
const (
	TemplateInvitation         = "invitation"
	TemplateWaitlistInvitation = "waitlist_invitation"
)

// Invitation is an application invitation. The public metadata ends up in
// the user's public metadata once the invitation is accepted; read it
// typed with PublicMetadata.
type Invitation struct {
	Object         string          `json:"object"`
	ID             string          `json:"id"`
	EmailAddress   string          `json:"email_address"`
	PublicMetadata json.RawMessage `json:"public_metadata"`
	Revoked        bool            `json:"revoked"`
	Status         string          `json:"status"`
	// URL is the link sent in the invitation email, when there is one.
	URL string `json:"url,omitempty"`
	// ExpiresAt is nil for an invitation that never expires.
	ExpiresAt *time.Time `json:"expires_at"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (inv *Invitation) UnmarshalJSON(b []byte) error {
	type plain Invitation
	return json.Unmarshal(b, &struct {
		*plain
		ExpiresAt transport.MillisPtr `json:"expires_at"`
		CreatedAt transport.Millis    `json:"created_at"`
		UpdatedAt transport.Millis    `json:"updated_at"`
	}{(*plain)(inv), transport.MillisPtr{T: &inv.ExpiresAt}, transport.Millis{T: &inv.CreatedAt}, transport.Millis{T: &inv.UpdatedAt}})
}

// MarshalJSON writes the instants as Unix milliseconds, the API's wire
// form, so an invitation encodes the way it was decoded.
func (inv Invitation) MarshalJSON() ([]byte, error) {
	type plain Invitation
	var expires *int64
	if inv.ExpiresAt != nil {
		ms := transport.UnixMilli(*inv.ExpiresAt)
		expires = &ms
	}
	return json.Marshal(struct {
		plain
		ExpiresAt *int64 `json:"expires_at"`
		CreatedAt int64  `json:"created_at"`
		UpdatedAt int64  `json:"updated_at"`
	}{plain(inv), expires, transport.UnixMilli(inv.CreatedAt), transport.UnixMilli(inv.UpdatedAt)})
}

// PublicMetadata decodes the invitation's public metadata into T. Empty or
// null metadata gives T's zero value.
func PublicMetadata[T any](inv *Invitation) (T, error) {
	return transport.DecodeObject[T](inv.PublicMetadata)
}
