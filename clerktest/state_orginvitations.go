package clerktest

// orgInvitation is a stored organization invitation.
type orgInvitation struct {
	id, orgID, email, role, status string
	seq                            int64
	inviterID                      *string
	inviter                        *inviterJSON // snapshot at creation
	pub, priv                      map[string]any
	url                            *string
	expiresAt                      *int64
	createdAt, updatedAt           int64
}

// inviterJSON is OrganizationInvitationPublicUserData.
type inviterJSON struct {
	UserID     string  `json:"user_id"`
	FirstName  *string `json:"first_name"`
	LastName   *string `json:"last_name"`
	ImageURL   string  `json:"image_url"`
	HasImage   bool    `json:"has_image"`
	Identifier string  `json:"identifier"`
}

// orgInvitationJSON is the spec's OrganizationInvitation (no extra fields:
// its schema forbids them). public_inviter_data is null when nobody is
// named as inviter, as the real API answers for Backend API invitations.
type orgInvitationJSON struct {
	Object            string         `json:"object"`
	ID                string         `json:"id"`
	EmailAddress      string         `json:"email_address"`
	Role              string         `json:"role"`
	RoleName          string         `json:"role_name"`
	OrganizationID    string         `json:"organization_id"`
	InviterID         *string        `json:"inviter_id"`
	PublicInviterData *inviterJSON   `json:"public_inviter_data"`
	Status            string         `json:"status"`
	PublicMetadata    map[string]any `json:"public_metadata"`
	PrivateMetadata   map[string]any `json:"private_metadata"`
	URL               *string        `json:"url"`
	ExpiresAt         *int64         `json:"expires_at"`
	CreatedAt         int64          `json:"created_at"`
	UpdatedAt         int64          `json:"updated_at"`
}

// publicOrgJSON is OrganizationInvitationPublicOrganizationData.
type publicOrgJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	ImageURL string `json:"image_url"`
	HasImage bool   `json:"has_image"`
}

// orgInvitationWithOrgJSON is the instance-wide and per-user shape, with
// the organization's public data.
type orgInvitationWithOrgJSON struct {
	orgInvitationJSON
	PublicOrganizationData *publicOrgJSON `json:"public_organization_data,omitempty"`
}

func (inv *orgInvitation) json() orgInvitationJSON {
	out := orgInvitationJSON{
		Object: "organization_invitation", ID: inv.id, EmailAddress: inv.email,
		Role: inv.role, RoleName: roleName(inv.role), OrganizationID: inv.orgID,
		InviterID: inv.inviterID, Status: inv.status,
		PublicMetadata: cloneMetadata(inv.pub), PrivateMetadata: cloneMetadata(inv.priv),
		URL: inv.url, ExpiresAt: inv.expiresAt, CreatedAt: inv.createdAt, UpdatedAt: inv.updatedAt,
	}
	if inv.inviter != nil {
		cp := *inv.inviter
		out.PublicInviterData = &cp
	}
	return out
}

func (st *state) orgInvitationWithOrg(inv *orgInvitation) orgInvitationWithOrgJSON {
	out := orgInvitationWithOrgJSON{orgInvitationJSON: inv.json()}
	if o, ok := st.orgs[inv.orgID]; ok {
		out.PublicOrganizationData = &publicOrgJSON{ID: o.id, Name: o.name, Slug: o.slug, ImageURL: imageURL}
	}
	return out
}

// status reports "expired" for a pending invitation past its expiry.
func (inv *orgInvitation) currentStatus(now int64) string {
	if inv.status == "pending" && inv.expiresAt != nil && *inv.expiresAt <= now {
		return "expired"
	}
	return inv.status
}
