package clerktest

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Machine authentication in the fake: machines and their scopes, M2M
// tokens (opaque mt_… and JWT), API keys (ak_…) and OAuth access tokens
// (oat_…, seeded with AddOAuthAccessToken).
//
// JWT-format M2M tokens carry iss (Issuer), sub (the machine ID), jti (the
// token's mt_… ID), iat, nbf (= iat), exp, "scopes" (the IDs of the
// machines the token may call, space-separated) and the custom claims of
// the request; the reserved claims win over custom ones of the same name.
// The header is {alg: RS256, kid: KeyID, typ: JWT, cat: cl_B7d4PD333AAA},
// the category Clerk gives M2M tokens (session tokens carry another). Like Clerk's, they are not stored: the list
// operation shows opaque tokens only and they cannot be revoked.

// Machine-token defaults of the fake.
const (
	// defaultMachineTokenTTL is a new machine's default_token_ttl (s).
	defaultMachineTokenTTL = 3600
	// oauthAccessTokenLifetime is how long a seeded OAuth token lives.
	oauthAccessTokenLifetime = time.Hour
	// machineSecretPrefix starts every machine secret key (and API key
	// secret), as Clerk's do.
	machineSecretPrefix = "ak_"
)

// machineState holds machines, M2M tokens, API keys and OAuth access
// tokens; state.mach points to it, made on first use.
type machineState struct {
	machines map[string]*fakeMachine
	// m2m holds the opaque M2M tokens by ID; m2mByToken maps a token to
	// its ID.
	m2m        map[string]*fakeM2MToken
	m2mByToken map[string]string
	apiKeys    map[string]*fakeAPIKey
	apiBySec   map[string]string
	// oats holds the seeded OAuth access tokens by token.
	oats map[string]*fakeOAT
}

type fakeMachine struct {
	id, name string
	ttl      int64
	scoped   []string
	scopedAt map[string]int64
	// secret is the current secret key; prevSecret keeps working until
	// prevUntil (Unix ms) after a rotation.
	secret, prevSecret        string
	prevUntil                 int64
	seq, createdAt, updatedAt int64
}

type fakeM2MToken struct {
	id, subject, token        string
	claims                    map[string]any
	scopes                    []string
	revoked                   bool
	reason                    *string
	expiration, lastUsed      *int64
	seq, createdAt, updatedAt int64
}

type fakeAPIKey struct {
	id, typ, subject, name, secret string
	description, createdBy, reason *string
	claims                         map[string]any
	scopes                         []string
	revoked                        bool
	expiration, lastUsed           *int64
	seq, createdAt, updatedAt      int64
}

type fakeOAT struct {
	id, token, clientID, subject string
	scopes                       []string
	expiration                   int64
	createdAt                    int64
}

// machineRoutes is the route table of the Machines, M2M Tokens, API Keys
// and OAuth Access Tokens tags.
func machineRoutes() map[string]op {
	routes := map[string]op{
		"GET /v1/machines":                                           listMachines,
		"POST /v1/machines":                                          createMachine,
		"GET /v1/machines/{machine_id}":                              getMachine,
		"PATCH /v1/machines/{machine_id}":                            updateMachine,
		"DELETE /v1/machines/{machine_id}":                           deleteMachine,
		"GET /v1/machines/{machine_id}/secret_key":                   getMachineSecretKey,
		"POST /v1/machines/{machine_id}/secret_key/rotate":           rotateMachineSecretKey,
		"POST /v1/machines/{machine_id}/scopes":                      createMachineScope,
		"DELETE /v1/machines/{machine_id}/scopes/{other_machine_id}": deleteMachineScope,
	}
	// Clerk also serves these without the version segment, and the
	// official JavaScript SDK calls them so.
	for pattern, fn := range map[string]op{
		"POST /m2m_tokens":                              createM2MToken,
		"GET /m2m_tokens":                               listM2MTokens,
		"POST /m2m_tokens/{m2m_token_id}/revoke":        revokeM2MToken,
		"POST /m2m_tokens/verify":                       verifyM2MToken,
		"POST /oauth_applications/access_tokens/verify": verifyOAuthAccessToken,
		"GET /api_keys":                                 listAPIKeys,
		"POST /api_keys":                                createAPIKey,
		"GET /api_keys/{apiKeyID}":                      getAPIKey,
		"PATCH /api_keys/{apiKeyID}":                    updateAPIKey,
		"DELETE /api_keys/{apiKeyID}":                   deleteAPIKey,
		"GET /api_keys/{apiKeyID}/secret":               getAPIKeySecret,
		"POST /api_keys/{apiKeyID}/revoke":              revokeAPIKey,
		"POST /api_keys/verify":                         verifyAPIKey,
	} {
		method, path, _ := strings.Cut(pattern, " ")
		routes[method+" /v1"+path] = fn
		routes[pattern] = fn
	}
	return routes
}

