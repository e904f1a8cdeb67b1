package clerkhttp

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"maps"
	"sync"
	"testing"
	"time"

	gjwt "github.com/golang-jwt/jwt/v5"

	"github.com/clerkgo/clerk/jwt"
)

var testNow = time.Unix(1_750_000_000, 0)

var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

func testPEM(t testing.TB) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&testKey().PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// baseClaims are a v2 session for an org admin who may create invoices.
func baseClaims() map[string]any {
	return map[string]any{
		"azp": "https://app.example.com",
		"exp": testNow.Unix() + 60,
		"iat": testNow.Unix() - 1,
		"nbf": testNow.Unix() - 11,
		"iss": "https://clerk.example.com",
		"sid": "sess_1",
		"sub": "user_1",
		"v":   2,
		"fea": "o:invoices",
		"o":   map[string]any{"id": "org_1", "slg": "acme", "rol": "admin", "per": "create,read", "fpm": "3"},
	}
}

func with(c map[string]any, kv ...any) map[string]any {
	out := maps.Clone(c)
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
		} else {
			out[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

// mint signs claims with golang-jwt.
func mint(t testing.TB, claims map[string]any) string {
	t.Helper()
	return mintWith(t, nil, claims)
}

// mintWith signs claims with extra (or overriding) header members.
func mintWith(t testing.TB, header, claims map[string]any) string {
	t.Helper()
	tok := gjwt.NewWithClaims(gjwt.SigningMethodRS256, gjwt.MapClaims(claims))
	tok.Header["kid"] = "ins_1"
	maps.Copy(tok.Header, header)
	s, err := tok.SignedString(testKey())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newVerifier(t testing.TB, opts ...jwt.Option) *jwt.Verifier {
	t.Helper()
	base := []jwt.Option{jwt.WithPEM(testPEM(t)), jwt.WithClock(func() time.Time { return testNow })}
	v, err := jwt.NewVerifier(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
