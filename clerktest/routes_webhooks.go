package clerktest

import (
	"encoding/json"
	"net/http"
)

// webhookRoutes is the route table of the Webhooks tag: the Svix
// application behind the instance's webhooks.
func webhookRoutes() map[string]op {
	return map[string]op{
		"POST /v1/webhooks/svix":     createSvixApp,
		"DELETE /v1/webhooks/svix":   deleteSvixApp,
		"POST /v1/webhooks/svix_url": generateSvixURL,
	}
}

type svixURLJSON struct {
	SvixURL string `json:"svix_url"`
}

func (s *Server) svixURL() svixURLJSON {
	return svixURLJSON{SvixURL: "https://app.svix.com/app-portal/login/" + s.kid + "#key=" + randomString(32)}
}

func createSvixApp(s *Server, _ *http.Request) (any, *apiError) {
	h := s.hub()
	h.mu.Lock()
	h.svixApp = true
	h.mu.Unlock()
	return s.svixURL(), nil
}

func deleteSvixApp(s *Server, _ *http.Request) (any, *apiError) {
	h := s.hub()
	h.mu.Lock()
	had := h.svixApp
	h.svixApp = false
	h.mu.Unlock()
	if !had {
		return nil, newError(http.StatusBadRequest, "svix_app_missing", "no Svix app",
			"There is no Svix app associated with this instance.")
	}
	return noContent(http.StatusNoContent), nil
}

func generateSvixURL(s *Server, _ *http.Request) (any, *apiError) {
	h := s.hub()
	h.mu.Lock()
	had := h.svixApp
	h.mu.Unlock()
	if !had {
		return nil, newError(http.StatusBadRequest, "svix_app_missing", "no Svix app",
			"There is no Svix app associated with this instance; create one first.")
	}
	return s.svixURL(), nil
}

// webhookEvents maps the routes whose success changes the state to the
// webhook event Clerk sends for the change; the event's data is the
// route's answer (the user, the deleted object, the membership as it was,
// ...).
func webhookEvents() map[string]string {
	return map[string]string{
		"POST /v1/users":                     "user.created",
		"PATCH /v1/users/{user_id}":          "user.updated",
		"PATCH /v1/users/{user_id}/metadata": "user.updated",
		"PUT /v1/users/{user_id}/metadata":   "user.updated",
		"POST /v1/users/{user_id}/ban":       "user.updated",
		"POST /v1/users/{user_id}/unban":     "user.updated",
		"POST /v1/users/{user_id}/lock":      "user.updated",
		"POST /v1/users/{user_id}/unlock":    "user.updated",
		"DELETE /v1/users/{user_id}":         "user.deleted",

		"POST /v1/organizations":                             "organization.created",
		"PATCH /v1/organizations/{organization_id}":          "organization.updated",
		"PATCH /v1/organizations/{organization_id}/metadata": "organization.updated",
		"PUT /v1/organizations/{organization_id}/metadata":   "organization.updated",
		"DELETE /v1/organizations/{organization_id}":         "organization.deleted",

		"POST /v1/organizations/{organization_id}/memberships":                     "organizationMembership.created",
		"PATCH /v1/organizations/{organization_id}/memberships/{user_id}":          "organizationMembership.updated",
		"PATCH /v1/organizations/{organization_id}/memberships/{user_id}/metadata": "organizationMembership.updated",
		"DELETE /v1/organizations/{organization_id}/memberships/{user_id}":         "organizationMembership.deleted",

		"POST /v1/organizations/{organization_id}/invitations":                        "organizationInvitation.created",
		"POST /v1/organizations/{organization_id}/invitations/{invitation_id}/revoke": "organizationInvitation.revoked",

		"POST /v1/sessions":                     "session.created",
		"POST /v1/sessions/{session_id}/revoke": "session.revoked",
	}
}

// withWebhooks wraps the op of a route that changes the state so that its
// success emits the route's webhook event (see webhookEvents). The data is
// encoded while the state lock is held, like the answer.
func (s *Server) withWebhooks(pattern string, fn op) op {
	typ, ok := webhookEvents()[pattern]
	if !ok {
		return fn
	}
	return func(s *Server, r *http.Request) (any, *apiError) {
		res, e := fn(s, r)
		if e == nil && s.hasWebhookTargets() {
			if raw, err := json.Marshal(payload(res)); err == nil {
				s.emit(typ, json.RawMessage(raw), r)
			}
		}
		return res, e
	}
}
