// Package clerktest is a stateful, in-memory fake of the Clerk Backend API
// for tests: code that calls the SDK (or the API directly) runs against it
// with no Clerk account, no network and no hand-written stubs.
//
//	srv := clerktest.NewServer(t) // httptest server, closed by t.Cleanup
//	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
//	uid := srv.AddUser(clerktest.User{Email: "ada@example.com"}) // fails the test on error
//	u, err := c.Users.Get(ctx, uid)
//
// The fake keeps users, organizations, memberships, organization
// invitations, invitations, sessions, bans and locks, and the allowlist and
// blocklist, with the real API's wire shapes and semantics: prefixed IDs,
// Unix-millisecond timestamps, limit/offset and order_by, bare arrays and
// {data,total_count} envelopes where the API uses each, deep-merge metadata,
// bulk limits, uniqueness checks, and ClerkErrors bodies with a trace id.
//
// It signs session tokens with its own RSA-2048 key (NewSessionToken, and
// POST /sessions/{id}/tokens), publishes the key at GET /jwks and as a PEM
// (PublicKeyPEM), so a verifier can be tested end to end.
//
// For resilience tests it injects faults (FailNext, InjectFault), a server
// side rate limit that answers 429 with Retry-After (SetRateLimit) and
// latency (SetLatency), and records every request (Requests).
//
// The seed helpers (AddUser, AddOrganization, AddMembership, AddSession)
// fail the test of a server made by NewServer when the fake refuses the
// seed; their Try variants (TryAddUser, ...) return the error instead.
// Package clerktestclient builds a ready SDK client in one line
// (clerktestclient.New(t, srv)), with retry waits of milliseconds.
//
// An operation the fake does not model answers 501 with the code
// clerktest_not_implemented, never 404, so a test that expects "not
// found" cannot pass because a route is missing.
//
// Outside tests (a demo, a local dev loop) Start returns a running server
// that the caller closes; its seed helpers cannot fail a test, so use the
// Try variants.
//
// # Differences from the real API
//
// The fake models what code under test usually relies on, not all of
// Clerk. It has no frontend: invitations are never accepted, sessions are
// only made by POST /sessions or AddSession, and users have no web3
// wallets, passkeys, external or SAML accounts, trusted devices or OAuth
// tokens (filters on them match nothing, their lists are empty, deleting
// one answers 404; creating a user with web3_wallet is refused). Every
// user and organization is a billing payer on the free plan, with a credit
// balance that POST .../billing/credits adjusts once per idempotency key.
// POST /sessions/{id}/refresh accepts an expired token the fake signed for
// that session and any non-empty refresh token; VerifyTOTP checks the
// RFC 6238 code of the user's totp_secret, or consumes a backup code. Passwords are
// stored as given; a password_digest is compared verbatim. Instance
// settings (required identifiers, username rules, metadata size limits,
// the blocklist applied to sign-ups) are not enforced. Error codes follow
// Clerk's where they are documented (form_identifier_exists,
// form_param_missing, resource_not_found, already_a_member_in_organization,
// ...); the others are the fake's own.
package clerktest
