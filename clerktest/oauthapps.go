package clerktest

import (
	"net/http"
	"slices"
	"strings"
)

// fakeOAuthApp is an OAuth application. Its client secret is kept only as
// the current value: a rotation replaces it, so the old one is gone.
type fakeOAuthApp struct {
	id, name, clientID, secret, scopes, callbackURL string
	redirectURIs                                    []string
	consent, pkce, public                           bool
	imageURL                                        string
	revoked                                         []string
	seq, createdAt, updatedAt                       int64
}

func oauthAppRoutes() map[string]op {
	return map[string]op{
		"GET /v1/oauth_applications":                                       listOAuthApps,
		"POST /v1/oauth_applications":                                      createOAuthApp,
		"GET /v1/oauth_applications/{oauth_application_id}":                getOAuthApp,
		"PATCH /v1/oauth_applications/{oauth_application_id}":              updateOAuthApp,
		"DELETE /v1/oauth_applications/{oauth_application_id}":             deleteOAuthApp,
		"PUT /v1/oauth_applications/{oauth_application_id}/logo":           uploadOAuthAppLogo,
		"POST /v1/oauth_applications/{oauth_application_id}/rotate_secret": rotateOAuthAppSecret,
		"POST /v1/oauth_applications/{oauth_application_id}/revoke_token":  revokeOAuthAppToken,
	}
}

func (s *Server) oauthAppStore() map[string]*fakeOAuthApp {
	if s.st.oauthApps == nil {
		s.st.oauthApps = map[string]*fakeOAuthApp{}
	}
	return s.st.oauthApps
}

// OAuthApplicationSecret returns the current client secret of an OAuth
// application ("" when unknown), so a test can check that a rotation
// replaced it.
func (s *Server) OAuthApplicationSecret(applicationID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.oauthAppStore()[applicationID]; a != nil {
		return a.secret
	}
	return ""
}

func (s *Server) oauthAppJSON(a *fakeOAuthApp, withSecret bool) map[string]any {
	base := "https://" + strings.TrimPrefix(strings.TrimPrefix(s.iss, "https://"), "http://")
	out := map[string]any{
		"object": "oauth_application", "id": a.id, "instance_id": s.st.instanceID, "name": a.name, "client_id": a.clientID,
		"client_uri": nil, "client_image_url": nil, "dynamically_registered": false, "consent_screen_enabled": a.consent,
		"pkce_required": a.pkce, "public": a.public, "scopes": a.scopes, "redirect_uris": slices.Clone(a.redirectURIs),
		"callback_url": a.callbackURL, "authorize_url": base + "/oauth/authorize", "token_fetch_url": base + "/oauth/token",
		"user_info_url": base + "/oauth/userinfo", "discovery_url": base + "/.well-known/openid-configuration",
		"token_introspection_url": base + "/oauth/token_info", "created_at": a.createdAt, "updated_at": a.updatedAt,
	}
	if a.imageURL != "" {
		out["client_image_url"] = a.imageURL
	}
	if withSecret && !a.public {
		out["client_secret"] = a.secret
	}
	return out
}

type oauthAppBody struct {
	Name                 *string   `json:"name"`
	RedirectURIs         *[]string `json:"redirect_uris"`
	CallbackURL          *string   `json:"callback_url"`
	Scopes               *string   `json:"scopes"`
	ConsentScreenEnabled *bool     `json:"consent_screen_enabled"`
	PKCERequired         *bool     `json:"pkce_required"`
	Public               *bool     `json:"public"`
}

func (a *fakeOAuthApp) apply(b *oauthAppBody) {
	if b.Name != nil {
		a.name = *b.Name
	}
	if b.RedirectURIs != nil {
		a.redirectURIs = slices.Clone(*b.RedirectURIs)
	}
	if b.CallbackURL != nil {
		a.callbackURL = *b.CallbackURL
	}
	if b.Scopes != nil {
		a.scopes = *b.Scopes
	}
	if b.ConsentScreenEnabled != nil {
		a.consent = *b.ConsentScreenEnabled
	}
	if b.PKCERequired != nil {
		a.pkce = *b.PKCERequired
	}
	if b.Public != nil {
		a.public = *b.Public
	}
}

