package clerkhttp_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/jwt"
)

// Protect routes of the standard mux: anyone may read the catalog, a
// signed-in user may see their profile, and only organization members
// holding org:invoices:create may create invoices.
func ExampleRequirePermission() {
	v, err := jwt.NewVerifier(
		jwt.WithPEM(examplePEM), // in production: os.Getenv("CLERK_JWT_KEY")
		jwt.WithAuthorizedParties("https://app.example.com"),
		// A fixed clock keeps this example's tokens valid; leave it out in
		// production.
		jwt.WithClock(func() time.Time { return exampleNow }),
	)
	if err != nil {
		fmt.Println(err)
		return
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /catalog", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "catalog")
	})
	mux.Handle("GET /me", clerkhttp.RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims, _ := clerkhttp.ClaimsFromContext(r.Context())
		fmt.Fprintln(w, "hello", claims.Subject)
	})))
	mux.Handle("POST /invoices", clerkhttp.RequirePermission("org:invoices:create")(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			claims, _ := clerkhttp.ClaimsFromContext(r.Context())
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintln(w, "invoice created in", claims.OrgSlug)
		})))
	handler := clerkhttp.Middleware(v)(mux)

	for _, c := range []struct{ method, path, token string }{
		{"GET", "/catalog", ""},
		{"GET", "/me", ""},
		{"GET", "/me", exampleMemberToken},
		{"POST", "/invoices", exampleMemberToken},
		{"POST", "/invoices", exampleAdminToken},
	} {
		r := httptest.NewRequest(c.method, c.path, nil)
		if c.token != "" {
			r.Header.Set("Authorization", "Bearer "+c.token)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		fmt.Printf("%s %s -> %d %s", c.method, c.path, w.Code, w.Body)
	}
	// Output:
	// GET /catalog -> 200 catalog
	// GET /me -> 401 {"error":"signed_out","reason":"token_missing","message":"no session token in the Authorization header or the session cookie"}
	// GET /me -> 200 hello user_2member
	// POST /invoices -> 403 {"error":"forbidden","reason":"missing_permission","message":"the session lacks the required permission"}
	// POST /invoices -> 201 invoice created in acme
}

// Session cookies ride along on cross-site requests, so a cookie token is
// accepted only when its azp claim is an authorized party.
func ExampleMiddleware_cookie() {
	v, err := jwt.NewVerifier(jwt.WithPEM(examplePEM), jwt.WithClock(func() time.Time { return exampleNow }))
	if err != nil {
		fmt.Println(err)
		return
	}
	whoami := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, _ := clerkhttp.AuthFromContext(r.Context())
		if !auth.SignedIn() {
			fmt.Fprintln(w, "signed out:", auth.Reason)
			return
		}
		fmt.Fprintln(w, auth.Claims.Subject, "via", auth.Source)
	})
	for _, parties := range [][]string{{"https://app.example.com"}, {"https://other.example.com"}} {
		h := clerkhttp.Middleware(v, clerkhttp.WithAuthorizedParties(parties...))(whoami)
		r := httptest.NewRequest("GET", "/", nil)
		r.AddCookie(&http.Cookie{Name: "__session", Value: exampleAdminToken})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Print(w.Body)
	}
	// Output:
	// user_2admin via cookie
	// signed out: unauthorized_party
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

	exampleNow = time.Date(2026, 1, 1, 0, 0, 30, 0, time.UTC)
)
