package jwks

import (
	"context"
	"crypto"

	"github.com/clerkgo/clerk/core"
)

// Unimplemented is an API whose every method fails with a
// *core.NotImplementedError (matching clerk.ErrNotImplemented). Embed it
// in a test fake and override only the methods the code under test calls:
// the fake keeps compiling when methods are added to API.
type Unimplemented struct{}

var _ API = Unimplemented{}

// Get fails with a *core.NotImplementedError.
func (Unimplemented) Get(context.Context, ...core.RequestOption) (*KeySet, error) {
	return nil, &core.NotImplementedError{Method: "JWKS.Get"}
}

// Key fails with a *core.NotImplementedError.
func (Unimplemented) Key(context.Context, string) (crypto.PublicKey, error) {
	return nil, &core.NotImplementedError{Method: "JWKS.Key"}
}

// Refresh fails with a *core.NotImplementedError.
func (Unimplemented) Refresh(context.Context) error {
	return &core.NotImplementedError{Method: "JWKS.Refresh"}
}
