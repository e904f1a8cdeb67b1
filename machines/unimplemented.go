package machines

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// UnimplementedMachines is embedded by fakes of MachineAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedMachines struct{}

var _ MachineAPI = UnimplementedMachines{}

// List is not implemented.
func (UnimplementedMachines) List(context.Context, *ListMachinesParams, ...core.RequestOption) (*pagination.Page[Machine], error) {
	return nil, transport.NotImplemented("Machines.List")
}

// All yields a not-implemented error.
func (UnimplementedMachines) All(context.Context, *ListMachinesParams, ...core.RequestOption) iter.Seq2[*Machine, error] {
	return transport.NotImplementedSeq[Machine]("Machines.All")
}

// Get is not implemented.
func (UnimplementedMachines) Get(context.Context, string, ...core.RequestOption) (*Machine, error) {
	return nil, transport.NotImplemented("Machines.Get")
}

// Create is not implemented.
func (UnimplementedMachines) Create(context.Context, *CreateMachineParams, ...core.RequestOption) (*Machine, error) {
	return nil, transport.NotImplemented("Machines.Create")
}

// Update is not implemented.
func (UnimplementedMachines) Update(context.Context, string, *UpdateMachineParams, ...core.RequestOption) (*Machine, error) {
	return nil, transport.NotImplemented("Machines.Update")
}

// Delete is not implemented.
func (UnimplementedMachines) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("Machines.Delete")
}

// GetSecretKey is not implemented.
func (UnimplementedMachines) GetSecretKey(context.Context, string, ...core.RequestOption) (*SecretKey, error) {
	return nil, transport.NotImplemented("Machines.GetSecretKey")
}

// RotateSecretKey is not implemented.
func (UnimplementedMachines) RotateSecretKey(context.Context, string, *RotateSecretKeyParams, ...core.RequestOption) (*SecretKey, error) {
	return nil, transport.NotImplemented("Machines.RotateSecretKey")
}

// CreateScope is not implemented.
func (UnimplementedMachines) CreateScope(context.Context, string, *CreateScopeParams, ...core.RequestOption) (*Scope, error) {
	return nil, transport.NotImplemented("Machines.CreateScope")
}

// DeleteScope is not implemented.
func (UnimplementedMachines) DeleteScope(context.Context, string, string, ...core.RequestOption) (*Scope, error) {
	return nil, transport.NotImplemented("Machines.DeleteScope")
}

// UnimplementedAPIKeys is embedded by fakes of APIKeyAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedAPIKeys struct{}

var _ APIKeyAPI = UnimplementedAPIKeys{}

// List is not implemented.
func (UnimplementedAPIKeys) List(context.Context, *ListAPIKeysParams, ...core.RequestOption) (*pagination.Page[APIKey], error) {
	return nil, transport.NotImplemented("APIKeys.List")
}

// All yields a not-implemented error.
func (UnimplementedAPIKeys) All(context.Context, *ListAPIKeysParams, ...core.RequestOption) iter.Seq2[*APIKey, error] {
	return transport.NotImplementedSeq[APIKey]("APIKeys.All")
}

// Get is not implemented.
func (UnimplementedAPIKeys) Get(context.Context, string, ...core.RequestOption) (*APIKey, error) {
	return nil, transport.NotImplemented("APIKeys.Get")
}

// Create is not implemented.
func (UnimplementedAPIKeys) Create(context.Context, *CreateAPIKeyParams, ...core.RequestOption) (*APIKey, error) {
	return nil, transport.NotImplemented("APIKeys.Create")
}

// Update is not implemented.
func (UnimplementedAPIKeys) Update(context.Context, string, *UpdateAPIKeyParams, ...core.RequestOption) (*APIKey, error) {
	return nil, transport.NotImplemented("APIKeys.Update")
}

// Delete is not implemented.
func (UnimplementedAPIKeys) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("APIKeys.Delete")
}

// GetSecret is not implemented.
func (UnimplementedAPIKeys) GetSecret(context.Context, string, ...core.RequestOption) (*APIKeySecret, error) {
	return nil, transport.NotImplemented("APIKeys.GetSecret")
}

// Revoke is not implemented.
func (UnimplementedAPIKeys) Revoke(context.Context, string, *RevokeParams, ...core.RequestOption) (*APIKey, error) {
	return nil, transport.NotImplemented("APIKeys.Revoke")
}

// Verify is not implemented.
func (UnimplementedAPIKeys) Verify(context.Context, string, ...core.RequestOption) (*APIKey, error) {
	return nil, transport.NotImplemented("APIKeys.Verify")
}

// UnimplementedM2MTokens is embedded by fakes of M2MTokenAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedM2MTokens struct{}

var _ M2MTokenAPI = UnimplementedM2MTokens{}

// Create is not implemented.
func (UnimplementedM2MTokens) Create(context.Context, *CreateM2MTokenParams, ...core.RequestOption) (*M2MToken, error) {
	return nil, transport.NotImplemented("M2MTokens.Create")
}

// List is not implemented.
func (UnimplementedM2MTokens) List(context.Context, *ListM2MTokensParams, ...core.RequestOption) (*pagination.Page[M2MToken], error) {
	return nil, transport.NotImplemented("M2MTokens.List")
}

// All yields a not-implemented error.
func (UnimplementedM2MTokens) All(context.Context, *ListM2MTokensParams, ...core.RequestOption) iter.Seq2[*M2MToken, error] {
	return transport.NotImplementedSeq[M2MToken]("M2MTokens.All")
}

// Revoke is not implemented.
func (UnimplementedM2MTokens) Revoke(context.Context, string, *RevokeParams, ...core.RequestOption) (*M2MToken, error) {
	return nil, transport.NotImplemented("M2MTokens.Revoke")
}

// Verify is not implemented.
func (UnimplementedM2MTokens) Verify(context.Context, string, ...core.RequestOption) (*M2MToken, error) {
	return nil, transport.NotImplemented("M2MTokens.Verify")
}

// UnimplementedOAuthAccessTokens is embedded by fakes of OAuthAccessTokenAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedOAuthAccessTokens struct{}

var _ OAuthAccessTokenAPI = UnimplementedOAuthAccessTokens{}

// Verify is not implemented.
func (UnimplementedOAuthAccessTokens) Verify(context.Context, string, ...core.RequestOption) (*OAuthAccessToken, error) {
	return nil, transport.NotImplemented("OAuthAccessTokens.Verify")
}
