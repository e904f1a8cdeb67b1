package machines_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/machines"
	"github.com/clerkgo/clerk/oauthapps"
)

var (
	hex32 = regexp.MustCompile(`^(ak|mt|oat)_[0-9a-f]{32}$`)
	ctx   = context.Background()
)

func newClient(t *testing.T, opts ...clerktest.Option) (*clerktest.Server, *clerk.Client) {
	t.Helper()
	srv := clerktest.NewServer(t, opts...)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func mustMachine(t *testing.T, c *clerk.Client, name string, scoped ...string) *machines.Machine {
	t.Helper()
	m, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: name, ScopedMachines: scoped})
	if err != nil {
		t.Fatalf("Machines.Create(%s): %v", name, err)
	}
	return m
}

func scopedIDs(m *machines.Machine) []string {
	ids := make([]string, 0, len(m.ScopedMachines))
	for _, s := range m.ScopedMachines {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestMachineLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	billing := mustMachine(t, c, "billing")
	reports, err := c.Machines.Create(ctx, &machines.CreateMachineParams{
		Name: "reports", ScopedMachines: []string{billing.ID}, DefaultTokenTTL: 90 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(reports.ID, "mch_") || !hex32.MatchString(reports.SecretKey) || reports.Object != "machine" {
		t.Errorf("created = %+v", reports)
	}
	if reports.DefaultTokenTTL != 90*time.Second || reports.CreatedAt.IsZero() || reports.InstanceID == "" {
		t.Errorf("created TTL %v, created_at %v, instance %q", reports.DefaultTokenTTL, reports.CreatedAt, reports.InstanceID)
	}
	if got := scopedIDs(reports); !slices.Equal(got, []string{billing.ID}) {
		t.Errorf("scoped = %v", got)
	}
	got, err := c.Machines.Get(ctx, reports.ID)
	if err != nil || got.SecretKey != "" || got.Name != "reports" {
		t.Fatalf("Get = %+v, %v (the secret key is in the answer of Create only)", got, err)
	}
	key, err := c.Machines.GetSecretKey(ctx, reports.ID)
	if err != nil || key.Secret != reports.SecretKey || key.Object != "machine_secret_key" {
		t.Errorf("GetSecretKey = %+v, %v", key, err)
	}
	name := "reports-v2"
	upd, err := c.Machines.Update(ctx, reports.ID, &machines.UpdateMachineParams{Name: &name, DefaultTokenTTL: time.Hour})
	if err != nil || upd.Name != name || upd.DefaultTokenTTL != time.Hour {
		t.Errorf("Update = %+v, %v", upd, err)
	}
	audit := mustMachine(t, c, "audit")
	scope, err := c.Machines.CreateScope(ctx, reports.ID, &machines.CreateScopeParams{ToMachineID: audit.ID})
	if err != nil || scope.FromMachineID != reports.ID || scope.ToMachineID != audit.ID || scope.CreatedAt.IsZero() {
		t.Fatalf("CreateScope = %+v, %v", scope, err)
	}
	if _, err := c.Machines.CreateScope(ctx, reports.ID, &machines.CreateScopeParams{ToMachineID: "mch_nosuchmachine"}); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("scope to an unknown machine: %v", err)
	}
	if got, _ := c.Machines.Get(ctx, reports.ID); !slices.Equal(scopedIDs(got), []string{billing.ID, audit.ID}) {
		t.Errorf("after CreateScope scoped = %v", scopedIDs(got))
	}
	del, err := c.Machines.DeleteScope(ctx, reports.ID, billing.ID)
	if err != nil || !del.Deleted || del.ToMachineID != billing.ID {
		t.Errorf("DeleteScope = %+v, %v", del, err)
	}
	if _, err := c.Machines.DeleteScope(ctx, reports.ID, billing.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("second DeleteScope: %v", err)
	}

	page, err := c.Machines.List(ctx, &machines.ListMachinesParams{Query: "REPORTS"})
	if err != nil || page.TotalCount != 1 || len(page.Data) != 1 || page.Data[0].ID != reports.ID {
		t.Errorf("List(query) = %+v, %v", page, err)
	}
	var names []string
	for m, err := range c.Machines.All(ctx, &machines.ListMachinesParams{OrderBy: "name", Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m.Name)
	}
	if !slices.Equal(names, []string{"audit", "billing", "reports-v2"}) {
		t.Errorf("All by name = %v", names)
	}

	// Deleting a machine drops it from the scopes of the others.
	if d, err := c.Machines.Delete(ctx, audit.ID); err != nil || !d.Deleted || d.ID != audit.ID {
		t.Errorf("Delete = %+v, %v", d, err)
	}
	if got, _ := c.Machines.Get(ctx, reports.ID); len(got.ScopedMachines) != 0 {
		t.Errorf("scoped after deleting the target = %v", scopedIDs(got))
	}
	if _, err := c.Machines.Get(ctx, audit.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get deleted: %v", err)
	}
	if _, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: "x", ScopedMachines: []string{"mch_gone"}}); !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("Create scoped to an unknown machine: %v", err)
	}
	if n := len(srv.Requests()); n == 0 {
		t.Error("no requests logged")
	}
}

