package organizations

import (
	"encoding/json"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
)

// Organization is a Clerk organization. Metadata stays raw JSON; read it
// typed with clerk.DecodeMetadata.
type Organization struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	Name   string `json:"name"`
	Slug   string `json:"slug"`
	// ImageURL is the logo, or a generated placeholder when HasImage is false.
	ImageURL string `json:"image_url,omitempty"`
	HasImage bool   `json:"has_image"`
	// LogoURL is only sent by older endpoints.
	//
	// Deprecated: use ImageURL.
	LogoURL string `json:"logo_url,omitempty"`
	// MembersCount is only filled when asked for (WithMembersCount, or
	// ListParams.IncludeMembersCount).
	MembersCount *int `json:"members_count,omitempty"`
	// MissingMemberWithElevatedPermissions is only filled when asked for
	// (WithMissingMemberWithElevatedPermissions, or ListParams'
	// IncludeMissingMemberWithElevatedPermissions).
	MissingMemberWithElevatedPermissions *bool `json:"missing_member_with_elevated_permissions,omitempty"`
	// PendingInvitationsCount is only filled on reads that compute it.
	PendingInvitationsCount *int `json:"pending_invitations_count,omitempty"`
	// MaxAllowedMemberships is 0 when the organization has no limit.
	MaxAllowedMemberships int             `json:"max_allowed_memberships"`
	AdminDeleteEnabled    bool            `json:"admin_delete_enabled"`
	PublicMetadata        json.RawMessage `json:"public_metadata"`
	PrivateMetadata       json.RawMessage `json:"private_metadata,omitempty"`
	// CreatedBy is the ID of the user who created the organization, if any.
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// LastActiveAt is nil when the API does not say.
	LastActiveAt *time.Time `json:"last_active_at,omitempty"`
	// RoleSetKey names the role set assigned to the organization; nil when
	// it uses the instance default.
	RoleSetKey *string `json:"role_set_key,omitempty"`
}

// Membership is a user's membership in an organization. It carries the
// whole organization and the member's public user data, so a membership
// list is enough to render either side of the relation.
type Membership struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	// Role is the role key, e.g. "org:admin".
	Role string `json:"role"`
	// RoleName is the role's display name.
	RoleName        string          `json:"role_name,omitempty"`
	Permissions     []string        `json:"permissions"`
	PublicMetadata  json.RawMessage `json:"public_metadata"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
	Organization    Organization    `json:"organization"`
	// PublicUserData is the member's public profile; nil when the API
	// leaves it out.
	PublicUserData *PublicUserData `json:"public_user_data,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

// PublicUserData is the public part of a member's profile, as embedded in a
// Membership.
type PublicUserData struct {
	UserID    string  `json:"user_id"`
	FirstName *string `json:"first_name"`
	LastName  *string `json:"last_name"`
	// ProfileImageURL is kept for older callers.
	//
	// Deprecated: use ImageURL.
	ProfileImageURL *string `json:"profile_image_url"`
	ImageURL        string  `json:"image_url"`
	HasImage        bool    `json:"has_image"`
	// Identifier is the user's primary identifier (email, phone, ...).
	Identifier    *string `json:"identifier,omitempty"`
	Username      *string `json:"username,omitempty"`
	Banned        bool    `json:"banned,omitempty"`
	Deprovisioned bool    `json:"deprovisioned,omitempty"`
}

// Invitation is an invitation to join an organization.
type Invitation struct {
	Object       string `json:"object"`
	ID           string `json:"id"`
	EmailAddress string `json:"email_address"`
	// Role is the role key the invitee gets on accepting, e.g. "org:member".
	Role           string `json:"role"`
	RoleName       string `json:"role_name"`
	OrganizationID string `json:"organization_id,omitempty"`
	// InviterID is nil when the invitation was not sent on a user's behalf.
	InviterID         *string      `json:"inviter_id"`
	PublicInviterData *InviterData `json:"public_inviter_data"`
	// Status is "pending", "accepted", "revoked" or "expired".
	Status          string          `json:"status,omitempty"`
	PublicMetadata  json.RawMessage `json:"public_metadata"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
	// URL is the link the invitee follows; nil when there is none.
	URL *string `json:"url"`
	// ExpiresAt is nil for an invitation that does not expire.
	ExpiresAt *time.Time `json:"expires_at"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	// PublicOrganizationData is only filled by the instance-wide invitation
	// list, where the invitations come from many organizations.
	PublicOrganizationData *PublicOrganizationData `json:"public_organization_data,omitempty"`
}

