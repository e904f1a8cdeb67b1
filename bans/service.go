// Package bans bans, unbans, locks and unlocks users (one or many) and
// manages the allowlist and blocklist of sign-up identifiers. Reach it as
// client.Bans.
package bans

import "github.com/clerkgo/clerk/internal/transport"

// Service calls the ban, lock, allowlist and blocklist operations. It is
// safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }
