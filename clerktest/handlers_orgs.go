package clerktest

import (
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"
)

type createOrgBody struct {
	Name                  *string   `json:"name"`
	CreatedBy             *string   `json:"created_by"`
	PrivateMetadata       rawObject `json:"private_metadata"`
	PublicMetadata        rawObject `json:"public_metadata"`
	Slug                  *string   `json:"slug"`
	MaxAllowedMemberships *int64    `json:"max_allowed_memberships"`
	CreatedAt             *string   `json:"created_at"`
	RoleSetKey            *string   `json:"role_set_key"`
}

// updateOrgBody: since 2026-05-12 metadata is refused here (422).
type updateOrgBody struct {
	Name                  opt[string] `json:"name"`
	Slug                  opt[string] `json:"slug"`
	MaxAllowedMemberships opt[int64]  `json:"max_allowed_memberships"`
	AdminDeleteEnabled    opt[bool]   `json:"admin_delete_enabled"`
	CreatedAt             opt[string] `json:"created_at"`
	RoleSetKey            opt[string] `json:"role_set_key"`
}

type orgMetadataBody struct {
	PublicMetadata  rawObject `json:"public_metadata"`
	PrivateMetadata rawObject `json:"private_metadata"`
}

func parseOrgCounts(q url.Values) (orgCounts, *apiError) {
	members, _, e := boolParam(q, "include_members_count")
	if e != nil {
		return orgCounts{}, e
	}
	missing, _, e := boolParam(q, "include_missing_member_with_elevated_permissions")
	if e != nil {
		return orgCounts{}, e
	}
	return orgCounts{members: members, missingElevated: missing}, nil
}

func checkOrgName(name string) *apiError {
	if name == "" {
		return errMissing("name")
	}
	if utf8.RuneCountInString(name) > 256 {
		return errValue("name", "must be at most 256 characters")
	}
	return nil
}

func createOrg(s *Server, r *http.Request) (any, *apiError) {
	var b createOrgBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	o, e := s.st.createOrg(&b, s.nowMillis())
	if e != nil {
		return nil, e
	}
	return s.st.orgJSON(o, orgCounts{}), nil
}

// createOrg validates and stores an organization; created_by becomes its
// first admin, as on the real API.
func (st *state) createOrg(b *createOrgBody, now int64) (*org, *apiError) {
	if b.Name == nil {
		return nil, errMissing("name")
	}
	if e := checkOrgName(*b.Name); e != nil {
		return nil, e
	}
	if e := b.PublicMetadata.check("public_metadata", true); e != nil {
		return nil, e
	}
	if e := b.PrivateMetadata.check("private_metadata", true); e != nil {
		return nil, e
	}
	var creator *user
	if b.CreatedBy != nil && *b.CreatedBy != "" {
		u, ok := st.users[*b.CreatedBy]
		if !ok {
			return nil, errValue("created_by", "no user with id "+*b.CreatedBy)
		}
		creator = u
	}
	slug := ""
	if b.Slug != nil && *b.Slug != "" {
		if !validSlug(*b.Slug) {
			return nil, errFormat("slug", "may contain only lowercase letters, digits and \"-\"")
		}
		if st.slugTaken(*b.Slug, "") {
			return nil, errTaken("slug", *b.Slug)
		}
		slug = *b.Slug
	} else {
		slug = st.slugFrom(*b.Name)
	}
	var maxMembers int64
	if b.MaxAllowedMemberships != nil {
		if *b.MaxAllowedMemberships < 0 {
			return nil, errValue("max_allowed_memberships", "must be 0 (unlimited) or more")
		}
		maxMembers = *b.MaxAllowedMemberships
	}
	createdAt := now
	if b.CreatedAt != nil && *b.CreatedAt != "" {
		t, err := time.Parse(time.RFC3339Nano, *b.CreatedAt)
		if err != nil {
			return nil, errFormat("created_at", "must be an RFC3339 date-time")
		}
		createdAt = t.UnixMilli()
	}
	o := &org{
		id: newID("org"), seq: st.next(), name: *b.Name, slug: slug, maxMembers: maxMembers, adminDelete: true,
		pub: cloneMetadata(b.PublicMetadata.obj()), priv: cloneMetadata(b.PrivateMetadata.obj()),
		roleSetKey: b.RoleSetKey, createdAt: createdAt, updatedAt: now,
	}
	if creator != nil {
		o.createdBy = strp(creator.id)
	}
	st.orgs[o.id] = o
	if creator != nil {
		st.addMembership(o, creator, roleAdmin, nil, nil, now)
	}
	return o, nil
}

