package instance

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/pagination"
)

// Unimplemented implements API with methods that return
// *core.NotImplementedError (iterators yield it once). Embed it in a
// fake and override what the test needs; the fake keeps compiling when
// methods are added.
type Unimplemented struct{}

var _ API = Unimplemented{}

// Get returns *core.NotImplementedError.
func (Unimplemented) Get(_ context.Context, _ ...core.RequestOption) (*Instance, error) {
	return nil, &core.NotImplementedError{Method: "Instance.Get"}
}

// Update returns *core.NotImplementedError.
func (Unimplemented) Update(_ context.Context, _ *UpdateParams, _ ...core.RequestOption) error {
	return &core.NotImplementedError{Method: "Instance.Update"}
}

// UpdateRestrictions returns *core.NotImplementedError.
func (Unimplemented) UpdateRestrictions(_ context.Context, _ *UpdateRestrictionsParams, _ ...core.RequestOption) (*Restrictions, error) {
	return nil, &core.NotImplementedError{Method: "Instance.UpdateRestrictions"}
}

// GetProtect returns *core.NotImplementedError.
func (Unimplemented) GetProtect(_ context.Context, _ ...core.RequestOption) (*Protect, error) {
	return nil, &core.NotImplementedError{Method: "Instance.GetProtect"}
}

// UpdateProtect returns *core.NotImplementedError.
func (Unimplemented) UpdateProtect(_ context.Context, _ *UpdateProtectParams, _ ...core.RequestOption) (*Protect, error) {
	return nil, &core.NotImplementedError{Method: "Instance.UpdateProtect"}
}

// GetCommunication returns *core.NotImplementedError.
func (Unimplemented) GetCommunication(_ context.Context, _ ...core.RequestOption) (*Communication, error) {
	return nil, &core.NotImplementedError{Method: "Instance.GetCommunication"}
}

// UpdateCommunication returns *core.NotImplementedError.
func (Unimplemented) UpdateCommunication(_ context.Context, _ *UpdateCommunicationParams, _ ...core.RequestOption) (*Communication, error) {
	return nil, &core.NotImplementedError{Method: "Instance.UpdateCommunication"}
}

// GetOAuthApplicationSettings returns *core.NotImplementedError.
func (Unimplemented) GetOAuthApplicationSettings(_ context.Context, _ ...core.RequestOption) (*OAuthApplicationSettings, error) {
	return nil, &core.NotImplementedError{Method: "Instance.GetOAuthApplicationSettings"}
}

// UpdateOAuthApplicationSettings returns *core.NotImplementedError.
func (Unimplemented) UpdateOAuthApplicationSettings(_ context.Context, _ *UpdateOAuthApplicationSettingsParams, _ ...core.RequestOption) (*OAuthApplicationSettings, error) {
	return nil, &core.NotImplementedError{Method: "Instance.UpdateOAuthApplicationSettings"}
}

// GetOrganizationSettings returns *core.NotImplementedError.
func (Unimplemented) GetOrganizationSettings(_ context.Context, _ ...core.RequestOption) (*OrganizationSettings, error) {
	return nil, &core.NotImplementedError{Method: "Instance.GetOrganizationSettings"}
}

// UpdateOrganizationSettings returns *core.NotImplementedError.
func (Unimplemented) UpdateOrganizationSettings(_ context.Context, _ *UpdateOrganizationSettingsParams, _ ...core.RequestOption) (*OrganizationSettings, error) {
	return nil, &core.NotImplementedError{Method: "Instance.UpdateOrganizationSettings"}
}

// UpdateAuthConfig returns *core.NotImplementedError.
func (Unimplemented) UpdateAuthConfig(_ context.Context, _ *UpdateAuthConfigParams, _ ...core.RequestOption) (*AuthConfig, error) {
	return nil, &core.NotImplementedError{Method: "Instance.UpdateAuthConfig"}
}

// ChangeDomain returns *core.NotImplementedError.
func (Unimplemented) ChangeDomain(_ context.Context, _ *ChangeDomainParams, _ ...core.RequestOption) error {
	return &core.NotImplementedError{Method: "Instance.ChangeDomain"}
}

// GetInterstitial returns *core.NotImplementedError.
func (Unimplemented) GetInterstitial(_ context.Context, _ *InterstitialParams, _ ...core.RequestOption) ([]byte, error) {
	return nil, &core.NotImplementedError{Method: "Instance.GetInterstitial"}
}

// UnimplementedDomains implements DomainAPI with methods that return
// *core.NotImplementedError (iterators yield it once). Embed it in a
// fake and override what the test needs; the fake keeps compiling when
// methods are added.
type UnimplementedDomains struct{}

var _ DomainAPI = UnimplementedDomains{}

// List returns *core.NotImplementedError.
func (UnimplementedDomains) List(_ context.Context, _ ...core.RequestOption) (*pagination.Page[Domain], error) {
	return nil, &core.NotImplementedError{Method: "Domains.List"}
}

// Create returns *core.NotImplementedError.
func (UnimplementedDomains) Create(_ context.Context, _ *CreateDomainParams, _ ...core.RequestOption) (*Domain, error) {
	return nil, &core.NotImplementedError{Method: "Domains.Create"}
}

