package clerktest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Machines.

type machineBody struct {
	Name            *string  `json:"name"`
	ScopedMachines  []string `json:"scoped_machines"`
	DefaultTokenTTL *int64   `json:"default_token_ttl"`
}

func (s *Server) machine(r *http.Request, param string) (*fakeMachine, *apiError) {
	id := r.PathValue(param)
	if m := s.mach().machines[id]; m != nil {
		return m, nil
	}
	return nil, errNotFound("machine", id)
}

func machCheckTTL(param string, ttl *int64) *apiError {
	if ttl != nil && *ttl <= 0 {
		return errValue(param, "must be a positive number of seconds")
	}
	return nil
}

func createMachine(s *Server, r *http.Request) (any, *apiError) {
	var b machineBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if strings.TrimSpace(deref(b.Name)) == "" {
		return nil, errMissing("name")
	}
	if e := machCheckTTL("default_token_ttl", b.DefaultTokenTTL); e != nil {
		return nil, e
	}
	ms := s.mach()
	for _, id := range b.ScopedMachines {
		if ms.machines[id] == nil {
			return nil, errValue("scoped_machines", "no machine with id "+id)
		}
	}
	now := s.nowMillis()
	m := &fakeMachine{
		id: newID("mch"), name: *b.Name, ttl: defaultMachineTokenTTL, scopedAt: map[string]int64{},
		secret: newMachineSecret(), seq: s.st.next(), createdAt: now, updatedAt: now,
	}
	if b.DefaultTokenTTL != nil {
		m.ttl = *b.DefaultTokenTTL
	}
	for _, id := range b.ScopedMachines {
		if _, dup := m.scopedAt[id]; !dup {
			m.scoped = append(m.scoped, id)
			m.scopedAt[id] = now
		}
	}
	ms.machines[m.id] = m
	out := s.machineJSON(m, false)
	out["secret_key"] = m.secret
	return out, nil
}

func listMachines(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	o, e := parseOrder(q, "-created_at", "created_at", "name")
	if e != nil {
		return nil, e
	}
	query := strings.ToLower(q.Get("query"))
	var kept []*fakeMachine
	for _, m := range s.mach().machines {
		if query == "" || contains(strings.ToLower(m.name), query) || contains(strings.ToLower(m.id), query) {
			kept = append(kept, m)
		}
	}
	sortBy(kept, o, func(m *fakeMachine, field string) sortKey {
		if field == "name" {
			return sortKey{s: strp(m.name), seq: m.seq}
		}
		return sortKey{n: i64p(m.createdAt), seq: m.seq}
	})
	pg := paginate(kept, p)
	data := make([]map[string]any, 0, len(pg))
	for _, m := range pg {
		data = append(data, s.machineJSON(m, false))
	}
	return envelope[map[string]any]{Data: data, TotalCount: int64(len(kept))}, nil
}

func getMachine(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	return s.machineJSON(m, false), nil
}

