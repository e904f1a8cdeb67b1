// Package invitations is the Invitations service of the Clerk Backend API:
// application invitations, single and bulk. Reach it as client.Invitations.
package invitations

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Service calls the Invitations operations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, so that code using invitations can
// be tested against a fake (embed Unimplemented in it).
type API interface {
	Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Invitation, error)
	CreateMany(ctx context.Context, params []*CreateParams, opts ...core.RequestOption) ([]*Invitation, error)
	List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Invitation], error)
	All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Invitation, error]
	Revoke(ctx context.Context, invitationID string, opts ...core.RequestOption) (*Invitation, error)
}

var _ API = (*Service)(nil)
