// Package conformance holds the tests that check the SDK against Clerk's
// published OpenAPI spec. It is a separate module so that the SDK itself
// needs no OpenAPI library (kin-openapi is a dependency of these tests
// only), and it has no code of its own: everything is in the _test files.
//
//   - table_test.go: the operation table (openapi.Operations) names real
//     operations with the spec's method and path, every SDK method has a
//     row, and the main module's dependency-free spec scanner agrees with
//     kin-openapi.
//   - requests_test.go: every SDK method, with every params field filled
//     from the spec, is called against a server that validates each request
//     with openapi3filter plus stricter checks (undeclared query parameters
//     and body properties, repeated scalar parameters, a body where none
//     belongs, the API version header) and answers a minimal instance of the
//     operation's success schema; every operation of the table must be
//     exercised.
//   - broken_test.go: deliberately broken raw requests are caught.
//   - responses_test.go: a full instance of each success schema decodes
//     into the SDK type and survives a re-encode field for field.
//   - live_test.go: the same calls against Prism (skipped unless PRISM_URL
//     is set; .ci/contract starts Prism and sets it).
//
// The spec is read from ../shared/openapi/clerk-bapi-2026-05-12.yml next to
// the repository root, or from $CLERK_BAPI_SPEC. Without it the tests skip,
// except under CI (CI=true), where that is a failure.
//
// Run: cd openapi/conformance && go test -race ./...
package conformance
