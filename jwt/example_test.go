package jwt_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clerkgo/clerk/jwt"
)

// Verify a session token with the instance's PEM public key: no network.
func ExampleNewVerifier() {
	v, err := jwt.NewVerifier(
		jwt.WithPEM(examplePEM), // in production: os.Getenv("CLERK_JWT_KEY")
		jwt.WithAuthorizedParties("https://app.example.com"),
		jwt.WithIssuer("https://clerk.example.com"),
		// A fixed clock keeps this example's token valid; leave it out in
		// production.
		jwt.WithClock(func() time.Time { return exampleNow }),
	)
	if err != nil {
		fmt.Println("configuration:", err)
		return
	}

	claims, err := v.Verify(context.Background(), exampleAdminToken)
	if err != nil {
		fmt.Println("signed out:", err)
		return
	}
	fmt.Println("user:", claims.Subject)
	fmt.Println("session:", claims.SessionID)
	fmt.Println("organization:", claims.OrgSlug, claims.OrgRole)
	fmt.Println("can create invoices:", claims.HasPermission("org:invoices:create"))
	fmt.Println("verified in the last 10 minutes:", claims.VerifiedWithin(jwt.FirstFactor, 10*time.Minute))

	// Each failure matches one sentinel error.
	_, err = v.Verify(context.Background(), exampleAdminToken[:len(exampleAdminToken)-4]+"AAAA")
	fmt.Println("tampered token rejected:", errors.Is(err, jwt.ErrInvalidSignature))
	// Output:
	// user: user_2admin
	// session: sess_2admin
	// organization: acme org:admin
	// can create invoices: true
	// verified in the last 10 minutes: true
	// tampered token rejected: true
}

// Tell an expired token (the frontend should fetch a fresh one) from other
// failures.
func ExampleVerifier_Verify_expired() {
	later := exampleNow.Add(time.Hour)
	v, err := jwt.NewVerifier(jwt.WithPEM(examplePEM), jwt.WithClock(func() time.Time { return later }))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = v.Verify(context.Background(), exampleAdminToken)
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		fmt.Println("expired: ask the frontend for a fresh token")
	case err != nil:
		fmt.Println("signed out:", err)
	}
	// Output:
	// expired: ask the frontend for a fresh token
}

// Decode custom session claims (set in the Clerk dashboard) into your type.
func ExampleCustomClaims() {
	v, err := jwt.NewVerifier(jwt.WithPEM(examplePEM), jwt.WithClock(func() time.Time { return exampleNow }))
	if err != nil {
		fmt.Println(err)
		return
	}
	claims, err := v.Verify(context.Background(), exampleMemberToken)
	if err != nil {
		fmt.Println(err)
		return
	}
	type sessionClaims struct {
		Status string `json:"sts"`
		Org    struct {
			Slug string `json:"slg"`
		} `json:"o"`
	}
	custom, err := jwt.CustomClaims[sessionClaims](claims)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(custom.Status, custom.Org.Slug)
	// Output:
	// active acme
}

// Verify against a JWKS fetched on demand. The fetch is yours to supply
// (the SDK's client provides one for GET /jwks); the cache refetches at
// most once per interval when an unknown key id shows up.
func ExampleNewJWKSCache() {
	fetches := 0
	keys := jwt.NewJWKSCache(func(ctx context.Context) ([]byte, error) {
		fetches++
		return []byte(exampleJWKS), nil
	})
	v, err := jwt.NewVerifier(jwt.WithKeySource(keys), jwt.WithClock(func() time.Time { return exampleNow }))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tok := range []string{exampleAdminToken, exampleMemberToken, exampleAdminToken} {
		claims, err := v.Verify(context.Background(), tok)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(claims.Subject, claims.OrgRole)
	}
	fmt.Println("fetches:", fetches)
	// Output:
	// user_2admin org:admin
	// user_2member org:member
	// user_2admin org:admin
	// fetches: 1
}