func TestM2MTokenFlow(t *testing.T) {
	t.Parallel()
	_, c := newClient(t)
	target := mustMachine(t, c, "ledger")
	caller := mustMachine(t, c, "invoicer", target.ID)
	as := machines.WithMachineSecret(caller.SecretKey)

	tok, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{Claims: map[string]any{"tier": "gold"}, ExpiresIn: 10 * time.Minute}, as)
	if err != nil {
		t.Fatal(err)
	}
	if !hex32.MatchString(tok.Token) || !hex32.MatchString(tok.ID) || tok.Token == tok.ID || tok.Subject != caller.ID {
		t.Errorf("created = %+v", tok)
	}
	if !slices.Equal(tok.Scopes, []string{target.ID}) || tok.Expiration == nil || tok.Expiration.Sub(tok.CreatedAt) != 10*time.Minute {
		t.Errorf("scopes %v, expiration %v (created %v)", tok.Scopes, tok.Expiration, tok.CreatedAt)
	}
	got, err := c.M2MTokens.Verify(ctx, tok.Token)
	if err != nil || got.ID != tok.ID || got.Token != "" || got.LastUsedAt == nil || string(got.Claims) != `{"tier":"gold"}` {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	page, err := c.M2MTokens.List(ctx, &machines.ListM2MTokensParams{Subject: caller.ID})
	if err != nil || page.TotalCount != 1 || len(page.Data) != 1 || page.Data[0].ID != tok.ID {
		t.Fatalf("List = %+v, %v", page, err)
	}
	rev, err := c.M2MTokens.Revoke(ctx, tok.ID, &machines.RevokeParams{Reason: "rotated out"})
	if err != nil || !rev.Revoked || rev.RevocationReason != "rotated out" {
		t.Fatalf("Revoke = %+v, %v", rev, err)
	}
	if _, err := c.M2MTokens.Verify(ctx, tok.Token); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify revoked: %v, want 404", err)
	}
	yes, no := true, false
	for _, tc := range []struct {
		revoked *bool
		want    int
	}{{nil, 1}, {&yes, 1}, {&no, 0}} {
		n := 0
		for _, err := range c.M2MTokens.All(ctx, &machines.ListM2MTokensParams{Subject: caller.ID, Revoked: tc.revoked}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != tc.want {
			t.Errorf("All(revoked=%v) = %d tokens, want %d", tc.revoked, n, tc.want)
		}
	}
	if _, err := c.M2MTokens.Verify(ctx, "mt_00000000000000000000000000000000"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify unknown: %v", err)
	}
	if _, err := c.M2MTokens.Revoke(ctx, "mt_00000000000000000000000000000000", nil); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Revoke unknown: %v", err)
	}

	// Deleting the machine ends its tokens.
	live, err := c.M2MTokens.Create(ctx, nil, as)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Machines.Delete(ctx, caller.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.M2MTokens.Verify(ctx, live.Token); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify after the machine was deleted: %v", err)
	}
	if _, err := c.M2MTokens.Create(ctx, nil, as); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("Create with a deleted machine's key: %v", err)
	}
}

