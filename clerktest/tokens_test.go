package clerktest_test

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// parseToken verifies tok with the server's PEM and returns its claims and
// header.
func parseToken(t *testing.T, srv *clerktest.Server, tok string, opts ...jwt.ParserOption) (jwt.MapClaims, map[string]any) {
	t.Helper()
	key, err := jwt.ParseRSAPublicKeyFromPEM([]byte(srv.PublicKeyPEM()))
	if err != nil {
		t.Fatalf("PEM: %v", err)
	}
	opts = append(opts, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(srv.Issuer()), jwt.WithExpirationRequired())
	claims := jwt.MapClaims{}
	parsed, err := jwt.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return key, nil }, opts...)
	if err != nil {
		t.Fatalf("verify %s: %v", tok, err)
	}
	return claims, parsed.Header
}

// decodePermissions reads v2 org permissions the way LESSONS.md describes
// (an independent decoder, to check the fake's encoder).
func decodePermissions(fea, per, fpm string) []string {
	var features []string
	for _, f := range strings.Split(fea, ",") {
		scope, name, ok := strings.Cut(f, ":")
		if ok && (scope == "o" || scope == "ou" || scope == "uo") {
			features = append(features, name)
		}
	}
	names := strings.Split(per, ",")
	masks := strings.Split(fpm, ",")
	var out []string
	for k, f := range features {
		if k >= len(masks) {
			break
		}
		m, err := strconv.ParseUint(masks[k], 10, 64)
		if err != nil {
			return nil
		}
		for j, n := range names {
			if m&(1<<uint(j)) != 0 {
				out = append(out, "org:"+f+":"+n)
			}
		}
	}
	return out
}

