package clerktest

import (
	"net/http"
	"slices"
	"strings"
)

var enrollmentModes = []string{"manual_invitation", "automatic_invitation", "automatic_suggestion", "enterprise_sso"}

// domainVerificationJSON is an organization domain's verification.
type domainVerificationJSON struct {
	Status     string `json:"status"`
	Strategy   string `json:"strategy"`
	Attempts   *int64 `json:"attempts"`
	ExpireAt   *int64 `json:"expire_at"`
	VerifiedAt *int64 `json:"verified_at"`
}

type orgDomainJSON struct {
	Object                  string                  `json:"object"`
	ID                      string                  `json:"id"`
	OrganizationID          string                  `json:"organization_id"`
	Name                    string                  `json:"name"`
	EnrollmentMode          string                  `json:"enrollment_mode"`
	AffiliationEmailAddress *string                 `json:"affiliation_email_address"`
	AffiliationVerification *domainVerificationJSON `json:"affiliation_verification"`
	OwnershipVerification   *domainVerificationJSON `json:"ownership_verification"`
	Verification            *domainVerificationJSON `json:"verification"`
	TotalPendingInvitations int64                   `json:"total_pending_invitations"`
	TotalPendingSuggestions int64                   `json:"total_pending_suggestions"`
	PublicOrganizationData  *publicOrgJSON          `json:"public_organization_data"`
	CreatedAt               int64                   `json:"created_at"`
	UpdatedAt               int64                   `json:"updated_at"`
}

func domainVerification(strategy string, done bool, at int64) *domainVerificationJSON {
	v := &domainVerificationJSON{Status: "unverified", Strategy: strategy}
	if done {
		v.Status = "verified"
		v.VerifiedAt = i64p(at)
	}
	return v
}

func (st *state) orgDomainJSON(d *fakeDomain) orgDomainJSON {
	out := orgDomainJSON{
		Object: "organization_domain", ID: d.id, OrganizationID: d.orgID, Name: d.name, EnrollmentMode: d.mode,
		AffiliationVerification: domainVerification("email_code", d.verified, d.updatedAt),
		OwnershipVerification:   domainVerification("dns_record", d.ownership, d.updatedAt),
		Verification:            domainVerification("email_code", d.verified || d.ownership, d.updatedAt),
		CreatedAt:               d.createdAt, UpdatedAt: d.updatedAt,
	}
	if o := st.orgs[d.orgID]; o != nil {
		out.PublicOrganizationData = &publicOrgJSON{ID: o.id, Name: o.name, Slug: o.slug, ImageURL: imageURL}
	}
	return out
}

type orgDomainBody struct {
	Name           *string `json:"name"`
	EnrollmentMode *string `json:"enrollment_mode"`
	Verified       *bool   `json:"verified"`
}

func createOrgDomain(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	var b orgDomainBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	name := strings.ToLower(deref(b.Name))
	switch {
	case name == "":
		return nil, errMissing("name")
	case !strings.Contains(name, ".") || strings.ContainsAny(name, "@/ "):
		return nil, errFormat("name", "must be a domain name such as example.com")
	case deref(b.EnrollmentMode) == "":
		return nil, errMissing("enrollment_mode")
	case !slices.Contains(enrollmentModes, *b.EnrollmentMode):
		return nil, errValue("enrollment_mode", "must be one of "+strings.Join(enrollmentModes, ", "))
	}
	a := s.access()
	for _, d := range a.domains {
		if d.name == name {
			return nil, errTaken("name", name)
		}
	}
	now := s.nowMillis()
	d := &fakeDomain{id: newID("orgdmn"), orgID: o.id, name: name, mode: *b.EnrollmentMode, verified: boolv(b.Verified),
		seq: s.st.next(), createdAt: now, updatedAt: now}
	a.domains[d.id] = d
	return s.st.orgDomainJSON(d), nil
}

// domainFilter keeps domains by organization, verified state and modes.
type domainFilter struct {
	orgID    string
	verified *bool
	modes    idFilter
	query    string
	names    []string
}