func TestM2MTokenCreateNeedsMachineKey(t *testing.T) {
	t.Parallel()
	_, c := newClient(t)
	if _, err := c.M2MTokens.Create(ctx, nil); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("with the instance key: %v, want 401", err)
	}
	// A machine key opens that route only.
	m := mustMachine(t, c, "svc")
	if _, err := c.Machines.List(ctx, nil, machines.WithMachineSecret(m.SecretKey)); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("List with a machine key: %v, want 401", err)
	}
}

func TestM2MTokenReuse(t *testing.T) {
	t.Parallel()
	_, c := newClient(t)
	m := mustMachine(t, c, "poller")
	as := machines.WithMachineSecret(m.SecretKey)
	first, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{ExpiresIn: time.Hour}, as)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		params machines.CreateM2MTokenParams
		reuse  bool
	}{
		{"enough left", machines.CreateM2MTokenParams{MinRemainingTTL: 30 * time.Minute}, true},
		{"not enough left", machines.CreateM2MTokenParams{MinRemainingTTL: 2 * time.Hour}, false},
		{"other claims", machines.CreateM2MTokenParams{MinRemainingTTL: time.Minute, Claims: map[string]any{"a": 1}}, false},
		{"no reuse asked", machines.CreateM2MTokenParams{}, false},
	} {
		got, err := c.M2MTokens.Create(ctx, &tc.params, as)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if (got.ID == first.ID) != tc.reuse || (tc.reuse && got.Token != first.Token) {
			t.Errorf("%s: got %s, first %s; reuse want %v", tc.name, got.ID, first.ID, tc.reuse)
		}
	}
}

// jwtParts checks an RS256 compact JWS against pub and returns its header
// and claims.
func jwtParts(t *testing.T, tok string, pub *rsa.PublicKey) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig); err != nil {
		t.Fatalf("signature: %v", err)
	}
	for i, dst := range []*map[string]any{&header, &claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, dst); err != nil {
			t.Fatal(err)
		}
	}
	return header, claims
}

func TestM2MTokenJWT(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	target := mustMachine(t, c, "ledger")
	m := mustMachine(t, c, "invoicer", target.ID)
	tok, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{
		Format: machines.FormatJWT, ExpiresIn: 5 * time.Minute, Claims: map[string]any{"tier": "gold", "sub": "forged"},
	}, machines.WithMachineSecret(m.SecretKey))
	if err != nil {
		t.Fatal(err)
	}
	header, claims := jwtParts(t, tok.Token, srv.PublicKey())
	if header["typ"] != "JWT" || header["kid"] != srv.KeyID() || header["alg"] != "RS256" || header["cat"] != "cl_B7d4PD333AAA" {
		t.Errorf("header = %v", header)
	}
	if claims["sub"] != m.ID || claims["jti"] != tok.ID || claims["iss"] != srv.Issuer() || claims["scopes"] != target.ID || claims["tier"] != "gold" {
		t.Errorf("claims = %v (reserved claims win over custom ones)", claims)
	}
	if exp, iat := claims["exp"].(float64), claims["iat"].(float64); exp-iat != 300 {
		t.Errorf("exp-iat = %v", exp-iat)
	}
	got, err := c.M2MTokens.Verify(ctx, tok.Token)
	if err != nil || got.ID != tok.ID || got.Subject != m.ID || !slices.Equal(got.Scopes, []string{target.ID}) || string(got.Claims) != `{"tier":"gold"}` {
		t.Fatalf("Verify(jwt) = %+v, %v", got, err)
	}
	// JWTs are not stored: not listed, not revocable.
	if page, err := c.M2MTokens.List(ctx, &machines.ListM2MTokensParams{Subject: m.ID}); err != nil || page.TotalCount != 0 {
		t.Errorf("List = %+v, %v", page, err)
	}
	seeded := srv.NewM2MJWT(m.ID, target.ID)
	if _, claims := jwtParts(t, seeded, srv.PublicKey()); claims["sub"] != m.ID || claims["scopes"] != target.ID {
		t.Errorf("NewM2MJWT claims = %v", claims)
	}
	if got, err := c.M2MTokens.Verify(ctx, seeded); err != nil || got.Subject != m.ID {
		t.Errorf("Verify(NewM2MJWT) = %+v, %v", got, err)
	}
	forged := tok.Token[:strings.LastIndexByte(tok.Token, '.')] + ".AAAA"
	if _, err := c.M2MTokens.Verify(ctx, forged); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify(bad signature): %v", err)
	}
}

