// Package jwt verifies Clerk session tokens, and JWT-format machine tokens,
// without calling Clerk.
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
//	case claims.Pending():
//		// signed in, with session tasks left to finish
//	case claims.HasPermission("org:invoices:create"):
//		// ...
//	}
//
// # Token kinds
//
// The instance key signs several kinds of JWT; [TokenKind] names them.
// [Verifier.Verify] accepts session tokens only: a token must carry "sid",
// its header "cat" (Clerk's token category) must be absent,
// "cl_B7d4PD111AAA" (session) or "cl_I7d4PD111III" (categories turned
// off), and it must carry no "aud" unless [WithAudience] names it. A JWT
// template token (category "cl_B7d4PD222AAA", or no category, no "sid"
// and an "aud") fails with [ErrUnsupportedTokenType] or
// [ErrInvalidAudience].
//
// [Verifier.VerifyMachine] accepts JWT-format machine tokens: M2M tokens
// (category "cl_B7d4PD333AAA", or a machine subject "mch_...") and OAuth
// access tokens (header "typ" "at+jwt"), returning [MachineClaims] with
// their subject, scopes and id. [Verifier.VerifyToken] accepts all three
// and says which kind it got. The kind is decided from the signed header
// and claims, after the signature verified. Opaque machine tokens
// ("mt_...", "oat_...", "ak_...", see [OpaqueKind]) are not JWTs: Clerk
// verifies them (clerkhttp calls it through an interface).
//
// # Keys
//
// Keys come from a PEM ([WithPEM], no network at all), a JWKS document
// ([WithJWKS]) or any [KeySource] ([WithKeySource]). [JWKSCache] is a key
// source over an injected fetch of GET /jwks: it caches the set for five
// minutes; a token naming an unknown "kid" (a key published since the last
// load) makes it refetch at once, further unknown kids at most once per
// refresh interval (30 s, floored at 1 s); concurrent callers share one
// fetch and none waits past the fetch timeout; when refreshes fail it
// keeps serving the old keys for at most [DefaultJWKSMaxStale] (24 h,
// [WithJWKSMaxStale]), then fails with [ErrKeyUnavailable]. The package
// itself never does network I/O.
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
// "crit" and "cty" headers, a "typ" other than JWT or at+jwt, unknown
// token categories and template tokens; duplicate JSON member names and
// invalid UTF-8 anywhere in the header or claims; a bad signature (checked
// before any claim is read); "exp" missing or not a number, "sub" missing;
// "exp" past or "nbf"/"iat" future beyond the leeway (5 s by default); an
// issuer, audience or authorized party other than the configured ones.
// Text taken from a token (a claim or header member name, a value) is
// quoted in error messages, so it cannot forge log lines.
//
// # Authorized parties and CSRF
//
// [WithAuthorizedParties] checks a session token's "azp", the origin it
// was minted for. It stops a token issued to another application of the
// same instance from being used here. It is not a defence against
// cross-site request forgery: a forged request carries the victim's own
// cookie, whose "azp" is this application's origin. clerkhttp checks the
// request's origin for that.
//
// # Claims
//
// [Claims] holds the registered claims and Clerk's: session id, authorized
// party, session status ([Claims.Pending]), factor verification age
// ([Claims.VerifiedWithin] for reverification), the impersonation actor,
// features, plans, and the active organization's id, slug, role and
// permissions, for v1 and v2 tokens alike ([Claims.HasRole],
// [Claims.HasPermission]). A "fea" claim with a malformed entry grants no
// organization permissions at all. Custom claims decode with
// [CustomClaims], which matches names case-sensitively. Every call
// returns its own copy of the claims.
//
// # Performance
//
// A fresh verification costs little more than the RSA verification itself.
// Verified tokens are cached (bounded; see [WithTokenCacheSize]), and a
// cache hit, which still re-checks the time claims and that the key is
// still in the key set and hands out a fresh copy, takes well under a
// microsecond.
package jwt