// mach returns the machine state, made on first use (state lock held).
func (s *Server) mach() *machineState {
	if s.st.mach == nil {
		s.st.mach = &machineState{
			machines:   map[string]*fakeMachine{},
			m2m:        map[string]*fakeM2MToken{},
			m2mByToken: map[string]string{},
			apiKeys:    map[string]*fakeAPIKey{},
			apiBySec:   map[string]string{},
			oats:       map[string]*fakeOAT{},
		}
	}
	return s.st.mach
}

// machineBearerRoute reports whether a request may carry a machine's
// secret key instead of the instance's: only the M2M token operations
// (create, list, revoke, verify), whose handlers resolve the machine from
// the key under the state lock.
func machineBearerRoute(r *http.Request, token string) bool {
	if !strings.HasPrefix(token, machineSecretPrefix) {
		return false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/v1/") {
		p = "/v1" + p
	}
	switch {
	case p == "/v1/m2m_tokens":
		return r.Method == http.MethodPost || r.Method == http.MethodGet
	case p == "/v1/m2m_tokens/verify":
		return r.Method == http.MethodPost
	case strings.HasPrefix(p, "/v1/m2m_tokens/") && strings.HasSuffix(p, "/revoke") && strings.Count(p, "/") == 4:
		return r.Method == http.MethodPost
	}
	return false
}

// bearerMachine resolves the bearer of an M2M token operation: nil for
// the instance's secret key, else the machine whose current secret key,
// or previous one still within its grace period, the request carries.
func (s *Server) bearerMachine(r *http.Request) (*fakeMachine, *apiError) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.SecretKey)) == 1 {
		return nil, nil
	}
	now := s.nowMillis()
	var found *fakeMachine
	for _, m := range s.mach().machines {
		cur := subtle.ConstantTimeCompare([]byte(token), []byte(m.secret)) == 1
		prev := m.prevSecret != "" && now < m.prevUntil && subtle.ConstantTimeCompare([]byte(token), []byte(m.prevSecret)) == 1
		if cur || prev {
			found = m
		}
	}
	if found == nil {
		return nil, newError(http.StatusUnauthorized, "machine_secret_key_invalid", "Machine secret key is invalid",
			"The provided machine secret key is invalid, was rotated, or its machine was deleted.")
	}
	return found, nil
}

// machineFromBearer is bearerMachine for M2M token creation, which only
// a machine may do.
func (s *Server) machineFromBearer(r *http.Request) (*fakeMachine, *apiError) {
	m, e := s.bearerMachine(r)
	if e == nil && m == nil {
		return nil, newError(http.StatusUnauthorized, "authentication_invalid", "machine secret key required",
			"M2M tokens are created by a machine: send its secret key (ak_…) as the bearer token, not the instance's secret key.")
	}
	return m, e
}

// newMachineSecret is ak_ and 32 hex digits, the shape of Clerk's keys.
func newMachineSecret() string { return machineSecretPrefix + randomHex(16) }

// machExpired reports whether a Unix-ms expiration has passed.
func machExpired(exp *int64, now int64) bool { return exp != nil && now >= *exp }

func machCloneClaims(c map[string]any) any {
	if c == nil {
		return nil
	}
	return maps.Clone(c)
}

func (s *Server) machineJSON(m *fakeMachine, nested bool) map[string]any {
	out := map[string]any{
		"object": "machine", "id": m.id, "name": m.name, "instance_id": s.st.instanceID,
		"created_at": m.createdAt, "updated_at": m.updatedAt, "default_token_ttl": m.ttl,
	}
	if !nested {
		scoped := make([]map[string]any, 0, len(m.scoped))
		for _, id := range m.scoped {
			if o := s.mach().machines[id]; o != nil {
				scoped = append(scoped, s.machineJSON(o, true))
			}
		}
		out["scoped_machines"] = scoped
	}
	return out
}

func (s *Server) m2mJSON(t *fakeM2MToken, withToken bool) map[string]any {
	out := map[string]any{
		"object": "machine_to_machine_token", "id": t.id, "subject": t.subject, "claims": machCloneClaims(t.claims),
		"scopes": slices.Clone(t.scopes), "revoked": t.revoked, "revocation_reason": t.reason,
		"expired": machExpired(t.expiration, s.nowMillis()), "expiration": t.expiration, "last_used_at": t.lastUsed,
		"created_at": t.createdAt, "updated_at": t.updatedAt,
	}
	if withToken {
		out["token"] = t.token
	}
	return out
}

func (s *Server) apiKeyJSON(k *fakeAPIKey, withSecret bool) map[string]any {
	out := map[string]any{
		"object": "api_key", "id": k.id, "type": k.typ, "subject": k.subject, "name": k.name,
		"description": k.description, "claims": machCloneClaims(k.claims), "scopes": slices.Clone(k.scopes),
		"revoked": k.revoked, "revocation_reason": k.reason, "expired": machExpired(k.expiration, s.nowMillis()),
		"expiration": k.expiration, "created_by": k.createdBy, "last_used_at": k.lastUsed,
		"created_at": k.createdAt, "updated_at": k.updatedAt,
	}
	if withSecret {
		out["secret"] = k.secret
	}
	return out
}