// clock is a settable clock for clerktest.WithClock.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

func TestSecretKeyRotation(t *testing.T) {
	t.Parallel()
	clk := newClock()
	_, c := newClient(t, clerktest.WithClock(clk.now))
	m := mustMachine(t, c, "cron")
	old := m.SecretKey

	// previous_token_ttl 60 s: the old key works for another minute.
	key, err := c.Machines.RotateSecretKey(ctx, m.ID, &machines.RotateSecretKeyParams{PreviousTokenTTL: time.Minute})
	if err != nil || key.Secret == old || !hex32.MatchString(key.Secret) {
		t.Fatalf("Rotate = %+v, %v", key, err)
	}
	if _, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(old)); err != nil {
		t.Errorf("old key within its grace period: %v", err)
	}
	clk.advance(61 * time.Second)
	if _, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(old)); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("old key after its grace period: %v", err)
	}

	// previous_token_ttl 0: the old key stops at once.
	prev := key.Secret
	key2, err := c.Machines.RotateSecretKey(ctx, m.ID, nil)
	if err != nil || key2.Secret == prev {
		t.Fatalf("Rotate(nil) = %+v, %v", key2, err)
	}
	if _, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(prev)); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("old key after a rotation with no grace: %v", err)
	}
	if _, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(key2.Secret)); err != nil {
		t.Errorf("new key: %v", err)
	}
	if got, _ := c.Machines.GetSecretKey(ctx, m.ID); got == nil || got.Secret != key2.Secret {
		t.Errorf("GetSecretKey after rotation = %+v", got)
	}
}

func TestAPIKeyFlow(t *testing.T) {
	t.Parallel()
	clk := newClock()
	_, c := newClient(t, clerktest.WithClock(clk.now))
	desc := "CI uploads"
	k, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{
		Name: "ci", Subject: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", Description: desc, Scopes: []string{"read"},
		Claims: map[string]any{"env": "ci"}, CreatedBy: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", ExpiresIn: 24 * time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !hex32.MatchString(k.ID) || !hex32.MatchString(k.Secret) || k.Type != "api_key" || k.Expiration == nil || k.Expiration.Sub(k.CreatedAt) != 24*time.Hour {
		t.Errorf("created = %+v", k)
	}
	if got, err := c.APIKeys.Get(ctx, k.ID); err != nil || got.Secret != "" || got.Description != desc {
		t.Errorf("Get = %+v, %v", got, err)
	}
	if sec, err := c.APIKeys.GetSecret(ctx, k.ID); err != nil || sec.Secret != k.Secret {
		t.Errorf("GetSecret = %+v, %v", sec, err)
	}
	v, err := c.APIKeys.Verify(ctx, k.Secret)
	if err != nil || v.ID != k.ID || v.LastUsedAt == nil || string(v.Claims) != `{"env":"ci"}` {
		t.Fatalf("Verify = %+v, %v", v, err)
	}
	newDesc := "CI"
	upd, err := c.APIKeys.Update(ctx, k.ID, &machines.UpdateAPIKeyParams{Description: &newDesc, Scopes: []string{"read", "write"}})
	if err != nil || upd.Description != newDesc || !slices.Equal(upd.Scopes, []string{"read", "write"}) {
		t.Errorf("Update = %+v, %v", upd, err)
	}
	other, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "deploy bot", Subject: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk"})
	if err != nil || other.Expiration != nil {
		t.Fatalf("Create without expiry = %+v, %v", other, err)
	}
	page, err := c.APIKeys.List(ctx, &machines.ListAPIKeysParams{Subject: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", Query: "deploy"})
	if err != nil || page.TotalCount != 1 || page.Data[0].ID != other.ID || page.Data[0].Secret != "" {
		t.Errorf("List(query) = %+v, %v", page, err)
	}

	rev, err := c.APIKeys.Revoke(ctx, k.ID, &machines.RevokeParams{Reason: "leaked"})
	if err != nil || !rev.Revoked || rev.RevocationReason != "leaked" {
		t.Fatalf("Revoke = %+v, %v", rev, err)
	}
	if _, err := c.APIKeys.Verify(ctx, k.Secret); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify revoked: %v, want 404", err)
	}
	for _, tc := range []struct {
		invalid bool
		want    int64
	}{{false, 1}, {true, 2}} {
		page, err := c.APIKeys.List(ctx, &machines.ListAPIKeysParams{Subject: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", IncludeInvalid: tc.invalid})
		if err != nil || page.TotalCount != tc.want {
			t.Errorf("List(include_invalid=%v) = %+v, %v; want %d", tc.invalid, page, err, tc.want)
		}
	}
	// Expiry ends a key too.
	short, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "short", Subject: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", ExpiresIn: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(2 * time.Minute)
	if _, err := c.APIKeys.Verify(ctx, short.Secret); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify expired: %v", err)
	}
	if got, err := c.APIKeys.Get(ctx, short.ID); err != nil || !got.Expired {
		t.Errorf("Get expired = %+v, %v", got, err)
	}
	if d, err := c.APIKeys.Delete(ctx, other.ID); err != nil || !d.Deleted {
		t.Errorf("Delete = %+v, %v", d, err)
	}
	if _, err := c.APIKeys.Verify(ctx, other.Secret); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify deleted: %v", err)
	}
	if _, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "x", Subject: "mch_123"}); !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("Create for a machine subject: %v, want 422", err)
	}
	if _, err := c.APIKeys.List(ctx, nil); !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("List without subject: %v, want 422 (the spec requires it)", err)
	}
}

