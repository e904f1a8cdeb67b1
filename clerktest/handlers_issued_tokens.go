package clerktest

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// verifiedClaims checks an RS256 token against the fake's key and returns
// its claims.
func (s *Server) verifiedClaims(token string) (map[string]any, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, false
	}
	km, err := s.keys()
	if err != nil {
		return nil, false
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, false
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if rsa.VerifyPKCS1v15(&km.key.PublicKey, crypto.SHA256, sum[:], sig) != nil {
		return nil, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, false
	}
	var claims map[string]any
	if json.Unmarshal(payload, &claims) != nil {
		return nil, false
	}
	return claims, true
}

// errCannotRevoke is the answer to revoking a token that is no longer
// pending: 400 <kind>_cannot_be_revoked.
func errCannotRevoke(kind, status string) *apiError {
	return newError(http.StatusBadRequest, kind+"_cannot_be_revoked", "cannot be revoked",
		"The "+strings.ReplaceAll(kind, "_", " ")+" is "+status+" and cannot be revoked.")
}

// ticketURL is where a sign-in, actor or agent ticket would be redeemed.
func ticketURL(ticket string) string {
	return "https://accounts.clerktest.invalid/sign-in?__clerk_ticket=" + url.QueryEscape(ticket)
}

// --- sign-in tokens ---

type signInTokenJSON struct {
	Object    string  `json:"object"`
	ID        string  `json:"id"`
	UserID    string  `json:"user_id"`
	Status    string  `json:"status"`
	Token     string  `json:"token,omitempty"`
	URL       *string `json:"url"`
	CreatedAt int64   `json:"created_at"`
	UpdatedAt int64   `json:"updated_at"`
}

func (t *issuedToken) signInJSON() signInTokenJSON {
	return signInTokenJSON{Object: "sign_in_token", ID: t.id, UserID: t.userID, Status: t.status,
		CreatedAt: t.createdAt, UpdatedAt: t.updatedAt}
}

type createSignInTokenBody struct {
	UserID           *string     `json:"user_id"`
	ExpiresInSeconds opt[int64]  `json:"expires_in_seconds"`
	OrgID            opt[string] `json:"org_id"`
}

func createSignInToken(s *Server, r *http.Request) (any, *apiError) {
	var b createSignInTokenBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.UserID) == "" {
		return nil, errMissing("user_id")
	}
	if v := b.ExpiresInSeconds.ptr(); v != nil && *v < 1 {
		return nil, errValue("expires_in_seconds", "must be at least 1")
	}
	u, e := s.st.lookupUser(*b.UserID)
	if e != nil {
		return nil, e
	}
	if org := b.OrgID.ptr(); org != nil {
		o, e := s.st.lookupOrg(*org)
		if e != nil {
			return nil, e
		}
		if s.st.findMembership(o.id, u.id) == nil {
			return nil, errValue("org_id", "the user is not a member of "+o.id)
		}
	}
	now := s.nowMillis()
	t := &issuedToken{id: newID("sit"), userID: u.id, status: "pending", createdAt: now, updatedAt: now}
	s.st.identity().signInTokens[t.id] = t
	out := t.signInJSON()
	out.Token = randomString(40)
	out.URL = strp(ticketURL(out.Token))
	return out, nil
}

func revokeSignInToken(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("sign_in_token_id")
	t, ok := s.st.identity().signInTokens[id]
	if !ok {
		return nil, errNotFound("sign in token", id)
	}
	if t.status != "pending" {
		return nil, errCannotRevoke("sign_in_token", t.status)
	}
	t.status, t.updatedAt = "revoked", s.nowMillis()
	return t.signInJSON(), nil
}

// --- actor tokens ---

type actorTokenJSON struct {
	Object    string         `json:"object"`
	ID        string         `json:"id"`
	UserID    string         `json:"user_id"`
	Actor     map[string]any `json:"actor"`
	Status    string         `json:"status"`
	Token     string         `json:"token,omitempty"`
	URL       string         `json:"url,omitempty"`
	CreatedAt int64          `json:"created_at"`
	UpdatedAt int64          `json:"updated_at"`
}

func (t *issuedToken) actorJSON() actorTokenJSON {
	return actorTokenJSON{Object: "actor_token", ID: t.id, UserID: t.userID, Actor: cloneMetadata(t.actor),
		Status: t.status, CreatedAt: t.createdAt, UpdatedAt: t.updatedAt}
}

type createActorTokenBody struct {
	UserID             *string    `json:"user_id"`
	Actor              rawObject  `json:"actor"`
	ExpiresInSeconds   opt[int64] `json:"expires_in_seconds"`
	SessionMaxDuration opt[int64] `json:"session_max_duration_in_seconds"`
}

