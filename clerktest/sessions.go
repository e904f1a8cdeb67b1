package clerktest

import (
	"net/http"
	"slices"
)

// Session lifetimes of a new session (Clerk's defaults).
const (
	sessionExpireMillis  = 7 * dayMillis
	sessionAbandonMillis = 30 * dayMillis
)

// session is a stored session.
type session struct {
	id, userID, clientID, status string
	seq                          int64
	lastActiveOrgID              *string
	lastActiveAt                 int64
	expireAt, abandonAt          int64
	createdAt, updatedAt         int64
}

// sessionJSON is the spec's Session.
type sessionJSON struct {
	Object                   string  `json:"object"`
	ID                       string  `json:"id"`
	UserID                   string  `json:"user_id"`
	ClientID                 string  `json:"client_id"`
	Status                   string  `json:"status"`
	LastActiveOrganizationID *string `json:"last_active_organization_id"`
	LastActiveAt             int64   `json:"last_active_at"`
	ExpireAt                 int64   `json:"expire_at"`
	AbandonAt                int64   `json:"abandon_at"`
	UpdatedAt                int64   `json:"updated_at"`
	CreatedAt                int64   `json:"created_at"`
}

func (s *session) currentStatus(now int64) string {
	if s.status == "active" && s.expireAt <= now {
		return "expired"
	}
	return s.status
}

func (s *session) json(now int64) sessionJSON {
	return sessionJSON{
		Object: "session", ID: s.id, UserID: s.userID, ClientID: s.clientID, Status: s.currentStatus(now),
		LastActiveOrganizationID: s.lastActiveOrgID, LastActiveAt: s.lastActiveAt,
		ExpireAt: s.expireAt, AbandonAt: s.abandonAt, UpdatedAt: s.updatedAt, CreatedAt: s.createdAt,
	}
}

// revokeUserSessions revokes every active session of a user.
func (st *state) revokeUserSessions(userID string, now int64) {
	for _, s := range st.sessions {
		if s.userID == userID && s.status == "active" {
			s.status, s.updatedAt = "revoked", now
		}
	}
}

// newSession signs a user in: a session on a new client, and the user's
// last sign-in and activity move to now.
func (st *state) newSession(u *user, orgID string, now int64) (*session, *apiError) {
	var active *string
	if orgID != "" {
		o, e := st.lookupOrg(orgID)
		if e != nil {
			return nil, e
		}
		if st.findMembership(o.id, u.id) == nil {
			return nil, errValue("active_organization_id", "the user is not a member of "+o.id)
		}
		active = strp(o.id)
	}
	s := &session{
		id: newID("sess"), seq: st.next(), userID: u.id, clientID: newID("client"), status: "active",
		lastActiveOrgID: active, lastActiveAt: now, expireAt: now + sessionExpireMillis,
		abandonAt: now + sessionAbandonMillis, createdAt: now, updatedAt: now,
	}
	st.sessions[s.id] = s
	u.lastSignInAt, u.lastActiveAt = i64p(now), i64p(now)
	return s, nil
}

type createSessionBody struct {
	UserID               *string `json:"user_id"`
	ActiveOrganizationID *string `json:"active_organization_id"`
}

func createSession(s *Server, r *http.Request) (any, *apiError) {
	var b createSessionBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.UserID == nil || *b.UserID == "" {
		return nil, errMissing("user_id")
	}
	u, e := s.st.lookupUser(*b.UserID)
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	sess, e := s.st.newSession(u, deref(b.ActiveOrganizationID), now)
	if e != nil {
		return nil, e
	}
	return sess.json(now), nil
}

func lookupSession(s *Server, r *http.Request) (*session, *apiError) {
	id := r.PathValue("session_id")
	sess, ok := s.st.sessions[id]
	if !ok {
		return nil, errNotFound("session", id)
	}
	return sess, nil
}

func getSession(s *Server, r *http.Request) (any, *apiError) {
	sess, e := lookupSession(s, r)
	if e != nil {
		return nil, e
	}
	return sess.json(s.nowMillis()), nil
}

// revokeSession revokes an active session; one that is not active
// answers 400.
func revokeSession(s *Server, r *http.Request) (any, *apiError) {
	sess, e := lookupSession(s, r)
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if st := sess.currentStatus(now); st != "active" {
		return nil, newError(http.StatusBadRequest, "session_not_active", "session is not active",
			"The session is "+st+" and cannot be revoked.")
	}
	sess.status, sess.updatedAt = "revoked", now
	return sess.json(now), nil
}

// listSessions needs user_id or client_id; it answers a bare array, or an
// envelope with paginated=true.
func listSessions(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	userID, clientID := q.Get("user_id"), q.Get("client_id")
	if userID == "" && clientID == "" {
		return nil, errMissing("user_id")
	}
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	paginated, _, e := boolParam(q, "paginated")
	if e != nil {
		return nil, e
	}
	status := q.Get("status")
	if status != "" && !slices.Contains([]string{"abandoned", "active", "ended", "expired", "removed", "replaced", "revoked"}, status) {
		return nil, errValue("status", "unknown session status "+status)
	}
	now := s.nowMillis()
	var list []*session
	for _, sess := range s.st.sessions {
		if (userID != "" && sess.userID != userID) || (clientID != "" && sess.clientID != clientID) {
			continue
		}
		if status != "" && sess.currentStatus(now) != status {
			continue
		}
		list = append(list, sess)
	}
	sortBy(list, ordering{field: "created_at", desc: true}, func(x *session, _ string) sortKey {
		return sortKey{n: i64p(x.createdAt), seq: x.seq}
	})
	out := make([]sessionJSON, 0, len(list))
	for _, sess := range list {
		out = append(out, sess.json(now))
	}
	return listAnswer(out, p, paginated), nil
}