func TestOAuthAccessTokenVerify(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	app, err := c.OAuthApplications.Create(ctx, &oauthapps.CreateParams{Name: "Reports", RedirectURIs: []string{"https://reports.example/cb"}})
	if err != nil {
		t.Fatal(err)
	}
	tok := srv.AddOAuthAccessToken(app.ClientID, "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", "profile", "email")
	if !hex32.MatchString(tok) {
		t.Errorf("token %q", tok)
	}
	got, err := c.OAuthAccessTokens.Verify(ctx, tok)
	if err != nil || got.ClientID != app.ClientID || got.Subject != "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk" ||
		!slices.Equal(got.Scopes, []string{"profile", "email"}) || got.Object != "clerk_idp_oauth_access_token" || got.Expiration == nil {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	if err := c.OAuthApplications.RevokeToken(ctx, app.ID, &oauthapps.RevokeTokenParams{Token: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OAuthAccessTokens.Verify(ctx, tok); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify revoked: %v", err)
	}
	if _, err := c.OAuthAccessTokens.Verify(ctx, "oat_00000000000000000000000000000000"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify unknown: %v", err)
	}
}

// TestRequestShapes checks what goes on the wire: method, path, query,
// body and the bearer.
func TestRequestShapes(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	m := mustMachine(t, c, "shape")
	yes := true
	for _, tc := range []struct {
		name                string
		call                func() error
		method, path, query string
		body                string
		bearer              string
	}{
		{"m2m create", func() error {
			_, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{Format: machines.FormatJWT, ExpiresIn: 1500 * time.Millisecond, MinRemainingTTL: 30 * time.Second}, machines.WithMachineSecret(m.SecretKey))
			return err
		}, "POST", "/v1/m2m_tokens", "", `{"token_format":"jwt","seconds_until_expiration":2,"min_remaining_ttl_seconds":30}`, m.SecretKey},
		{"m2m list", func() error {
			_, err := c.M2MTokens.List(ctx, &machines.ListM2MTokensParams{Subject: m.ID, Revoked: &yes, Limit: 5})
			return err
		}, "GET", "/v1/m2m_tokens", "limit=5&revoked=true&subject=" + m.ID, "", srv.SecretKey},
		{"rotate", func() error {
			_, err := c.Machines.RotateSecretKey(ctx, m.ID, nil)
			return err
		}, "POST", "/v1/machines/" + m.ID + "/secret_key/rotate", "", `{"previous_token_ttl":0}`, srv.SecretKey},
		{"create machine", func() error {
			_, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: "n", DefaultTokenTTL: time.Minute})
			return err
		}, "POST", "/v1/machines", "", `{"name":"n","default_token_ttl":60}`, srv.SecretKey},
		{"update machine", func() error {
			name := "renamed"
			_, err := c.Machines.Update(ctx, m.ID, &machines.UpdateMachineParams{Name: &name, DefaultTokenTTL: 90 * time.Second})
			return err
		}, "PATCH", "/v1/machines/" + m.ID, "", `{"name":"renamed","default_token_ttl":90}`, srv.SecretKey},
		{"update machine empty", func() error {
			_, err := c.Machines.Update(ctx, m.ID, nil)
			return err
		}, "PATCH", "/v1/machines/" + m.ID, "", `{}`, srv.SecretKey},
		{"api key create", func() error {
			_, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "ci", Subject: "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
				Claims: map[string]any{"team": "ops"}, Scopes: []string{"read"}, ExpiresIn: time.Hour})
			return err
		}, "POST", "/v1/api_keys", "", `{"name":"ci","subject":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk","claims":{"team":"ops"},"scopes":["read"],"seconds_until_expiration":3600}`, srv.SecretKey},
		{"api key update", func() error {
			desc := ""
			_, err := c.APIKeys.Update(ctx, "ak_00000000000000000000000000000000", &machines.UpdateAPIKeyParams{Description: &desc, ExpiresIn: 2 * time.Second})
			return err
		}, "PATCH", "/v1/api_keys/ak_00000000000000000000000000000000", "", `{"description":"","seconds_until_expiration":2}`, srv.SecretKey},
		{"m2m create defaults", func() error {
			_, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(m.SecretKey))
			return err
		}, "POST", "/v1/m2m_tokens", "", `{}`, m.SecretKey},
		{"api keys list", func() error {
			_, err := c.APIKeys.List(ctx, &machines.ListAPIKeysParams{Subject: "org_1", IncludeInvalid: true})
			return err
		}, "GET", "/v1/api_keys", "include_invalid=true&subject=org_1", "", srv.SecretKey},
		{"api key verify", func() error {
			_, err := c.APIKeys.Verify(ctx, "ak_00000000000000000000000000000000")
			return err
		}, "POST", "/v1/api_keys/verify", "", `{"secret":"ak_00000000000000000000000000000000"}`, srv.SecretKey},
		{"oauth verify", func() error {
			_, err := c.OAuthAccessTokens.Verify(ctx, "oat_00000000000000000000000000000000")
			return err
		}, "POST", "/v1/oauth_applications/access_tokens/verify", "", `{"access_token":"oat_00000000000000000000000000000000"}`, srv.SecretKey},
		{"revoke m2m", func() error {
			_, err := c.M2MTokens.Revoke(ctx, "mt_00000000000000000000000000000000", nil)
			return err
		}, "POST", "/v1/m2m_tokens/mt_00000000000000000000000000000000/revoke", "", `{}`, srv.SecretKey},
	} {
		srv.ResetRequests()
		_ = tc.call() // the answer does not matter here
		reqs := srv.Requests()
		if len(reqs) != 1 {
			t.Fatalf("%s: %d requests", tc.name, len(reqs))
		}
		r := reqs[0]
		if r.Method != tc.method || r.Path != tc.path || r.Query.Encode() != tc.query {
			t.Errorf("%s: %s %s?%s", tc.name, r.Method, r.Path, r.Query.Encode())
		}
		if strings.TrimSpace(string(r.Body)) != tc.body {
			t.Errorf("%s: body %s, want %s", tc.name, r.Body, tc.body)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer "+tc.bearer {
			t.Errorf("%s: Authorization %q", tc.name, got)
		}
	}
}

