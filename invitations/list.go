package invitations

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListParams filter and order GET /invitations. Zero fields are unset.
type ListParams struct {
	// Status keeps one status: StatusPending, StatusAccepted,
	// StatusRevoked or StatusExpired.
	Status string `query:"status"`
	// Query matches the email address or the invitation ID.
	Query string `query:"query"`
	// OrderBy is created_at, email_address or expires_at with an optional
	// +/- prefix (API default: -created_at).
	OrderBy string `query:"order_by"`
	// Limit (1..500, API default 10) and Offset page a List call; All
	// pages by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// List returns one page of invitations. It always asks for the paginated
// form (paginated=true), so the page carries the total across all pages.
//
// API: GET /invitations (ListInvitations)
func (s *Service) List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Invitation], error) {
	return transport.ListPaginated[Invitation](ctx, s.b, "/invitations", params, opts...)
}

// All walks every invitation matching params, lazily, one page at a time
// (more with clerk.WithPrefetch); breaking out of the loop stops the walk
// without another request.
//
// API: GET /invitations (ListInvitations)
func (s *Service) All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Invitation, error] {
	return transport.All[Invitation](ctx, s.b, "/invitations", transport.Paginated, params, opts)
}
