// Package orgdomains manages organization domains
// (client.OrganizationDomains): the email domains that let users join an
// organization by invitation or suggestion, or through enterprise SSO,
// and the verification of their ownership.
package orgdomains

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// Enrollment modes of a domain.
const (
	ManualInvitation    = "manual_invitation"
	AutomaticInvitation = "automatic_invitation"
	AutomaticSuggestion = "automatic_suggestion"
	EnterpriseSSO       = "enterprise_sso"
)

// Domain is an organization domain.
type Domain struct {
	Object         string `json:"object"`
	ID             string `json:"id"`
	OrganizationID string `json:"organization_id"`
	// Name is the domain, e.g. "example.com".
	Name string `json:"name"`
	// EnrollmentMode is one of the enrollment mode constants.
	EnrollmentMode string `json:"enrollment_mode"`
	// AffiliationEmailAddress is the address that proved affiliation, if
	// any.
	AffiliationEmailAddress string        `json:"affiliation_email_address"`
	AffiliationVerification *Verification `json:"affiliation_verification"`
	OwnershipVerification   *Verification `json:"ownership_verification"`
	Verification            *Verification `json:"verification"`
	TotalPendingInvitations int64         `json:"total_pending_invitations"`
	TotalPendingSuggestions int64         `json:"total_pending_suggestions"`
	// PublicOrganizationData describes the organization, where the API
	// includes it.
	PublicOrganizationData *PublicOrganizationData `json:"public_organization_data"`
	CreatedAt              time.Time               `json:"created_at"`
	UpdatedAt              time.Time               `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (d *Domain) UnmarshalJSON(b []byte) error {
	type plain Domain
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(d), transport.Millis{T: &d.CreatedAt}, transport.Millis{T: &d.UpdatedAt}})
}

// Verified reports whether the domain's verification is complete.
func (d *Domain) Verified() bool {
	return d.Verification != nil && d.Verification.Status == "verified"
}

// Verification is the state of one of a domain's verifications.
type Verification struct {
	// Status is e.g. "unverified" or "verified".
	Status     string     `json:"status"`
	Strategy   string     `json:"strategy"`
	Attempts   *int       `json:"attempts"`
	ExpireAt   *time.Time `json:"expire_at"`
	VerifiedAt *time.Time `json:"verified_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (v *Verification) UnmarshalJSON(b []byte) error {
	type plain Verification
	return json.Unmarshal(b, &struct {
		*plain
		ExpireAt   transport.MillisPtr `json:"expire_at"`
		VerifiedAt transport.MillisPtr `json:"verified_at"`
	}{(*plain)(v), transport.MillisPtr{T: &v.ExpireAt}, transport.MillisPtr{T: &v.VerifiedAt}})
}

// PublicOrganizationData is what a domain shows of its organization.
type PublicOrganizationData struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	ImageURL string `json:"image_url"`
	HasImage bool   `json:"has_image"`
}

// Service calls the Organization Domains operations. It is safe for
// concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b; clerk.NewClient builds it.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, for fakes (embed Unimplemented).
type API interface {
	Create(ctx context.Context, organizationID string, params *CreateParams, opts ...core.RequestOption) (*Domain, error)
	List(ctx context.Context, organizationID string, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Domain], error)
	All(ctx context.Context, organizationID string, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Domain, error]
	ListInstance(ctx context.Context, params *ListInstanceParams, opts ...core.RequestOption) (*pagination.Page[Domain], error)
	AllInstance(ctx context.Context, params *ListInstanceParams, opts ...core.RequestOption) iter.Seq2[*Domain, error]
	Update(ctx context.Context, organizationID, domainID string, params *UpdateParams, opts ...core.RequestOption) (*Domain, error)
	Delete(ctx context.Context, organizationID, domainID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	VerifyOwnership(ctx context.Context, organizationID, domainID string, opts ...core.RequestOption) (*Domain, error)
}

var _ API = (*Service)(nil)

// CreateParams describes a new domain of an organization.
type CreateParams struct {
	// Name is the domain, e.g. "example.com".
	Name string `json:"name"`
	// EnrollmentMode is one of the enrollment mode constants.
	EnrollmentMode string `json:"enrollment_mode"`
	// Verified marks the domain verified at once (skipping the email
	// affiliation check).
	Verified *bool `json:"verified,omitempty"`
}

// UpdateParams changes a domain; nil fields are left as they are.
type UpdateParams struct {
	EnrollmentMode *string `json:"enrollment_mode,omitempty"`
	Verified       *bool   `json:"verified,omitempty"`
}