// Update returns *core.NotImplementedError.
func (UnimplementedDomains) Update(_ context.Context, _ string, _ *UpdateDomainParams, _ ...core.RequestOption) (*Domain, error) {
	return nil, &core.NotImplementedError{Method: "Domains.Update"}
}

// Delete returns *core.NotImplementedError.
func (UnimplementedDomains) Delete(_ context.Context, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, &core.NotImplementedError{Method: "Domains.Delete"}
}

// UnimplementedProxyChecks implements ProxyCheckAPI with methods that return
// *core.NotImplementedError (iterators yield it once). Embed it in a
// fake and override what the test needs; the fake keeps compiling when
// methods are added.
type UnimplementedProxyChecks struct{}

var _ ProxyCheckAPI = UnimplementedProxyChecks{}

// Verify returns *core.NotImplementedError.
func (UnimplementedProxyChecks) Verify(_ context.Context, _ *VerifyProxyParams, _ ...core.RequestOption) (*ProxyCheck, error) {
	return nil, &core.NotImplementedError{Method: "ProxyChecks.Verify"}
}

// UnimplementedRedirectURLs implements RedirectURLAPI with methods that return
// *core.NotImplementedError (iterators yield it once). Embed it in a
// fake and override what the test needs; the fake keeps compiling when
// methods are added.
type UnimplementedRedirectURLs struct{}

var _ RedirectURLAPI = UnimplementedRedirectURLs{}

// List returns *core.NotImplementedError.
func (UnimplementedRedirectURLs) List(_ context.Context, _ *ListRedirectURLsParams, _ ...core.RequestOption) (*pagination.Page[RedirectURL], error) {
	return nil, &core.NotImplementedError{Method: "RedirectURLs.List"}
}

// All returns *core.NotImplementedError.
func (UnimplementedRedirectURLs) All(_ context.Context, _ *ListRedirectURLsParams, _ ...core.RequestOption) iter.Seq2[*RedirectURL, error] {
	return func(yield func(*RedirectURL, error) bool) {
		yield(nil, &core.NotImplementedError{Method: "RedirectURLs.All"})
	}
}

// Create returns *core.NotImplementedError.
func (UnimplementedRedirectURLs) Create(_ context.Context, _ *CreateRedirectURLParams, _ ...core.RequestOption) (*RedirectURL, error) {
	return nil, &core.NotImplementedError{Method: "RedirectURLs.Create"}
}

// Get returns *core.NotImplementedError.
func (UnimplementedRedirectURLs) Get(_ context.Context, _ string, _ ...core.RequestOption) (*RedirectURL, error) {
	return nil, &core.NotImplementedError{Method: "RedirectURLs.Get"}
}

// Delete returns *core.NotImplementedError.
func (UnimplementedRedirectURLs) Delete(_ context.Context, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, &core.NotImplementedError{Method: "RedirectURLs.Delete"}
}

// UnimplementedJWTTemplates implements JWTTemplateAPI with methods that return
// *core.NotImplementedError (iterators yield it once). Embed it in a
// fake and override what the test needs; the fake keeps compiling when
// methods are added.
type UnimplementedJWTTemplates struct{}

var _ JWTTemplateAPI = UnimplementedJWTTemplates{}

// List returns *core.NotImplementedError.
func (UnimplementedJWTTemplates) List(_ context.Context, _ *ListJWTTemplatesParams, _ ...core.RequestOption) (*pagination.Page[JWTTemplate], error) {
	return nil, &core.NotImplementedError{Method: "JWTTemplates.List"}
}

// All returns *core.NotImplementedError.
func (UnimplementedJWTTemplates) All(_ context.Context, _ *ListJWTTemplatesParams, _ ...core.RequestOption) iter.Seq2[*JWTTemplate, error] {
	return func(yield func(*JWTTemplate, error) bool) {
		yield(nil, &core.NotImplementedError{Method: "JWTTemplates.All"})
	}
}

// Create returns *core.NotImplementedError.
func (UnimplementedJWTTemplates) Create(_ context.Context, _ *CreateJWTTemplateParams, _ ...core.RequestOption) (*JWTTemplate, error) {
	return nil, &core.NotImplementedError{Method: "JWTTemplates.Create"}
}

// Get returns *core.NotImplementedError.
func (UnimplementedJWTTemplates) Get(_ context.Context, _ string, _ ...core.RequestOption) (*JWTTemplate, error) {
	return nil, &core.NotImplementedError{Method: "JWTTemplates.Get"}
}

// Update returns *core.NotImplementedError.
func (UnimplementedJWTTemplates) Update(_ context.Context, _ string, _ *UpdateJWTTemplateParams, _ ...core.RequestOption) (*JWTTemplate, error) {
	return nil, &core.NotImplementedError{Method: "JWTTemplates.Update"}
}

// Delete returns *core.NotImplementedError.
func (UnimplementedJWTTemplates) Delete(_ context.Context, _ string, _ ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, &core.NotImplementedError{Method: "JWTTemplates.Delete"}
}