// InviterData is the public profile of the user who sent an invitation.
type InviterData struct {
	UserID     string  `json:"user_id"`
	FirstName  *string `json:"first_name"`
	LastName   *string `json:"last_name"`
	ImageURL   string  `json:"image_url"`
	HasImage   bool    `json:"has_image"`
	Identifier string  `json:"identifier"`
}

// PublicOrganizationData is the public part of an organization, as embedded
// in an Invitation from the instance-wide list.
type PublicOrganizationData struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	ImageURL string `json:"image_url,omitempty"`
	HasImage bool   `json:"has_image"`
}

// The API sends instants as Unix milliseconds; these decoders turn them
// into time.Time (see transport.Millis).

// UnmarshalJSON decodes the organization, its instants included.
func (o *Organization) UnmarshalJSON(b []byte) error {
	type plain Organization
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt    transport.Millis    `json:"created_at"`
		UpdatedAt    transport.Millis    `json:"updated_at"`
		LastActiveAt transport.MillisPtr `json:"last_active_at"`
	}{(*plain)(o), transport.Millis{T: &o.CreatedAt}, transport.Millis{T: &o.UpdatedAt}, transport.MillisPtr{T: &o.LastActiveAt}})
}

// UnmarshalJSON decodes the membership, its instants included.
func (m *Membership) UnmarshalJSON(b []byte) error {
	type plain Membership
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(m), transport.Millis{T: &m.CreatedAt}, transport.Millis{T: &m.UpdatedAt}})
}

// UnmarshalJSON decodes the invitation, its instants included.
func (inv *Invitation) UnmarshalJSON(b []byte) error {
	type plain Invitation
	return json.Unmarshal(b, &struct {
		*plain
		ExpiresAt transport.MillisPtr `json:"expires_at"`
		CreatedAt transport.Millis    `json:"created_at"`
		UpdatedAt transport.Millis    `json:"updated_at"`
	}{(*plain)(inv), transport.MillisPtr{T: &inv.ExpiresAt}, transport.Millis{T: &inv.CreatedAt}, transport.Millis{T: &inv.UpdatedAt}})
}

// The MarshalJSON methods write the wire shape back (Unix-millisecond
// instants), so that a resource an application encodes (a cache, a queue)
// decodes again to the same value.

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (o Organization) MarshalJSON() ([]byte, error) {
	type plain Organization
	p := plain(o)
	return json.Marshal(&struct {
		*plain
		CreatedAt    int64  `json:"created_at"`
		UpdatedAt    int64  `json:"updated_at"`
		LastActiveAt *int64 `json:"last_active_at,omitempty"`
	}{&p, transport.UnixMilli(o.CreatedAt), transport.UnixMilli(o.UpdatedAt), transport.UnixMilliPtr(o.LastActiveAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (m Membership) MarshalJSON() ([]byte, error) {
	type plain Membership
	p := plain(m)
	return json.Marshal(&struct {
		*plain
		CreatedAt int64 `json:"created_at"`
		UpdatedAt int64 `json:"updated_at"`
	}{&p, transport.UnixMilli(m.CreatedAt), transport.UnixMilli(m.UpdatedAt)})
}

// MarshalJSON encodes the wire shape (Unix-millisecond instants).
func (inv Invitation) MarshalJSON() ([]byte, error) {
	type plain Invitation
	p := plain(inv)
	return json.Marshal(&struct {
		*plain
		ExpiresAt *int64 `json:"expires_at"`
		CreatedAt int64  `json:"created_at"`
		UpdatedAt int64  `json:"updated_at"`
	}{&p, transport.UnixMilliPtr(inv.ExpiresAt), transport.UnixMilli(inv.CreatedAt), transport.UnixMilli(inv.UpdatedAt)})
}
