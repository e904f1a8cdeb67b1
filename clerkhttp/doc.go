// Package clerkhttp authenticates net/http requests with Clerk session
// tokens.
//
// [Middleware] reads the session token of each request (an
// "Authorization: Bearer" header first, else the "__session" cookie),
// verifies it with a [jwt.Verifier] and records the outcome in the request's
// context: the claims when signed in, the reason when signed out. It never
// rejects a request by itself, so public and private routes can share it.
// Routes that need a user say so with [RequireAuth], [RequireRole] or
// [RequirePermission]:
//
//	v, err := jwt.NewVerifier(jwt.WithPEM(os.Getenv("CLERK_JWT_KEY")),
//		jwt.WithAuthorizedParties("https://app.example.com"))
//	...
//	mux := http.NewServeMux()
//	mux.Handle("GET /public", publicHandler)
//	mux.Handle("GET /me", clerkhttp.RequireAuth(meHandler))
//	mux.Handle("POST /invoices", clerkhttp.RequirePermission("org:invoices:create")(createInvoice))
//	http.ListenAndServe(":8080", clerkhttp.Middleware(v)(mux))
//
// Handlers read the claims with [ClaimsFromContext], and the whole outcome
// (including why a request is signed out) with [AuthFromContext].
//
// # Responses
//
// A signed-out request on a protected route gets 401 with a
// WWW-Authenticate header (Bearer error="invalid_token" when a token was
// sent); a signed-in one without the role or permission gets 403. When the
// verification keys cannot be obtained at all (a JWKS that was never
// fetched), the answer is 503: the user may well be signed in. Bodies are
// small JSON documents with a stable reason code:
//
//	{"error":"signed_out","reason":"token_expired","message":"the session token has expired"}
//
// [WithFailureHandler] replaces them (to redirect to a sign-in page, say).
//
// # Cookies and CSRF
//
// Browsers attach the session cookie to cross-site requests too. A token
// read from the cookie is therefore accepted only when its "azp" claim (the
// origin it was minted for) is one of the authorized parties: those of
// [WithAuthorizedParties], else those the [jwt.Verifier] was built with.
// With neither, cookie tokens are refused (reason
// "cookie_party_unchecked"), unless [WithoutCookiePartyCheck] opts out
// explicitly. Bearer tokens are not sent by browsers on their own and need
// no such check.
//
// The middleware has the func(http.Handler) http.Handler shape, so it plugs
// into the standard mux and into routers such as chi or gorilla/mux.
package clerkhttp
