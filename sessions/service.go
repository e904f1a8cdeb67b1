// Package sessions is the Sessions service of the Clerk Backend API: list,
// read and revoke sessions, and mint session tokens. Reach it as
// client.Sessions.
package sessions

import "github.com/clerkgo/clerk/internal/transport"

// Service calls the Sessions operations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }
