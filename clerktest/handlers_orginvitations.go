package clerktest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// maxBulkInvitations is the API's limit of items per bulk invitation call.
const maxBulkInvitations = 10

// dayMillis is one day in milliseconds (invitation expiry).
const dayMillis = 24 * 60 * 60 * 1000

type createOrgInvitationBody struct {
	EmailAddress    *string   `json:"email_address"`
	InviterUserID   *string   `json:"inviter_user_id"`
	Role            *string   `json:"role"`
	PublicMetadata  rawObject `json:"public_metadata"`
	PrivateMetadata rawObject `json:"private_metadata"`
	RedirectURL     *string   `json:"redirect_url"`
	ExpiresInDays   *int64    `json:"expires_in_days"`
	Notify          *bool     `json:"notify"`
}

type revokeOrgInvitationBody struct {
	RequestingUserID *string `json:"requesting_user_id"`
}

func expiryDays(days *int64) (int64, *apiError) {
	if days == nil {
		return 30, nil
	}
	if *days < 1 || *days > 365 {
		return 0, errValue("expires_in_days", "must be between 1 and 365")
	}
	return *days, nil
}

// checkOrgInvitation validates one invitation; pending holds the emails
// already invited in the same bulk call.
func (st *state) checkOrgInvitation(o *org, b *createOrgInvitationBody, pending map[string]bool) *apiError {
	if b.EmailAddress == nil || *b.EmailAddress == "" {
		return errMissing("email_address")
	}
	if !validEmail(*b.EmailAddress) {
		return errFormat("email_address", *b.EmailAddress+" is not a valid email address")
	}
	if b.Role == nil {
		return errMissing("role")
	}
	if e := st.checkRole(*b.Role); e != nil {
		return e
	}
	if e := b.PublicMetadata.check("public_metadata", true); e != nil {
		return e
	}
	if e := b.PrivateMetadata.check("private_metadata", true); e != nil {
		return e
	}
	if _, e := expiryDays(b.ExpiresInDays); e != nil {
		return e
	}
	if b.InviterUserID != nil && *b.InviterUserID != "" {
		if _, ok := st.users[*b.InviterUserID]; !ok {
			return errNotFound("user", *b.InviterUserID)
		}
	}
	email := strings.ToLower(*b.EmailAddress)
	if owner := st.emailOwner(email); owner != nil && st.findMembership(o.id, owner.id) != nil {
		return newError(http.StatusBadRequest, "already_a_member_in_organization", "already a member",
			*b.EmailAddress+" is already a member of the organization.")
	}
	if pending[email] {
		return errDuplicate("organization invitation")
	}
	for _, inv := range st.orgInvitations {
		if inv.orgID == o.id && inv.status == "pending" && strings.EqualFold(inv.email, email) {
			return errDuplicate("pending organization invitation")
		}
	}
	return nil
}

func (st *state) addOrgInvitation(o *org, b *createOrgInvitationBody, now int64) *orgInvitation {
	days, _ := expiryDays(b.ExpiresInDays)
	inv := &orgInvitation{
		id: newID("orginv"), seq: st.next(), orgID: o.id, email: *b.EmailAddress, role: *b.Role, status: "pending",
		pub: cloneMetadata(b.PublicMetadata.obj()), priv: cloneMetadata(b.PrivateMetadata.obj()),
		expiresAt: i64p(now + days*dayMillis), createdAt: now, updatedAt: now,
	}
	if b.Notify != nil && !*b.Notify {
		// Without an email, the caller needs the link to hand it out.
		inv.url = strp("https://accounts.clerktest.local/v1/tickets/accept?ticket=" + randomString(32))
	}
	if b.InviterUserID != nil && *b.InviterUserID != "" {
		u := st.users[*b.InviterUserID]
		inv.inviterID = strp(u.id)
		inv.inviter = &inviterJSON{UserID: u.id, FirstName: u.firstName, LastName: u.lastName,
			ImageURL: imageURL, Identifier: u.identifier()}
	}
	st.orgInvitations[inv.id] = inv
	return inv
}

func createOrgInvitation(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	var b createOrgInvitationBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := s.st.checkOrgInvitation(o, &b, nil); e != nil {
		return nil, e
	}
	return s.st.addOrgInvitation(o, &b, s.nowMillis()).json(), nil
}

// bulkOrgInvitations creates 1..10 invitations, all or none.
func bulkOrgInvitations(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	var items []createOrgInvitationBody
	if e := decodeBody(r, &items); e != nil {
		return nil, e
	}
	if e := checkBulkSize(len(items)); e != nil {
		return nil, e
	}
	seen := map[string]bool{}
	for i := range items {
		if e := s.st.checkOrgInvitation(o, &items[i], seen); e != nil {
			return nil, e
		}
		seen[strings.ToLower(*items[i].EmailAddress)] = true
	}
	now := s.nowMillis()
	out := make([]orgInvitationJSON, 0, len(items))
	for i := range items {
		out = append(out, s.st.addOrgInvitation(o, &items[i], now).json())
	}
	return envelope[orgInvitationJSON]{Data: out, TotalCount: int64(len(out))}, nil
}

func checkBulkSize(n int) *apiError {
	if n == 0 {
		return errValue("invitations", "must contain at least one item")
	}
	if n > maxBulkInvitations {
		return errTooMany("invitations", maxBulkInvitations)
	}
	return nil
}

