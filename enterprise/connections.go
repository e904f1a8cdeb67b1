package enterprise

import (
	"context"
	"iter"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// ConnectionService manages enterprise SSO connections
// (client.EnterpriseConnections). It is safe for concurrent use.
type ConnectionService struct {
	b *transport.Backend
}

// NewConnectionService returns a ConnectionService on b; clerk.NewClient
// builds it.
func NewConnectionService(b *transport.Backend) *ConnectionService {
	return &ConnectionService{b: b}
}

// ConnectionAPI is every operation of ConnectionService, for fakes (embed
// UnimplementedConnections).
type ConnectionAPI interface {
	List(ctx context.Context, params *ListConnectionsParams, opts ...core.RequestOption) (*pagination.Page[Connection], error)
	All(ctx context.Context, params *ListConnectionsParams, opts ...core.RequestOption) iter.Seq2[*Connection, error]
	Get(ctx context.Context, connectionID string, opts ...core.RequestOption) (*Connection, error)
	Create(ctx context.Context, params *CreateConnectionParams, opts ...core.RequestOption) (*Connection, error)
	Update(ctx context.Context, connectionID string, params *UpdateConnectionParams, opts ...core.RequestOption) (*Connection, error)
	Delete(ctx context.Context, connectionID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	ListTestRuns(ctx context.Context, connectionID string, params *ListTestRunsParams, opts ...core.RequestOption) (*pagination.Page[TestRun], error)
	AllTestRuns(ctx context.Context, connectionID string, params *ListTestRunsParams, opts ...core.RequestOption) iter.Seq2[*TestRun, error]
	CreateTestRun(ctx context.Context, connectionID string, opts ...core.RequestOption) (*TestRunURL, error)
}

var _ ConnectionAPI = (*ConnectionService)(nil)

// ListConnectionsParams filters the connections.
type ListConnectionsParams struct {
	// OrganizationID keeps the connections of one organization.
	OrganizationID string `query:"organization_id"`
	// Active keeps active (true) or inactive (false) connections; nil
	// keeps both.
	Active *bool `query:"active"`
	// Limit (1..500) and Offset page a List call; All uses Limit as its
	// page size.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// AttributeMapping names the SAML attributes that hold a user's fields.
type AttributeMapping struct {
	UserID       string `json:"user_id,omitempty"`
	EmailAddress string `json:"email_address,omitempty"`
	FirstName    string `json:"first_name,omitempty"`
	LastName     string `json:"last_name,omitempty"`
}

// SAMLParams configures the SAML side of a connection: either the
// identity provider's metadata (IdpMetadataURL or IdpMetadata) or its
// entity ID, SSO URL and certificate.
type SAMLParams struct {
	IdpEntityID       string            `json:"idp_entity_id,omitempty"`
	IdpSsoURL         string            `json:"idp_sso_url,omitempty"`
	IdpCertificate    string            `json:"idp_certificate,omitempty"`
	IdpMetadataURL    string            `json:"idp_metadata_url,omitempty"`
	IdpMetadata       string            `json:"idp_metadata,omitempty"`
	AttributeMapping  *AttributeMapping `json:"attribute_mapping,omitempty"`
	AllowSubdomains   *bool             `json:"allow_subdomains,omitempty"`
	AllowIdpInitiated *bool             `json:"allow_idp_initiated,omitempty"`
	ForceAuthn        *bool             `json:"force_authn,omitempty"`
	LoginHint         *LoginHint        `json:"login_hint,omitempty"`
}

// UpdateSAMLParams changes the SAML side of a connection; Update can also
// rename it.
type UpdateSAMLParams struct {
	Name *string `json:"name,omitempty"`
	SAMLParams
}

// OIDCParams configures the OIDC side of a connection: a discovery URL,
// or the authorization, token and user info endpoints.
type OIDCParams struct {
	ClientID     string `json:"client_id,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"`
	DiscoveryURL string `json:"discovery_url,omitempty"`
	AuthURL      string `json:"auth_url,omitempty"`
	TokenURL     string `json:"token_url,omitempty"`
	UserInfoURL  string `json:"user_info_url,omitempty"`
	RequiresPKCE *bool  `json:"requires_pkce,omitempty"`
}

// CreateConnectionParams describes a new connection.
type CreateConnectionParams struct {
	Name string `json:"name"`
	// Provider is "saml_custom", "saml_okta", "saml_google",
	// "saml_microsoft", "oidc_custom", "oidc_github_enterprise" or
	// "oidc_gitlab".
	Provider string `json:"provider"`
	// Domains are the email domains whose users sign in through it.
	Domains                         []string          `json:"domains"`
	OrganizationID                  string            `json:"organization_id,omitempty"`
	AllowOrganizationAccountLinking *bool             `json:"allow_organization_account_linking,omitempty"`
	Active                          *bool             `json:"active,omitempty"`
	SAML                            *SAMLParams       `json:"saml,omitempty"`
	OIDC                            *OIDCParams       `json:"oidc,omitempty"`
	CustomAttributes                []CustomAttribute `json:"custom_attributes,omitempty"`
}

// UpdateConnectionParams changes a connection; nil fields are left as
// they are.
type UpdateConnectionParams struct {
	Name *string `json:"name,omitempty"`
	// Domains, when not nil, replaces the connection's domains.
	Domains                          []string          `json:"domains,omitempty"`
	Active                           *bool             `json:"active,omitempty"`
	SyncUserAttributes               *bool             `json:"sync_user_attributes,omitempty"`
	DisableAdditionalIdentifications *bool             `json:"disable_additional_identifications,omitempty"`
	AllowOrganizationAccountLinking  *bool             `json:"allow_organization_account_linking,omitempty"`
	OrganizationID                   *string           `json:"organization_id,omitempty"`
	SAML                             *UpdateSAMLParams `json:"saml,omitempty"`
	OIDC                             *OIDCParams       `json:"oidc,omitempty"`
	CustomAttributes                 []CustomAttribute `json:"custom_attributes,omitempty"`
}

// ListTestRunsParams filters a connection's test runs.
type ListTestRunsParams struct {
	// Statuses keeps runs in any of these states ("pending", "success",
	// "failed").
	Statuses []string `query:"status"`
	Limit    int      `query:"limit"`
	Offset   int      `query:"offset"`
}

const connectionPath = "/enterprise_connections/{enterprise_connection_id}"

// List returns one page of connections with the total count.
//
// API: GET /enterprise_connections (ListEnterpriseConnections)
func (s *ConnectionService) List(ctx context.Context, params *ListConnectionsParams, opts ...core.RequestOption) (*pagination.Page[Connection], error) {
	return transport.List[Connection](ctx, s.b, "/enterprise_connections", params, opts...)
}

// All walks every connection, lazily, page by page.
//
// API: GET /enterprise_connections (ListEnterpriseConnections)
func (s *ConnectionService) All(ctx context.Context, params *ListConnectionsParams, opts ...core.RequestOption) iter.Seq2[*Connection, error] {
	return transport.All[Connection](ctx, s.b, "/enterprise_connections", transport.Envelope, params, opts)
}

// Get returns one connection by its ID.
//
// API: GET /enterprise_connections/{enterprise_connection_id} (GetEnterpriseConnection)
func (s *ConnectionService) Get(ctx context.Context, connectionID string, opts ...core.RequestOption) (*Connection, error) {
	return s.call(ctx, http.MethodGet, connectionID, nil, opts)
}

// Create makes a connection. It is not replayed after it may have
// reached the API.
//
// API: POST /enterprise_connections (CreateEnterpriseConnection)
func (s *ConnectionService) Create(ctx context.Context, params *CreateConnectionParams, opts ...core.RequestOption) (*Connection, error) {
	if params == nil || params.Name == "" || params.Provider == "" || len(params.Domains) == 0 {
		return nil, transport.Invalid("params", "Name, Provider and at least one of Domains are required")
	}
	return transport.Call[Connection](ctx, s.b, http.MethodPost, "/enterprise_connections", params, transport.NotReplaySafe, opts)
}

// Update changes a connection.
//
// API: PATCH /enterprise_connections/{enterprise_connection_id} (UpdateEnterpriseConnection)
func (s *ConnectionService) Update(ctx context.Context, connectionID string, params *UpdateConnectionParams, opts ...core.RequestOption) (*Connection, error) {
	if params == nil {
		params = &UpdateConnectionParams{}
	}
	return s.call(ctx, http.MethodPatch, connectionID, params, opts)
}

// Delete removes a connection.
//
// API: DELETE /enterprise_connections/{enterprise_connection_id} (DeleteEnterpriseConnection)
func (s *ConnectionService) Delete(ctx context.Context, connectionID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path(connectionPath, connectionID)
	if err != nil {
		return nil, err
	}
	return transport.Call[core.DeletedObject](ctx, s.b, http.MethodDelete, path, nil, transport.ReplayByMethod, opts)
}

// ListTestRuns returns one page of a connection's test runs.
//
// API: GET /enterprise_connections/{enterprise_connection_id}/test_runs (ListEnterpriseConnectionTestRuns)
func (s *ConnectionService) ListTestRuns(ctx context.Context, connectionID string, params *ListTestRunsParams, opts ...core.RequestOption) (*pagination.Page[TestRun], error) {
	path, err := transport.Path(connectionPath+"/test_runs", connectionID)
	if err != nil {
		return nil, err
	}
	return transport.List[TestRun](ctx, s.b, path, params, opts...)
}

// AllTestRuns walks every test run of a connection, lazily.
//
// API: GET /enterprise_connections/{enterprise_connection_id}/test_runs (ListEnterpriseConnectionTestRuns)
func (s *ConnectionService) AllTestRuns(ctx context.Context, connectionID string, params *ListTestRunsParams, opts ...core.RequestOption) iter.Seq2[*TestRun, error] {
	path, err := transport.Path(connectionPath+"/test_runs", connectionID)
	if err != nil {
		return transport.Fail[TestRun](err)
	}
	return transport.All[TestRun](ctx, s.b, path, transport.Envelope, params, opts)
}

// CreateTestRun starts a test of the connection and returns the URL to
// open in a browser. It is not replayed after it may have reached the API.
//
// API: POST /enterprise_connections/{enterprise_connection_id}/test_runs (CreateEnterpriseConnectionTestRun)
func (s *ConnectionService) CreateTestRun(ctx context.Context, connectionID string, opts ...core.RequestOption) (*TestRunURL, error) {
	path, err := transport.Path(connectionPath+"/test_runs", connectionID)
	if err != nil {
		return nil, err
	}
	return transport.Call[TestRunURL](ctx, s.b, http.MethodPost, path, nil, transport.NotReplaySafe, opts)
}

func (s *ConnectionService) call(ctx context.Context, method, connectionID string, body any, opts []core.RequestOption) (*Connection, error) {
	path, err := transport.Path(connectionPath, connectionID)
	if err != nil {
		return nil, err
	}
	return transport.Call[Connection](ctx, s.b, method, path, body, transport.ReplayByMethod, opts)
}