func createActorToken(s *Server, r *http.Request) (any, *apiError) {
	var b createActorTokenBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.UserID) == "" {
		return nil, errMissing("user_id")
	}
	if !b.Actor.set || b.Actor.null {
		return nil, errMissing("actor")
	}
	if e := b.Actor.check("actor", false); e != nil {
		return nil, e
	}
	if sub, _ := b.Actor.v["sub"].(string); sub == "" {
		return nil, errMissing("actor.sub")
	}
	for _, f := range []struct {
		n string
		v *int64
	}{{"expires_in_seconds", b.ExpiresInSeconds.ptr()}, {"session_max_duration_in_seconds", b.SessionMaxDuration.ptr()}} {
		if f.v != nil && *f.v < 1 {
			return nil, errValue(f.n, "must be at least 1")
		}
	}
	// The spec lists no 404 here: an unknown user is a 422.
	u, ok := s.st.users[*b.UserID]
	if !ok {
		return nil, errValue("user_id", "no user with id "+*b.UserID)
	}
	now := s.nowMillis()
	t := &issuedToken{id: newID("act"), userID: u.id, status: "pending", actor: cloneMetadata(b.Actor.v), createdAt: now, updatedAt: now}
	s.st.identity().actorTokens[t.id] = t
	out := t.actorJSON()
	out.Token = randomString(40)
	out.URL = ticketURL(out.Token)
	return out, nil
}

func revokeActorToken(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("actor_token_id")
	t, ok := s.st.identity().actorTokens[id]
	if !ok {
		return nil, errNotFound("actor token", id)
	}
	if t.status != "pending" {
		return nil, errCannotRevoke("actor_token", t.status)
	}
	t.status, t.updatedAt = "revoked", s.nowMillis()
	return t.actorJSON(), nil
}

// --- testing tokens ---

type testingTokenJSON struct {
	Object    string `json:"object"`
	Token     string `json:"token"`
	ExpiresAt int64  `json:"expires_at"`
}

// testingTokenLifetime is how long a testing token works (ms).
const testingTokenLifetime = 60 * 60 * 1000

func createTestingToken(s *Server, _ *http.Request) (any, *apiError) {
	now := s.nowMillis()
	return testingTokenJSON{Object: "testing_token", Token: randomString(32), ExpiresAt: now + testingTokenLifetime}, nil
}

// --- agent tasks ---

type agentTaskJSON struct {
	Object      string `json:"object"`
	AgentID     string `json:"agent_id"`
	AgentTaskID string `json:"agent_task_id"`
	TaskID      string `json:"task_id"`
	URL         string `json:"url,omitempty"`
}

type createAgentTaskBody struct {
	OnBehalfOf *struct {
		UserID     *string `json:"user_id"`
		Identifier *string `json:"identifier"`
	} `json:"on_behalf_of"`
	Permissions        *string    `json:"permissions"`
	AgentName          *string    `json:"agent_name"`
	TaskDescription    *string    `json:"task_description"`
	RedirectURL        *string    `json:"redirect_url"`
	SessionMaxDuration opt[int64] `json:"session_max_duration_in_seconds"`
}

func createAgentTask(s *Server, r *http.Request) (any, *apiError) {
	var b createAgentTaskBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.OnBehalfOf == nil {
		return nil, errMissing("on_behalf_of")
	}
	for _, f := range []struct {
		n string
		v *string
	}{{"permissions", b.Permissions}, {"agent_name", b.AgentName}, {"task_description", b.TaskDescription}, {"redirect_url", b.RedirectURL}} {
		if deref(f.v) == "" {
			return nil, errMissing(f.n)
		}
	}
	if *b.Permissions != "*" {
		return nil, errValue("permissions", `must be "*"`)
	}
	if u, err := url.Parse(*b.RedirectURL); err != nil || !u.IsAbs() || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errFormat("redirect_url", "must be an absolute http(s) URL")
	}
	if v := b.SessionMaxDuration.ptr(); v != nil && *v < 1 {
		return nil, errValue("session_max_duration_in_seconds", "must be at least 1")
	}
	userID, ident := deref(b.OnBehalfOf.UserID), deref(b.OnBehalfOf.Identifier)
	if (userID == "") == (ident == "") {
		return nil, errValue("on_behalf_of", "exactly one of user_id or identifier must be provided")
	}
	if userID != "" {
		if _, e := s.st.lookupUser(userID); e != nil {
			return nil, e
		}
	} else if s.st.emailOwner(ident) == nil && s.st.phoneOwner(ident) == nil {
		return nil, errNotFound("user", "")
	}
	t := &agentTask{id: newID("agtask"), agentID: "agent_" + stableID(s.st.instanceID+"/"+*b.AgentName)}
	s.st.identity().agentTasks[t.id] = t
	out := t.json()
	out.URL = ticketURL(randomString(40))
	return out, nil
}