// TestBadInputSendsNothing: every bad input is refused with a typed error
// before any request.
func TestBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	srv, c := newClient(t)
	calls := map[string]func() error{
		"Machines.Get empty":          func() error { _, err := c.Machines.Get(ctx, ""); return err },
		"Machines.Update empty":       func() error { _, err := c.Machines.Update(ctx, " ", nil); return err },
		"Machines.Delete empty":       func() error { _, err := c.Machines.Delete(ctx, ""); return err },
		"Machines.Create nil":         func() error { _, err := c.Machines.Create(ctx, nil); return err },
		"Machines.GetSecretKey empty": func() error { _, err := c.Machines.GetSecretKey(ctx, ""); return err },
		"Machines.Rotate empty":       func() error { _, err := c.Machines.RotateSecretKey(ctx, "", nil); return err },
		"Machines.CreateScope no to": func() error {
			_, err := c.Machines.CreateScope(ctx, "mch_1", &machines.CreateScopeParams{})
			return err
		},
		"Machines.DeleteScope empty other": func() error { _, err := c.Machines.DeleteScope(ctx, "mch_1", ""); return err },
		"M2MTokens.Create bad format": func() error {
			_, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{Format: "pem"})
			return err
		},
		"M2MTokens.Create array claims": func() error {
			_, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{Claims: []int{1}})
			return err
		},
		"M2MTokens.Create bearer with space": func() error {
			_, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret("ak_abc def"))
			return err
		},
		"M2MTokens.Create bearer with newline": func() error {
			_, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret("ak_abc\r\nX-Evil: 1"))
			return err
		},
		"M2MTokens.Revoke empty": func() error { _, err := c.M2MTokens.Revoke(ctx, "", nil); return err },
		"M2MTokens.Verify empty": func() error { _, err := c.M2MTokens.Verify(ctx, ""); return err },
		"APIKeys.Create no subject": func() error {
			_, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "x"})
			return err
		},
		"APIKeys.Create string claims": func() error {
			_, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{Name: "x", Subject: "user_1", Claims: "nope"})
			return err
		},
		"APIKeys.Update array claims": func() error {
			_, err := c.APIKeys.Update(ctx, "ak_00000000000000000000000000000000", &machines.UpdateAPIKeyParams{Claims: []string{"x"}})
			return err
		},
		"M2MTokens.List nil": func() error { _, err := c.M2MTokens.List(ctx, nil); return err },
		"M2MTokens.List no subject": func() error {
			_, err := c.M2MTokens.List(ctx, &machines.ListM2MTokensParams{Limit: 5})
			return err
		},
		"M2MTokens.All nil": func() error {
			for _, err := range c.M2MTokens.All(ctx, nil) {
				return err
			}
			return nil
		},
		"M2MTokens.All blank subject": func() error {
			for _, err := range c.M2MTokens.All(ctx, &machines.ListM2MTokensParams{Subject: " "}) {
				return err
			}
			return nil
		},
		"APIKeys.Get empty":          func() error { _, err := c.APIKeys.Get(ctx, ""); return err },
		"APIKeys.Update empty":       func() error { _, err := c.APIKeys.Update(ctx, "", nil); return err },
		"APIKeys.Delete empty":       func() error { _, err := c.APIKeys.Delete(ctx, ""); return err },
		"APIKeys.GetSecret empty":    func() error { _, err := c.APIKeys.GetSecret(ctx, ""); return err },
		"APIKeys.Revoke empty":       func() error { _, err := c.APIKeys.Revoke(ctx, "", nil); return err },
		"APIKeys.Verify blank":       func() error { _, err := c.APIKeys.Verify(ctx, "  "); return err },
		"OAuthAccessTokens.Verify ∅": func() error { _, err := c.OAuthAccessTokens.Verify(ctx, ""); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, clerk.ErrInvalidInput) {
			t.Errorf("%s: %v, want ErrInvalidInput", name, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for bad input", n)
	}
}

