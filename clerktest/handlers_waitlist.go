package clerktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// waitlistEntry is a stored waitlist entry. An invited entry points at the
// application invitation it created (GET /invitations shows it).
type waitlistEntry struct {
	id, email, status    string
	seq                  int64
	invitationID         string
	invitedAt            *int64
	createdAt, updatedAt int64
}

type waitlistEntryJSON struct {
	Object       string          `json:"object"`
	ID           string          `json:"id"`
	EmailAddress string          `json:"email_address"`
	Status       string          `json:"status"`
	IsLocked     bool            `json:"is_locked"`
	CreatedAt    int64           `json:"created_at"`
	UpdatedAt    int64           `json:"updated_at"`
	Invitation   *invitationJSON `json:"invitation"`
}

func (st *state) waitlistJSON(w *waitlistEntry, now int64) waitlistEntryJSON {
	out := waitlistEntryJSON{
		Object: "waitlist_entry", ID: w.id, EmailAddress: w.email, Status: w.status,
		CreatedAt: w.createdAt, UpdatedAt: w.updatedAt,
	}
	if inv, ok := st.invitations[w.invitationID]; ok {
		j := inv.json(now)
		out.Invitation = &j
		if w.status == "invited" && inv.status == "accepted" {
			out.Status = "completed"
		}
	}
	return out
}

type createWaitlistBody struct {
	EmailAddress *string `json:"email_address"`
	Notify       *bool   `json:"notify"`
}

// checkWaitlist validates one new entry's address.
func checkWaitlist(b *createWaitlistBody) *apiError {
	if b.EmailAddress == nil || *b.EmailAddress == "" {
		return errMissing("email_address")
	}
	if !validEmail(*b.EmailAddress) {
		return errFormat("email_address", *b.EmailAddress+" is not a valid email address")
	}
	return nil
}

// waitlistByEmail returns the entry of an address, or nil.
func (in *instanceState) waitlistByEmail(email string) *waitlistEntry {
	for _, w := range in.waitlist {
		if strings.EqualFold(w.email, email) {
			return w
		}
	}
	return nil
}

// joinWaitlist returns the address's entry, creating it when the address
// is not on the waitlist yet (the API answers the existing entry rather
// than an error).
func (st *state) joinWaitlist(email string, now int64) *waitlistEntry {
	if w := st.instanceData().waitlistByEmail(email); w != nil {
		return w
	}
	return st.addWaitlist(email, now)
}

func (st *state) addWaitlist(email string, now int64) *waitlistEntry {
	w := &waitlistEntry{id: newID("wle"), seq: st.next(), email: email, status: "pending", createdAt: now, updatedAt: now}
	st.instanceData().waitlist[w.id] = w
	return w
}

func createWaitlistEntry(s *Server, r *http.Request) (any, *apiError) {
	var b createWaitlistBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := checkWaitlist(&b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	return s.st.waitlistJSON(s.st.joinWaitlist(*b.EmailAddress, now), now), nil
}

// bulkWaitlistEntries creates 1..50 entries, all or none (every item is
// checked first), and answers a bare array; an address already on the
// waitlist answers its existing entry.
func bulkWaitlistEntries(s *Server, r *http.Request) (any, *apiError) {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, errMalformed(err.Error())
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil, errMalformed("the body must be a JSON array of waitlist entries")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errMalformed(err.Error())
	}
	if len(items) == 0 {
		return nil, errMissing("email_address")
	}
	if len(items) > 50 {
		return nil, errTooMany("entries", 50)
	}
	bodies := make([]createWaitlistBody, len(items))
	for i, it := range items {
		req := &http.Request{Body: io.NopCloser(bytes.NewReader(it))}
		if e := decodeBody(req, &bodies[i]); e != nil {
			return nil, e
		}
		if e := checkWaitlist(&bodies[i]); e != nil {
			return nil, e
		}
	}
	now := s.nowMillis()
	out := make([]waitlistEntryJSON, 0, len(bodies))
	for _, b := range bodies {
		out = append(out, s.st.waitlistJSON(s.st.joinWaitlist(*b.EmailAddress, now), now))
	}
	return out, nil
}

// listWaitlist filters by query (email or ID substring) and status and
// orders by created_at, email_address or invited_at; always an envelope.
func listWaitlist(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	status := q.Get("status")
	switch status {
	case "", "pending", "invited", "completed", "rejected":
	default:
		return nil, errValue("status", "must be pending, invited, completed or rejected")
	}
	o, e := parseOrder(q, "-created_at", "created_at", "email_address", "invited_at")
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	query := q.Get("query")
	in := s.st.instanceData()
	var items []*waitlistEntry
	for _, w := range in.waitlist {
		if query != "" && !contains(w.email, query) && !contains(w.id, query) {
			continue
		}
		if status != "" && s.st.waitlistJSON(w, now).Status != status {
			continue
		}
		items = append(items, w)
	}
	sortBy(items, o, func(w *waitlistEntry, field string) sortKey {
		switch field {
		case "email_address":
			return sortKey{s: strp(strings.ToLower(w.email)), seq: w.seq}
		case "invited_at":
			return sortKey{n: w.invitedAt, seq: w.seq}
		}
		return sortKey{n: i64p(w.createdAt), seq: w.seq}
	})
	out := make([]waitlistEntryJSON, 0, len(items))
	for _, w := range items {
		out = append(out, s.st.waitlistJSON(w, now))
	}
	return envelopeOf(out, p), nil
}

func (in *instanceState) lookupWaitlist(id string) (*waitlistEntry, *apiError) {
	w, ok := in.waitlist[id]
	if !ok {
		return nil, errNotFound("waitlist entry", id)
	}
	return w, nil
}

func deleteWaitlistEntry(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	w, e := in.lookupWaitlist(r.PathValue("waitlist_entry_id"))
	if e != nil {
		return nil, e
	}
	delete(in.waitlist, w.id)
	return deletedObject{Object: "waitlist_entry", ID: w.id, Deleted: true}, nil
}

type inviteWaitlistBody struct {
	IgnoreExisting *bool `json:"ignore_existing"`
}

// inviteWaitlistEntry creates an application invitation for the entry's
// address (subject to the same checks as POST /invitations) and marks the
// entry invited.
func inviteWaitlistEntry(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	w, e := in.lookupWaitlist(r.PathValue("waitlist_entry_id"))
	if e != nil {
		return nil, e
	}
	var b inviteWaitlistBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if st := s.st.waitlistJSON(w, now).Status; st == "completed" {
		return nil, errValue("waitlist_entry_id", "the entry has already signed up")
	}
	email := w.email
	ib := &createInvitationBody{EmailAddress: &email, IgnoreExisting: b.IgnoreExisting, TemplateSlug: strp("waitlist_invitation")}
	if e := s.st.checkInvitation(ib, false, nil); e != nil {
		return nil, e
	}
	inv := s.st.addInvitation(ib, now)
	w.invitationID = inv.id
	w.status = "invited"
	w.invitedAt = i64p(now)
	w.updatedAt = now
	return s.st.waitlistJSON(w, now), nil
}

// rejectWaitlistEntry marks the entry rejected and revokes its pending
// invitation, if any.
func rejectWaitlistEntry(s *Server, r *http.Request) (any, *apiError) {
	in := s.st.instanceData()
	w, e := in.lookupWaitlist(r.PathValue("waitlist_entry_id"))
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if inv, ok := s.st.invitations[w.invitationID]; ok && inv.status == "pending" {
		inv.status = "revoked"
		inv.updatedAt = now
	}
	w.status = "rejected"
	w.updatedAt = now
	return s.st.waitlistJSON(w, now), nil
}
