package orgdomains

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/pagination"
)

// Unimplemented is embedded by fakes of API: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

func notImpl(method string) error {
	return &core.NotImplementedError{Method: "OrganizationDomains." + method}
}

// Create is not implemented.
func (Unimplemented) Create(context.Context, string, *CreateParams, ...core.RequestOption) (*Domain, error) {
	return nil, notImpl("Create")
}

// List is not implemented.
func (Unimplemented) List(context.Context, string, *ListParams, ...core.RequestOption) (*pagination.Page[Domain], error) {
	return nil, notImpl("List")
}

// All yields a not-implemented error.
func (Unimplemented) All(context.Context, string, *ListParams, ...core.RequestOption) iter.Seq2[*Domain, error] {
	return func(yield func(*Domain, error) bool) { yield(nil, notImpl("All")) }
}

// ListInstance is not implemented.
func (Unimplemented) ListInstance(context.Context, *ListInstanceParams, ...core.RequestOption) (*pagination.Page[Domain], error) {
	return nil, notImpl("ListInstance")
}

// AllInstance yields a not-implemented error.
func (Unimplemented) AllInstance(context.Context, *ListInstanceParams, ...core.RequestOption) iter.Seq2[*Domain, error] {
	return func(yield func(*Domain, error) bool) { yield(nil, notImpl("AllInstance")) }
}

// Update is not implemented.
func (Unimplemented) Update(context.Context, string, string, *UpdateParams, ...core.RequestOption) (*Domain, error) {
	return nil, notImpl("Update")
}

// Delete is not implemented.
func (Unimplemented) Delete(context.Context, string, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, notImpl("Delete")
}

// VerifyOwnership is not implemented.
func (Unimplemented) VerifyOwnership(context.Context, string, string, ...core.RequestOption) (*Domain, error) {
	return nil, notImpl("VerifyOwnership")
}