func createOAuthApp(s *Server, r *http.Request) (any, *apiError) {
	var b oauthAppBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.Name) == "" {
		return nil, errMissing("name")
	}
	now := s.nowMillis()
	a := &fakeOAuthApp{id: newID("oa"), clientID: randomString(16), secret: randomString(32), scopes: "profile email",
		consent: true, redirectURIs: []string{}, seq: s.st.next(), createdAt: now, updatedAt: now}
	a.apply(&b)
	s.oauthAppStore()[a.id] = a
	return s.oauthAppJSON(a, true), nil
}

func (s *Server) oauthApp(r *http.Request) (*fakeOAuthApp, *apiError) {
	id := r.PathValue("oauth_application_id")
	if a := s.oauthAppStore()[id]; a != nil {
		return a, nil
	}
	return nil, errNotFound("oauth application", id)
}

func getOAuthApp(s *Server, r *http.Request) (any, *apiError) {
	a, e := s.oauthApp(r)
	if e != nil {
		return nil, e
	}
	return s.oauthAppJSON(a, false), nil
}

func updateOAuthApp(s *Server, r *http.Request) (any, *apiError) {
	a, e := s.oauthApp(r)
	if e != nil {
		return nil, e
	}
	var b oauthAppBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	a.apply(&b)
	a.updatedAt = s.nowMillis()
	return s.oauthAppJSON(a, false), nil
}

func deleteOAuthApp(s *Server, r *http.Request) (any, *apiError) {
	a, e := s.oauthApp(r)
	if e != nil {
		return nil, e
	}
	delete(s.oauthAppStore(), a.id)
	return deletedObject{Object: "oauth_application", ID: a.id, Deleted: true}, nil
}

// uploadOAuthAppLogo takes a multipart "file" and sets the image URL.
func uploadOAuthAppLogo(s *Server, r *http.Request) (any, *apiError) {
	a, e := s.oauthApp(r)
	if e != nil {
		return nil, e
	}
	if err := r.ParseMultipartForm(16 << 20); err != nil {
		return nil, errMalformed("expected a multipart/form-data body: " + err.Error())
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, errMissing("file")
	}
	f.Close()
	a.imageURL = "https://img.clerk.com/oauth_app_logo_" + a.id
	a.updatedAt = s.nowMillis()
	return s.oauthAppJSON(a, false), nil
}

func rotateOAuthAppSecret(s *Server, r *http.Request) (any, *apiError) {
	a, e := s.oauthApp(r)
	if e != nil {
		return nil, e
	}
	if a.public {
		return nil, newError(http.StatusBadRequest, "oauth_application_public", "public application",
			"A public OAuth application has no client secret to rotate.")
	}
	a.secret = randomString(32)
	a.updatedAt = s.nowMillis()
	return s.oauthAppJSON(a, true), nil
}

type revokeTokenBody struct {
	Token *string `json:"token"`
}

func revokeOAuthAppToken(s *Server, r *http.Request) (any, *apiError) {
	a, e := s.oauthApp(r)
	if e != nil {
		return nil, e
	}
	var b revokeTokenBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.Token) == "" {
		return nil, errMissing("token")
	}
	if !slices.Contains(a.revoked, *b.Token) {
		a.revoked = append(a.revoked, *b.Token)
	}
	return noContent(http.StatusNoContent), nil // the spec's 204 Token revoked
}

func listOAuthApps(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	o, e := parseOrder(q, "-created_at", "created_at", "name")
	if e != nil {
		return nil, e
	}
	nameQuery := strings.ToLower(q.Get("name_query"))
	var kept []*fakeOAuthApp
	for _, a := range s.oauthAppStore() {
		if nameQuery == "" || contains(strings.ToLower(a.name), nameQuery) {
			kept = append(kept, a)
		}
	}
	sortBy(kept, o, func(a *fakeOAuthApp, field string) sortKey {
		if field == "name" {
			return sortKey{s: strp(a.name), seq: a.seq}
		}
		return sortKey{n: i64p(a.createdAt), seq: a.seq}
	})
	pg := paginate(kept, p)
	data := make([]map[string]any, 0, len(pg))
	for _, a := range pg {
		data = append(data, s.oauthAppJSON(a, false))
	}
	return envelope[map[string]any]{Data: data, TotalCount: int64(len(kept))}, nil
}