// orgInvitationFilter reads status (repeatable) and order_by.
func orgInvitationQuery(q url.Values) ([]string, ordering, page, *apiError) {
	p, e := parsePage(q)
	if e != nil {
		return nil, ordering{}, p, e
	}
	statuses := q["status"]
	for _, st := range statuses {
		if !slices.Contains([]string{"pending", "accepted", "revoked", "expired"}, st) {
			return nil, ordering{}, p, errValue("status", "must be pending, accepted, revoked or expired")
		}
	}
	o, e := parseOrder(q, "-created_at", "created_at", "email_address")
	return statuses, o, p, e
}

// selectOrgInvitations filters, orders and returns invitations.
func (st *state) selectOrgInvitations(now int64, statuses []string, o ordering, keep func(*orgInvitation) bool) []*orgInvitation {
	var out []*orgInvitation
	for _, inv := range st.orgInvitations {
		if len(statuses) > 0 && !slices.Contains(statuses, inv.currentStatus(now)) {
			continue
		}
		if keep(inv) {
			out = append(out, inv)
		}
	}
	sortBy(out, o, func(inv *orgInvitation, field string) sortKey {
		if field == "email_address" {
			return sortKey{s: strp(inv.email), seq: inv.seq}
		}
		return sortKey{n: i64p(inv.createdAt), seq: inv.seq}
	})
	return out
}

func orgInvitationsJSON(invs []*orgInvitation, now int64) []orgInvitationJSON {
	out := make([]orgInvitationJSON, 0, len(invs))
	for _, inv := range invs {
		j := inv.json()
		j.Status = inv.currentStatus(now)
		out = append(out, j)
	}
	return out
}

func listOrgInvitations(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	statuses, ord, p, e := orgInvitationQuery(q)
	if e != nil {
		return nil, e
	}
	email := q.Get("email_address")
	now := s.nowMillis()
	invs := s.st.selectOrgInvitations(now, statuses, ord, func(inv *orgInvitation) bool {
		return inv.orgID == o.id && (email == "" || strings.EqualFold(inv.email, email))
	})
	return envelopeOf(orgInvitationsJSON(invs, now), p), nil
}

func listPendingOrgInvitations(s *Server, r *http.Request) (any, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	p, e := parsePage(r.URL.Query())
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	invs := s.st.selectOrgInvitations(now, []string{"pending"}, ordering{field: "created_at", desc: true},
		func(inv *orgInvitation) bool { return inv.orgID == o.id })
	return envelopeOf(orgInvitationsJSON(invs, now), p), nil
}

func lookupOrgInvitation(s *Server, r *http.Request) (*orgInvitation, *apiError) {
	o, e := s.st.lookupOrg(r.PathValue("organization_id"))
	if e != nil {
		return nil, e
	}
	id := r.PathValue("invitation_id")
	inv, ok := s.st.orgInvitations[id]
	if !ok || inv.orgID != o.id {
		return nil, errNotFound("organization invitation", id)
	}
	return inv, nil
}

func getOrgInvitation(s *Server, r *http.Request) (any, *apiError) {
	inv, e := lookupOrgInvitation(s, r)
	if e != nil {
		return nil, e
	}
	j := inv.json()
	j.Status = inv.currentStatus(s.nowMillis())
	return j, nil
}

// revokeOrgInvitation revokes a pending invitation; revoking one that is
// not pending (already revoked, accepted) answers 400.
func revokeOrgInvitation(s *Server, r *http.Request) (any, *apiError) {
	inv, e := lookupOrgInvitation(s, r)
	if e != nil {
		return nil, e
	}
	var b revokeOrgInvitationBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.RequestingUserID != nil && *b.RequestingUserID != "" {
		if _, ok := s.st.users[*b.RequestingUserID]; !ok {
			return nil, errNotFound("user", *b.RequestingUserID)
		}
	}
	now := s.nowMillis()
	if st := inv.currentStatus(now); st != "pending" {
		return nil, newError(http.StatusBadRequest, "organization_invitation_not_pending", "invitation is not pending",
			"The organization invitation is "+st+" and cannot be revoked.")
	}
	inv.status, inv.updatedAt = "revoked", now
	return inv.json(), nil
}

func withOrgJSON(st *state, invs []*orgInvitation, now int64) []orgInvitationWithOrgJSON {
	out := make([]orgInvitationWithOrgJSON, 0, len(invs))
	for _, inv := range invs {
		j := st.orgInvitationWithOrg(inv)
		j.Status = inv.currentStatus(now)
		out = append(out, j)
	}
	return out
}

func listInstanceOrgInvitations(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	statuses, ord, p, e := orgInvitationQuery(q)
	if e != nil {
		return nil, e
	}
	query := q.Get("query")
	now := s.nowMillis()
	invs := s.st.selectOrgInvitations(now, statuses, ord, func(inv *orgInvitation) bool {
		return query == "" || contains(inv.email, query)
	})
	return envelopeOf(withOrgJSON(s.st, invs, now), p), nil
}

// listUserOrgInvitations lists the invitations sent to any of the user's
// email addresses.
func listUserOrgInvitations(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	var statuses []string
	if st := q.Get("status"); st != "" {
		if !slices.Contains([]string{"pending", "accepted", "revoked", "expired"}, st) {
			return nil, errValue("status", "must be pending, accepted, revoked or expired")
		}
		statuses = []string{st}
	}
	now := s.nowMillis()
	invs := s.st.selectOrgInvitations(now, statuses, ordering{field: "created_at", desc: true},
		func(inv *orgInvitation) bool { return u.hasEmail(inv.email) })
	return envelopeOf(withOrgJSON(s.st, invs, now), p), nil
}