func updateMachine(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	var b struct {
		Name            *string `json:"name"`
		DefaultTokenTTL *int64  `json:"default_token_ttl"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Name != nil && strings.TrimSpace(*b.Name) == "" {
		return nil, errValue("name", "must not be empty")
	}
	if e := machCheckTTL("default_token_ttl", b.DefaultTokenTTL); e != nil {
		return nil, e
	}
	if b.Name != nil {
		m.name = *b.Name
	}
	if b.DefaultTokenTTL != nil {
		m.ttl = *b.DefaultTokenTTL
	}
	m.updatedAt = s.nowMillis()
	return s.machineJSON(m, false), nil
}

// deleteMachine removes a machine, the scopes that name it and its opaque
// tokens (they stop verifying).
func deleteMachine(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	ms := s.mach()
	delete(ms.machines, m.id)
	for _, o := range ms.machines {
		if _, ok := o.scopedAt[m.id]; ok {
			delete(o.scopedAt, m.id)
			o.scoped = slices.DeleteFunc(o.scoped, func(id string) bool { return id == m.id })
		}
	}
	for id, t := range ms.m2m {
		if t.subject == m.id {
			delete(ms.m2m, id)
			delete(ms.m2mByToken, t.token)
		}
	}
	return deletedObject{Object: "machine", ID: m.id, Deleted: true}, nil
}

func getMachineSecretKey(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	return map[string]any{"object": "machine_secret_key", "secret": m.secret}, nil
}

// rotateMachineSecretKey replaces the secret key; the old one keeps
// creating tokens for previous_token_ttl seconds (0: it stops at once).
func rotateMachineSecretKey(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	var b struct {
		PreviousTokenTTL *int64 `json:"previous_token_ttl"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.PreviousTokenTTL == nil {
		return nil, errMissing("previous_token_ttl")
	}
	if *b.PreviousTokenTTL < 0 {
		return nil, errValue("previous_token_ttl", "must be 0 or more seconds")
	}
	now := s.nowMillis()
	m.prevSecret, m.prevUntil = m.secret, now+*b.PreviousTokenTTL*1000
	m.secret = newMachineSecret()
	m.updatedAt = now
	return map[string]any{"object": "machine_secret_key", "secret": m.secret}, nil
}

func createMachineScope(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	var b struct {
		ToMachineID *string `json:"to_machine_id"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	to := deref(b.ToMachineID)
	switch {
	case to == "":
		return nil, errMissing("to_machine_id")
	case to == m.id:
		return nil, errValue("to_machine_id", "a machine cannot be scoped to itself")
	case s.mach().machines[to] == nil:
		return nil, errNotFound("machine", to)
	}
	if _, dup := m.scopedAt[to]; dup {
		return nil, errDuplicate("machine scope")
	}
	now := s.nowMillis()
	m.scoped = append(m.scoped, to)
	m.scopedAt[to] = now
	m.updatedAt = now
	return map[string]any{"object": "machine_scope", "from_machine_id": m.id, "to_machine_id": to, "created_at": now}, nil
}

func deleteMachineScope(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machine(r, "machine_id")
	if e != nil {
		return nil, e
	}
	to := r.PathValue("other_machine_id")
	if _, ok := m.scopedAt[to]; !ok {
		return nil, errNotFound("machine scope", to)
	}
	delete(m.scopedAt, to)
	m.scoped = slices.DeleteFunc(m.scoped, func(id string) bool { return id == to })
	m.updatedAt = s.nowMillis()
	return map[string]any{"object": "machine_scope", "from_machine_id": m.id, "to_machine_id": to, "deleted": true}, nil
}

// M2M tokens.

type m2mCreateBody struct {
	TokenFormat            *string   `json:"token_format"`
	SecondsUntilExpiration *int64    `json:"seconds_until_expiration"`
	Claims                 rawObject `json:"claims"`
	MinRemainingTTLSeconds *int64    `json:"min_remaining_ttl_seconds"`
}

// createM2MToken makes a token for the machine whose secret key is the
// bearer. With min_remaining_ttl_seconds, an opaque token of the same
// machine with the same claims, unrevoked and with at least that long
// left, is handed back instead of a new one.
func createM2MToken(s *Server, r *http.Request) (any, *apiError) {
	m, e := s.machineFromBearer(r)
	if e != nil {
		return nil, e
	}
	var b m2mCreateBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	format := deref(b.TokenFormat)
	if format != "" && format != "opaque" && format != "jwt" {
		return nil, errValue("token_format", "must be opaque or jwt")
	}
	if e := b.Claims.check("claims", true); e != nil {
		return nil, e
	}
	if e := machCheckTTL("seconds_until_expiration", b.SecondsUntilExpiration); e != nil {
		return nil, e
	}
	if b.MinRemainingTTLSeconds != nil && *b.MinRemainingTTLSeconds < 0 {
		return nil, errValue("min_remaining_ttl_seconds", "must be 0 or more seconds")
	}
	var claims map[string]any
	if b.Claims.v != nil {
		claims = b.Claims.v
	}
	now := s.now()
	ttl := m.ttl
	if b.SecondsUntilExpiration != nil {
		ttl = *b.SecondsUntilExpiration
	}
	exp := now.Add(time.Duration(ttl) * time.Second)
	id := "mt_" + randomHex(16)
	scopes := slices.Clone(m.scoped)
	if scopes == nil {
		scopes = []string{}
	}
	if format == "jwt" {
		tok, err := s.mintM2MJWT(m.id, id, scopes, claims, now, exp)
		if err != nil {
			return nil, newError(http.StatusInternalServerError, "internal_clerk_error", "internal error", err.Error())
		}
		ms, exps := now.UnixMilli(), exp.UnixMilli()
		return s.m2mJSON(&fakeM2MToken{id: id, subject: m.id, token: tok, claims: claims, scopes: scopes,
			expiration: &exps, createdAt: ms, updatedAt: ms}, true), nil
	}
	nowMs := now.UnixMilli()
	if minTTL := deref(b.MinRemainingTTLSeconds); minTTL > 0 {
		if t := s.reusableM2M(m.id, claims, scopes, nowMs+minTTL*1000); t != nil {
			return s.m2mJSON(t, true), nil
		}
	}
	exps := exp.UnixMilli()
	t := &fakeM2MToken{id: id, subject: m.id, token: "mt_" + randomHex(16), claims: claims, scopes: scopes,
		expiration: &exps, seq: s.st.next(), createdAt: nowMs, updatedAt: nowMs}
	ms := s.mach()
	ms.m2m[t.id] = t
	ms.m2mByToken[t.token] = t.id
	return s.m2mJSON(t, true), nil
}

// reusableM2M finds the newest live opaque token of a machine with the
// same claims and scopes that is valid at least until the given instant.
func (s *Server) reusableM2M(machineID string, claims map[string]any, scopes []string, until int64) *fakeM2MToken {
	var best *fakeM2MToken
	for _, t := range s.mach().m2m {
		if t.subject != machineID || t.revoked || !slices.Equal(t.scopes, scopes) || !machSameClaims(t.claims, claims) {
			continue
		}
		if t.expiration != nil && *t.expiration < until {
			continue
		}
		if best == nil || t.seq > best.seq {
			best = t
		}
	}
	return best
}

func machSameClaims(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func listM2MTokens(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	subject := q.Get("subject")
	if subject == "" {
		return nil, errMissing("subject")
	}
	caller, e := s.bearerMachine(r)
	if e != nil {
		return nil, e
	}
	revoked, revokedSet, e := boolParam(q, "revoked")
	if e != nil {
		return nil, e
	}
	exp, expSet, e := boolParam(q, "expired")
	if e != nil {
		return nil, e
	}
	now := s.nowMillis()
	var kept []*fakeM2MToken
	for _, t := range s.mach().m2m {
		if t.subject != subject || (caller != nil && t.subject != caller.id) || (revokedSet && t.revoked != revoked) || (expSet && machExpired(t.expiration, now) != exp) {
			continue
		}
		kept = append(kept, t)
	}
	slices.SortFunc(kept, func(a, b *fakeM2MToken) int { return int(b.seq - a.seq) })
	pg := paginate(kept, p)
	data := make([]map[string]any, 0, len(pg))
	for _, t := range pg {
		data = append(data, s.m2mJSON(t, false))
	}
	return map[string]any{"m2m_tokens": data, "total_count": len(kept)}, nil
}

type machRevokeBody struct {
	RevocationReason *string `json:"revocation_reason"`
}

// revokeM2MToken revokes an opaque token; revoking again keeps the first
// reason. A machine may revoke only its own tokens.
func revokeM2MToken(s *Server, r *http.Request) (any, *apiError) {
	caller, e := s.bearerMachine(r)
	if e != nil {
		return nil, e
	}
	id := r.PathValue("m2m_token_id")
	t := s.mach().m2m[id]
	if t == nil || (caller != nil && t.subject != caller.id) {
		return nil, errNotFound("machine to machine token", id)
	}
	var b machRevokeBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if !t.revoked {
		t.revoked, t.reason = true, b.RevocationReason
		t.updatedAt = s.nowMillis()
	}
	return s.m2mJSON(t, false), nil
}

func errMachTokenInvalid(what string) *apiError {
	return newError(http.StatusNotFound, "resource_not_found", "not found",
		"The "+what+" is unknown, revoked or expired.")
}

// verifyM2MToken answers a live opaque token (and marks it used) or a
// JWT-format token whose signature, issuer and expiry check out; anything
// else is a 404. A machine may verify only the tokens scoped to it.
func verifyM2MToken(s *Server, r *http.Request) (any, *apiError) {
	caller, e := s.bearerMachine(r)
	if e != nil {
		return nil, e
	}
	var b struct {
		Token *string `json:"token"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	tok := deref(b.Token)
	if tok == "" {
		return nil, errMissing("token")
	}
	if strings.Count(tok, ".") == 2 {
		out, err := s.verifyM2MJWT(tok)
		if err != nil || (caller != nil && !slices.Contains(out["scopes"].([]string), caller.id)) {
			return nil, errMachTokenInvalid("machine to machine token")
		}
		return out, nil
	}
	ms := s.mach()
	t := ms.m2m[ms.m2mByToken[tok]]
	now := s.nowMillis()
	if t == nil || t.revoked || machExpired(t.expiration, now) || (caller != nil && !slices.Contains(t.scopes, caller.id)) {
		return nil, errMachTokenInvalid("machine to machine token")
	}
	t.lastUsed = &now
	return s.m2mJSON(t, false), nil
}

// API keys.

type apiKeyCreateBody struct {
	Type                   *string   `json:"type"`
	Name                   *string   `json:"name"`
	Description            *string   `json:"description"`
	Subject                *string   `json:"subject"`
	Claims                 rawObject `json:"claims"`
	Scopes                 []string  `json:"scopes"`
	CreatedBy              *string   `json:"created_by"`
	SecondsUntilExpiration *int64    `json:"seconds_until_expiration"`
}

func apiKeyCheckSubject(subject string) *apiError {
	if !strings.HasPrefix(subject, "user_") && !strings.HasPrefix(subject, "org_") {
		return errValue("subject", "must be a user (user_…) or organization (org_…) ID")
	}
	return nil
}

func createAPIKey(s *Server, r *http.Request) (any, *apiError) {
	var b apiKeyCreateBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	typ := deref(b.Type)
	if typ == "" {
		typ = "api_key"
	}
	switch {
	case typ != "api_key":
		return nil, errValue("type", "must be api_key")
	case strings.TrimSpace(deref(b.Name)) == "":
		return nil, errMissing("name")
	case deref(b.Subject) == "":
		return nil, errMissing("subject")
	}
	if e := apiKeyCheckSubject(*b.Subject); e != nil {
		return nil, e
	}
	if e := b.Claims.check("claims", true); e != nil {
		return nil, e
	}
	if e := machCheckTTL("seconds_until_expiration", b.SecondsUntilExpiration); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	k := &fakeAPIKey{
		id: "ak_" + randomHex(16), typ: typ, subject: *b.Subject, name: *b.Name, secret: newMachineSecret(),
		description: b.Description, createdBy: b.CreatedBy, claims: b.Claims.v, scopes: append([]string{}, b.Scopes...),
		seq: s.st.next(), createdAt: now, updatedAt: now,
	}
	if b.SecondsUntilExpiration != nil {
		exp := now + *b.SecondsUntilExpiration*1000
		k.expiration = &exp
	}
	ms := s.mach()
	ms.apiKeys[k.id] = k
	ms.apiBySec[k.secret] = k.id
	return s.apiKeyJSON(k, true), nil
}

func listAPIKeys(s *Server, r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	subject := q.Get("subject")
	if subject == "" {
		return nil, errMissing("subject")
	}
	all, _, e := boolParam(q, "include_invalid")
	if e != nil {
		return nil, e
	}
	typ, query := q.Get("type"), strings.ToLower(q.Get("query"))
	now := s.nowMillis()
	var kept []*fakeAPIKey
	for _, k := range s.mach().apiKeys {
		switch {
		case k.subject != subject, typ != "" && k.typ != typ,
			!all && (k.revoked || machExpired(k.expiration, now)),
			query != "" && !contains(strings.ToLower(k.name), query):
			continue
		}
		kept = append(kept, k)
	}
	slices.SortFunc(kept, func(a, b *fakeAPIKey) int { return int(b.seq - a.seq) })
	pg := paginate(kept, p)
	data := make([]map[string]any, 0, len(pg))
	for _, k := range pg {
		data = append(data, s.apiKeyJSON(k, false))
	}
	return envelope[map[string]any]{Data: data, TotalCount: int64(len(kept))}, nil
}

func (s *Server) apiKey(r *http.Request) (*fakeAPIKey, *apiError) {
	id := r.PathValue("apiKeyID")
	if k := s.mach().apiKeys[id]; k != nil {
		return k, nil
	}
	return nil, errNotFound("api key", id)
}

func getAPIKey(s *Server, r *http.Request) (any, *apiError) {
	k, e := s.apiKey(r)
	if e != nil {
		return nil, e
	}
	return s.apiKeyJSON(k, false), nil
}

func updateAPIKey(s *Server, r *http.Request) (any, *apiError) {
	k, e := s.apiKey(r)
	if e != nil {
		return nil, e
	}
	var b struct {
		Claims                 rawObject   `json:"claims"`
		Scopes                 []string    `json:"scopes"`
		Description            opt[string] `json:"description"`
		Subject                *string     `json:"subject"`
		SecondsUntilExpiration opt[int64]  `json:"seconds_until_expiration"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if e := b.Claims.check("claims", true); e != nil {
		return nil, e
	}
	if b.Subject != nil {
		if e := apiKeyCheckSubject(*b.Subject); e != nil {
			return nil, e
		}
	}
	if e := machCheckTTL("seconds_until_expiration", b.SecondsUntilExpiration.ptr()); e != nil {
		return nil, e
	}
	now := s.nowMillis()
	if b.Claims.set {
		k.claims = b.Claims.v
	}
	if b.Scopes != nil {
		k.scopes = append([]string{}, b.Scopes...)
	}
	if b.Description.set {
		k.description = b.Description.ptr()
	}
	if b.Subject != nil {
		k.subject = *b.Subject
	}
	if b.SecondsUntilExpiration.set {
		k.expiration = nil
		if v := b.SecondsUntilExpiration.ptr(); v != nil {
			exp := now + *v*1000
			k.expiration = &exp
		}
	}
	k.updatedAt = now
	return s.apiKeyJSON(k, false), nil
}

func deleteAPIKey(s *Server, r *http.Request) (any, *apiError) {
	k, e := s.apiKey(r)
	if e != nil {
		return nil, e
	}
	ms := s.mach()
	delete(ms.apiKeys, k.id)
	delete(ms.apiBySec, k.secret)
	return deletedObject{Object: "api_key", ID: k.id, Deleted: true}, nil
}

func getAPIKeySecret(s *Server, r *http.Request) (any, *apiError) {
	k, e := s.apiKey(r)
	if e != nil {
		return nil, e
	}
	return map[string]any{"secret": k.secret}, nil
}

func revokeAPIKey(s *Server, r *http.Request) (any, *apiError) {
	k, e := s.apiKey(r)
	if e != nil {
		return nil, e
	}
	var b machRevokeBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if !k.revoked {
		k.revoked, k.reason = true, b.RevocationReason
		k.updatedAt = s.nowMillis()
	}
	return s.apiKeyJSON(k, false), nil
}

// verifyAPIKey answers the live key with that secret (and marks it used);
// a revoked, expired or unknown secret is a 404.
func verifyAPIKey(s *Server, r *http.Request) (any, *apiError) {
	var b struct {
		Secret *string `json:"secret"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	sec := deref(b.Secret)
	if sec == "" {
		return nil, errMissing("secret")
	}
	ms := s.mach()
	k := ms.apiKeys[ms.apiBySec[sec]]
	now := s.nowMillis()
	if k == nil || k.revoked || machExpired(k.expiration, now) {
		return nil, errMachTokenInvalid("API key")
	}
	k.lastUsed = &now
	return s.apiKeyJSON(k, false), nil
}

// OAuth access tokens.

// verifyOAuthAccessToken answers a seeded, unexpired token no OAuth
// application revoked; anything else is a 404.
func verifyOAuthAccessToken(s *Server, r *http.Request) (any, *apiError) {
	var b struct {
		AccessToken *string `json:"access_token"`
		Secret      *string `json:"secret"`
	}
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	tok := deref(b.AccessToken)
	if tok == "" {
		tok = deref(b.Secret)
	}
	if tok == "" {
		return nil, errMissing("access_token")
	}
	t := s.mach().oats[tok]
	if t == nil || s.oatRevoked(t) || s.nowMillis() >= t.expiration {
		return nil, errMachTokenInvalid("OAuth access token")
	}
	return map[string]any{
		"object": "clerk_idp_oauth_access_token", "id": t.id, "client_id": t.clientID, "subject": t.subject,
		"scopes": slices.Clone(t.scopes), "revoked": false, "revocation_reason": nil, "expired": false,
		"expiration": t.expiration, "created_at": t.createdAt, "updated_at": t.createdAt,
	}, nil
}
