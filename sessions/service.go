// Package sessions is the Sessions service of the Clerk Backend API: list,
// read and revoke sessions, and mint session tokens. Reach it as
// client.Sessions.
//
// Verifying a session token needs no call to this service: the jwt package
// checks it locally against the instance's public key.
package sessions

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Service calls the Sessions operations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, so that code using sessions can be
// tested against a fake (embed Unimplemented in it).
type API interface {
	List(ctx context.Context, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Session], error)
	All(ctx context.Context, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Session, error]
	Get(ctx context.Context, sessionID string, opts ...core.RequestOption) (*Session, error)
	Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Session, error)
	Revoke(ctx context.Context, sessionID string, opts ...core.RequestOption) (*Session, error)
	Refresh(ctx context.Context, sessionID string, params *RefreshParams, opts ...core.RequestOption) (*RefreshResult, error)
	CreateToken(ctx context.Context, sessionID string, params *CreateTokenParams, opts ...core.RequestOption) (*Token, error)
	CreateTokenFromTemplate(ctx context.Context, sessionID, templateName string, params *CreateTokenParams, opts ...core.RequestOption) (*Token, error)
}

var _ API = (*Service)(nil)
