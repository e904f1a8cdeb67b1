// Package bans bans, unbans, locks and unlocks users (one or many) and
// manages the allowlist and blocklist of sign-up identifiers. Reach it as
// client.Bans.
package bans

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
	"github.com/clerkgo/clerk/users"
)

// Service calls the ban, lock, allowlist and blocklist operations. It is
// safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, so that code using bans can be
// tested against a fake.
type API interface {
	Ban(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error)
	Unban(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error)
	Lock(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error)
	Unlock(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error)
	BanMany(ctx context.Context, userIDs []string, opts ...core.RequestOption) ([]*users.User, error)
	UnbanMany(ctx context.Context, userIDs []string, opts ...core.RequestOption) ([]*users.User, error)

	ListAllowlistIdentifiers(ctx context.Context, params *ListAllowlistParams, opts ...core.RequestOption) (*pagination.Page[AllowlistIdentifier], error)
	AllAllowlistIdentifiers(ctx context.Context, params *ListAllowlistParams, opts ...core.RequestOption) iter.Seq2[*AllowlistIdentifier, error]
	CreateAllowlistIdentifier(ctx context.Context, params *CreateAllowlistIdentifierParams, opts ...core.RequestOption) (*AllowlistIdentifier, error)
	DeleteAllowlistIdentifier(ctx context.Context, identifierID string, opts ...core.RequestOption) (*core.DeletedObject, error)

	ListBlocklistIdentifiers(ctx context.Context, opts ...core.RequestOption) (*pagination.Page[BlocklistIdentifier], error)
	AllBlocklistIdentifiers(ctx context.Context, opts ...core.RequestOption) iter.Seq2[*BlocklistIdentifier, error]
	CreateBlocklistIdentifier(ctx context.Context, params *CreateBlocklistIdentifierParams, opts ...core.RequestOption) (*BlocklistIdentifier, error)
	DeleteBlocklistIdentifier(ctx context.Context, identifierID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ API = (*Service)(nil)
