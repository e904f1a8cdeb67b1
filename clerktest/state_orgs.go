package clerktest

import (
	"strconv"
	"strings"
)

// org is a stored organization.
type org struct {
	id, name, slug       string
	seq                  int64
	maxMembers           int64
	adminDelete          bool
	pub, priv            map[string]any
	createdBy            *string
	roleSetKey           *string
	createdAt, updatedAt int64
	// logoURL is set by PUT /organizations/{id}/logo (handlers_extras.go).
	logoURL string
}

// orgJSON is the spec's Organization schema. members_count and
// missing_member_with_elevated_permissions appear only when asked for.
type orgJSON struct {
	Object                    string         `json:"object"`
	ID                        string         `json:"id"`
	Name                      string         `json:"name"`
	Slug                      string         `json:"slug"`
	ImageURL                  string         `json:"image_url"`
	HasImage                  bool           `json:"has_image"`
	MembersCount              *int64         `json:"members_count,omitempty"`
	MissingMemberWithElevated *bool          `json:"missing_member_with_elevated_permissions,omitempty"`
	MaxAllowedMemberships     int64          `json:"max_allowed_memberships"`
	AdminDeleteEnabled        bool           `json:"admin_delete_enabled"`
	PublicMetadata            map[string]any `json:"public_metadata"`
	PrivateMetadata           map[string]any `json:"private_metadata"`
	CreatedBy                 *string        `json:"created_by,omitempty"`
	RoleSetKey                *string        `json:"role_set_key,omitempty"`
	CreatedAt                 int64          `json:"created_at"`
	UpdatedAt                 int64          `json:"updated_at"`
}

// orgCounts asks for the optional counters of an organization answer.
type orgCounts struct{ members, missingElevated bool }

func (st *state) orgJSON(o *org, c orgCounts) orgJSON {
	out := orgJSON{
		Object: "organization", ID: o.id, Name: o.name, Slug: o.slug,
		ImageURL: imageURL, MaxAllowedMemberships: o.maxMembers, AdminDeleteEnabled: o.adminDelete,
		PublicMetadata: cloneMetadata(o.pub), PrivateMetadata: cloneMetadata(o.priv),
		CreatedBy: o.createdBy, RoleSetKey: o.roleSetKey,
		CreatedAt: o.createdAt, UpdatedAt: o.updatedAt,
	}
	if o.logoURL != "" {
		out.ImageURL, out.HasImage = o.logoURL, true
	}
	if c.members {
		out.MembersCount = i64p(int64(st.memberCount(o.id)))
	}
	if c.missingElevated {
		missing := true
		for _, m := range st.memberships {
			if m.orgID == o.id && m.role == roleAdmin {
				missing = false
				break
			}
		}
		out.MissingMemberWithElevated = &missing
	}
	return out
}

func (st *state) memberCount(orgID string) int {
	n := 0
	for _, m := range st.memberships {
		if m.orgID == orgID {
			n++
		}
	}
	return n
}

// lookupOrg finds an organization by ID or slug, or answers 404.
func (st *state) lookupOrg(idOrSlug string) (*org, *apiError) {
	if o, ok := st.orgs[idOrSlug]; ok {
		return o, nil
	}
	for _, o := range st.orgs {
		if o.slug == idOrSlug {
			return o, nil
		}
	}
	return nil, errNotFound("organization", idOrSlug)
}

func (st *state) slugTaken(slug, except string) bool {
	for _, o := range st.orgs {
		if o.slug == slug && o.id != except {
			return true
		}
	}
	return false
}

// validSlug: lowercase letters, digits and "-".
func validSlug(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// slugFrom derives a free slug from a name: "Acme Inc." -> "acme-inc",
// then "acme-inc-2" when taken.
func (st *state) slugFrom(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.TrimSuffix(b.String(), "-")
	if base == "" {
		base = "org"
	}
	slug := base
	for i := 2; st.slugTaken(slug, ""); i++ {
		slug = base + "-" + strconv.Itoa(i)
	}
	return slug
}

// removeOrg deletes an organization with its memberships and invitations.
func (st *state) removeOrg(id string) {
	delete(st.orgs, id)
	for mid, m := range st.memberships {
		if m.orgID == id {
			delete(st.memberships, mid)
		}
	}
	for iid, inv := range st.orgInvitations {
		if inv.orgID == id {
			delete(st.orgInvitations, iid)
		}
	}
	for _, s := range st.sessions {
		if s.lastActiveOrgID != nil && *s.lastActiveOrgID == id {
			s.lastActiveOrgID = nil
		}
	}
}
