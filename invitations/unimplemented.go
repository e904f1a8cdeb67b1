package invitations

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Unimplemented is an API whose every method fails with a
// *core.NotImplementedError (matching clerk.ErrNotImplemented); All yields
// that error once. Embed it in a test fake and override only the methods
// the code under test calls: the fake keeps compiling when methods are
// added to API.
type Unimplemented struct{}

var _ API = Unimplemented{}

func notImplemented(method string) error {
	return &core.NotImplementedError{Method: "Invitations." + method}
}

// Create fails with a *core.NotImplementedError.
func (Unimplemented) Create(context.Context, *CreateParams, ...core.RequestOption) (*Invitation, error) {
	return nil, notImplemented("Create")
}

// CreateMany fails with a *core.NotImplementedError.
func (Unimplemented) CreateMany(context.Context, []*CreateParams, ...core.RequestOption) ([]*Invitation, error) {
	return nil, notImplemented("CreateMany")
}

// List fails with a *core.NotImplementedError.
func (Unimplemented) List(context.Context, *ListParams, ...core.RequestOption) (*pagination.Page[Invitation], error) {
	return nil, notImplemented("List")
}

// All yields a *core.NotImplementedError once.
func (Unimplemented) All(context.Context, *ListParams, ...core.RequestOption) iter.Seq2[*Invitation, error] {
	return transport.Fail[Invitation](notImplemented("All"))
}

// Revoke fails with a *core.NotImplementedError.
func (Unimplemented) Revoke(context.Context, string, ...core.RequestOption) (*Invitation, error) {
	return nil, notImplemented("Revoke")
}