// ListParams filters one organization's domains.
type ListParams struct {
	// Verified keeps only verified (true) or unverified (false) domains;
	// nil keeps both.
	Verified *bool `query:"verified"`
	// EnrollmentMode keeps domains with this mode.
	EnrollmentMode string `query:"enrollment_mode"`
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListInstanceParams filters the domains of every organization.
type ListInstanceParams struct {
	// OrganizationID keeps the domains of one organization.
	OrganizationID string `query:"organization_id"`
	// Verified keeps only verified (true) or unverified (false) domains.
	Verified *bool `query:"verified"`
	// EnrollmentModes keeps (or, with a "-" prefix, drops) these modes.
	EnrollmentModes []string `query:"enrollment_mode"`
	// Query matches the domain name partially.
	Query string `query:"query"`
	// Domains keeps these exact domain names.
	Domains []string `query:"domains"`
	// OrderBy is "name" or "created_at" with a +/- prefix; default
	// "-created_at".
	OrderBy string `query:"order_by"`
	Limit   int    `query:"limit"`
	Offset  int    `query:"offset"`
}

// Create adds a domain to an organization. It is not replayed after it
// may have reached the API.
//
// API: POST /organizations/{organization_id}/domains (CreateOrganizationDomain)
func (s *Service) Create(ctx context.Context, organizationID string, params *CreateParams, opts ...core.RequestOption) (*Domain, error) {
	path, err := transport.Path("/organizations/{organization_id}/domains", organizationID)
	if err != nil {
		return nil, err
	}
	if params == nil || params.Name == "" || params.EnrollmentMode == "" {
		return nil, transport.Invalid("params", "Name and EnrollmentMode are required")
	}
	return transport.Call[Domain](ctx, s.b, http.MethodPost, path, params, transport.NotReplaySafe, opts)
}

// List returns one page of an organization's domains with the total
// count.
//
// API: GET /organizations/{organization_id}/domains (ListOrganizationDomains)
func (s *Service) List(ctx context.Context, organizationID string, params *ListParams, opts ...core.RequestOption) (*pagination.Page[Domain], error) {
	path, err := transport.Path("/organizations/{organization_id}/domains", organizationID)
	if err != nil {
		return nil, err
	}
	return transport.List[Domain](ctx, s.b, path, params, opts...)
}

// All walks every domain of an organization, lazily, page by page.
//
// API: GET /organizations/{organization_id}/domains (ListOrganizationDomains)
func (s *Service) All(ctx context.Context, organizationID string, params *ListParams, opts ...core.RequestOption) iter.Seq2[*Domain, error] {
	path, err := transport.Path("/organizations/{organization_id}/domains", organizationID)
	if err != nil {
		return transport.Fail[Domain](err)
	}
	return transport.All[Domain](ctx, s.b, path, transport.Envelope, params, opts)
}

// ListInstance returns one page of the domains of every organization.
//
// API: GET /organization_domains (ListAllOrganizationDomains)
func (s *Service) ListInstance(ctx context.Context, params *ListInstanceParams, opts ...core.RequestOption) (*pagination.Page[Domain], error) {
	return transport.List[Domain](ctx, s.b, "/organization_domains", params, opts...)
}

// AllInstance walks the domains of every organization, lazily.
//
// API: GET /organization_domains (ListAllOrganizationDomains)
func (s *Service) AllInstance(ctx context.Context, params *ListInstanceParams, opts ...core.RequestOption) iter.Seq2[*Domain, error] {
	return transport.All[Domain](ctx, s.b, "/organization_domains", transport.Envelope, params, opts)
}

// Update changes a domain's enrollment mode or verified state.
//
// API: PATCH /organizations/{organization_id}/domains/{domain_id} (UpdateOrganizationDomain)
func (s *Service) Update(ctx context.Context, organizationID, domainID string, params *UpdateParams, opts ...core.RequestOption) (*Domain, error) {
	path, err := transport.Path("/organizations/{organization_id}/domains/{domain_id}", organizationID, domainID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &UpdateParams{}
	}
	return transport.Call[Domain](ctx, s.b, http.MethodPatch, path, params, transport.ReplayByMethod, opts)
}

// Delete removes a domain from an organization.
//
// API: DELETE /organizations/{organization_id}/domains/{domain_id} (DeleteOrganizationDomain)
func (s *Service) Delete(ctx context.Context, organizationID, domainID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/organizations/{organization_id}/domains/{domain_id}", organizationID, domainID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, s.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

// VerifyOwnership checks the domain's DNS ownership record and marks the
// ownership verified when it is in place. It changes nothing else, so it
// is replayed like a read.
//
// API: POST /organizations/{organization_id}/domains/{domain_id}/verify_ownership (VerifyOrganizationDomainOwnership)
func (s *Service) VerifyOwnership(ctx context.Context, organizationID, domainID string, opts ...core.RequestOption) (*Domain, error) {
	path, err := transport.Path("/organizations/{organization_id}/domains/{domain_id}/verify_ownership", organizationID, domainID)
	if err != nil {
		return nil, err
	}
	return transport.Call[Domain](ctx, s.b, http.MethodPost, path, nil, transport.ReplaySafe, opts)
}
