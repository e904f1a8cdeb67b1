package clerktest

import (
	"encoding/json"
	"net/http"
	"sync"
)

// op is one operation: it runs with the state locked and returns the 200
// body, or an error.
type op func(s *Server, r *http.Request) (any, *apiError)

// route dispatches an authenticated request.
func (s *Server) route(w http.ResponseWriter, r *http.Request, traceID string) {
	s.muxOnce.Do(s.buildMux)
	// Handler only looks the route up; ServeHTTP below also fills the path
	// values. An unknown path or method answers a ClerkErrors 501
	// (clerktest_not_implemented), not the mux's plain-text 404/405.
	if _, pattern := s.mux.Handler(r); pattern == "" {
		writeError(w, traceID, errNotImplemented(r.Method, r.URL.Path))
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) buildMux() {
	m := http.NewServeMux()
	for _, table := range routeTables() {
		for pattern, fn := range table {
			m.Handle(pattern, s.wrap(s.withWebhooks(pattern, fn)))
		}
	}
	s.mux = m
}

// routeTables lists the route table of every topic: Go 1.22 ServeMux
// patterns below /v1. Each topic keeps its table beside its handlers
// (routes_<topic>.go); a pattern must appear in one table only.
func routeTables() []map[string]op {
	return []map[string]op{
		baseRoutes(),
		accessRoutes(),
		enterpriseRoutes(),
		billingRoutes(),
		oauthAppRoutes(),
		identityRoutes(),
		instanceRoutes(),
		extrasRoutes(),
		webhookRoutes(),
		machineRoutes(),
	}
}

// wrap runs fn under the state lock and writes its answer. The body is
// encoded before the lock is released, so no answer aliases the state
// while another request changes it.
func (s *Server) wrap(fn op) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		traceID := w.Header().Get("Clerk-Trace-Id")
		s.mu.Lock()
		res, apiErr := fn(s, r)
		raw, isRaw := res.(rawAnswer)
		var b []byte
		var err error
		if apiErr == nil && !isRaw {
			b, err = json.Marshal(res)
		}
		s.mu.Unlock()
		if _, ok := res.(noContent); ok && apiErr == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		switch {
		case apiErr != nil:
			writeError(w, traceID, apiErr)
		case isRaw:
			raw.write(w)
		case err != nil:
			writeError(w, traceID, newError(http.StatusInternalServerError, "internal_clerk_error",
				"internal error", "The fake could not encode its answer: "+err.Error()))
		default:
			status := http.StatusOK
			if ws, ok := res.(withStatus); ok {
				status = ws.status
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write(b)
		}
	})
}

// baseRoutes is the route table of the 0.1 services (users,
// organizations, invitations, sessions, bans, allowlist, blocklist, JWKS).
func baseRoutes() map[string]op {
	return map[string]op{
		"GET /v1/jwks": getJWKS,

		"GET /v1/users":                                       listUsers,
		"POST /v1/users":                                      createUser,
		"GET /v1/users/count":                                 countUsers,
		"GET /v1/users/{user_id}":                             getUser,
		"PATCH /v1/users/{user_id}":                           updateUser,
		"DELETE /v1/users/{user_id}":                          deleteUser,
		"PATCH /v1/users/{user_id}/metadata":                  mergeUserMetadata,
		"PUT /v1/users/{user_id}/metadata":                    replaceUserMetadata,
		"POST /v1/users/{user_id}/ban":                        banUser,
		"POST /v1/users/{user_id}/unban":                      unbanUser,
		"POST /v1/users/{user_id}/lock":                       lockUser,
		"POST /v1/users/{user_id}/unlock":                     unlockUser,
		"POST /v1/users/ban":                                  bulkBan,
		"POST /v1/users/unban":                                bulkUnban,
		"GET /v1/users/{user_id}/organization_memberships":    listUserMemberships,
		"GET /v1/users/{user_id}/organization_invitations":    listUserOrgInvitations,
		"POST /v1/users/{user_id}/verify_password":            verifyPassword,
		"POST /v1/users/{user_id}/remove_password":            removePassword,
		"DELETE /v1/users/{user_id}/mfa":                      disableMFA,
		"DELETE /v1/users/{user_id}/totp":                     deleteTOTP,
		"DELETE /v1/users/{user_id}/backup_code":              deleteBackupCodes,
		"DELETE /v1/users/{user_id}/profile_image":            deleteProfileImage,
		"POST /v1/users/{user_id}/password/set_compromised":   setPasswordCompromised,
		"POST /v1/users/{user_id}/password/unset_compromised": unsetPasswordCompromised,

		"GET /v1/organizations":                              listOrgs,
		"POST /v1/organizations":                             createOrg,
		"GET /v1/organizations/{organization_id}":            getOrg,
		"PATCH /v1/organizations/{organization_id}":          updateOrg,
		"DELETE /v1/organizations/{organization_id}":         deleteOrg,
		"PATCH /v1/organizations/{organization_id}/metadata": mergeOrgMetadata,
		"PUT /v1/organizations/{organization_id}/metadata":   replaceOrgMetadata,

		"GET /v1/organization_memberships":                                         listInstanceMemberships,
		"POST /v1/organizations/{organization_id}/memberships":                     createMembership,
		"GET /v1/organizations/{organization_id}/memberships":                      listOrgMemberships,
		"PATCH /v1/organizations/{organization_id}/memberships/{user_id}":          updateMembership,
		"DELETE /v1/organizations/{organization_id}/memberships/{user_id}":         deleteMembership,
		"PATCH /v1/organizations/{organization_id}/memberships/{user_id}/metadata": mergeMembershipMetadata,

		"GET /v1/organization_invitations":                                            listInstanceOrgInvitations,
		"POST /v1/organizations/{organization_id}/invitations":                        createOrgInvitation,
		"POST /v1/organizations/{organization_id}/invitations/bulk":                   bulkOrgInvitations,
		"GET /v1/organizations/{organization_id}/invitations":                         listOrgInvitations,
		"GET /v1/organizations/{organization_id}/invitations/pending":                 listPendingOrgInvitations,
		"GET /v1/organizations/{organization_id}/invitations/{invitation_id}":         getOrgInvitation,
		"POST /v1/organizations/{organization_id}/invitations/{invitation_id}/revoke": revokeOrgInvitation,

		"GET /v1/invitations":                         listInvitations,
		"POST /v1/invitations":                        createInvitation,
		"POST /v1/invitations/bulk":                   bulkInvitations,
		"POST /v1/invitations/{invitation_id}/revoke": revokeInvitation,

		"GET /v1/sessions":                                      listSessions,
		"POST /v1/sessions":                                     createSession,
		"GET /v1/sessions/{session_id}":                         getSession,
		"POST /v1/sessions/{session_id}/revoke":                 revokeSession,
		"POST /v1/sessions/{session_id}/tokens":                 createSessionToken,
		"POST /v1/sessions/{session_id}/tokens/{template_name}": createTemplateToken,

		"GET /v1/allowlist_identifiers":                    listAllowlist,
		"POST /v1/allowlist_identifiers":                   createAllowlist,
		"DELETE /v1/allowlist_identifiers/{identifier_id}": deleteAllowlist,
		"GET /v1/blocklist_identifiers":                    listBlocklist,
		"POST /v1/blocklist_identifiers":                   createBlocklist,
		"DELETE /v1/blocklist_identifiers/{identifier_id}": deleteBlocklist,
	}
}

// routing is the lazily built mux (kept apart from Server's other fields).
type routing struct {
	muxOnce sync.Once
	mux     *http.ServeMux
}
