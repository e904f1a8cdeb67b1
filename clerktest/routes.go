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
		var a answer
		var err error
		if apiErr == nil {
			a, err = encodeAnswer(res)
		}
		s.mu.Unlock()
		switch {
		case apiErr != nil:
			writeError(w, traceID, apiErr)
		case err != nil:
			writeError(w, traceID, newError(http.StatusInternalServerError, "internal_clerk_error",
				"internal error", "The fake could not encode its answer: "+err.Error()))
		default:
			a.write(w)
		}
	})
}

// answer is what a handler returns in place of its JSON 200 body when the
// answer is anything else: another status (201, 202, 204), no body, or a
// body that is not JSON. Build one with withStatus, noContent or rawBody.
type answer struct {
	// status is the HTTP status; 0 means 200.
	status int
	// value, when not nil, is the body, encoded as JSON.
	value any
	// contentType and body are a body written as is (when value is nil);
	// an empty body writes none.
	contentType string
	body        []byte
}

// withStatus answers v as JSON with the given status.
func withStatus(status int, v any) answer { return answer{status: status, value: v} }

// noContent answers status (202, 204) without a body.
func noContent(status int) answer { return answer{status: status} }

// rawBody answers body as is, with a 200 and the given content type.
func rawBody(contentType string, body []byte) answer {
	return answer{contentType: contentType, body: body}
}

// payload is the JSON value of a handler's result, for the webhook events
// that carry it: the value of an answer, the result itself otherwise.
func payload(res any) any {
	if a, ok := res.(answer); ok {
		return a.value
	}
	return res
}

// encodeAnswer turns a handler's result into an answer whose body is
// encoded: a plain value is a JSON 200.
func encodeAnswer(res any) (answer, error) {
	a, ok := res.(answer)
	if !ok {
		a = answer{value: res}
		if res == nil {
			// A nil result from a handler is the JSON null, as before.
			a.value = json.RawMessage("null")
		}
	}
	if a.value != nil {
		b, err := json.Marshal(a.value)
		if err != nil {
			return answer{}, err
		}
		a.value, a.contentType, a.body = nil, "application/json", b
	}
	if a.status == 0 {
		a.status = http.StatusOK
	}
	return a, nil
}

// write writes an encoded answer.
func (a answer) write(w http.ResponseWriter) {
	if a.contentType != "" {
		w.Header().Set("Content-Type", a.contentType)
	}
	w.WriteHeader(a.status)
	if len(a.body) > 0 {
		_, _ = w.Write(a.body)
	}
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