func TestNewSessionTokenClaims(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	orgID := srv.AddOrganization(clerktest.Organization{Name: "Acme", Slug: "acme"})
	tests := []struct {
		name  string
		opts  []clerktest.TokenOption
		perms []string // want decoded back
		check func(t *testing.T, c jwt.MapClaims)
	}{
		{
			name: "plain",
			check: func(t *testing.T, c jwt.MapClaims) {
				if _, ok := c["o"]; ok {
					t.Error("o claim without an org")
				}
				if _, ok := c["azp"]; ok {
					t.Error("azp without WithAuthorizedParty")
				}
				if c["exp"].(float64)-c["iat"].(float64) != 60 {
					t.Errorf("lifetime %v", c["exp"].(float64)-c["iat"].(float64))
				}
			},
		},
		{
			name:  "org with permissions (LESSONS vector 1)",
			opts:  []clerktest.TokenOption{clerktest.WithOrg(orgID, "org:admin", "org:reports:read", "org:reports:manage", "org:billing:read")},
			perms: []string{"org:reports:read", "org:reports:manage", "org:billing:read"},
			check: func(t *testing.T, c jwt.MapClaims) {
				want := map[string]any{"id": orgID, "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,1"}
				if diff := cmp.Diff(want, c["o"]); diff != "" {
					t.Errorf("o (-want +got):\n%s", diff)
				}
				if c["fea"] != "o:reports,o:billing" {
					t.Errorf("fea %v", c["fea"])
				}
			},
		},
		{
			name:  "permission names shared across features (LESSONS vector 4)",
			opts:  []clerktest.TokenOption{clerktest.WithOrg("org_x", "org:member", "org:shared:a", "org:shared:c", "org:x:a", "org:x:b", "org:x:c")},
			perms: []string{"org:shared:a", "org:shared:c", "org:x:a", "org:x:b", "org:x:c"},
		},
		{
			name: "org without permissions",
			opts: []clerktest.TokenOption{clerktest.WithOrg("org_y", "org:member"), clerktest.WithOrgSlug("why")},
			check: func(t *testing.T, c jwt.MapClaims) {
				if diff := cmp.Diff(map[string]any{"id": "org_y", "slg": "why", "rol": "member"}, c["o"]); diff != "" {
					t.Errorf("o (-want +got):\n%s", diff)
				}
				if _, ok := c["fea"]; ok {
					t.Error("fea without permissions")
				}
			},
		},
		{
			name: "azp, expiry, sid and extra claims",
			opts: []clerktest.TokenOption{
				clerktest.WithAuthorizedParty("https://app.example.com"), clerktest.WithExpiry(5 * time.Minute),
				clerktest.WithSessionID("sess_fixed"), clerktest.WithClaim("act", map[string]any{"sub": "user_admin"}),
			},
			check: func(t *testing.T, c jwt.MapClaims) {
				if c["azp"] != "https://app.example.com" || c["sid"] != "sess_fixed" || c["exp"].(float64)-c["iat"].(float64) != 300 {
					t.Errorf("claims %v", c)
				}
				if diff := cmp.Diff(map[string]any{"sub": "user_admin"}, c["act"]); diff != "" {
					t.Errorf("act (-want +got):\n%s", diff)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tok := srv.NewSessionToken("user_123", tt.opts...)
			c, h := parseToken(t, srv, tok)
			if c["sub"] != "user_123" || c["iss"] != srv.Issuer() || c["v"] != 2.0 || !strings.HasPrefix(c["sid"].(string), "sess_") {
				t.Errorf("standard claims %v", c)
			}
			if c["nbf"].(float64) > c["iat"].(float64) || c["jti"] == "" {
				t.Errorf("nbf %v iat %v jti %v", c["nbf"], c["iat"], c["jti"])
			}
			if h["kid"] != srv.KeyID() || h["alg"] != "RS256" || h["typ"] != "JWT" || h["cat"] != "cl_B7d4PD111AAA" {
				t.Errorf("header %v", h)
			}
			if tt.perms != nil {
				o := c["o"].(map[string]any)
				got := decodePermissions(c["fea"].(string), o["per"].(string), o["fpm"].(string))
				if diff := cmp.Diff(tt.perms, got, cmp.Transformer("sort", func(s []string) []string {
					s = slices.Clone(s)
					slices.Sort(s)
					return s
				})); diff != "" {
					t.Errorf("decoded permissions (-want +got):\n%s", diff)
				}
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestNewSessionTokenTimes(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	expired := srv.NewSessionToken("user_1", clerktest.WithExpiry(-time.Minute))
	key, _ := jwt.ParseRSAPublicKeyFromPEM([]byte(srv.PublicKeyPEM()))
	if _, err := jwt.Parse(expired, func(*jwt.Token) (any, error) { return key, nil }); err == nil {
		t.Error("expired token verified")
	}
	future := srv.NewSessionToken("user_1", clerktest.WithIssuedAt(time.Now().Add(time.Hour)))
	if _, err := jwt.Parse(future, func(*jwt.Token) (any, error) { return key, nil }); err == nil {
		t.Error("not-yet-valid token verified")
	}
	other := clerktest.NewServer(t)
	if _, err := jwt.Parse(other.NewSessionToken("user_1"), func(*jwt.Token) (any, error) { return key, nil }); err == nil {
		t.Error("another server's token verified with this server's key")
	}
}

func TestMintSessionTokenErrors(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	tests := []struct {
		name string
		user string
		opts []clerktest.TokenOption
	}{
		{"empty user", "", nil},
		{"permission without feature", "user_1", []clerktest.TokenOption{clerktest.WithOrg("org_1", "org:admin", "org:read")}},
		{"permission of another scope", "user_1", []clerktest.TokenOption{clerktest.WithOrg("org_1", "org:admin", "user:x:read")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tok, err := srv.MintSessionToken(tt.user, tt.opts...); err == nil {
				t.Errorf("no error, token %s", tok)
			}
		})
	}
}

func TestJWKSAndPEM(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	r := a.do("GET", "/jwks", nil)
	if r.status != http.StatusOK || string(r.body) != string(a.srv.JWKS()) {
		t.Fatalf("GET /jwks %d %s, JWKS() %s", r.status, r.body, a.srv.JWKS())
	}
	var doc struct {
		Keys []map[string]string `json:"keys"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil || len(doc.Keys) != 1 {
		t.Fatalf("jwks %s: %v", r.body, err)
	}
	k := doc.Keys[0]
	if k["kty"] != "RSA" || k["alg"] != "RS256" || k["use"] != "sig" || k["kid"] != a.srv.KeyID() || k["e"] != "AQAB" {
		t.Errorf("key %v", k)
	}
	n, err := base64.RawURLEncoding.DecodeString(k["n"])
	if err != nil {
		t.Fatal(err)
	}
	pem, err := jwt.ParseRSAPublicKeyFromPEM([]byte(a.srv.PublicKeyPEM()))
	if err != nil {
		t.Fatal(err)
	}
	if pem.N.Cmp(new(big.Int).SetBytes(n)) != 0 || pem.E != 65537 || pem.N.BitLen() != 2048 {
		t.Errorf("PEM and JWKS disagree, or the key is not RSA-2048/65537 (bits %d, e %d)", pem.N.BitLen(), pem.E)
	}
	if !strings.HasPrefix(a.srv.PublicKeyPEM(), "-----BEGIN PUBLIC KEY-----") {
		t.Errorf("PEM block %q", a.srv.PublicKeyPEM()[:30])
	}
	if !a.srv.PublicKey().Equal(&rsa.PublicKey{N: pem.N, E: pem.E}) {
		t.Error("PublicKey differs from the PEM")
	}
}

func TestSessionTokenEndpoints(t *testing.T) {
	t.Parallel()
	a := newAPI(t,
		clerktest.WithRole("org:billing", "org:invoices:read", "org:invoices:create", "org:sys_memberships:read"),
		clerktest.WithJWTTemplate("hasura", map[string]any{"email": "{{user.primary_email_address}}", "org": "{{org.slug}}", "static": 1}),
	)
	user := a.mustUser(map[string]any{"email_address": []string{"t@example.com"}})
	org := str(a.ok("POST", "/organizations", map[string]any{"name": "Acme"}), "id")
	a.ok("POST", "/organizations/"+org+"/memberships", map[string]any{"user_id": user, "role": "org:billing"})
	sess := str(a.ok("POST", "/sessions", map[string]any{"user_id": user, "active_organization_id": org}), "id")

	tok := a.ok("POST", "/sessions/"+sess+"/tokens", map[string]any{"expires_in_seconds": 120})
	if tok["object"] != "token" {
		t.Errorf("object %v", tok["object"])
	}
	c, _ := parseToken(t, a.srv, str(tok, "jwt"))
	if c["sub"] != user || c["sid"] != sess || c["exp"].(float64)-c["iat"].(float64) != 120 {
		t.Errorf("claims %v", c)
	}
	o := c["o"].(map[string]any)
	if o["id"] != org || o["rol"] != "billing" || o["slg"] != "acme" {
		t.Errorf("o %v", o)
	}
	got := decodePermissions(c["fea"].(string), o["per"].(string), o["fpm"].(string))
	if diff := cmp.Diff([]string{"org:invoices:read", "org:invoices:create"}, got); diff != "" {
		t.Errorf("permissions (system ones stay out) (-want +got):\n%s", diff)
	}
	// No body at all is fine too (default lifetime).
	if c, _ := parseToken(t, a.srv, str(a.ok("POST", "/sessions/"+sess+"/tokens", nil), "jwt")); c["exp"].(float64)-c["iat"].(float64) != 60 {
		t.Errorf("default lifetime %v", c["exp"].(float64)-c["iat"].(float64))
	}
	a.fail("POST", "/sessions/"+sess+"/tokens", map[string]any{"expires_in_seconds": 29}, http.StatusUnprocessableEntity)

	tmpl := a.ok("POST", "/sessions/"+sess+"/tokens/hasura", nil)
	c, h := parseToken(t, a.srv, str(tmpl, "jwt"))
	if c["email"] != "t@example.com" || c["org"] != "acme" || c["static"] != 1.0 || c["sub"] != user {
		t.Errorf("template claims %v", c)
	}
	if h["cat"] != "cl_B7d4PD222AAA" {
		t.Errorf("template token cat %v, want the template category", h["cat"])
	}
	a.fail("POST", "/sessions/"+sess+"/tokens/unknown", nil, http.StatusNotFound)
}
