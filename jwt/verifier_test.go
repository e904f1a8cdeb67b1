package jwt

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gjwt "github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ignoreRaw = cmpopts.IgnoreUnexported(Claims{})

func unix(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

func TestVerifyClaims(t *testing.T) {
	t.Parallel()
	k := keyring()
	now := testNow.Unix()
	v2 := v2Claims()
	wantV2 := &Claims{
		Issuer:                "https://clerk.example.com",
		Subject:               "user_2abcDEFghiJKLmnoPQRstuVWXyz",
		Expiry:                unix(now + 60),
		NotBefore:             unix(now - 11),
		IssuedAt:              unix(now - 1),
		ID:                    "a1b2c3d4e5f6a7b8c9d0",
		SessionID:             "sess_2abcDEFghiJKLmnoPQRstuVWXyz",
		AuthorizedParty:       "https://app.example.com",
		Version:               2,
		Status:                "active",
		FactorVerificationAge: &FactorAge{FirstFactor: 3, SecondFactor: -1},
		Features:              []string{"o:reports", "o:billing", "u:dashboard"},
		Plans:                 []string{"u:free_user", "o:pro_org"},
		OrgID:                 "org_2abcDEFghiJKLmnoPQRstuVWXyz",
		OrgSlug:               "acme",
		OrgRole:               "org:admin",
		OrgPermissions:        []string{"org:reports:read", "org:reports:manage", "org:billing:read"},
	}
	v1 := map[string]any{
		"azp": "https://app.example.com", "exp": now + 60, "iat": now, "nbf": now - 10,
		"iss": "https://clerk.example.com", "sid": "sess_1", "sub": "user_1",
		"org_id": "org_1", "org_slug": "acme", "org_role": "org:admin",
		"org_permissions": []string{"org:invoices:create", "org:invoices:read"},
	}
	wantV1 := &Claims{
		Issuer: "https://clerk.example.com", Subject: "user_1",
		Expiry: unix(now + 60), NotBefore: unix(now - 10), IssuedAt: unix(now),
		SessionID: "sess_1", AuthorizedParty: "https://app.example.com", Version: 1,
		OrgID: "org_1", OrgSlug: "acme", OrgRole: "org:admin",
		OrgPermissions: []string{"org:invoices:create", "org:invoices:read"},
	}
	minimal := map[string]any{"sub": "user_1", "exp": now + 60, "sid": "sess_1"}
	withActor := with(v2, "act", map[string]any{"sub": "user_support", "sid": "sess_support", "iss": "https://dashboard.clerk.com", "extra": []int{1}})
	wantActor := *wantV2
	wantActor.Actor = &Actor{Subject: "user_support", SessionID: "sess_support", Issuer: "https://dashboard.clerk.com"}
	noOrg := with(v2, "o", nil)
	wantNoOrg := *wantV2
	wantNoOrg.OrgID, wantNoOrg.OrgSlug, wantNoOrg.OrgRole, wantNoOrg.OrgPermissions = "", "", "", nil
	aud := with(minimal, "aud", []string{"a", "b"})
	audOne := with(minimal, "aud", "a")
	v3 := with(v2, "v", 3)
	wantV3 := wantNoOrg
	wantV3.Version = 3
	v2Flat := with(v2, "org_id", "org_flat", "org_role", "org:flat")

	tests := []struct {
		name  string
		token string
		want  *Claims
	}{
		{"v2 RS256", mintRS256(t, v2), wantV2},
		{"v2 ES256", mint(t, gjwt.SigningMethodES256, k.ec, "ins_ec", v2), wantV2},
		{"v2 EdDSA", mint(t, gjwt.SigningMethodEdDSA, k.ed, "ins_ed", v2), wantV2},
		{"v1 flat org claims", mintRS256(t, v1), wantV1},
		{"minimal", mintRS256(t, minimal), &Claims{Subject: "user_1", Expiry: unix(now + 60), SessionID: "sess_1", Version: 1}},
		{"impersonation", mintRS256(t, withActor), &wantActor},
		{"v2 without an active organization", mintRS256(t, noOrg), &wantNoOrg},
		{"audience list", mintRS256(t, aud), &Claims{Subject: "user_1", Expiry: unix(now + 60), SessionID: "sess_1", Version: 1, Audience: []string{"a", "b"}}},
		{"audience string", mintRS256(t, audOne), &Claims{Subject: "user_1", Expiry: unix(now + 60), SessionID: "sess_1", Version: 1, Audience: []string{"a"}}},
		{"unknown version has no org view", mintRS256(t, v3), &wantV3},
		{"v2 ignores flat org claims", mintRS256(t, v2Flat), wantV2},
		{"escaped strings", handToken(rsHeader, `{"sub":"user_\u00e9\n","exp":1750000060,"sid":"a\/b"}`, nil),
			&Claims{Subject: "user_é\n", Expiry: unix(1750000060), SessionID: "a/b", Version: 1}},
		{"typ absent, session cat", handToken(`{"alg":"RS256","kid":"ins_rsa","cat":"cl_B7d4PD111AAA"}`, jsonText(minimal), nil),
			&Claims{Subject: "user_1", Expiry: unix(now + 60), SessionID: "sess_1", Version: 1}},
		{"lower-case typ", handToken(`{"alg":"RS256","kid":"ins_rsa","typ":"jwt"}`, jsonText(minimal), nil),
			&Claims{Subject: "user_1", Expiry: unix(now + 60), SessionID: "sess_1", Version: 1}},
		{"key hints ignored", handToken(`{"alg":"RS256","kid":"ins_rsa","jku":"https://evil.example","x5u":"https://evil.example","x5c":["AAAA"],"jwk":{"kty":"RSA"}}`, jsonText(minimal), nil),
			&Claims{Subject: "user_1", Expiry: unix(now + 60), SessionID: "sess_1", Version: 1}},
		{"null optional claims", handToken(rsHeader, `{"sub":"user_1","exp":1750000060,"sid":"sess_1","nbf":null,"iat":null,"azp":null,"act":null,"o":null,"fva":null,"aud":null}`, nil),
			&Claims{Subject: "user_1", Expiry: unix(1750000060), SessionID: "sess_1", Version: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newTestVerifier(t, WithIssuer("https://clerk.example.com"))
			if tt.want.Issuer == "" {
				v = newTestVerifier(t, WithAudience("a"))
			}
			got, err := v.Verify(context.Background(), tt.token)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreRaw); diff != "" {
				t.Errorf("claims mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerifyAuthorizedParties(t *testing.T) {
	t.Parallel()
	v := newTestVerifier(t, WithAuthorizedParties("https://a.example", "https://app.example.com"))
	if _, err := v.Verify(context.Background(), mintRS256(t, v2Claims())); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if diff := cmp.Diff([]string{"https://a.example", "https://app.example.com"}, v.AuthorizedParties()); diff != "" {
		t.Errorf("AuthorizedParties (-want +got):\n%s", diff)
	}
}

func TestVerifyPEM(t *testing.T) {
	t.Parallel()
	k := keyring()
	pemText := publicPEM(t, &k.rsa.PublicKey)
	v, err := NewVerifier(WithPEM(pemText), WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	// The PEM key verifies whatever the kid, as Clerk's networkless flow does.
	for _, kid := range []string{"ins_rsa", "ins_other", ""} {
		tok := mint(t, gjwt.SigningMethodRS256, k.rsa, kid, v2Claims())
		if _, err := v.Verify(context.Background(), tok); err != nil {
			t.Errorf("kid %q: %v", kid, err)
		}
	}
}

func TestNewVerifierErrors(t *testing.T) {
	t.Parallel()
	pemText := publicPEM(t, &keyring().rsa.PublicKey)
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"no key", nil, "no key"},
		{"two keys", []Option{WithPEM(pemText), WithJWKS(testJWKS())}, "more than one key"},
		{"bad PEM", []Option{WithPEM("not a key")}, "PEM"},
		{"bad JWKS", []Option{WithJWKS([]byte(`{`))}, "JWKS"},
		{"nil key source", []Option{WithKeySource(nil)}, "nil KeySource"},
		{"negative leeway", []Option{WithPEM(pemText), WithLeeway(-time.Second)}, "leeway"},
		{"nil clock", []Option{WithPEM(pemText), WithClock(nil)}, "clock"},
		{"zero max size", []Option{WithPEM(pemText), WithMaxTokenSize(0)}, "size"},
		{"negative cache", []Option{WithPEM(pemText), WithTokenCacheSize(-1)}, "cache"},
		{"empty party", []Option{WithPEM(pemText), WithAuthorizedParties("")}, "party"},
		{"empty issuer", []Option{WithPEM(pemText), WithIssuer("")}, "issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := NewVerifier(tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewVerifier = %v, %v; want an error containing %q", v, err, tt.want)
			}
		})
	}
}

func TestClaimsHelpers(t *testing.T) {
	t.Parallel()
	c := &Claims{OrgRole: "org:admin", OrgPermissions: []string{"org:reports:read", "org:billing:manage"}}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"role", c.HasRole("org:admin"), true},
		{"role without prefix", c.HasRole("admin"), true},
		{"other role", c.HasRole("org:member"), false},
		{"empty role", c.HasRole(""), false},
		{"no org", (&Claims{}).HasRole("org:admin"), false},
		{"permission", c.HasPermission("org:reports:read"), true},
		{"other permission", c.HasPermission("org:reports:manage"), false},
		{"prefix of a permission", c.HasPermission("org:reports"), false},
		{"empty permission", c.HasPermission(""), false},
		{"not impersonated", c.IsImpersonated(), false},
		{"impersonated", (&Claims{Actor: &Actor{Subject: "user_x"}}).IsImpersonated(), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestVerifiedWithin(t *testing.T) {
	t.Parallel()
	fva := func(first, second int) *Claims {
		return &Claims{FactorVerificationAge: &FactorAge{FirstFactor: first, SecondFactor: second}}
	}
	tests := []struct {
		name   string
		claims *Claims
		level  ReverificationLevel
		maxAge time.Duration
		want   bool
	}{
		{"no fva", &Claims{}, FirstFactor, time.Hour, false},
		{"first fresh", fva(3, -1), FirstFactor, 10 * time.Minute, true},
		{"first at the limit", fva(10, -1), FirstFactor, 10 * time.Minute, false},
		{"first never", fva(-1, -1), FirstFactor, time.Hour, false},
		{"second without 2FA falls back to first", fva(3, -1), SecondFactor, 10 * time.Minute, true},
		{"second stale", fva(3, 30), SecondFactor, 10 * time.Minute, false},
		{"second fresh", fva(30, 3), SecondFactor, 10 * time.Minute, true},
		{"multi both fresh", fva(2, 3), MultiFactor, 10 * time.Minute, true},
		{"multi first stale", fva(20, 3), MultiFactor, 10 * time.Minute, false},
		{"multi without 2FA", fva(2, -1), MultiFactor, 10 * time.Minute, true},
		{"unknown level", fva(0, 0), "strict", time.Hour, false},
	}
	for _, tt := range tests {
		if got := tt.claims.VerifiedWithin(tt.level, tt.maxAge); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCustomClaims(t *testing.T) {
	t.Parallel()
	type app struct {
		Tier  string         `json:"tier"`
		Roles []string       `json:"roles"`
		Meta  map[string]int `json:"meta"`
	}
	v := newTestVerifier(t)
	tok := mintRS256(t, with(v2Claims(), "tier", "gold", "roles", []string{"a", "b"}, "meta", map[string]int{"x": 1}))
	c, err := v.Verify(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	got, err := CustomClaims[app](c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(app{Tier: "gold", Roles: []string{"a", "b"}, Meta: map[string]int{"x": 1}}, got); diff != "" {
		t.Errorf("custom claims (-want +got):\n%s", diff)
	}
	asMap, err := CustomClaims[map[string]any](c)
	if err != nil || asMap["sub"] != "user_2abcDEFghiJKLmnoPQRstuVWXyz" {
		t.Errorf("CustomClaims[map] = %v, %v", asMap, err)
	}
	if _, err := CustomClaims[app](nil); err == nil {
		t.Error("CustomClaims(nil) succeeded")
	}
	if _, err := CustomClaims[int](c); err == nil {
		t.Error("CustomClaims[int] of an object succeeded")
	}
	raw := c.RawJSON()
	raw[0] = 'X' // a copy: the claims must not change
	if c.RawJSON()[0] != '{' {
		t.Error("RawJSON returned shared memory")
	}
}

// countingSource wraps a KeySource and counts calls; its key can be swapped.
type countingSource struct {
	mu    sync.Mutex
	keys  map[string]crypto.PublicKey
	calls atomic.Int64
}

func (s *countingSource) Key(_ context.Context, kid string) (crypto.PublicKey, error) {
	s.calls.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.keys[kid]; ok {
		return k, nil
	}
	return nil, newUnknownKeyError(kid)
}

func (s *countingSource) set(kid string, k crypto.PublicKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k == nil {
		delete(s.keys, kid)
	} else {
		s.keys[kid] = k
	}
}

func TestTokenCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := keyring()

	t.Run("hit returns equal claims without re-verifying", func(t *testing.T) {
		t.Parallel()
		v := newTestVerifier(t)
		tok := mintRS256(t, v2Claims())
		first, err := v.Verify(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		second, err := v.Verify(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, second, ignoreRaw); diff != "" {
			t.Errorf("cached claims differ:\n%s", diff)
		}
		if first == second {
			t.Error("cache handed out the same *Claims twice")
		}
		second.Subject = "user_mutated"
		third, _ := v.Verify(ctx, tok)
		if third.Subject != first.Subject {
			t.Error("mutating returned claims changed the cache")
		}
		if v.cache.len() != 1 {
			t.Errorf("cache holds %d entries, want 1", v.cache.len())
		}
	})

	t.Run("hit re-checks exp and nbf against the clock", func(t *testing.T) {
		t.Parallel()
		clock := newMutableClock(testNow)
		v := newTestVerifier(t, WithClock(clock.Now))
		tok := mintRS256(t, v2Claims()) // exp = now + 60
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		clock.Advance(64 * time.Second)
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatalf("within leeway: %v", err)
		}
		clock.Advance(2 * time.Second)
		_, err := v.Verify(ctx, tok)
		checkSentinel(t, err, ErrTokenExpired)
		if v.cache.len() != 0 {
			t.Error("expired token left in the cache")
		}
		clock.Advance(-time.Hour) // clock jumps back before nbf
		_, err = v.Verify(ctx, tok)
		checkSentinel(t, err, ErrTokenNotYetValid)
	})

	t.Run("entry dropped when its key leaves the key set", func(t *testing.T) {
		t.Parallel()
		src := &countingSource{keys: map[string]crypto.PublicKey{"ins_rsa": &k.rsa.PublicKey}}
		v := newTestVerifier(t, WithKeySource(src))
		tok := mintRS256(t, v2Claims())
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		src.set("ins_rsa", nil)
		_, err := v.Verify(ctx, tok)
		checkSentinel(t, err, ErrUnknownKey)
		var uk *UnknownKeyError
		if !errors.As(err, &uk) || uk.KID != "ins_rsa" {
			t.Errorf("error %v does not carry the kid", err)
		}
		if v.cache.len() != 0 {
			t.Error("token still cached after its key left")
		}
	})

	t.Run("entry dropped when the kid maps to another key", func(t *testing.T) {
		t.Parallel()
		src := &countingSource{keys: map[string]crypto.PublicKey{"ins_rsa": &k.rsa.PublicKey}}
		v := newTestVerifier(t, WithKeySource(src))
		tok := mintRS256(t, v2Claims())
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		src.set("ins_rsa", &k.rsaOther.PublicKey)
		_, err := v.Verify(ctx, tok)
		checkSentinel(t, err, ErrInvalidSignature)
	})

	t.Run("an equal key under a new pointer still hits", func(t *testing.T) {
		t.Parallel()
		src := &countingSource{keys: map[string]crypto.PublicKey{"ins_rsa": &k.rsa.PublicKey}}
		v := newTestVerifier(t, WithKeySource(src))
		tok := mintRS256(t, v2Claims())
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		clone := k.rsa.PublicKey
		src.set("ins_rsa", &clone)
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if got := src.calls.Load(); got != 2 {
			t.Errorf("key source called %d times; want 2 (one per Verify)", got)
		}
	})

	t.Run("bounded", func(t *testing.T) {
		t.Parallel()
		v := newTestVerifier(t, WithTokenCacheSize(4))
		for i := range 10 {
			tok := mintRS256(t, with(v2Claims(), "jti", fmt.Sprint(i)))
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
			if n := v.cache.len(); n > 4 {
				t.Fatalf("cache holds %d entries, bound is 4", n)
			}
		}
	})

	t.Run("eviction prefers expired entries", func(t *testing.T) {
		t.Parallel()
		c := newTokenCache(2)
		c.put("old", cacheEntry{claims: &Claims{Expiry: testNow.Add(-time.Hour)}}, testNow)
		c.put("live", cacheEntry{claims: &Claims{Expiry: testNow.Add(time.Hour)}}, testNow)
		c.put("new", cacheEntry{claims: &Claims{Expiry: testNow.Add(time.Hour)}}, testNow)
		if _, ok := c.get("old"); ok {
			t.Error("expired entry survived eviction")
		}
		for _, tok := range []string{"live", "new"} {
			if _, ok := c.get(tok); !ok {
				t.Errorf("%s evicted", tok)
			}
		}
	})

	t.Run("disabled", func(t *testing.T) {
		t.Parallel()
		src := &countingSource{keys: map[string]crypto.PublicKey{"ins_rsa": &k.rsa.PublicKey}}
		v := newTestVerifier(t, WithKeySource(src), WithTokenCacheSize(0))
		tok := mintRS256(t, v2Claims())
		for range 3 {
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
		}
		if v.cache != nil {
			t.Error("cache allocated although disabled")
		}
	})

	t.Run("failures are not cached", func(t *testing.T) {
		t.Parallel()
		v := newTestVerifier(t)
		tok := flipSignatureBit(mintRS256(t, v2Claims()))
		for range 2 {
			_, err := v.Verify(ctx, tok)
			checkSentinel(t, err, ErrInvalidSignature)
		}
		if v.cache.len() != 0 {
			t.Error("a failed token was cached")
		}
	})
}

// failingSource fails with a fixed error.
type failingSource struct{ err error }

func (s failingSource) Key(context.Context, string) (crypto.PublicKey, error) { return nil, s.err }

func TestVerifyKeySourceErrors(t *testing.T) {
	t.Parallel()
	errDown := errors.New("backend down")
	tests := []struct {
		name string
		src  KeySource
		want error
	}{
		{"source failure", failingSource{errDown}, ErrKeyUnavailable},
		{"foreign unknown-key error", failingSource{fmt.Errorf("lookup: %w", ErrUnknownKey)}, ErrUnknownKey},
		{"nil key", failingSource{nil}, ErrKeyUnavailable},
		{"unsupported key", &countingSource{keys: map[string]crypto.PublicKey{"ins_rsa": "not a key"}}, ErrKeyUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newTestVerifier(t, WithKeySource(tt.src))
			_, err := v.Verify(context.Background(), mintRS256(t, v2Claims()))
			checkSentinel(t, err, tt.want)
		})
	}
	v := newTestVerifier(t, WithKeySource(failingSource{errDown}))
	_, err := v.Verify(context.Background(), mintRS256(t, v2Claims()))
	if !errors.Is(err, errDown) {
		t.Errorf("error %v does not wrap the source's error", err)
	}
}

func TestVerifyConcurrent(t *testing.T) {
	t.Parallel()
	v := newTestVerifier(t, WithTokenCacheSize(8))
	toks := make([]string, 16)
	for i := range toks {
		toks[i] = mintRS256(t, with(v2Claims(), "jti", fmt.Sprint(i)))
	}
	bad := flipSignatureBit(toks[0])
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 64 {
				tok := toks[(g+i)%len(toks)]
				c, err := v.Verify(context.Background(), tok)
				if err != nil || c.Subject != "user_2abcDEFghiJKLmnoPQRstuVWXyz" {
					errs <- fmt.Errorf("Verify: %v", err)
					return
				}
				if _, err := v.Verify(context.Background(), bad); !errors.Is(err, ErrInvalidSignature) {
					errs <- fmt.Errorf("bad token: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
