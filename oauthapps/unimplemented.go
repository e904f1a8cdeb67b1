package oauthapps

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/pagination"
)

func notImpl(method string) error { return &core.NotImplementedError{Method: method} }

func failSeq[T any](method string) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) { yield(nil, notImpl(method)) }
}

// Unimplemented is embedded by fakes of API: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

// List is not implemented.
func (Unimplemented) List(context.Context, *ListParams, ...core.RequestOption) (*pagination.Page[Application], error) {
	return nil, notImpl("OAuthApplications.List")
}

// All yields a not-implemented error.
func (Unimplemented) All(context.Context, *ListParams, ...core.RequestOption) iter.Seq2[*Application, error] {
	return failSeq[Application]("OAuthApplications.All")
}

// Get is not implemented.
func (Unimplemented) Get(context.Context, string, ...core.RequestOption) (*Application, error) {
	return nil, notImpl("OAuthApplications.Get")
}

// Create is not implemented.
func (Unimplemented) Create(context.Context, *CreateParams, ...core.RequestOption) (*Application, error) {
	return nil, notImpl("OAuthApplications.Create")
}

// Update is not implemented.
func (Unimplemented) Update(context.Context, string, *UpdateParams, ...core.RequestOption) (*Application, error) {
	return nil, notImpl("OAuthApplications.Update")
}

// Delete is not implemented.
func (Unimplemented) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImpl("OAuthApplications.Delete")
}

// UploadLogo is not implemented.
func (Unimplemented) UploadLogo(context.Context, string, *UploadLogoParams, ...core.RequestOption) (*Application, error) {
	return nil, notImpl("OAuthApplications.UploadLogo")
}

// RotateSecret is not implemented.
func (Unimplemented) RotateSecret(context.Context, string, ...core.RequestOption) (*Application, error) {
	return nil, notImpl("OAuthApplications.RotateSecret")
}

// RevokeToken is not implemented.
func (Unimplemented) RevokeToken(context.Context, string, *RevokeTokenParams, ...core.RequestOption) error {
	return notImpl("OAuthApplications.RevokeToken")
}
