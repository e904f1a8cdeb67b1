package jwt

import (
	"context"
	"strings"
	"testing"
)

// The tests in this file are written as the attacks of issue #12; each
// passed on the code before it.

// templateClaims are the claims of a JWT template token: signed by the
// instance key, no "sid", an audience and a one-year lifetime.
func templateClaims() map[string]any {
	return map[string]any{
		"sub": "user_2abcDEFghiJKLmnoPQRstuVWXyz",
		"aud": "authenticated",
		"iss": "https://clerk.example.com",
		"iat": testNow.Unix() - 1,
		"nbf": testNow.Unix() - 11,
		"exp": testNow.Unix() + 365*24*3600,
		"azp": "https://app.example.com",
	}
}

func TestTemplateTokensAreNotSessionTokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		token  string
		opts   []Option
		wanted error
	}{
		{"template, no cat", handToken(rsHeader, jsonText(templateClaims()), nil), nil, ErrUnsupportedTokenType},
		{"template, no cat, audience configured", handToken(rsHeader, jsonText(templateClaims()), nil),
			[]Option{WithAudience("authenticated")}, ErrUnsupportedTokenType},
		{"template category", handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"JWT","cat":"cl_B7d4PD222AAA"}`,
			jsonText(with(templateClaims(), "sid", "sess_1")), nil), nil, ErrUnsupportedTokenType},
		{"sid but an audience", mintRS256(t, with(v2Claims(), "aud", "authenticated")), nil, ErrInvalidAudience},
		{"sid but another audience", mintRS256(t, with(v2Claims(), "aud", "other")),
			[]Option{WithAudience("authenticated")}, ErrInvalidAudience},
		{"unknown category", handToken(`{"alg":"RS256","kid":"ins_rsa","cat":"cl_X"}`, jsonText(v2Claims()), nil),
			nil, ErrUnsupportedTokenType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := newTestVerifier(t, tt.opts...).Verify(ctx, tt.token)
			checkSentinel(t, err, tt.wanted)
		})
	}
	// The audience opt-in lets a session token with "aud" through.
	if _, err := newTestVerifier(t, WithAudience("authenticated")).Verify(ctx,
		mintRS256(t, with(v2Claims(), "aud", "authenticated"))); err != nil {
		t.Errorf("session token with a configured audience: %v", err)
	}
	// The ignore category carries no kind: a session token with it passes.
	tok := handToken(`{"alg":"RS256","kid":"ins_rsa","cat":"cl_I7d4PD111III"}`, jsonText(v2Claims()), nil)
	if _, err := newTestVerifier(t).Verify(ctx, tok); err != nil {
		t.Errorf("ignore category: %v", err)
	}
}

func m2mClaims() map[string]any {
	return map[string]any{
		"sub":    "mch_2reports",
		"aud":    []string{"mch_2api"},
		"iss":    "https://clerk.example.com",
		"iat":    testNow.Unix() - 1,
		"nbf":    testNow.Unix() - 11,
		"exp":    testNow.Unix() + 3600,
		"jti":    "mt_2abc",
		"scopes": "mch_2api read:reports",
	}
}

func oauthClaims() map[string]any {
	return map[string]any{
		"sub":       "user_2abc",
		"iss":       "https://clerk.example.com",
		"iat":       testNow.Unix() - 1,
		"exp":       testNow.Unix() + 3600,
		"jti":       "oat_2abc",
		"client_id": "client_2abc",
		"scope":     "profile email",
	}
}

func TestMachineJWTs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m2mNoCat := mintRS256(t, m2mClaims())
	m2mCat := handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"JWT","cat":"cl_B7d4PD333AAA"}`, jsonText(m2mClaims()), nil)
	oauth := handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"at+jwt"}`, jsonText(oauthClaims()), nil)
	session := mintRS256(t, v2Claims())

	v := newTestVerifier(t, WithIssuer("https://clerk.example.com"), WithAuthorizedParties("https://app.example.com"))
	for _, tok := range []string{m2mNoCat, m2mCat} {
		m, err := v.VerifyMachine(ctx, tok)
		if err != nil {
			t.Fatalf("VerifyMachine(m2m): %v", err)
		}
		if m.Kind != M2MToken || m.Subject != "mch_2reports" || m.ID != "mt_2abc" ||
			!m.HasScope("read:reports") || m.HasScope("write:reports") || len(m.Audience) != 1 {
			t.Errorf("m2m claims: %+v", m)
		}
		// A machine token is never a session token.
		_, err = v.Verify(ctx, tok)
		checkSentinel(t, err, ErrUnsupportedTokenType)
	}
	m, err := v.VerifyMachine(ctx, oauth)
	if err != nil {
		t.Fatalf("VerifyMachine(oauth): %v", err)
	}
	if m.Kind != OAuthToken || m.Subject != "user_2abc" || m.ClientID != "client_2abc" || !m.HasScope("email") {
		t.Errorf("oauth claims: %+v", m)
	}
	_, err = v.Verify(ctx, oauth)
	checkSentinel(t, err, ErrUnsupportedTokenType)

	// And a session token is never a machine token.
	_, err = v.VerifyMachine(ctx, session)
	checkSentinel(t, err, ErrUnsupportedTokenType)

	tok, err := v.VerifyToken(ctx, session)
	if err != nil || tok.Kind != SessionToken || tok.Session == nil || tok.Machine != nil {
		t.Errorf("VerifyToken(session) = %+v, %v", tok, err)
	}
	tok, err = v.VerifyToken(ctx, m2mCat)
	if err != nil || tok.Kind != M2MToken || tok.Machine == nil || tok.Session != nil {
		t.Errorf("VerifyToken(m2m) = %+v, %v", tok, err)
	}

	// Audiences: a machine verifier names itself.
	withAud := newTestVerifier(t, WithAudience("mch_2api"))
	if _, err := withAud.VerifyMachine(ctx, m2mNoCat); err != nil {
		t.Errorf("own audience: %v", err)
	}
	_, err = newTestVerifier(t, WithAudience("mch_other")).VerifyMachine(ctx, m2mNoCat)
	checkSentinel(t, err, ErrInvalidAudience)

	// Expired machine tokens fail like session tokens.
	_, err = v.VerifyMachine(ctx, mintRS256(t, with(m2mClaims(), "exp", testNow.Unix()-60)))
	checkSentinel(t, err, ErrTokenExpired)

	// Opaque tokens are not JWTs.
	for _, s := range []string{"mt_abc", "oat_abc", "ak_abc"} {
		_, err = v.VerifyMachine(ctx, s)
		checkSentinel(t, err, ErrMalformedToken)
		if _, ok := OpaqueKind(s); !ok {
			t.Errorf("OpaqueKind(%q) not ok", s)
		}
	}
	if _, ok := OpaqueKind(session); ok {
		t.Error("OpaqueKind(jwt) ok")
	}
}

// Attack: a handler mutates the claims it got; the next request with the
// same token (a cache hit) saw the mutation.
func TestCachedClaimsAreCopies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	v := newTestVerifier(t)
	tok := mintRS256(t, with(v2Claims(), "act", map[string]any{"sub": "user_support"}))
	first, err := v.Verify(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	first.OrgRole = "org:admin"
	first.OrgPermissions[0] = "org:billing:manage"
	first.OrgPermissions = append(first.OrgPermissions, "org:everything:manage")
	first.Features[0] = "o:hacked"
	first.Plans = nil
	first.FactorVerificationAge.SecondFactor = 0
	first.Actor.Subject = "user_attacker"
	second, err := v.Verify(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if second == first {
		t.Fatal("same pointer handed out twice")
	}
	if second.OrgPermissions[0] != "org:reports:read" || len(second.OrgPermissions) != 3 ||
		second.Features[0] != "o:reports" || second.Plans == nil ||
		second.FactorVerificationAge.SecondFactor != -1 || second.Actor.Subject != "user_support" {
		t.Errorf("cache hit shows another caller's changes: %+v", second)
	}
	// Appending to one slice does not write into its neighbour.
	second.Audience = append(second.Audience, "x")
	second.Features = append(second.Features, "x")
	third, _ := v.Verify(ctx, tok)
	if third.Plans[0] != "u:free_user" {
		t.Errorf("append leaked into Plans: %q", third.Plans)
	}
}

// Attack: {"role":"viewer","ROLE":"admin"} decoded as admin.
func TestCustomClaimsStrictNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	type app struct {
		Role  string `json:"role"`
		Inner struct {
			Tier string `json:"tier"`
		} `json:"inner"`
		List []struct {
			Name string `json:"name"`
		} `json:"list"`
	}
	v := newTestVerifier(t)
	tests := []struct {
		name    string
		payload string
		ok      bool
		want    string
	}{
		{"exact", `{"role":"viewer"}`, true, "viewer"},
		{"case twin after", `{"role":"viewer","ROLE":"admin"}`, false, ""},
		{"case twin before", `{"ROLE":"admin","role":"viewer"}`, false, ""},
		{"case variant alone", `{"Role":"admin"}`, false, ""},
		{"nested case variant", `{"role":"viewer","inner":{"TIER":"gold"}}`, false, ""},
		{"in an array", `{"role":"viewer","list":[{"NAME":"x"}]}`, false, ""},
		{"unrelated names", `{"role":"viewer","other":{"ROLE":1}}`, true, "viewer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := `"sub":"user_1","sid":"sess_1","exp":` + jsonText(testNow.Unix()+60) + ","
			payload := "{" + base + tt.payload[1:]
			c, err := v.Verify(ctx, handToken(rsHeader, payload, nil))
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			got, err := CustomClaims[app](c)
			if tt.ok != (err == nil) {
				t.Fatalf("CustomClaims err = %v; want ok %v", err, tt.ok)
			}
			if tt.ok && got.Role != tt.want {
				t.Errorf("role %q, want %q", got.Role, tt.want)
			}
		})
	}
	// Pointer targets and maps are exact too.
	c, err := v.Verify(ctx, handToken(rsHeader, `{"sub":"user_1","sid":"s","exp":`+jsonText(testNow.Unix()+60)+`,"m":{"a":1,"A":2}}`, nil))
	if err != nil {
		t.Fatal(err)
	}
	if m, err := CustomClaims[map[string]any](c); err != nil || len(m) != 4 {
		t.Errorf("map target: %v, %v", m, err)
	}
	if _, err := CustomClaims[*app](c); err != nil {
		t.Errorf("pointer target: %v", err)
	}
}

// Attack: a malformed fea element shifted the masks and granted a partial
// (and wrong) permission set.
func TestMalformedFeaGrantsNothing(t *testing.T) {
	t.Parallel()
	claims := with(v2Claims(), "fea", "o:reports,billing,u:dashboard")
	c, err := newTestVerifier(t).Verify(context.Background(), mintRS256(t, claims))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.OrgPermissions) != 0 || c.HasPermission("org:reports:read") {
		t.Errorf("permissions %q from a malformed fea", c.OrgPermissions)
	}
	if c.OrgRole != "org:admin" {
		t.Errorf("role %q", c.OrgRole)
	}
}

// Attack: a header member name with escapes reached the error text
// unquoted, so logs showed forged lines.
func TestErrorsQuoteTokenInput(t *testing.T) {
	t.Parallel()
	header := `{"alg":"RS256","kid":"ins_rsa","x\nlevel=error msg=\"forged\"":{"a":1,"a":2}}`
	_, err := newTestVerifier(t).Verify(context.Background(), handToken(header, jsonText(v2Claims()), nil))
	checkSentinel(t, err, ErrMalformedToken)
	if strings.ContainsAny(err.Error(), "\n") || !strings.Contains(err.Error(), `"x\nlevel=error msg=\"forged\""`) {
		t.Errorf("error text %q does not quote the member name", err.Error())
	}
	payload := `{"sub":"user_1","sid":"s","exp":` + jsonText(testNow.Unix()+60) + `,"o\u0000\r\n":{"b":1,"b":2}}`
	_, err = newTestVerifier(t).Verify(context.Background(), handToken(rsHeader, payload, nil))
	checkSentinel(t, err, ErrMalformedToken)
	if strings.ContainsAny(err.Error(), "\n\r\x00") {
		t.Errorf("claims error text %q carries raw control characters", err.Error())
	}
}

func TestPendingSession(t *testing.T) {
	t.Parallel()
	c, err := newTestVerifier(t).Verify(context.Background(), mintRS256(t, with(v2Claims(), "sts", "pending")))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Pending() {
		t.Error("Pending() = false for sts pending")
	}
	c, err = newTestVerifier(t).Verify(context.Background(), mintRS256(t, v2Claims()))
	if err != nil || c.Pending() {
		t.Errorf("active session: pending %v, %v", c.Pending(), err)
	}
}

// Cache budget: a hit still hands out a copy in two allocations.
func TestCachedMachineVerify(t *testing.T) {
	t.Parallel()
	v := newTestVerifier(t)
	tok := mintRS256(t, m2mClaims())
	if _, err := v.VerifyMachine(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	m, _ := v.VerifyMachine(context.Background(), tok)
	m.Scopes[0] = "admin"
	m2, _ := v.VerifyMachine(context.Background(), tok)
	if m2.Scopes[0] != "mch_2api" {
		t.Errorf("machine scopes shared with the cache: %q", m2.Scopes)
	}
}
