package invitations

import (
	"encoding/json"

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

// Invitation is an application invitation. Timestamps are Unix
// milliseconds. The public metadata ends up in the user's public metadata
// once the invitation is accepted; read it typed with PublicMetadata.
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
	ExpiresAt *int64 `json:"expires_at"`
	CreatedAt int64  `json:"created_at"`
	UpdatedAt int64  `json:"updated_at"`
}

// PublicMetadata decodes the invitation's public metadata into T. Empty or
// null metadata gives T's zero value.
func PublicMetadata[T any](inv *Invitation) (T, error) {
	return transport.DecodeObject[T](inv.PublicMetadata)
}
