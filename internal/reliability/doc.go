// Package reliability holds the SDK's reliability and throughput suites:
// fault injection against a misbehaving fake API, deadlines and
// cancellation, many goroutines sharing one client, size and count limits,
// secret hygiene across every service, memory use of long walks, page
// prefetching and the client rate limiter. It has no code of its own; the
// tests live in its _test.go files and run with go test -race ./... (use
// -short to skip the long parts).
package reliability
