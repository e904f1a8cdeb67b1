// Package users is the Users service of the Clerk Backend API: list, count,
// read, create, update and delete users, their metadata, passwords, MFA and
// linked accounts. Reach it as client.Users.
package users

import (
	"github.com/clerkgo/clerk/internal/transport"
)

// Service calls the Users operations. Build it with clerk.NewClient; it is
// safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }
