package clerktest

import (
	"net/http"
	"net/url"
	"strings"
)

// userOrderFields are the order_by values GET /users accepts.
func userOrderFields() []string {
	return []string{"created_at", "updated_at", "email_address", "web3wallet", "first_name", "last_name",
		"phone_number", "username", "last_active_at", "last_sign_in_at"}
}

func userSortKey(u *user, field string) sortKey {
	k := sortKey{seq: u.seq}
	switch field {
	case "created_at":
		k.n = i64p(u.createdAt)
	case "updated_at":
		k.n = i64p(u.updatedAt)
	case "email_address":
		if e := u.primaryEmail(); e != "" {
			k.s = strp(e)
		}
	case "phone_number":
		for _, p := range u.phones {
			if u.primaryPhoneID != nil && p.id == *u.primaryPhoneID {
				k.s = strp(p.value)
			}
		}
	case "first_name":
		k.s = u.firstName
	case "last_name":
		k.s = u.lastName
	case "username":
		k.s = u.username
	case "last_active_at":
		k.n = u.lastActiveAt
	case "last_sign_in_at":
		k.n = u.lastSignInAt
	}
	return k
}

// userFilter is the filter set shared by GET /users and GET /users/count
// (and, for the user fields, the membership lists).
type userFilter struct {
	emails, phones, usernames, web3     map[string]bool
	externalIDs, userIDs, orgIDs        idFilter
	providerIDs                         []string
	query, emailQ, phoneQ, userQ, nameQ string
	banned                              *bool
	lastActiveBefore, lastActiveAfter   *int64
	createdBefore, createdAfter         *int64
	signInBefore, signInAfter           *int64
}

func lowerSet(vs []string) map[string]bool {
	if len(vs) == 0 {
		return nil
	}
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[strings.ToLower(v)] = true
	}
	return m
}

func parseUserFilter(q url.Values) (*userFilter, *apiError) {
	f := &userFilter{}
	lists := map[string][]string{}
	for _, name := range []string{"email_address", "phone_number", "external_id", "username", "web3_wallet", "user_id", "organization_id", "provider_user_id"} {
		vs, e := listParam(q, name)
		if e != nil {
			return nil, e
		}
		lists[name] = vs
	}
	f.emails = lowerSet(lists["email_address"])
	f.phones = lowerSet(lists["phone_number"])
	f.usernames = lowerSet(lists["username"])
	f.web3 = lowerSet(lists["web3_wallet"])
	f.externalIDs = parseIDFilter(lists["external_id"])
	f.userIDs = parseIDFilter(lists["user_id"])
	f.orgIDs = parseIDFilter(lists["organization_id"])
	f.providerIDs = lists["provider_user_id"]
	if (q.Get("provider") == "") != (len(f.providerIDs) == 0) {
		return nil, errValue("provider", "provider and provider_user_id must be used together")
	}
	f.query, f.emailQ, f.phoneQ = q.Get("query"), q.Get("email_address_query"), q.Get("phone_number_query")
	f.userQ, f.nameQ = q.Get("username_query"), q.Get("name_query")
	if b, set, e := boolParam(q, "banned"); e != nil {
		return nil, e
	} else if set {
		f.banned = &b
	}
	ints := []struct {
		name string
		dst  **int64
	}{
		{"last_active_at_before", &f.lastActiveBefore}, {"last_active_at_after", &f.lastActiveAfter},
		{"last_active_at_since", &f.lastActiveAfter},
		{"created_at_before", &f.createdBefore}, {"created_at_after", &f.createdAfter},
		{"last_sign_in_at_before", &f.signInBefore}, {"last_sign_in_at_after", &f.signInAfter},
	}
	for _, in := range ints {
		n, e := intParam(q, in.name)
		if e != nil {
			return nil, e
		}
		if n != nil {
			*in.dst = n
		}
	}
	return f, nil
}

// match applies the filter; orgsOf lists the user's organization IDs.
func (f *userFilter) match(u *user, orgsOf func(string) []string) bool {
	if f.emails != nil && !anyIn(f.emails, idValues(u.emails)) {
		return false
	}
	if f.phones != nil && !anyIn(f.phones, idValues(u.phones)) {
		return false
	}
	if f.usernames != nil && (u.username == nil || !f.usernames[strings.ToLower(*u.username)]) {
		return false
	}
	if f.web3 != nil || len(f.providerIDs) > 0 {
		// The fake models no web3 wallets or external accounts.
		return false
	}
	if f.externalIDs.active() {
		ext := ""
		if u.externalID != nil {
			ext = *u.externalID
		}
		if !f.externalIDs.matchAny(ext) {
			return false
		}
	}
	if f.userIDs.active() && !f.userIDs.matchAny(u.id) {
		return false
	}
	if f.orgIDs.active() && !f.orgIDs.matchAny(orgsOf(u.id)...) {
		return false
	}
	if f.query != "" && !u.matchesQuery(f.query) {
		return false
	}
	if f.emailQ != "" && !anyContains(idValues(u.emails), f.emailQ) {
		return false
	}
	if f.phoneQ != "" && !anyContains(idValues(u.phones), f.phoneQ) {
		return false
	}
	if f.userQ != "" && (u.username == nil || !contains(*u.username, f.userQ)) {
		return false
	}
	if f.nameQ != "" && !contains(deref(u.firstName)+" "+deref(u.lastName), f.nameQ) {
		return false
	}
	if f.banned != nil && u.banned != *f.banned {
		return false
	}
	return inRange(u.lastActiveAt, f.lastActiveBefore, f.lastActiveAfter) &&
		inRange(&u.createdAt, f.createdBefore, f.createdAfter) &&
		inRange(u.lastSignInAt, f.signInBefore, f.signInAfter)
}

// inRange: a missing value fails any bound set on it.
func inRange(v, before, after *int64) bool {
	if before == nil && after == nil {
		return true
	}
	if v == nil {
		return false
	}
	return (before == nil || *v < *before) && (after == nil || *v > *after)
}

func (u *user) matchesQuery(q string) bool {
	fields := append(idValues(u.emails), idValues(u.phones)...)
	fields = append(fields, u.id, deref(u.username), deref(u.firstName), deref(u.lastName), deref(u.externalID))
	return anyContains(fields, q)
}

func idValues(ids []*identification) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.value
	}
	return out
}

func anyIn(set map[string]bool, vs []string) bool {
	for _, v := range vs {
		if set[strings.ToLower(v)] {
			return true
		}
	}
	return false
}

func anyContains(vs []string, q string) bool {
	for _, v := range vs {
		if v != "" && contains(v, q) {
			return true
		}
	}
	return false
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// orgsOfUser lists the organizations a user is a member of.
func (st *state) orgsOfUser(userID string) []string {
	var out []string
	for _, m := range st.memberships {
		if m.userID == userID {
			out = append(out, m.orgID)
		}
	}
	return out
}

func (st *state) filterUsers(f *userFilter) []*user {
	out := make([]*user, 0, len(st.users))
	for _, u := range st.users {
		if f.match(u, st.orgsOfUser) {
			out = append(out, u)
		}
	}
	return out
}

func listUsers(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	f, e := parseUserFilter(q)
	if e != nil {
		return nil, e
	}
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	o, e := parseOrder(q, "-created_at", userOrderFields()...)
	if e != nil {
		return nil, e
	}
	users := s.st.filterUsers(f)
	sortBy(users, o, userSortKey)
	if after := q.Get("starting_after"); after != "" {
		if o.field != "created_at" {
			return nil, errValue("starting_after", "needs created_at ordering")
		}
		if p.offset != 0 {
			return nil, errValue("starting_after", "cannot be combined with a non-zero offset")
		}
		cursor, ok := s.st.users[after]
		if !ok {
			return nil, errValue("starting_after", "no user with id "+after)
		}
		ck := userSortKey(cursor, o.field)
		rest := users[:0]
		for _, u := range users {
			c := cmpKeys(userSortKey(u, o.field), ck)
			if (o.desc && c < 0) || (!o.desc && c > 0) {
				rest = append(rest, u)
			}
		}
		users = rest
	}
	out := make([]userJSON, 0, p.limit)
	for _, u := range paginate(users, p) {
		out = append(out, u.json())
	}
	return out, nil
}

// totalCount is the {object: total_count} answer of the count endpoints.
type totalCount struct {
	Object     string `json:"object"`
	TotalCount int64  `json:"total_count"`
}

func countUsers(s *Server, r *http.Request) (any, *apiError) {
	f, e := parseUserFilter(r.URL.Query())
	if e != nil {
		return nil, e
	}
	return totalCount{Object: "total_count", TotalCount: int64(len(s.st.filterUsers(f)))}, nil
}
