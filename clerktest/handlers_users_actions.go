package clerktest

import (
	"net/http"
)

// userAction changes one user and answers it. Ban, unban, lock and unlock
// take no body; a second call finds the user already in that state and
// answers it again.
func userAction(s *Server, r *http.Request, change func(u *user, now int64)) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	change(u, now)
	u.updatedAt = now
	return u.json(), nil
}

// banUser signs the user out everywhere too: the real API revokes every
// session of a banned user.
func banUser(s *Server, r *http.Request) (any, *apiError) {
	return userAction(s, r, func(u *user, now int64) {
		u.banned = true
		s.st.revokeUserSessions(u.id, now)
	})
}

func unbanUser(s *Server, r *http.Request) (any, *apiError) {
	return userAction(s, r, func(u *user, _ int64) { u.banned = false })
}

func lockUser(s *Server, r *http.Request) (any, *apiError) {
	return userAction(s, r, func(u *user, _ int64) { u.locked = true })
}

func unlockUser(s *Server, r *http.Request) (any, *apiError) {
	return userAction(s, r, func(u *user, _ int64) { u.locked = false })
}

// deleteProfileImage: users of the fake never have an uploaded image.
func deleteProfileImage(s *Server, r *http.Request) (any, *apiError) {
	return userAction(s, r, func(u *user, _ int64) { u.extras.imageURL = "" })
}

func unsetPasswordCompromised(s *Server, r *http.Request) (any, *apiError) {
	return userAction(s, r, func(*user, int64) {})
}

// maxBulkBan is the API's limit of user ids per bulk ban/unban.
const maxBulkBan = 50

type bulkBanBody struct {
	UserIDs []string `json:"user_ids"`
}

func bulkBan(s *Server, r *http.Request) (any, *apiError) {
	return bulkUsers(s, r, true)
}

func bulkUnban(s *Server, r *http.Request) (any, *apiError) {
	return bulkUsers(s, r, false)
}

// bulkUsers bans or unbans 1..50 users; it changes nothing unless every id
// is known.
func bulkUsers(s *Server, r *http.Request, ban bool) (any, *apiError) {
	var b bulkBanBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	switch {
	case b.UserIDs == nil:
		return nil, errMissing("user_ids")
	case len(b.UserIDs) == 0:
		return nil, errValue("user_ids", "must contain at least one user id")
	case len(b.UserIDs) > maxBulkBan:
		return nil, errTooMany("user_ids", maxBulkBan)
	}
	users := make([]*user, 0, len(b.UserIDs))
	for _, id := range b.UserIDs {
		u, e := s.st.lookupUser(id)
		if e != nil {
			return nil, e
		}
		users = append(users, u)
	}
	now := s.nowMillis()
	out := make([]userJSON, 0, len(users))
	for _, u := range users {
		u.banned = ban
		if ban {
			s.st.revokeUserSessions(u.id, now)
		}
		u.updatedAt = now
		out = append(out, u.json())
	}
	return out, nil
}

type passwordBody struct {
	Password *string `json:"password"`
}

// verifyPassword answers {"verified":true}, or 400 (no password set), 404
// (no such user), 422 (wrong or missing password), all with no body, as
// the spec documents.
func verifyPassword(s *Server, r *http.Request) (any, *apiError) {
	u, ok := s.st.users[r.PathValue("user_id")]
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, bare: true}
	}
	var b passwordBody
	if e := decodeBody(r, &b); e != nil || b.Password == nil {
		return nil, &apiError{status: http.StatusUnprocessableEntity, bare: true}
	}
	if u.password == nil {
		return nil, &apiError{status: http.StatusBadRequest, bare: true}
	}
	if *b.Password != *u.password {
		return nil, &apiError{status: http.StatusUnprocessableEntity, bare: true}
	}
	return map[string]bool{"verified": true}, nil
}

type removePasswordBody struct {
	SignOutOfOtherSessions *bool `json:"sign_out_of_other_sessions"`
}

func removePassword(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b removePasswordBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	u.password, u.passwordUpdatedAt = nil, nil
	if boolv(b.SignOutOfOtherSessions) {
		s.st.revokeUserSessions(u.id, now)
	}
	u.updatedAt = now
	return u.json(), nil
}

type compromisedBody struct {
	RevokeAllSessions *bool `json:"revoke_all_sessions"`
}

func setPasswordCompromised(s *Server, r *http.Request) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	var b compromisedBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if boolv(b.RevokeAllSessions) {
		s.st.revokeUserSessions(u.id, now)
	}
	u.updatedAt = now
	return u.json(), nil
}

// userIDAnswer is the {"user_id"} answer of the MFA deletes.
type userIDAnswer struct {
	UserID string `json:"user_id"`
}

// mfaAction turns second factors off and answers {"user_id"}.
func mfaAction(s *Server, r *http.Request, totp, backup bool) (any, *apiError) {
	u, e := s.st.lookupUser(r.PathValue("user_id"))
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	had := u.totp || u.backupCodes
	if totp {
		u.totp, u.extras.totpSecret = false, ""
	}
	if backup {
		u.backupCodes, u.extras.backupCodes = false, nil
	}
	if had && !u.totp && !u.backupCodes {
		u.mfaDisabledAt = i64p(now)
	}
	u.updatedAt = now
	return userIDAnswer{UserID: u.id}, nil
}

func disableMFA(s *Server, r *http.Request) (any, *apiError) { return mfaAction(s, r, true, true) }

func deleteTOTP(s *Server, r *http.Request) (any, *apiError) { return mfaAction(s, r, true, false) }

func deleteBackupCodes(s *Server, r *http.Request) (any, *apiError) {
	return mfaAction(s, r, false, true)
}
