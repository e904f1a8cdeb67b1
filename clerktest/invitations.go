package clerktest

import (
	"net/http"
	"slices"
	"strings"
)

// invitation is a stored application invitation.
type invitation struct {
	id, email, status    string
	seq                  int64
	pub                  map[string]any
	url                  *string
	expiresAt            *int64
	createdAt, updatedAt int64
}

// invitationJSON is the spec's Invitation.
type invitationJSON struct {
	Object         string         `json:"object"`
	ID             string         `json:"id"`
	EmailAddress   string         `json:"email_address"`
	PublicMetadata map[string]any `json:"public_metadata"`
	Revoked        bool           `json:"revoked"`
	Status         string         `json:"status"`
	URL            *string        `json:"url,omitempty"`
	ExpiresAt      *int64         `json:"expires_at"`
	CreatedAt      int64          `json:"created_at"`
	UpdatedAt      int64          `json:"updated_at"`
}

func (inv *invitation) json(now int64) invitationJSON {
	return invitationJSON{
		Object: "invitation", ID: inv.id, EmailAddress: inv.email, PublicMetadata: cloneMetadata(inv.pub),
		Revoked: inv.status == "revoked", Status: inv.currentStatus(now), URL: inv.url, ExpiresAt: inv.expiresAt,
		CreatedAt: inv.createdAt, UpdatedAt: inv.updatedAt,
	}
}

func (inv *invitation) currentStatus(now int64) string {
	if inv.status == "pending" && inv.expiresAt != nil && *inv.expiresAt <= now {
		return "expired"
	}
	return inv.status
}

type createInvitationBody struct {
	EmailAddress   *string   `json:"email_address"`
	PublicMetadata rawObject `json:"public_metadata"`
	RedirectURL    *string   `json:"redirect_url"`
	Notify         *bool     `json:"notify"`
	IgnoreExisting *bool     `json:"ignore_existing"`
	ExpiresInDays  *int64    `json:"expires_in_days"`
	TemplateSlug   *string   `json:"template_slug"`
}

// checkInvitation validates one invitation; seen holds the emails of the
// same bulk call.
func (st *state) checkInvitation(b *createInvitationBody, nullableMeta bool, seen map[string]bool) *apiError {
	if b.EmailAddress == nil || *b.EmailAddress == "" {
		return errMissing("email_address")
	}
	if !validEmail(*b.EmailAddress) {
		return errFormat("email_address", *b.EmailAddress+" is not a valid email address")
	}
	if e := b.PublicMetadata.check("public_metadata", nullableMeta); e != nil {
		return e
	}
	if _, e := expiryDays(b.ExpiresInDays); e != nil {
		return e
	}
	if b.TemplateSlug != nil && *b.TemplateSlug != "invitation" && *b.TemplateSlug != "waitlist_invitation" {
		return errValue("template_slug", "must be invitation or waitlist_invitation")
	}
	if boolv(b.IgnoreExisting) {
		return nil
	}
	email := strings.ToLower(*b.EmailAddress)
	if st.emailOwner(email) != nil {
		return errTaken("email_address", *b.EmailAddress)
	}
	if seen[email] {
		return errDuplicate("invitation")
	}
	for _, inv := range st.invitations {
		if inv.status == "pending" && strings.EqualFold(inv.email, email) {
			return errDuplicate("pending invitation")
		}
	}
	return nil
}

func (st *state) addInvitation(b *createInvitationBody, now int64) *invitation {
	days, _ := expiryDays(b.ExpiresInDays)
	inv := &invitation{
		id: newID("inv"), seq: st.next(), email: *b.EmailAddress, status: "pending",
		pub: cloneMetadata(b.PublicMetadata.obj()), expiresAt: i64p(now + days*dayMillis),
		createdAt: now, updatedAt: now,
		url: strp("https://accounts.clerktest.local/sign-up?__clerk_ticket=" + randomString(32)),
	}
	st.invitations[inv.id] = inv
	return inv
}

func createInvitation(s *Server, r *http.Request) (any, *apiError) {
	var b createInvitationBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := s.st.checkInvitation(&b, false, nil); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	return s.st.addInvitation(&b, now).json(now), nil
}

// bulkInvitations creates 1..10 invitations, all or none, and answers a
// bare array.
func bulkInvitations(s *Server, r *http.Request) (any, *apiError) {
	var items []createInvitationBody
	if e := decodeBody(r, &items); e != nil {
		return nil, e
	}
	if e := checkBulkSize(len(items)); e != nil {
		return nil, e
	}
	seen := map[string]bool{}
	for i := range items {
		if e := s.st.checkInvitation(&items[i], true, seen); e != nil {
			return nil, e
		}
		seen[strings.ToLower(*items[i].EmailAddress)] = true
	}
	now := s.nowMillis()
	out := make([]invitationJSON, 0, len(items))
	for i := range items {
		out = append(out, s.st.addInvitation(&items[i], now).json(now))
	}
	return out, nil
}

// listInvitations answers a bare array, or {data,total_count} with
// paginated=true. Without a status filter, revoked invitations are left
// out, as the real API does.
func listInvitations(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	paginated, _, e := boolParam(q, "paginated")
	if e != nil {
		return nil, e
	}
	ord, e := parseOrder(q, "-created_at", "created_at", "email_address", "expires_at")
	if e != nil {
		return nil, e
	}
	status := q.Get("status")
	if status != "" && !slices.Contains([]string{"pending", "accepted", "revoked", "expired"}, status) {
		return nil, errValue("status", "must be pending, accepted, revoked or expired")
	}
	query := q.Get("query")
	now := s.nowMillis()
	var invs []*invitation
	for _, inv := range s.st.invitations {
		st := inv.currentStatus(now)
		if (status == "" && st == "revoked") || (status != "" && st != status) {
			continue
		}
		if query != "" && !contains(inv.email, query) && inv.id != query {
			continue
		}
		invs = append(invs, inv)
	}
	sortBy(invs, ord, func(inv *invitation, field string) sortKey {
		switch field {
		case "email_address":
			return sortKey{s: strp(inv.email), seq: inv.seq}
		case "expires_at":
			return sortKey{n: inv.expiresAt, seq: inv.seq}
		}
		return sortKey{n: i64p(inv.createdAt), seq: inv.seq}
	})
	out := make([]invitationJSON, 0, len(invs))
	for _, inv := range invs {
		out = append(out, inv.json(now))
	}
	return listAnswer(out, p, paginated), nil
}

// revokeInvitation revokes a pending invitation; one that is not pending
// answers 400.
func revokeInvitation(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("invitation_id")
	inv, ok := s.st.invitations[id]
	if !ok {
		return nil, errNotFound("invitation", id)
	}
	now := s.nowMillis()
	if st := inv.currentStatus(now); st != "pending" {
		return nil, newError(http.StatusBadRequest, "invitation_not_pending", "invitation is not pending",
			"The invitation is "+st+" and cannot be revoked.")
	}
	inv.status, inv.updatedAt = "revoked", now
	return inv.json(now), nil
}
