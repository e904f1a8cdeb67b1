package reliability_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/jwt"
	gjwt "github.com/golang-jwt/jwt/v5"
	"go.uber.org/goleak"
)

// TestVerifierManyGoroutines: 1,000 goroutines share one jwt.Verifier
// (with a small token cache, so entries are added and evicted all the
// time) and verify valid tokens, tokens another goroutine verifies at the
// same moment, expired, tampered and foreign-party tokens. Under -race it
// proves the verifier and its cache are safe to share; every answer must
// be the right one for its token.
func TestVerifierManyGoroutines(t *testing.T) {
	defer goleak.VerifyNone(t)
	n, distinct := 1000, 100
	if testing.Short() {
		n, distinct = 200, 20
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	now := time.Now()
	v, err := jwt.NewVerifier(jwt.WithPEM(pub), jwt.WithAuthorizedParties("https://app.example.com"),
		jwt.WithTokenCacheSize(16), jwt.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	mint := func(sub, azp string, exp time.Time) string {
		tok := gjwt.NewWithClaims(gjwt.SigningMethodRS256, gjwt.MapClaims{
			"sub": sub, "sid": "sess_" + sub, "azp": azp, "iss": "https://clerk.example.com",
			"iat": now.Add(-time.Minute).Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": exp.Unix(), "v": 2,
		})
		tok.Header["kid"] = "ins_1"
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	valid := make([]string, distinct)
	for i := range valid {
		valid[i] = mint(fmt.Sprintf("user_%03d", i), "https://app.example.com", now.Add(time.Minute))
	}
	expired := mint("user_old", "https://app.example.com", now.Add(-time.Hour))
	foreign := mint("user_evil", "https://evil.example.com", now.Add(time.Minute))
	// Flip a character of the signature (not the last one, whose low bits
	// may be padding).
	sig := strings.LastIndexByte(valid[0], '.') + 5
	flip := byte('A')
	if valid[0][sig] == 'A' {
		flip = 'B'
	}
	tampered := valid[0][:sig] + string(flip) + valid[0][sig+1:]

	cases := []struct {
		token   string
		wantSub string
		wantErr error
	}{
		{expired, "", jwt.ErrTokenExpired},
		{foreign, "", jwt.ErrUnauthorizedParty},
		{tampered, "", jwt.ErrInvalidSignature},
		{"not.a.token", "", jwt.ErrMalformedToken},
	}
	errs := make(chan error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ctx := context.Background()
			mine := g % distinct
			all := append([]struct {
				token   string
				wantSub string
				wantErr error
			}{
				{valid[mine], fmt.Sprintf("user_%03d", mine), nil},
				{valid[0], "user_000", nil}, // verified by every goroutine at once
			}, cases[g%len(cases)])
			for _, c := range all {
				claims, err := v.Verify(ctx, c.token)
				switch {
				case c.wantErr != nil && !errors.Is(err, c.wantErr):
					errs <- fmt.Errorf("goroutine %d: error %v, want %v", g, err, c.wantErr)
				case c.wantErr == nil && (err != nil || claims.Subject != c.wantSub):
					errs <- fmt.Errorf("goroutine %d: claims %+v, error %v, want subject %s", g, claims, err, c.wantSub)
				}
			}
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d goroutines x 3 verifications (%d distinct valid tokens, cache of 16) in %v", n, distinct, time.Since(began).Round(time.Millisecond))
}