// Example material: the public key of a throwaway Clerk-like instance and
// two session tokens it signed (an org admin and an org member), valid at
// exampleNow. Real keys come from CLERK_JWT_KEY or the instance's JWKS.
const examplePEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtPgqhUDpk7to+xw3G157
yCZHPGy5bDZ8rfoNnph1Vh2gZf4IPejAwHXAaX5Iop6Z1SmaRoZGJN4d4oH2S2ZU
91g6J42EKj764axaK63pA9juEa/5HpZ41hT4AI0UyNAn8OMvTxYYsd1uFqag3tgJ
HhqeeJgL+FR4U1gKmz7a7rzpL8f3SFRwC7EOrhRCI2ccMVcV8QHry33biwuDfYD/
VI4rW8125C1RB5n5xHNEVBycqzq03lY/oZsDDn2m2GFycDl/gT1z6TwYNvMWhliv
50Hk8YsWtumQab3+DTrW8OD+u3av/GvJG8lslGZkAE/hXwAOCUQR/benll293P7s
kQIDAQAB
-----END PUBLIC KEY-----
`

var (
	exampleAdminToken = "eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18yZXhhbXBsZSIsInR5cCI6IkpXVCJ9.eyJhenAiOiJ" +
		"odHRwczovL2FwcC5leGFtcGxlLmNvbSIsImV4cCI6MTc2NzIyNTY2MCwiZmVhIjoibzppbnZvaWN" +
		"lcyIsImZ2YSI6WzIsLTFdLCJpYXQiOjE3NjcyMjU2MDAsImlzcyI6Imh0dHBzOi8vY2xlcmsuZXh" +
		"hbXBsZS5jb20iLCJuYmYiOjE3NjcyMjU1OTAsIm8iOnsiZnBtIjoiMyIsImlkIjoib3JnXzJleGF" +
		"tcGxlIiwicGVyIjoiY3JlYXRlLHJlYWQiLCJyb2wiOiJhZG1pbiIsInNsZyI6ImFjbWUifSwic2l" +
		"kIjoic2Vzc18yYWRtaW4iLCJzdHMiOiJhY3RpdmUiLCJzdWIiOiJ1c2VyXzJhZG1pbiIsInYiOjJ" +
		"9.D_QiTbgMpB_m-1RT7Bph2Gs085x1fWr6dR6fZBQSaXYkn-xAoRkAaF41__OXhcCQ_QhNCSQcQv" +
		"RcTbkZGED-6zeryhYnY960uFXe7atileWS5UQlzYBGLOkXELRTqXWsKdaQ2pkQcsPra74rnccAru" +
		"g3xseTTvIZW2Ths0M7cp2-G_GfJVskcQ8F1ITnn0yhkB4aBEThrcligWeI1kmMeMFTy-JUmJS4it" +
		"3bVQomx4P5peSk650ZbKEh7a4kA_AW3pzCkzfFBYs2Sie-2ysiTMhI7L1VieIv3ZH-La88uPe6fI" +
		"Ij4c-gGBLy1Ng_iVTMXeBx0lh_NJYpmM4gsHVvAw"

	exampleMemberToken = "eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18yZXhhbXBsZSIsInR5cCI6IkpXVCJ9.eyJhenAiOiJ" +
		"odHRwczovL2FwcC5leGFtcGxlLmNvbSIsImV4cCI6MTc2NzIyNTY2MCwiZmVhIjoibzppbnZvaWN" +
		"lcyIsImZ2YSI6WzIsLTFdLCJpYXQiOjE3NjcyMjU2MDAsImlzcyI6Imh0dHBzOi8vY2xlcmsuZXh" +
		"hbXBsZS5jb20iLCJuYmYiOjE3NjcyMjU1OTAsIm8iOnsiZnBtIjoiMiIsImlkIjoib3JnXzJleGF" +
		"tcGxlIiwicGVyIjoiY3JlYXRlLHJlYWQiLCJyb2wiOiJtZW1iZXIiLCJzbGciOiJhY21lIn0sInN" +
		"pZCI6InNlc3NfMm1lbWJlciIsInN0cyI6ImFjdGl2ZSIsInN1YiI6InVzZXJfMm1lbWJlciIsInY" +
		"iOjJ9.Y3_qcceLuGsl6necmE-ysgHcsB4YQKgGMEidiLtWDBBqdmjxoFhTYkeQD13kAPdHrxDkRb" +
		"7CmeH3jfeDm2FK7eruW6RPjgrmT4-CDQ-jZMjRJLSv55YGRpqOslWJqMXSNLzxUnps4RCjZSa6XW" +
		"k5u27V0bi9FCJ80eWIkXlLKRuY9pZYcTe2MXzyPPOqF6cze_cf9ISvdGN9S7ZjXk2l0Q5luR4ao9" +
		"wJfwxFj6yNQzNCiAfEZ3DWPnBteg92gwQCr496HywMHC-rwiOzGzaF0MVeZVp91MBeP9tT_-hZIB" +
		"SAYYE1QBrKLMYLk2RkXo_Sni3bSPj5AtcbaFN8AZDJrw"

	exampleJWKS = `{"keys":[{"kty":"RSA","kid":"ins_2example","use":"sig","alg":"RS256","e":"AQAB","n":"` +
		"tPgqhUDpk7to-xw3G157yCZHPGy5bDZ8rfoNnph1Vh2gZf4IPejAwHXAaX5Iop6Z1SmaRoZGJN4d" +
		"4oH2S2ZU91g6J42EKj764axaK63pA9juEa_5HpZ41hT4AI0UyNAn8OMvTxYYsd1uFqag3tgJHhqe" +
		"eJgL-FR4U1gKmz7a7rzpL8f3SFRwC7EOrhRCI2ccMVcV8QHry33biwuDfYD_VI4rW8125C1RB5n5" +
		"xHNEVBycqzq03lY_oZsDDn2m2GFycDl_gT1z6TwYNvMWhliv50Hk8YsWtumQab3-DTrW8OD-u3av" +
		"_GvJG8lslGZkAE_hXwAOCUQR_benll293P7skQ" + `"}]}`

	exampleNow = time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
)
