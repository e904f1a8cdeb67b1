package jwt

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gjwt "github.com/golang-jwt/jwt/v5"
)

// testNow is the fixed instant tests verify at.
var testNow = time.Unix(1_750_000_000, 0)

func fixedClock() time.Time { return testNow }

// testKeys holds the keys shared by every test (RSA key generation is slow).
type testKeyring struct {
	rsa, rsaOther *rsa.PrivateKey
	ec            *ecdsa.PrivateKey
	ed            ed25519.PrivateKey
}

var keyring = sync.OnceValue(func() *testKeyring {
	k := &testKeyring{}
	var err error
	if k.rsa, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.rsaOther, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.ec, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	// Ed25519 from a fixed seed: EdDSA signatures are deterministic, so the
	// EdDSA tokens FuzzVerify seeds with stay valid in every fuzz worker.
	k.ed = ed25519.NewKeyFromSeed([]byte("clerkgo-jwt-fuzz-ed25519-seed-32"))
	return k
})

// publicPEM encodes a public key as a "PUBLIC KEY" PEM block.
func publicPEM(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// b64u encodes without padding.
func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// jwkOf renders a public key as a JWK map.
func jwkOf(kid string, pub crypto.PublicKey) map[string]any {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return map[string]any{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
			"n": b64u(k.N.Bytes()), "e": b64u([]byte{1, 0, 1})}
	case *ecdsa.PublicKey:
		b, err := k.ECDH()
		if err != nil {
			panic(err)
		}
		raw := b.Bytes() // 0x04 || x || y
		return map[string]any{"kty": "EC", "kid": kid, "crv": "P-256",
			"x": b64u(raw[1:33]), "y": b64u(raw[33:])}
	case ed25519.PublicKey:
		return map[string]any{"kty": "OKP", "kid": kid, "crv": "Ed25519", "x": b64u(k)}
	}
	panic(fmt.Sprintf("jwkOf: %T", pub))
}

// jwksDoc renders a JWKS document.
func jwksDoc(keys ...map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"keys": keys})
	if err != nil {
		panic(err)
	}
	return b
}

// testJWKS is the JWKS of the shared keys: "ins_rsa", "ins_ec", "ins_ed".
func testJWKS() []byte {
	k := keyring()
	return jwksDoc(
		jwkOf("ins_rsa", &k.rsa.PublicKey),
		jwkOf("ins_ec", &k.ec.PublicKey),
		jwkOf("ins_ed", k.ed.Public()),
	)
}

// v2Claims returns the claims of a typical Clerk v2 session token.
func v2Claims() map[string]any {
	return map[string]any{
		"azp": "https://app.example.com",
		"exp": testNow.Unix() + 60,
		"fva": []int{3, -1},
		"iat": testNow.Unix() - 1,
		"iss": "https://clerk.example.com",
		"jti": "a1b2c3d4e5f6a7b8c9d0",
		"nbf": testNow.Unix() - 11,
		"sid": "sess_2abcDEFghiJKLmnoPQRstuVWXyz",
		"sts": "active",
		"sub": "user_2abcDEFghiJKLmnoPQRstuVWXyz",
		"v":   2,
		"pla": "u:free_user,o:pro_org",
		"fea": "o:reports,o:billing,u:dashboard",
		"o": map[string]any{
			"id":  "org_2abcDEFghiJKLmnoPQRstuVWXyz",
			"slg": "acme",
			"rol": "admin",
			"per": "read,manage",
			"fpm": "3,1",
		},
	}
}

// with returns a copy of claims with the given members set; a nil value
// deletes the member.
func with(claims map[string]any, kv ...any) map[string]any {
	out := maps.Clone(claims)
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
		} else {
			out[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

// mint signs claims with golang-jwt (an independent implementation).
func mint(t testing.TB, method gjwt.SigningMethod, key any, kid string, claims map[string]any) string {
	t.Helper()
	tok := gjwt.NewWithClaims(method, gjwt.MapClaims(claims))
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mintRS256 signs claims with the shared RSA key under kid "ins_rsa".
func mintRS256(t testing.TB, claims map[string]any) string {
	t.Helper()
	return mint(t, gjwt.SigningMethodRS256, keyring().rsa, "ins_rsa", claims)
}

// handToken builds a token from raw header and payload JSON text, signed
// with RS256 by the given key (nil: the shared key). It is how tests make
// tokens no library would produce.
func handToken(header, payload string, key *rsa.PrivateKey) string {
	if key == nil {
		key = keyring().rsa
	}
	input := b64u([]byte(header)) + "." + b64u([]byte(payload))
	h := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, h[:])
	if err != nil {
		panic(err)
	}
	return input + "." + b64u(sig)
}

// jsonText marshals v.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// newTestVerifier builds a verifier at the fixed clock, over the shared JWKS
// unless opts name a key themselves.
func newTestVerifier(t testing.TB, opts ...Option) *Verifier {
	t.Helper()
	var probe options
	for _, opt := range opts {
		opt(&probe)
	}
	base := []Option{WithClock(fixedClock)}
	if probe.keyOpts == 0 {
		base = append(base, WithJWKS(testJWKS()))
	}
	v, err := NewVerifier(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sentinels lists every sentinel error of the package.
var sentinels = []error{
	ErrMalformedToken, ErrInvalidSignature, ErrTokenExpired, ErrTokenNotYetValid,
	ErrUnauthorizedParty, ErrInvalidIssuer, ErrUnknownKey, ErrUnsupportedAlgorithm,
	ErrUnsupportedTokenType, ErrKeyUnavailable, ErrInvalidAudience,
}

// checkSentinel fails unless err matches want and no other sentinel.
func checkSentinel(t testing.TB, err, want error) {
	t.Helper()
	if !errorsIs(err, want) {
		t.Fatalf("error = %v; want %v", err, want)
	}
	for _, s := range sentinels {
		if s != want && errorsIs(err, s) {
			t.Errorf("error %v also matches %v", err, s)
		}
	}
}

// mutableClock is a clock tests move by hand.
type mutableClock struct{ ns atomic.Int64 }

func newMutableClock(t time.Time) *mutableClock {
	c := &mutableClock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *mutableClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *mutableClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }
