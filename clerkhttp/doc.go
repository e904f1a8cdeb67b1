// Package clerkhttp authenticates net/http requests with Clerk tokens:
// session tokens, and, on the routes that accept them, machine tokens (M2M
// tokens, OAuth access tokens, API keys).
//
// [Middleware] reads the token of each request (an "Authorization:
// Bearer" header first, else the "__session" cookie), verifies it and
// records the outcome in the request's context: who is signed in, with
// which kind of token, or why the request is signed out. It never rejects
// a request by itself, so public and private routes can share it. Routes
// that need a caller say so with [RequireAuth], [RequireRole],
// [RequirePermission], [RequireScope] or [RequireClaims]:
//
//	v, err := jwt.NewVerifier(jwt.WithPEM(os.Getenv("CLERK_JWT_KEY")))
//	...
//	mux := http.NewServeMux()
//	mux.Handle("GET /public", publicHandler)
//	mux.Handle("GET /me", clerkhttp.RequireAuth(meHandler))
//	mux.Handle("POST /invoices", clerkhttp.RequirePermission("org:invoices:create")(createInvoice))
//	mux.Handle("GET /reports", clerkhttp.AcceptTokens(clerkhttp.SessionToken, clerkhttp.M2MToken)(
//		clerkhttp.RequireScope("read:reports")(reports)))
//	http.ListenAndServe(":8080", clerkhttp.Middleware(v,
//		clerkhttp.WithAuthorizedParties("https://app.example.com"),
//		clerkhttp.WithOpaqueVerifier(machineVerifier), // an OpaqueVerifier, for mt_/oat_/ak_ tokens
//	)(mux))
//
// Handlers read the session claims with [ClaimsFromContext], a machine
// token with [MachineFromContext], and the whole outcome (kind, subject,
// organization, scopes, why signed out) with [AuthFromContext].
//
// # Token kinds
//
// By default a route accepts session tokens only; [AcceptTokens] (per
// route) and [WithAcceptedTokens] (every route) choose others. The kind is
// decided from the token itself, never from the request: opaque tokens by
// their prefix ("mt_", "oat_", "ak_"), JWTs by their signed header and
// claims (see package jwt). A token of a kind the route does not accept
// is answered 401 (reason "token_kind_not_accepted"); machine tokens are
// accepted from the Authorization header only, never from the cookie.
//
// JWT-format machine tokens are verified locally, with the keys of the
// [jwt.Verifier]. Opaque ones are verified by Clerk, through the
// [OpaqueVerifier] given with [WithOpaqueVerifier], and only on routes
// that accept their kind. Answers are cached for [DefaultOpaqueCacheTTL]
// (5 s, [WithOpaqueCacheTTL]): a token revoked at Clerk keeps working here
// at most that long. Concurrent requests presenting one token share a
// single call; a call is bounded by [DefaultOpaqueTimeout] (5 s,
// [WithOpaqueTimeout]) and answered 503 past it; failures to get an answer
// are never cached.
//
// # Pending sessions
//
// A session with unfinished tasks (forced password reset, choosing an
// organization) carries "sts": "pending". Like Clerk's own SDKs, the
// middleware treats it as signed out (401, reason "session_pending"),
// except on routes wrapped with [AllowPending] (the ones that finish the
// tasks), or everywhere with [WithPendingSessions]. [Auth.Pending] tells
// a handler that the request presented a pending session.
//
// # Responses
//
// A signed-out request on a protected route gets 401 with a
// WWW-Authenticate header (Bearer error="invalid_token" when a token was
// sent); a signed-in one without the role, permission or scope gets 403.
// When the verification keys cannot be obtained at all (a JWKS that was
// never fetched), an opaque token cannot be verified right now, or the
// middleware is misconfigured, the answer is 503: the caller may well be
// signed in. Bodies are small JSON documents with a stable reason code:
//
//	{"error":"signed_out","reason":"token_expired","message":"the session token has expired"}
//
// [WithFailureHandler] replaces them (to redirect to a sign-in page, say).
//
// # Cookies and CSRF
//
// Browsers attach the session cookie to cross-site requests too, so a
// cookie token passes two checks:
//
//   - Its "azp" claim (the origin the token was minted for) must be an
//     authorized party: those of [WithAuthorizedParties], else those the
//     [jwt.Verifier] was built with. With neither, cookie tokens are
//     refused (reason "cookie_party_unchecked"). The same parties apply to
//     session tokens from the header. This stops a token minted for
//     another application of the instance, but not a forged request: the
//     victim's own cookie carries this application's "azp".
//   - On unsafe methods (anything but GET, HEAD and OPTIONS), the request
//     must come from an authorized party: its Origin header, else the
//     origin of its Referer, must be one of them, or its Sec-Fetch-Site
//     must be "same-origin" or "none". Otherwise it is refused (reason
//     "csrf_origin_mismatch"). This is the CSRF defence; it also covers
//     sibling subdomains, which SameSite=Lax cookies do not. GET routes
//     must not change state.
//
// A request carrying several cookies of the session cookie's name is
// refused (reason "ambiguous_session_cookie"): a sibling subdomain can
// toss one in. When several Clerk instances share a domain, Clerk keeps
// each one's token in "__session_<suffix>"; give the middleware the
// publishable key ([WithPublishableKey]) and it reads that cookie as
// Clerk's JavaScript SDK does. [WithoutCookiePartyCheck] turns both checks
// off. Bearer tokens are not sent by browsers on their own and need no
// origin check.
//
// The middleware has the func(http.Handler) http.Handler shape, so it plugs
// into the standard mux and into routers such as chi or gorilla/mux.
package clerkhttp
