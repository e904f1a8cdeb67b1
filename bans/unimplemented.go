package bans

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
	"github.com/clerkgo/clerk/users"
)

// Unimplemented is an API whose every method fails with a
// *core.NotImplementedError (matching clerk.ErrNotImplemented); its
// iterators yield that error once. Embed it in a test fake and override
// only the methods the code under test calls: the fake keeps compiling
// when methods are added to API.
type Unimplemented struct{}

var _ API = Unimplemented{}

func notImplemented(method string) error {
	return &core.NotImplementedError{Method: "Bans." + method}
}

// Ban fails with a *core.NotImplementedError.
func (Unimplemented) Ban(context.Context, string, ...core.RequestOption) (*users.User, error) {
	return nil, notImplemented("Ban")
}

// Unban fails with a *core.NotImplementedError.
func (Unimplemented) Unban(context.Context, string, ...core.RequestOption) (*users.User, error) {
	return nil, notImplemented("Unban")
}

// Lock fails with a *core.NotImplementedError.
func (Unimplemented) Lock(context.Context, string, ...core.RequestOption) (*users.User, error) {
	return nil, notImplemented("Lock")
}

// Unlock fails with a *core.NotImplementedError.
func (Unimplemented) Unlock(context.Context, string, ...core.RequestOption) (*users.User, error) {
	return nil, notImplemented("Unlock")
}

// BanMany fails with a *core.NotImplementedError.
func (Unimplemented) BanMany(context.Context, []string, ...core.RequestOption) ([]*users.User, error) {
	return nil, notImplemented("BanMany")
}

// UnbanMany fails with a *core.NotImplementedError.
func (Unimplemented) UnbanMany(context.Context, []string, ...core.RequestOption) ([]*users.User, error) {
	return nil, notImplemented("UnbanMany")
}

// ListAllowlistIdentifiers fails with a *core.NotImplementedError.
func (Unimplemented) ListAllowlistIdentifiers(context.Context, *ListAllowlistParams, ...core.RequestOption) (*pagination.Page[AllowlistIdentifier], error) {
	return nil, notImplemented("ListAllowlistIdentifiers")
}

// AllAllowlistIdentifiers yields a *core.NotImplementedError once.
func (Unimplemented) AllAllowlistIdentifiers(context.Context, *ListAllowlistParams, ...core.RequestOption) iter.Seq2[*AllowlistIdentifier, error] {
	return transport.Fail[AllowlistIdentifier](notImplemented("AllAllowlistIdentifiers"))
}

// CreateAllowlistIdentifier fails with a *core.NotImplementedError.
func (Unimplemented) CreateAllowlistIdentifier(context.Context, *CreateAllowlistIdentifierParams, ...core.RequestOption) (*AllowlistIdentifier, error) {
	return nil, notImplemented("CreateAllowlistIdentifier")
}

// DeleteAllowlistIdentifier fails with a *core.NotImplementedError.
func (Unimplemented) DeleteAllowlistIdentifier(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("DeleteAllowlistIdentifier")
}

// ListBlocklistIdentifiers fails with a *core.NotImplementedError.
func (Unimplemented) ListBlocklistIdentifiers(context.Context, ...core.RequestOption) (*pagination.Page[BlocklistIdentifier], error) {
	return nil, notImplemented("ListBlocklistIdentifiers")
}

// AllBlocklistIdentifiers yields a *core.NotImplementedError once.
func (Unimplemented) AllBlocklistIdentifiers(context.Context, ...core.RequestOption) iter.Seq2[*BlocklistIdentifier, error] {
	return transport.Fail[BlocklistIdentifier](notImplemented("AllBlocklistIdentifiers"))
}

// CreateBlocklistIdentifier fails with a *core.NotImplementedError.
func (Unimplemented) CreateBlocklistIdentifier(context.Context, *CreateBlocklistIdentifierParams, ...core.RequestOption) (*BlocklistIdentifier, error) {
	return nil, notImplemented("CreateBlocklistIdentifier")
}

// DeleteBlocklistIdentifier fails with a *core.NotImplementedError.
func (Unimplemented) DeleteBlocklistIdentifier(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImplemented("DeleteBlocklistIdentifier")
}
