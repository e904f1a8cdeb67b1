package sessions

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
	return &core.NotImplementedError{Method: "Sessions." + method}
}

// List fails with a *core.NotImplementedError.
func (Unimplemented) List(context.Context, *ListParams, ...core.RequestOption) (*pagination.Page[Session], error) {
	return nil, notImplemented("List")
}

// All yields a *core.NotImplementedError once.
func (Unimplemented) All(context.Context, *ListParams, ...core.RequestOption) iter.Seq2[*Session, error] {
	return transport.Fail[Session](notImplemented("All"))
}

// Get fails with a *core.NotImplementedError.
func (Unimplemented) Get(context.Context, string, ...core.RequestOption) (*Session, error) {
	return nil, notImplemented("Get")
}

// Create fails with a *core.NotImplementedError.
func (Unimplemented) Create(context.Context, *CreateParams, ...core.RequestOption) (*Session, error) {
	return nil, notImplemented("Create")
}

// Revoke fails with a *core.NotImplementedError.
func (Unimplemented) Revoke(context.Context, string, ...core.RequestOption) (*Session, error) {
	return nil, notImplemented("Revoke")
}

// Refresh fails with a *core.NotImplementedError.
func (Unimplemented) Refresh(context.Context, string, *RefreshParams, ...core.RequestOption) (*RefreshResult, error) {
	return nil, notImplemented("Refresh")
}

// CreateToken fails with a *core.NotImplementedError.
func (Unimplemented) CreateToken(context.Context, string, *CreateTokenParams, ...core.RequestOption) (*Token, error) {
	return nil, notImplemented("CreateToken")
}

// CreateTokenFromTemplate fails with a *core.NotImplementedError.
func (Unimplemented) CreateTokenFromTemplate(context.Context, string, string, *CreateTokenParams, ...core.RequestOption) (*Token, error) {
	return nil, notImplemented("CreateTokenFromTemplate")
}
