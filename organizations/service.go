// Package organizations is the Organizations service of the Clerk Backend
// API: organizations, their memberships and their invitations. Reach it as
// client.Organizations.
package organizations

import "github.com/clerkgo/clerk/internal/transport"

// Service calls the Organizations, Organization Memberships and
// Organization Invitations operations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }
