package oauthapps

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Unimplemented is embedded by fakes of API: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

// List is not implemented.
func (Unimplemented) List(context.Context, *ListParams, ...core.RequestOption) (*pagination.Page[Application], error) {
	return nil, transport.NotImplemented("OAuthApplications.List")
}

// All yields a not-implemented error.
func (Unimplemented) All(context.Context, *ListParams, ...core.RequestOption) iter.Seq2[*Application, error] {
	return transport.NotImplementedSeq[Application]("OAuthApplications.All")
}

// Get is not implemented.
func (Unimplemented) Get(context.Context, string, ...core.RequestOption) (*Application, error) {
	return nil, transport.NotImplemented("OAuthApplications.Get")
}

// Create is not implemented.
func (Unimplemented) Create(context.Context, *CreateParams, ...core.RequestOption) (*Application, error) {
	return nil, transport.NotImplemented("OAuthApplications.Create")
}

// Update is not implemented.
func (Unimplemented) Update(context.Context, string, *UpdateParams, ...core.RequestOption) (*Application, error) {
	return nil, transport.NotImplemented("OAuthApplications.Update")
}

// Delete is not implemented.
func (Unimplemented) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("OAuthApplications.Delete")
}

// UploadLogo is not implemented.
func (Unimplemented) UploadLogo(context.Context, string, *UploadLogoParams, ...core.RequestOption) (*Application, error) {
	return nil, transport.NotImplemented("OAuthApplications.UploadLogo")
}

// RotateSecret is not implemented.
func (Unimplemented) RotateSecret(context.Context, string, ...core.RequestOption) (*Application, error) {
	return nil, transport.NotImplemented("OAuthApplications.RotateSecret")
}

// RevokeToken is not implemented.
func (Unimplemented) RevokeToken(context.Context, string, *RevokeTokenParams, ...core.RequestOption) error {
	return transport.NotImplemented("OAuthApplications.RevokeToken")
}
