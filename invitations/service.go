// Package invitations is the Invitations service of the Clerk Backend API:
// application invitations, single and bulk. Reach it as client.Invitations.
package invitations

import "github.com/clerkgo/clerk/internal/transport"

// Service calls the Invitations operations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }
