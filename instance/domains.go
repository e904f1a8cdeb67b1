package instance

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// DomainService calls the Domains operations: the instance's primary and
// satellite domains. It is safe for concurrent use.
type DomainService struct {
	b *transport.Backend
}

// NewDomains returns a DomainService on b. Users get one from
// clerk.NewClient.
func NewDomains(b *transport.Backend) *DomainService { return &DomainService{b: b} }

// DomainAPI is every operation of DomainService (embed
// UnimplementedDomains in a fake).
type DomainAPI interface {
	List(ctx context.Context, opts ...core.RequestOption) (*pagination.Page[Domain], error)
	Create(ctx context.Context, params *CreateDomainParams, opts ...core.RequestOption) (*Domain, error)
	Update(ctx context.Context, domainID string, params *UpdateDomainParams, opts ...core.RequestOption) (*Domain, error)
	Delete(ctx context.Context, domainID string, opts ...core.RequestOption) (*core.DeletedObject, error)
}

var _ DomainAPI = (*DomainService)(nil)

// Domain is one of the instance's domains.
type Domain struct {
	// Object is "domain".
	Object      string `json:"object"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	IsSatellite bool   `json:"is_satellite"`
	// FrontendAPIURL is the domain's Frontend API URL.
	FrontendAPIURL string `json:"frontend_api_url"`
	// AccountsPortalURL is nil for satellite domains.
	AccountsPortalURL *string `json:"accounts_portal_url"`
	// ProxyURL is the proxy in front of the Frontend API, if any.
	ProxyURL          *string `json:"proxy_url"`
	DevelopmentOrigin string  `json:"development_origin"`
	// CNAMETargets are the DNS records the domain needs.
	CNAMETargets []CNAMETarget `json:"cname_targets"`
}

// CNAMETarget is one DNS record a domain needs.
type CNAMETarget struct {
	Host  string `json:"host"`
	Value string `json:"value"`
	// Required: the domain is not deployed until the record is set.
	Required bool `json:"required"`
}

// List returns every domain of the instance in one page (the operation
// has no paging parameters).
//
// API: GET /domains (ListDomains)
func (s *DomainService) List(ctx context.Context, opts ...core.RequestOption) (*pagination.Page[Domain], error) {
	return transport.List[Domain](ctx, s.b, "/domains", nil, opts...)
}

// CreateDomainParams adds a satellite domain.
type CreateDomainParams struct {
	// Name is the domain name (with a port on development instances).
	// Required.
	Name string `json:"name"`
	// IsSatellite must be true: only satellite domains can be added. The
	// SDK always sends true.
	IsSatellite bool `json:"is_satellite"`
	// ProxyURL is the proxy forwarding to the Frontend API (production
	// instances only).
	ProxyURL string `json:"proxy_url,omitempty"`
}

// Create adds a satellite domain. Not replayed after an ambiguous failure.
//
// API: POST /domains (AddDomain)
func (s *DomainService) Create(ctx context.Context, params *CreateDomainParams, opts ...core.RequestOption) (*Domain, error) {
	if params == nil || params.Name == "" {
		return nil, transport.Invalid("Name", "must not be empty")
	}
	body := *params
	body.IsSatellite = true
	out := new(Domain)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/domains", Body: body, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateDomainParams changes a domain; nil fields are left alone.
type UpdateDomainParams struct {
	// Name is the new domain name (no scheme).
	Name *string `json:"name,omitempty"`
	// ProxyURL can only be changed on production instances.
	ProxyURL *string `json:"proxy_url,omitempty"`
	// IsSecondary marks a domain of a secondary app.
	IsSecondary *bool `json:"is_secondary,omitempty"`
}

// Update changes a domain and returns it.
//
// API: PATCH /domains/{domain_id} (UpdateDomain)
func (s *DomainService) Update(ctx context.Context, domainID string, params *UpdateDomainParams, opts ...core.RequestOption) (*Domain, error) {
	path, err := transport.Path("/domains/{domain_id}", domainID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &UpdateDomainParams{}
	}
	out := new(Domain)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodPatch, Path: path, Body: params, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes a satellite domain.
//
// API: DELETE /domains/{domain_id} (DeleteDomain)
func (s *DomainService) Delete(ctx context.Context, domainID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return deleteAt(ctx, s.b, "/domains/{domain_id}", domainID, opts)
}

// deleteAt DELETEs the resource at template filled with id.
func deleteAt(ctx context.Context, b *transport.Backend, template, id string, opts []core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path(template, id)
	if err != nil {
		return nil, err
	}
	out := new(core.DeletedObject)
	if err := b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// getAt GETs the resource at template filled with id.
func getAt[T any](ctx context.Context, b *transport.Backend, template, id string, opts []core.RequestOption) (*T, error) {
	path, err := transport.Path(template, id)
	if err != nil {
		return nil, err
	}
	return get[T](ctx, b, path, opts)
}
