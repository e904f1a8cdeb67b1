// Package openapi ties the SDK to Clerk's published OpenAPI spec.
//
// Operations returns the operation table: for every method of every
// service (client.Users, client.Organizations, ...), the HTTP method, path
// template and operationId it calls. The table is generated from the
// "// API: METHOD /path (OperationId)" line that ends each method's doc
// comment, and a test fails when it is stale or when a method lacks the
// line. Tools and tests use it to check the SDK against the spec:
//
//   - go run ./openapi/cmd/coverage prints, per spec tag, how many
//     operations the SDK covers and which are missing (-markdown for the
//     README table);
//   - the nested module openapi/conformance (its own go.mod, so the main
//     module needs no OpenAPI library) validates every SDK request against
//     the spec, decodes spec-shaped responses, and runs a live contract
//     test against a Prism mock server (.ci/contract).
//
// The spec itself is not part of the repository: it is read from
// ../shared/openapi/clerk-bapi-2026-05-12.yml next to the repository.
package openapi

//go:generate go run ./internal/cmd/gentable -root .. -out operations_gen.go
