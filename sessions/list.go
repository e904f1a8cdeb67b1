package sessions

import (
	"context"
	"iter"
	"strings"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ListParams filter GET /sessions. UserID or ClientID (or both) is
// required: the API no longer lists the sessions of a whole instance.
// Other zero fields are unset.
type ListParams struct {
	// UserID lists the sessions of one user.
	UserID string `query:"user_id"`
	// ClientID lists the sessions of one client (browser or device).
	ClientID string `query:"client_id"`
	// Status keeps one status (StatusActive, StatusRevoked, ...; not
	// StatusPending).
	Status string `query:"status"`
	// Limit (1..500, API default 10) and Offset page a List call; All
	// pages by itself and uses Limit as its page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

func (p *ListParams) validate() error {
	if p != nil && p.UserID != "" && strings.TrimSpace(p.UserID) == "" {
		return transport.Invalid("user_id", "must not be blank")
	}
	if p != nil && p.ClientID != "" && strings.TrimSpace(p.ClientID) == "" {
		return transport.Invalid("client_id", "must not be blank")
	}
	if p == nil || (p.UserID == "" && p.ClientID == "") {
		return transport.Invalid("params", "set UserID or ClientID: the API lists sessions of one user or one client")
	}
	return nil
}

// List returns one page of sessions, newest first. It always asks for the
// paginated form (paginated=true), so the page carries the total. Old and
// inactive sessions are cleaned up by Clerk and do not appear.
//
// API: GET /sessions (GetSessionList)
func (s *Service) List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Session], error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return transport.ListPaginated[Session](ctx, s.b, "/sessions", params, opts...)
}

// All walks every session matching params, lazily, one page at a time
// (more with clerk.WithPrefetch); breaking out of the loop stops the walk
// without another request. Params without UserID or ClientID yield one
// error and no request.
//
// API: GET /sessions (GetSessionList)
func (s *Service) All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Session, error] {
	if err := params.validate(); err != nil {
		return transport.Fail[Session](err)
	}
	return transport.All[Session](ctx, s.b, "/sessions", transport.Paginated, params, opts)
}
