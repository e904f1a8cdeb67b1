// Package jwt verifies Clerk session tokens without calling Clerk.
//
// A session token is a JWT signed by the Clerk instance (RS256). Build one
// [Verifier] at start-up with the instance's public key, then verify the
// token of each request:
//
//	v, err := jwt.NewVerifier(
//		jwt.WithPEM(os.Getenv("CLERK_JWT_KEY")),
//		jwt.WithAuthorizedParties("https://app.example.com"),
//	)
//	...
//	claims, err := v.Verify(ctx, token)
//	switch {
//	case errors.Is(err, jwt.ErrTokenExpired):
//		// ask the frontend for a fresh token
//	case err != nil:
//		// signed out
//	case claims.HasPermission("org:invoices:create"):
//		// ...
//	}
//
// # Keys
//
// Keys come from a PEM ([WithPEM], no network at all), a JWKS document
// ([WithJWKS]) or any [KeySource] ([WithKeySource]). [JWKSCache] is a key
// source over an injected fetch of GET /jwks: it caches the set for five
// minutes, refetches at most once per interval when an unknown "kid" shows
// up (key rotation), shares one fetch among concurrent callers and keeps
// serving the old keys when a refresh fails. The package itself never does
// network I/O.
//
// The key's type pins the algorithm: RSA keys verify RS256 only, EC P-256
// keys ES256 only and Ed25519 keys EdDSA only. The token's own key hints
// ("jku", "x5u", "jwk", "x5c") are ignored.
//
// # Strictness
//
// The verifier is built on the standard library's crypto and a strict
// single-pass JSON reader. It rejects, each with one sentinel error: tokens
// without exactly three segments or over the size cap (8 KiB by default);
// non-canonical base64url (padding, '+' or '/', white space, non-zero
// trailing bits); "alg" none, HMAC or any algorithm other than the key's;
// "crit" and "cty" headers, a "typ" other than JWT and Clerk token
// categories other than session tokens (machine tokens, for instance);
// duplicate JSON member names and invalid UTF-8 anywhere in the header or
// claims; a bad signature (checked before any claim is read); "exp" missing
// or not a number, "sub" missing; "exp" past or "nbf"/"iat" future beyond
// the leeway (5 s by default); an issuer or authorized party other than the
// configured ones.
//
// # Claims
//
// [Claims] holds the registered claims and Clerk's: session id, authorized
// party, session status, factor verification age ([Claims.VerifiedWithin]
// for reverification), the impersonation actor, features, plans, and the
// active organization's id, slug, role and permissions, for v1 and v2
// tokens alike ([Claims.HasRole], [Claims.HasPermission]). Custom claims
// decode with [CustomClaims].
//
// # Performance
//
// A fresh verification costs little more than the RSA verification itself.
// Verified tokens are cached (bounded; see [WithTokenCacheSize]), and a
// cache hit, which still re-checks the time claims and that the key is
// still in the key set, takes well under a microsecond.
package jwt