func TestMachineSecretNeverInErrors(t *testing.T) {
	t.Parallel()
	_, c := newClient(t)
	for _, secret := range []string{"ak_0123456789abcdef0123456789abcdef", "ak_0123456789abcdef 0123456789abcdef"} {
		_, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(secret))
		if err == nil {
			t.Fatalf("%q accepted", secret)
		}
		for _, part := range strings.Fields(secret) {
			if strings.Contains(err.Error(), part) || strings.Contains(err.Error(), part[3:]) {
				t.Errorf("error %q shows the secret", err)
			}
		}
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	type fake struct {
		machines.UnimplementedM2MTokens
	}
	var m2m machines.M2MTokenAPI = fake{}
	checks := map[string]error{}
	_, checks["M2MTokens.Create"] = m2m.Create(ctx, nil)
	_, checks["M2MTokens.Verify"] = m2m.Verify(ctx, "mt_x")
	_, checks["Machines.Get"] = machines.UnimplementedMachines{}.Get(ctx, "mch_x")
	_, checks["Machines.DeleteScope"] = machines.UnimplementedMachines{}.DeleteScope(ctx, "a", "b")
	_, checks["APIKeys.Verify"] = machines.UnimplementedAPIKeys{}.Verify(ctx, "ak_x")
	_, checks["OAuthAccessTokens.Verify"] = machines.UnimplementedOAuthAccessTokens{}.Verify(ctx, "oat_x")
	for _, err := range (machines.UnimplementedAPIKeys{}).All(ctx, nil) {
		checks["APIKeys.All"] = err
	}
	for method, err := range checks {
		var ni *core.NotImplementedError
		if !errors.As(err, &ni) || ni.Method != method || !errors.Is(err, clerk.ErrNotImplemented) {
			t.Errorf("%s: %v", method, err)
		}
	}
}