// AddOAuthAccessToken seeds an OAuth access token (oat_ and 32 hex
// digits) that the OAuth application with clientID issued to userID, and
// returns it: POST /oauth_applications/access_tokens/verify accepts it for
// an hour, until that application's revoke_token operation revokes it.
func (s *Server) AddOAuthAccessToken(clientID, userID string, scopes ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	t := &fakeOAT{
		id: "oat_" + randomHex(16), token: "oat_" + randomHex(16), clientID: clientID, subject: userID,
		scopes: append([]string{}, scopes...), expiration: now.Add(oauthAccessTokenLifetime).UnixMilli(),
		createdAt: now.UnixMilli(),
	}
	s.mach().oats[t.token] = t
	return t.token
}

// oatRevoked reports whether an OAuth application with the token's client
// ID revoked it (POST /oauth_applications/{id}/revoke_token).
func (s *Server) oatRevoked(t *fakeOAT) bool {
	for _, a := range s.oauthAppStore() {
		if a.clientID == t.clientID && slices.Contains(a.revoked, t.token) {
			return true
		}
	}
	return false
}

// NewM2MJWT signs a JWT-format M2M token for machineID with the server's
// key, as POST /m2m_tokens with token_format "jwt" does: scopes are the
// IDs of the machines it may call. It lives an hour and records nothing in
// the fake's state. On an empty machine ID or a signing failure it reports
// the error on the test (t.Errorf) and returns "".
func (s *Server) NewM2MJWT(machineID string, scopes ...string) string {
	tok, err := s.mintM2MJWT(machineID, "mt_"+randomHex(16), scopes, nil, s.now(), s.now().Add(defaultMachineTokenTTL*time.Second))
	if err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Errorf("clerktest: NewM2MJWT: %v", err)
		}
		return ""
	}
	return tok
}

func (s *Server) mintM2MJWT(machineID, jti string, scopes []string, custom map[string]any, iat, exp time.Time) (string, error) {
	if machineID == "" {
		return "", errors.New("empty machine id")
	}
	claims := maps.Clone(custom)
	if claims == nil {
		claims = map[string]any{}
	}
	maps.Copy(claims, map[string]any{
		"iss": s.iss, "sub": machineID, "jti": jti, "iat": iat.Unix(), "nbf": iat.Unix(), "exp": exp.Unix(),
		"scopes": strings.Join(scopes, " "),
	})
	return s.signMachJWT(claims)
}

// machJWTCat is the "cat" header Clerk puts on JWT-format M2M tokens.
const machJWTCat = "cl_B7d4PD333AAA"

// signMachJWT makes a compact RS256 JWS of claims with an M2M token header.
func (s *Server) signMachJWT(claims map[string]any) (string, error) {
	km, err := s.keys()
	if err != nil {
		return "", err
	}
	hb, err := json.Marshal(map[string]string{"alg": "RS256", "kid": s.kid, "typ": "JWT", "cat": machJWTCat})
	if err != nil {
		return "", err
	}
	cb, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encoding claims: %w", err)
	}
	input := base64.RawURLEncoding.EncodeToString(hb) + "." + base64.RawURLEncoding.EncodeToString(cb)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(nil, km.key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

// reservedM2MClaims are the claims the fake sets on a JWT M2M token; the
// rest are the custom claims.
var reservedM2MClaims = []string{"iss", "sub", "jti", "iat", "nbf", "exp", "scopes"}

// verifyM2MJWT checks a JWT-format M2M token's signature, issuer and
// lifetime and returns it as a token object.
func (s *Server) verifyM2MJWT(tok string) (map[string]any, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWS")
	}
	km, err := s.keys()
	if err != nil {
		return nil, err
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
		Cat string `json:"cat"`
	}
	hb, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || json.Unmarshal(hb, &header) != nil || header.Alg != "RS256" || header.Kid != s.kid || header.Cat != machJWTCat {
		return nil, errors.New("bad header")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(&km.key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		return nil, err
	}
	cb, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	if err := json.Unmarshal(cb, &claims); err != nil {
		return nil, err
	}
	sub, _ := claims["sub"].(string)
	jti, _ := claims["jti"].(string)
	iss, _ := claims["iss"].(string)
	exp, _ := claims["exp"].(float64)
	iat, _ := claims["iat"].(float64)
	scopes, _ := claims["scopes"].(string)
	if !strings.HasPrefix(sub, "mch_") || !strings.HasPrefix(jti, "mt_") || iss != s.iss {
		return nil, errors.New("not an M2M token of this instance")
	}
	now := s.now().Unix()
	if int64(exp) <= now {
		return nil, fmt.Errorf("expired at %d", int64(exp))
	}
	custom := maps.Clone(claims)
	for _, k := range reservedM2MClaims {
		delete(custom, k)
	}
	var c any
	if len(custom) > 0 {
		c = custom
	}
	expMs, iatMs := int64(exp)*1000, int64(iat)*1000
	return map[string]any{
		"object": "machine_to_machine_token", "id": jti, "subject": sub, "claims": c,
		"scopes": strings.Fields(scopes), "revoked": false, "revocation_reason": nil, "expired": false,
		"expiration": expMs, "last_used_at": nil, "created_at": iatMs, "updated_at": iatMs,
	}, nil
}