func (f domainFilter) keep(d *fakeDomain) bool {
	switch {
	case f.orgID != "" && d.orgID != f.orgID:
		return false
	case f.verified != nil && (d.verified || d.ownership) != *f.verified:
		return false
	case f.modes.active() && !f.modes.matchAny(d.mode):
		return false
	case f.query != "" && !contains(d.name, strings.ToLower(f.query)):
		return false
	case len(f.names) > 0 && !slices.Contains(f.names, d.name):
		return false
	}
	return true
}

func parseDomainFilter(r *http.Request, orgID string) (domainFilter, *apiError) {
	q := r.URL.Query()
	f := domainFilter{orgID: orgID, query: q.Get("query")}
	if f.orgID == "" {
		f.orgID = q.Get("organization_id")
	}
	if v, set, e := boolParam(q, "verified"); e != nil {
		return f, e
	} else if set {
		f.verified = &v
	}
	modes, e := listParam(q, "enrollment_mode")
	if e != nil {
		return f, e
	}
	f.modes = parseIDFilter(modes)
	if f.names, e = listParam(q, "domains"); e != nil {
		return f, e
	}
	return f, nil
}

func (s *Server) domainPage(r *http.Request, f domainFilter) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	o, e := parseOrder(q, "-created_at", "created_at", "name")
	if e != nil {
		return nil, e
	}
	var kept []*fakeDomain
	for _, d := range s.access().domains {
		if f.keep(d) {
			kept = append(kept, d)
		}
	}
	sortBy(kept, o, func(d *fakeDomain, field string) sortKey {
		if field == "name" {
			return sortKey{s: strp(d.name), seq: d.seq}
		}
		return sortKey{n: i64p(d.createdAt), seq: d.seq}
	})
	pg := paginate(kept, p)
	data := make([]orgDomainJSON, 0, len(pg))
	for _, d := range pg {
		data = append(data, s.st.orgDomainJSON(d))
	}
	return envelope[orgDomainJSON]{Data: data, TotalCount: int64(len(kept))}, nil
}

func listOrgDomains(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	f, e := parseDomainFilter(r, o.id)
	if e != nil {
		return nil, e
	}
	return s.domainPage(r, f)
}

func listAllOrgDomains(s *Server, r *http.Request) (any, *apiError) {
	f, e := parseDomainFilter(r, "")
	if e != nil {
		return nil, e
	}
	return s.domainPage(r, f)
}

func (s *Server) orgDomain(r *http.Request) (*fakeDomain, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	id := r.PathValue("domain_id")
	if d := s.access().domains[id]; d != nil && d.orgID == o.id {
		return d, nil
	}
	return nil, errNotFound("organization domain", id)
}

func updateOrgDomain(s *Server, r *http.Request) (any, *apiError) {
	d, e := s.orgDomain(r)
	if e != nil {
		return nil, e
	}
	var b orgDomainBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Name != nil {
		return nil, errUnknownParam("name")
	}
	if b.EnrollmentMode != nil {
		if !slices.Contains(enrollmentModes, *b.EnrollmentMode) {
			return nil, errValue("enrollment_mode", "must be one of "+strings.Join(enrollmentModes, ", "))
		}
		d.mode = *b.EnrollmentMode
	}
	if b.Verified != nil {
		d.verified = *b.Verified
	}
	d.updatedAt = s.nowMillis()
	return s.st.orgDomainJSON(d), nil
}

func deleteOrgDomain(s *Server, r *http.Request) (any, *apiError) {
	d, e := s.orgDomain(r)
	if e != nil {
		return nil, e
	}
	delete(s.access().domains, d.id)
	return deletedJSON("organization_domain", d.id), nil
}

// verifyOrgDomain marks ownership verified: the fake has no DNS, so every
// check passes.
func verifyOrgDomain(s *Server, r *http.Request) (any, *apiError) {
	d, e := s.orgDomain(r)
	if e != nil {
		return nil, e
	}
	d.ownership = true
	d.updatedAt = s.nowMillis()
	return s.st.orgDomainJSON(d), nil
}