// TestM2MTokenMachineKeys: list, revoke and verify also take a machine's
// secret key, limited to what concerns that machine.
func TestM2MTokenMachineKeys(t *testing.T) {
	t.Parallel()
	_, c := newClient(t)
	ledger := mustMachine(t, c, "ledger")
	outsider := mustMachine(t, c, "outsider")
	invoicer := mustMachine(t, c, "invoicer", ledger.ID)
	asInvoicer := machines.WithMachineSecret(invoicer.SecretKey)
	asLedger := machines.WithMachineSecret(ledger.SecretKey)
	asOutsider := machines.WithMachineSecret(outsider.SecretKey)
	opaque, err := c.M2MTokens.Create(ctx, nil, asInvoicer)
	if err != nil {
		t.Fatal(err)
	}
	jwtTok, err := c.M2MTokens.Create(ctx, &machines.CreateM2MTokenParams{Format: machines.FormatJWT}, asInvoicer)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{opaque.Token, jwtTok.Token} {
		if got, err := c.M2MTokens.Verify(ctx, tok, asLedger); err != nil || got.Subject != invoicer.ID {
			t.Errorf("the target verifies: %+v, %v", got, err)
		}
		if _, err := c.M2MTokens.Verify(ctx, tok, asOutsider); !errors.Is(err, clerk.ErrNotFound) {
			t.Errorf("a machine the token is not scoped to verifies: %v, want 404", err)
		}
	}
	if page, err := c.M2MTokens.List(ctx, &machines.ListM2MTokensParams{Subject: invoicer.ID}, asInvoicer); err != nil || page.TotalCount != 1 {
		t.Errorf("own list = %+v, %v", page, err)
	}
	if page, err := c.M2MTokens.List(ctx, &machines.ListM2MTokensParams{Subject: invoicer.ID}, asOutsider); err != nil || page.TotalCount != 0 {
		t.Errorf("another machine's list = %+v, %v", page, err)
	}
	if _, err := c.M2MTokens.Revoke(ctx, opaque.ID, nil, asOutsider); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("revoke another machine's token: %v", err)
	}
	if got, err := c.M2MTokens.Revoke(ctx, opaque.ID, nil, asInvoicer); err != nil || !got.Revoked {
		t.Errorf("revoke own token = %+v, %v", got, err)
	}
	if _, err := c.M2MTokens.Verify(ctx, opaque.Token, machines.WithMachineSecret("ak_00000000000000000000000000000000")); !errors.Is(err, clerk.ErrUnauthorized) {
		t.Errorf("unknown machine key: %v, want 401", err)
	}
}
