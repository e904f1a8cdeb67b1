package clerktest

import (
	"net/http"
	"strings"
)

// identifier is a stored allowlist or blocklist entry.
type identifier struct {
	id, value, kind      string
	seq                  int64
	invitationID         *string
	createdAt, updatedAt int64
}

// identifierJSON is AllowlistIdentifier / BlocklistIdentifier (the
// blocklist has no invitation_id).
type identifierJSON struct {
	Object         string  `json:"object"`
	ID             string  `json:"id"`
	InvitationID   *string `json:"invitation_id,omitempty"`
	Identifier     string  `json:"identifier"`
	IdentifierType string  `json:"identifier_type"`
	InstanceID     string  `json:"instance_id"`
	CreatedAt      int64   `json:"created_at"`
	UpdatedAt      int64   `json:"updated_at"`
}

func (st *state) identifierJSON(i *identifier, object string) identifierJSON {
	return identifierJSON{
		Object: object, ID: i.id, InvitationID: i.invitationID, Identifier: i.value, IdentifierType: i.kind,
		InstanceID: st.instanceID, CreatedAt: i.createdAt, UpdatedAt: i.updatedAt,
	}
}

// identifierKind classifies an identifier the way Clerk does, or "".
func identifierKind(v string) string {
	switch {
	case strings.HasPrefix(v, "0x") && len(v) == 42:
		return "web3_wallet"
	case validPhone(v):
		return "phone_number"
	case validEmail(v) || strings.HasPrefix(v, "*@"):
		// "*@example.com" allows or blocks a whole domain.
		return "email_address"
	}
	return ""
}

type createAllowlistBody struct {
	Identifier *string `json:"identifier"`
	Notify     *bool   `json:"notify"`
}

type createBlocklistBody struct {
	Identifier *string `json:"identifier"`
}

func (st *state) addIdentifier(list map[string]*identifier, prefix, value string, now int64) (*identifier, *apiError) {
	if value == "" {
		return nil, errMissing("identifier")
	}
	kind := identifierKind(value)
	if kind == "" {
		return nil, errFormat("identifier", "must be an email address, a phone number or a web3 wallet")
	}
	for _, i := range list {
		if strings.EqualFold(i.value, value) {
			return nil, errDuplicate("identifier")
		}
	}
	i := &identifier{id: newID(prefix), seq: st.next(), value: value, kind: kind, createdAt: now, updatedAt: now}
	list[i.id] = i
	return i, nil
}

// createAllowlist adds an identifier; with notify and an email address it
// also invites the address, as the real API does.
func createAllowlist(s *Server, r *http.Request) (any, *apiError) {
	var b createAllowlistBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	i, e := s.st.addIdentifier(s.st.allowlist, "alid", deref(b.Identifier), now)
	if e != nil {
		return nil, e
	}
	if boolv(b.Notify) && i.kind == "email_address" && !strings.HasPrefix(i.value, "*@") {
		value := i.value
		inv := s.st.addInvitation(&createInvitationBody{EmailAddress: &value}, now)
		i.invitationID = strp(inv.id)
	}
	return s.st.identifierJSON(i, "allowlist_identifier"), nil
}

func createBlocklist(s *Server, r *http.Request) (any, *apiError) {
	var b createBlocklistBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	i, e := s.st.addIdentifier(s.st.blocklist, "blid", deref(b.Identifier), s.nowMillis())
	if e != nil {
		return nil, e
	}
	return s.st.identifierJSON(i, "blocklist_identifier"), nil
}

func (st *state) identifierList(list map[string]*identifier, object string) []identifierJSON {
	items := make([]*identifier, 0, len(list))
	for _, i := range list {
		items = append(items, i)
	}
	sortBy(items, ordering{field: "created_at", desc: true}, func(i *identifier, _ string) sortKey {
		return sortKey{n: i64p(i.createdAt), seq: i.seq}
	})
	out := make([]identifierJSON, 0, len(items))
	for _, i := range items {
		out = append(out, st.identifierJSON(i, object))
	}
	return out
}

// listAllowlist answers a bare array, or an envelope with paginated=true.
func listAllowlist(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	paginated, _, e := boolParam(q, "paginated")
	if e != nil {
		return nil, e
	}
	return listAnswer(s.st.identifierList(s.st.allowlist, "allowlist_identifier"), p, paginated), nil
}

// listBlocklist answers every entry in an envelope (the endpoint has no
// paging parameters).
func listBlocklist(s *Server, _ *http.Request) (any, *apiError) {
	all := s.st.identifierList(s.st.blocklist, "blocklist_identifier")
	return envelope[identifierJSON]{Data: all, TotalCount: int64(len(all))}, nil
}

func deleteIdentifier(s *Server, r *http.Request, list map[string]*identifier, object string) (any, *apiError) {
	id := r.PathValue("identifier_id")
	if _, ok := list[id]; !ok {
		return nil, errNotFound(strings.ReplaceAll(object, "_", " "), id)
	}
	delete(list, id)
	return deletedObject{Object: object, ID: id, Deleted: true}, nil
}

func deleteAllowlist(s *Server, r *http.Request) (any, *apiError) {
	return deleteIdentifier(s, r, s.st.allowlist, "allowlist_identifier")
}

func deleteBlocklist(s *Server, r *http.Request) (any, *apiError) {
	return deleteIdentifier(s, r, s.st.blocklist, "blocklist_identifier")
}