// stableID derives 27 base62 characters from s, so one agent name always
// gets the same agent_id on an instance.
func stableID(s string) string {
	sum := sha256.Sum256([]byte(s))
	out := make([]byte, 27)
	for i := range out {
		out[i] = base62[int(sum[i])%62]
	}
	return string(out)
}

func (t *agentTask) json() agentTaskJSON {
	return agentTaskJSON{Object: "agent_task", AgentID: t.agentID, AgentTaskID: t.id, TaskID: t.id}
}

func revokeAgentTask(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("agent_task_id")
	t, ok := s.st.identity().agentTasks[id]
	if !ok {
		return nil, errNotFound("agent task", id)
	}
	if t.revoked {
		return nil, errCannotRevoke("agent_task", "revoked")
	}
	t.revoked = true
	return t.json(), nil
}

// --- admin portal link tokens ---

type portalTokenJSON struct {
	Object            string   `json:"object"`
	ID                string   `json:"id"`
	AdminPortalLinkID string   `json:"admin_portal_link_id"`
	InstanceID        string   `json:"instance_id"`
	OrganizationID    *string  `json:"organization_id"`
	ITContactID       *string  `json:"it_contact_id"`
	Scopes            []string `json:"scopes"`
	Token             string   `json:"token,omitempty"`
	Revoked           bool     `json:"revoked"`
	RevocationReason  *string  `json:"revocation_reason"`
	Expired           bool     `json:"expired"`
	Expiration        *int64   `json:"expiration"`
	CreatedAt         int64    `json:"created_at"`
	UpdatedAt         int64    `json:"updated_at"`
}

func (t *portalToken) json(instanceID string, now int64) portalTokenJSON {
	return portalTokenJSON{
		Object: "admin_portal_link_token", ID: t.id, AdminPortalLinkID: t.linkID, InstanceID: instanceID,
		OrganizationID: t.orgID, ITContactID: t.itContactID, Scopes: t.scopes,
		Revoked: t.revoked, RevocationReason: t.revocationReason,
		Expired: t.expiration <= now, Expiration: i64p(t.expiration), CreatedAt: t.createdAt, UpdatedAt: t.updatedAt,
	}
}

type createPortalTokenBody struct {
	ITContactID    *string    `json:"it_contact_id"`
	OrganizationID *string    `json:"organization_id"`
	Scopes         []string   `json:"scopes"`
	Seconds        opt[int64] `json:"seconds_until_expiration"`
}

// portalInstanceID is the instance id of the portal tokens: the spec wants
// ins_ and 27 characters, which the fake's key id is.
func (s *Server) portalInstanceID() string { return s.kid }

func createPortalToken(s *Server, r *http.Request) (any, *apiError) {
	var b createPortalTokenBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.ITContactID != nil && *b.ITContactID == "" {
		return nil, errValue("it_contact_id", "must not be empty")
	}
	if b.OrganizationID != nil {
		if _, e := s.st.lookupOrg(*b.OrganizationID); e != nil {
			return nil, errValue("organization_id", "no organization with id "+*b.OrganizationID)
		}
	}
	for _, sc := range b.Scopes {
		if sc == "" {
			return nil, errValue("scopes", "must not hold an empty scope")
		}
	}
	secs := int64(3600)
	if v := b.Seconds.ptr(); v != nil {
		if *v <= 0 || *v > 86400 {
			return nil, errValue("seconds_until_expiration", "must be between 1 and 86400")
		}
		secs = *v
	}
	now := s.nowMillis()
	scopes := b.Scopes
	if scopes == nil {
		scopes = []string{}
	}
	t := &portalToken{
		id: "aplt_" + randomHex(16), linkID: newID("apl"), orgID: b.OrganizationID, itContactID: b.ITContactID,
		scopes: scopes, expiration: now + secs*1000, createdAt: now, updatedAt: now,
	}
	s.st.identity().portalTokens[t.id] = t
	out := t.json(s.portalInstanceID(), now)
	out.Token = "aplt_" + randomString(32)
	return withStatus(http.StatusCreated, out), nil
}

type revokePortalTokenBody struct {
	RevocationReason *string `json:"revocation_reason"`
}

func revokePortalToken(s *Server, r *http.Request) (any, *apiError) {
	id := r.PathValue("adminPortalLinkTokenID")
	t, ok := s.st.identity().portalTokens[id]
	if !ok {
		return nil, errNotFound("admin portal link token", id)
	}
	var b revokePortalTokenBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if t.revoked {
		return nil, errCannotRevoke("admin_portal_link_token", "revoked")
	}
	now := s.nowMillis()
	t.revoked, t.revocationReason, t.updatedAt = true, b.RevocationReason, now
	return t.json(s.portalInstanceID(), now), nil
}
