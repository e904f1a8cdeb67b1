package clerktest

import (
	"net/http"
	"net/url"
	"slices"
)

type createMembershipBody struct {
	UserID          *string   `json:"user_id"`
	Role            *string   `json:"role"`
	PublicMetadata  rawObject `json:"public_metadata"`
	PrivateMetadata rawObject `json:"private_metadata"`
}

type updateMembershipBody struct {
	Role *string `json:"role"`
}

func createMembership(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	var b createMembershipBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.UserID == nil || *b.UserID == "" {
		return nil, errMissing("user_id")
	}
	if b.Role == nil {
		return nil, errMissing("role")
	}
	if e := s.st.checkRole(*b.Role); e != nil {
		return nil, e
	}
	if e := b.PublicMetadata.check("public_metadata", true); e != nil {
		return nil, e
	}
	if e := b.PrivateMetadata.check("private_metadata", true); e != nil {
		return nil, e
	}
	u, e := s.st.lookupUser(*b.UserID)
	if e != nil {
		return nil, e
	}
	m, e := s.st.join(o, u, *b.Role, cloneMetadata(b.PublicMetadata.obj()), cloneMetadata(b.PrivateMetadata.obj()), s.nowMillis())
	if e != nil {
		return nil, e
	}
	return s.st.membershipJSON(m), nil
}

// join adds a member after the checks the real API makes.
func (st *state) join(o *org, u *user, role string, pub, priv map[string]any, now int64) (*membership, *apiError) {
	if st.findMembership(o.id, u.id) != nil {
		return nil, newError(http.StatusBadRequest, "already_a_member_in_organization", "already a member",
			"User "+u.id+" is already a member of the organization.")
	}
	if o.maxMembers > 0 && int64(st.memberCount(o.id)) >= o.maxMembers {
		return nil, newError(http.StatusForbidden, "organization_membership_quota_exceeded",
			"membership quota exceeded", "The organization has reached its maximum number of memberships.")
	}
	return st.addMembership(o, u, role, pub, priv, now), nil
}

func updateMembership(s *Server, r *http.Request) (any, *apiError) {
	_, m, e := s.st.lookupMembership(r.PathValue("organization_id"), r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b updateMembershipBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Role == nil {
		return nil, errMissing("role")
	}
	if e := s.st.checkRole(*b.Role); e != nil {
		return nil, e
	}
	m.role = *b.Role
	m.updatedAt = s.nowMillis()
	return s.st.membershipJSON(m), nil
}

// deleteMembership answers the membership as it was (not a deleted
// object), as the spec says.
func deleteMembership(s *Server, r *http.Request) (any, *apiError) {
	_, m, e := s.st.lookupMembership(r.PathValue("organization_id"), r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	out := s.st.membershipJSON(m)
	s.st.removeMembership(m)
	return out, nil
}

func mergeMembershipMetadata(s *Server, r *http.Request) (any, *apiError) {
	_, m, e := s.st.lookupMembership(r.PathValue("organization_id"), r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b orgMetadataBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := b.PublicMetadata.check("public_metadata", false); e != nil {
		return nil, e
	}
	if e := b.PrivateMetadata.check("private_metadata", false); e != nil {
		return nil, e
	}
	applyMetadata(&m.pub, &b.PublicMetadata, false)
	applyMetadata(&m.priv, &b.PrivateMetadata, false)
	m.updatedAt = s.nowMillis()
	return s.st.membershipJSON(m), nil
}

func membershipOrderFields() []string {
	return []string{"phone_number", "email_address", "created_at", "first_name", "last_name", "username"}
}

// sortMemberships orders by the membership's created_at or the member's
// fields.
func (st *state) sortMemberships(ms []*membership, o ordering) {
	sortBy(ms, o, func(m *membership, field string) sortKey {
		if field == "created_at" {
			return sortKey{n: i64p(m.createdAt), seq: m.seq}
		}
		k := sortKey{seq: m.seq}
		if u, ok := st.users[m.userID]; ok {
			k.s, k.n = userSortKey(u, field).s, userSortKey(u, field).n
		}
		return k
	})
}

func (st *state) membershipPage(ms []*membership, q url.Values, orderable bool) (any, *apiError) {
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	ord := ordering{field: "created_at", desc: true}
	if orderable {
		if ord, e = parseOrder(q, "-created_at", membershipOrderFields()...); e != nil {
			return nil, e
		}
	}
	st.sortMemberships(ms, ord)
	out := make([]membershipJSON, 0, len(ms))
	for _, m := range paginate(ms, p) {
		out = append(out, st.membershipJSON(m))
	}
	return envelope[membershipJSON]{Data: out, TotalCount: int64(len(ms))}, nil
}

func listOrgMemberships(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	f, e := parseUserFilter(q)
	if e != nil {
		return nil, e
	}
	roles, e := listParam(q, "role")
	if e != nil {
		return nil, e
	}
	var ms []*membership
	for _, m := range s.st.memberships {
		if m.orgID != o.id || (len(roles) > 0 && !slices.Contains(roles, m.role)) {
			continue
		}
		if u, ok := s.st.users[m.userID]; ok && f.match(u, s.st.orgsOfUser) {
			ms = append(ms, m)
		}
	}
	return s.st.membershipPage(ms, q, true)
}

func listInstanceMemberships(s *Server, r *http.Request) (any, *apiError) {
	ms := make([]*membership, 0, len(s.st.memberships))
	for _, m := range s.st.memberships {
		ms = append(ms, m)
	}
	return s.st.membershipPage(ms, r.URL.Query(), true)
}

func listUserMemberships(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var ms []*membership
	for _, m := range s.st.memberships {
		if m.userID == u.id {
			ms = append(ms, m)
		}
	}
	return s.st.membershipPage(ms, r.URL.Query(), false)
}