func getOrg(s *Server, r *http.Request) (any, *apiError) {
	c, e := parseOrgCounts(r.URL.Query())
	if e != nil {
		return nil, e
	}
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	return s.st.orgJSON(o, c), nil
}

func updateOrg(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	var b updateOrgBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if v := b.Name.ptr(); v != nil {
		if e := checkOrgName(*v); e != nil {
			return nil, e
		}
	}
	if v := b.Slug.ptr(); v != nil {
		if !validSlug(*v) {
			return nil, errFormat("slug", "may contain only lowercase letters, digits and \"-\"")
		}
		if s.st.slugTaken(*v, o.id) {
			return nil, errTaken("slug", *v)
		}
	}
	if v := b.MaxAllowedMemberships.ptr(); v != nil && *v < 0 {
		return nil, errValue("max_allowed_memberships", "must be 0 (unlimited) or more")
	}
	var createdAt *int64
	if v := b.CreatedAt.ptr(); v != nil {
		t, err := time.Parse(time.RFC3339Nano, *v)
		if err != nil {
			return nil, errFormat("created_at", "must be an RFC3339 date-time")
		}
		createdAt = i64p(t.UnixMilli())
	}
	if v := b.Name.ptr(); v != nil {
		o.name = *v
	}
	if v := b.Slug.ptr(); v != nil {
		o.slug = *v
	}
	if v := b.MaxAllowedMemberships.ptr(); v != nil {
		o.maxMembers = *v
	}
	if v := b.AdminDeleteEnabled.ptr(); v != nil {
		o.adminDelete = *v
	}
	if createdAt != nil {
		o.createdAt = *createdAt
	}
	setOpt(&o.roleSetKey, b.RoleSetKey)
	o.updatedAt = s.nowMillis()
	return s.st.orgJSON(o, orgCounts{}), nil
}

func deleteOrg(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	s.st.removeOrg(o.id)
	return deletedObject{Object: "organization", ID: o.id, Slug: o.slug, Deleted: true}, nil
}

func mergeOrgMetadata(s *Server, r *http.Request) (any, *apiError) {
	return writeOrgMetadata(s, r, false)
}

func replaceOrgMetadata(s *Server, r *http.Request) (any, *apiError) {
	return writeOrgMetadata(s, r, true)
}

func writeOrgMetadata(s *Server, r *http.Request, replace bool) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
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
	applyMetadata(&o.pub, &b.PublicMetadata, replace)
	applyMetadata(&o.priv, &b.PrivateMetadata, replace)
	o.updatedAt = s.nowMillis()
	return s.st.orgJSON(o, orgCounts{}), nil
}

func listOrgs(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	c, e := parseOrgCounts(q)
	if e != nil {
		return nil, e
	}
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	ord, e := parseOrder(q, "-created_at", "name", "created_at", "members_count")
	if e != nil {
		return nil, e
	}
	userIDs, e := listParam(q, "user_id")
	if e != nil {
		return nil, e
	}
	orgIDs, e := listParam(q, "organization_id")
	if e != nil {
		return nil, e
	}
	byUser, byOrg, query := parseIDFilter(userIDs), parseIDFilter(orgIDs), q.Get("query")
	orgs := make([]*org, 0, len(s.st.orgs))
	for _, o := range s.st.orgs {
		if byOrg.active() && !byOrg.matchAny(o.id) {
			continue
		}
		if byUser.active() && !byUser.matchAny(s.st.membersOf(o.id)...) {
			continue
		}
		if query != "" && o.id != query && !contains(o.name, query) && !contains(o.slug, query) {
			continue
		}
		orgs = append(orgs, o)
	}
	sortBy(orgs, ord, func(o *org, field string) sortKey {
		k := sortKey{seq: o.seq}
		switch field {
		case "name":
			k.s = strp(o.name)
		case "created_at":
			k.n = i64p(o.createdAt)
		case "members_count":
			k.n = i64p(int64(s.st.memberCount(o.id)))
		}
		return k
	})
	out := make([]orgJSON, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, s.st.orgJSON(o, c))
	}
	return envelopeOf(out, p), nil
}

// membersOf lists the user IDs of an organization's members.
func (st *state) membersOf(orgID string) []string {
	var out []string
	for _, m := range st.memberships {
		if m.orgID == orgID {
			out = append(out, m.userID)
		}
	}
	return out
}
