// Package instance reads and changes the settings of the instance the
// secret key belongs to, and manages its domains, proxy checks, redirect
// URLs and JWT templates. Reach it as client.Instance, client.Domains,
// client.ProxyChecks, client.RedirectURLs and client.JWTTemplates.
//
// The settings updates (Instance.Update, Instance.UpdateRestrictions, ...)
// are PATCHes of instance-wide settings: sending the same body twice gives
// the same result, so unlike updates of users or organizations they are
// replayed after an ambiguous failure.
package instance

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Service calls the Instance Settings, Beta Features and Miscellaneous
// operations. It is safe for concurrent use.
type Service struct {
	b *transport.Backend
}

// New returns a Service on b. Users get one from clerk.NewClient.
func New(b *transport.Backend) *Service { return &Service{b: b} }

// API is every operation of Service, so that code using it can be tested
// against a fake (embed Unimplemented).
type API interface {
	Get(ctx context.Context, opts ...core.RequestOption) (*Instance, error)
	Update(ctx context.Context, params *UpdateParams, opts ...core.RequestOption) error
	UpdateRestrictions(ctx context.Context, params *UpdateRestrictionsParams, opts ...core.RequestOption) (*Restrictions, error)
	GetProtect(ctx context.Context, opts ...core.RequestOption) (*Protect, error)
	UpdateProtect(ctx context.Context, params *UpdateProtectParams, opts ...core.RequestOption) (*Protect, error)
	GetCommunication(ctx context.Context, opts ...core.RequestOption) (*Communication, error)
	UpdateCommunication(ctx context.Context, params *UpdateCommunicationParams, opts ...core.RequestOption) (*Communication, error)
	GetOAuthApplicationSettings(ctx context.Context, opts ...core.RequestOption) (*OAuthApplicationSettings, error)
	UpdateOAuthApplicationSettings(ctx context.Context, params *UpdateOAuthApplicationSettingsParams, opts ...core.RequestOption) (*OAuthApplicationSettings, error)
	GetOrganizationSettings(ctx context.Context, opts ...core.RequestOption) (*OrganizationSettings, error)
	UpdateOrganizationSettings(ctx context.Context, params *UpdateOrganizationSettingsParams, opts ...core.RequestOption) (*OrganizationSettings, error)
	UpdateAuthConfig(ctx context.Context, params *UpdateAuthConfigParams, opts ...core.RequestOption) (*AuthConfig, error)
	ChangeDomain(ctx context.Context, params *ChangeDomainParams, opts ...core.RequestOption) error
	GetInterstitial(ctx context.Context, params *InterstitialParams, opts ...core.RequestOption) ([]byte, error)
}

var _ API = (*Service)(nil)

// Instance is the instance the secret key belongs to.
type Instance struct {
	// Object is "instance".
	Object string `json:"object"`
	ID     string `json:"id"`
	// EnvironmentType is "development" or "production".
	EnvironmentType string   `json:"environment_type"`
	AllowedOrigins  []string `json:"allowed_origins"`
	// WorkspaceID is the workspace that owns the application; nil when the
	// application has no owner.
	WorkspaceID *string `json:"workspace_id"`
}

// Get returns the instance.
//
// API: GET /instance (GetInstance)
func (s *Service) Get(ctx context.Context, opts ...core.RequestOption) (*Instance, error) {
	return get[Instance](ctx, s.b, "/instance", opts)
}

// UpdateParams changes instance settings; nil fields are left alone.
type UpdateParams struct {
	// TestMode allows test email addresses and phone numbers.
	TestMode *bool `json:"test_mode,omitempty"`
	// HIBP checks passwords against the Have I Been Pwned breach list.
	HIBP              *bool   `json:"hibp,omitempty"`
	SupportEmail      *string `json:"support_email,omitempty"`
	ClerkJSVersion    *string `json:"clerk_js_version,omitempty"`
	DevelopmentOrigin *string `json:"development_origin,omitempty"`
	// AllowedOrigins replaces the origins allowed for browser-like stacks
	// (extensions, Electron, Capacitor); a pointer to an empty slice
	// clears them.
	AllowedOrigins *[]string `json:"allowed_origins,omitempty"`
	// URLBasedSessionSyncing syncs development sessions through URLs
	// instead of third-party cookies.
	URLBasedSessionSyncing *bool `json:"url_based_session_syncing,omitempty"`
	// PreferredSignInStrategyWhenPasswordRequired is "password", "otp",
	// or "" to clear the override.
	PreferredSignInStrategyWhenPasswordRequired *string `json:"preferred_sign_in_strategy_when_password_required,omitempty"`
}

// Update changes instance settings. The API answers 204 with no body: read
// the instance back with Get when needed.
//
// API: PATCH /instance (UpdateInstance)
func (s *Service) Update(ctx context.Context, params *UpdateParams, opts ...core.RequestOption) error {
	if params == nil {
		params = &UpdateParams{}
	}
	if p := params.PreferredSignInStrategyWhenPasswordRequired; p != nil {
		switch *p {
		case "password", "otp", "":
		default:
			return transport.Invalid("PreferredSignInStrategyWhenPasswordRequired", "must be password, otp or empty, got %q", *p)
		}
	}
	return s.b.Do(ctx, settingsPatch("/instance", params, opts), nil)
}

// Restrictions are the instance's sign-up restrictions.
type Restrictions struct {
	// Object is "instance_restrictions".
	Object                             string `json:"object"`
	Allowlist                          bool   `json:"allowlist"`
	Blocklist                          bool   `json:"blocklist"`
	AllowlistBlocklistDisabledOnSignIn bool   `json:"allowlist_blocklist_disabled_on_sign_in"`
	BlockEmailSubaddresses             bool   `json:"block_email_subaddresses"`
	BlockDisposableEmailDomains        bool   `json:"block_disposable_email_domains"`
}

// UpdateRestrictionsParams changes the restrictions; nil fields are left
// alone.
type UpdateRestrictionsParams struct {
	Allowlist                          *bool `json:"allowlist,omitempty"`
	Blocklist                          *bool `json:"blocklist,omitempty"`
	AllowlistBlocklistDisabledOnSignIn *bool `json:"allowlist_blocklist_disabled_on_sign_in,omitempty"`
	BlockEmailSubaddresses             *bool `json:"block_email_subaddresses,omitempty"`
	BlockDisposableEmailDomains        *bool `json:"block_disposable_email_domains,omitempty"`
}

// UpdateRestrictions changes the sign-up restrictions and returns them.
//
// API: PATCH /instance/restrictions (UpdateInstanceRestrictions)
func (s *Service) UpdateRestrictions(ctx context.Context, params *UpdateRestrictionsParams, opts ...core.RequestOption) (*Restrictions, error) {
	if params == nil {
		params = &UpdateRestrictionsParams{}
	}
	out := new(Restrictions)
	if err := s.b.Do(ctx, settingsPatch("/instance/restrictions", params, opts), out); err != nil {
		return nil, err
	}
	return out, nil
}

// Protect holds the instance's bot and abuse protection settings.
type Protect struct {
	// Object is "instance_protect".
	Object         string `json:"object"`
	RulesEnabled   bool   `json:"rules_enabled"`
	SpecterEnabled bool   `json:"specter_enabled"`
	// ChecksBypassed is true when the instance opted out of the Protect
	// prerequisite checks.
	ChecksBypassed bool `json:"checks_bypassed"`
}

// GetProtect returns the protection settings.
//
// API: GET /instance/protect (GetInstanceProtect)
func (s *Service) GetProtect(ctx context.Context, opts ...core.RequestOption) (*Protect, error) {
	return get[Protect](ctx, s.b, "/instance/protect", opts)
}

// UpdateProtectParams changes the protection settings; nil fields are
// left alone.
type UpdateProtectParams struct {
	RulesEnabled   *bool `json:"rules_enabled,omitempty"`
	SpecterEnabled *bool `json:"specter_enabled,omitempty"`
}

// UpdateProtect changes the protection settings and returns them.
//
// API: PATCH /instance/protect (UpdateInstanceProtect)
func (s *Service) UpdateProtect(ctx context.Context, params *UpdateProtectParams, opts ...core.RequestOption) (*Protect, error) {
	if params == nil {
		params = &UpdateProtectParams{}
	}
	out := new(Protect)
	if err := s.b.Do(ctx, settingsPatch("/instance/protect", params, opts), out); err != nil {
		return nil, err
	}
	return out, nil
}

// Communication holds the instance's SMS settings.
type Communication struct {
	// Object is "instance_communication".
	Object string `json:"object"`
	// BlockedCountryCodes are the ISO 3166-1 alpha-2 codes SMS is not
	// sent to.
	BlockedCountryCodes []string `json:"blocked_country_codes"`
}

// UpdateCommunicationParams changes the SMS settings.
type UpdateCommunicationParams struct {
	// BlockedCountryCodes replaces the whole blocklist (at most 250
	// unique upper-case two-letter codes); nil leaves it alone and a
	// pointer to an empty slice clears it.
	BlockedCountryCodes *[]string `json:"blocked_country_codes,omitempty"`
}

// MaxBlockedCountryCodes is the most codes UpdateCommunication accepts.
const MaxBlockedCountryCodes = 250

// GetCommunication returns the SMS settings.
//
// API: GET /instance/communication (GetInstanceCommunication)
func (s *Service) GetCommunication(ctx context.Context, opts ...core.RequestOption) (*Communication, error) {
	return get[Communication](ctx, s.b, "/instance/communication", opts)
}

// UpdateCommunication replaces the SMS country blocklist and returns the
// settings. Codes are checked before any request.
//
// API: PATCH /instance/communication (UpdateInstanceCommunication)
func (s *Service) UpdateCommunication(ctx context.Context, params *UpdateCommunicationParams, opts ...core.RequestOption) (*Communication, error) {
	if params == nil {
		params = &UpdateCommunicationParams{}
	}
	if params.BlockedCountryCodes != nil {
		codes := *params.BlockedCountryCodes
		if len(codes) > MaxBlockedCountryCodes {
			return nil, transport.Invalid("BlockedCountryCodes", "holds %d codes, at most %d are accepted", len(codes), MaxBlockedCountryCodes)
		}
		seen := make(map[string]bool, len(codes))
		for i, c := range codes {
			if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
				return nil, transport.Invalid("BlockedCountryCodes", "[%d] %q is not an upper-case two-letter country code", i, c)
			}
			if seen[c] {
				return nil, transport.Invalid("BlockedCountryCodes", "[%d] %q is repeated", i, c)
			}
			seen[c] = true
		}
	}
	out := new(Communication)
	if err := s.b.Do(ctx, settingsPatch("/instance/communication", params, opts), out); err != nil {
		return nil, err
	}
	return out, nil
}

// OAuthApplicationSettings are the instance's OAuth authorization server
// settings.
type OAuthApplicationSettings struct {
	// Object is "oauth_application_settings".
	Object string `json:"object"`
	// DynamicOAuthClientRegistration enables RFC 7591 client registration.
	DynamicOAuthClientRegistration bool `json:"dynamic_oauth_client_registration"`
	// DefaultScopes may be nil (Clerk's defaults).
	DefaultScopes []string `json:"default_scopes"`
	// OAuthJWTAccessTokens: JWT access tokens when true, opaque ones when
	// false.
	OAuthJWTAccessTokens                                   bool `json:"oauth_jwt_access_tokens"`
	ClientIDMetadataDocumentsAdvertised                    bool `json:"client_id_metadata_documents_advertised"`
	ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients bool `json:"client_id_metadata_documents_only_allow_pre_registered_clients"`
	ClientIDMetadataDocumentsBlockImplicitlyAllowedClients bool `json:"client_id_metadata_documents_block_implicitly_allowed_clients"`
}

// UpdateOAuthApplicationSettingsParams changes the OAuth settings; nil
// fields are left alone.
type UpdateOAuthApplicationSettingsParams struct {
	DynamicOAuthClientRegistration *bool `json:"dynamic_oauth_client_registration,omitempty"`
	// DefaultScopes replaces the default scopes; a pointer to a nil slice
	// sends null, which resets them to Clerk's defaults.
	DefaultScopes                                          *[]string `json:"default_scopes,omitempty"`
	OAuthJWTAccessTokens                                   *bool     `json:"oauth_jwt_access_tokens,omitempty"`
	ClientIDMetadataDocumentsAdvertised                    *bool     `json:"client_id_metadata_documents_advertised,omitempty"`
	ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients *bool     `json:"client_id_metadata_documents_only_allow_pre_registered_clients,omitempty"`
	ClientIDMetadataDocumentsBlockImplicitlyAllowedClients *bool     `json:"client_id_metadata_documents_block_implicitly_allowed_clients,omitempty"`
}

// GetOAuthApplicationSettings returns the OAuth settings.
//
// API: GET /instance/oauth_application_settings (GetInstanceOAuthApplicationSettings)
func (s *Service) GetOAuthApplicationSettings(ctx context.Context, opts ...core.RequestOption) (*OAuthApplicationSettings, error) {
	return get[OAuthApplicationSettings](ctx, s.b, "/instance/oauth_application_settings", opts)
}

// UpdateOAuthApplicationSettings changes the OAuth settings and returns
// them.
//
// API: PATCH /instance/oauth_application_settings (UpdateInstanceOAuthApplicationSettings)
func (s *Service) UpdateOAuthApplicationSettings(ctx context.Context, params *UpdateOAuthApplicationSettingsParams, opts ...core.RequestOption) (*OAuthApplicationSettings, error) {
	if params == nil {
		params = &UpdateOAuthApplicationSettingsParams{}
	}
	out := new(OAuthApplicationSettings)
	if err := s.b.Do(ctx, settingsPatch("/instance/oauth_application_settings", params, opts), out); err != nil {
		return nil, err
	}
	return out, nil
}

// OrganizationSettings are the instance's organization settings.
type OrganizationSettings struct {
	// Object is "organization_settings".
	Object                string `json:"object"`
	Enabled               bool   `json:"enabled"`
	MaxAllowedMemberships int    `json:"max_allowed_memberships"`
	MaxAllowedRoles       int    `json:"max_allowed_roles"`
	MaxRoleSetsAllowed    int    `json:"max_role_sets_allowed"`
	MaxAllowedDomains     int    `json:"max_allowed_domains"`
	// MaxAllowedPermissions is deprecated by the API (permissions are
	// unlimited).
	MaxAllowedPermissions int `json:"max_allowed_permissions"`
	// CreatorRole is the role key given to an organization's creator.
	CreatorRole string `json:"creator_role"`
	// AdminDeleteEnabled: admins may delete organizations through the
	// Frontend API.
	AdminDeleteEnabled bool `json:"admin_delete_enabled"`
	DomainsEnabled     bool `json:"domains_enabled"`
	SlugDisabled       bool `json:"slug_disabled"`
	// DomainsEnrollmentModes holds manual_invitation,
	// automatic_invitation and/or automatic_suggestion.
	DomainsEnrollmentModes []string `json:"domains_enrollment_modes"`
	// DomainsDefaultRole is the role key of domain invitations and
	// suggestions.
	DomainsDefaultRole string `json:"domains_default_role"`
	// InitialRoleSetKey is the role set of new organizations, if any.
	InitialRoleSetKey *string `json:"initial_role_set_key"`
}

// UpdateOrganizationSettingsParams changes the organization settings; nil
// fields are left alone.
type UpdateOrganizationSettingsParams struct {
	Enabled               *bool `json:"enabled,omitempty"`
	MaxAllowedMemberships *int  `json:"max_allowed_memberships,omitempty"`
	AdminDeleteEnabled    *bool `json:"admin_delete_enabled,omitempty"`
	DomainsEnabled        *bool `json:"domains_enabled,omitempty"`
	SlugDisabled          *bool `json:"slug_disabled,omitempty"`
	// DomainsEnrollmentModes replaces the enabled enrollment modes
	// (automatic_invitation, automatic_suggestion).
	DomainsEnrollmentModes *[]string `json:"domains_enrollment_modes,omitempty"`
	// CreatorRoleID is the ID of the role given to organization creators.
	CreatorRoleID *string `json:"creator_role_id,omitempty"`
	// DomainsDefaultRoleID is the ID of the role of domain invitations and
	// suggestions.
	DomainsDefaultRoleID *string `json:"domains_default_role_id,omitempty"`
}

// GetOrganizationSettings returns the organization settings.
//
// API: GET /instance/organization_settings (GetInstanceOrganizationSettings)
func (s *Service) GetOrganizationSettings(ctx context.Context, opts ...core.RequestOption) (*OrganizationSettings, error) {
	return get[OrganizationSettings](ctx, s.b, "/instance/organization_settings", opts)
}

// UpdateOrganizationSettings changes the organization settings and
// returns them.
//
// API: PATCH /instance/organization_settings (UpdateInstanceOrganizationSettings)
func (s *Service) UpdateOrganizationSettings(ctx context.Context, params *UpdateOrganizationSettingsParams, opts ...core.RequestOption) (*OrganizationSettings, error) {
	if params == nil {
		params = &UpdateOrganizationSettingsParams{}
	}
	if params.MaxAllowedMemberships != nil && *params.MaxAllowedMemberships < 0 {
		return nil, transport.Invalid("MaxAllowedMemberships", "must not be negative")
	}
	out := new(OrganizationSettings)
	if err := s.b.Do(ctx, settingsPatch("/instance/organization_settings", params, opts), out); err != nil {
		return nil, err
	}
	return out, nil
}

// AuthConfig holds the authentication settings of the Beta Features
// endpoint (the API's "instance_settings" object).
type AuthConfig struct {
	// Object is "instance_settings".
	Object string `json:"object"`
	ID     string `json:"id"`
	// RestrictedToAllowlist limits sign-up to allowlisted identifiers.
	RestrictedToAllowlist bool `json:"restricted_to_allowlist"`
	// FromEmailAddress is the local part of the sender of authentication
	// emails.
	FromEmailAddress  string `json:"from_email_address"`
	ProgressiveSignUp bool   `json:"progressive_sign_up"`
	// EnhancedEmailDeliverability is deprecated by the API.
	EnhancedEmailDeliverability bool `json:"enhanced_email_deliverability"`
}

// UpdateAuthConfigParams changes the authentication settings; nil fields
// are left alone.
type UpdateAuthConfigParams struct {
	RestrictedToAllowlist *bool `json:"restricted_to_allowlist,omitempty"`
	// FromEmailAddress is only the local part ("foo" for foo@example.com),
	// alphanumeric.
	FromEmailAddress *string `json:"from_email_address,omitempty"`
	// ProgressiveSignUp is deprecated by the API.
	ProgressiveSignUp *bool `json:"progressive_sign_up,omitempty"`
	TestMode          *bool `json:"test_mode,omitempty"`
}

// UpdateAuthConfig changes the authentication settings and returns them.
//
// API: PATCH /beta_features/instance_settings (UpdateInstanceAuthConfig)
func (s *Service) UpdateAuthConfig(ctx context.Context, params *UpdateAuthConfigParams, opts ...core.RequestOption) (*AuthConfig, error) {
	if params == nil {
		params = &UpdateAuthConfigParams{}
	}
	if f := params.FromEmailAddress; f != nil {
		for _, r := range *f {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return nil, transport.Invalid("FromEmailAddress", "must be the alphanumeric local part of an address, got %q", *f)
			}
		}
	}
	out := new(AuthConfig)
	if err := s.b.Do(ctx, settingsPatch("/beta_features/instance_settings", params, opts), out); err != nil {
		return nil, err
	}
	return out, nil
}

// ChangeDomainParams moves a production instance to a new domain.
type ChangeDomainParams struct {
	// HomeURL is the new home URL, e.g. https://www.example.com. Required.
	HomeURL string `json:"home_url"`
	// IsSecondary marks a domain of a secondary app: its subdomain is
	// significant.
	IsSecondary bool `json:"is_secondary,omitempty"`
}

// ChangeDomain moves the production instance to a new domain. The API
// accepts the change (202) and applies it asynchronously. Not replayed
// after an ambiguous failure.
//
// API: POST /instance/change_domain (ChangeProductionInstanceDomain)
func (s *Service) ChangeDomain(ctx context.Context, params *ChangeDomainParams, opts ...core.RequestOption) error {
	if params == nil || params.HomeURL == "" {
		return transport.Invalid("HomeURL", "must not be empty")
	}
	return s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "/instance/change_domain", Body: params, Options: opts}, nil)
}

// InterstitialParams identify the instance the interstitial page is for.
type InterstitialParams struct {
	// FrontendAPI is the instance's Frontend API host.
	FrontendAPI    string `query:"frontend_api"`
	PublishableKey string `query:"publishable_key"`
	ProxyURL       string `query:"proxy_url"`
	Domain         string `query:"domain"`
	SignInURL      string `query:"sign_in_url"`
	// UseDomainForScript loads the script from Domain.
	UseDomainForScript bool `query:"use_domain_for_script"`
}

// GetInterstitial returns the interstitial page's HTML markup, which a
// server can send while Clerk's script refreshes the session.
//
// API: GET /public/interstitial (GetPublicInterstitial)
func (s *Service) GetInterstitial(ctx context.Context, params *InterstitialParams, opts ...core.RequestOption) ([]byte, error) {
	q, err := transport.EncodeQuery(params)
	if err != nil {
		return nil, err
	}
	var out []byte
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/public/interstitial", Query: q, Options: opts}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// get GETs path into a new T.
func get[T any](ctx context.Context, b *transport.Backend, path string, opts []core.RequestOption) (*T, error) {
	out := new(T)
	if err := b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, out); err != nil {
		return nil, err
	}
	return out, nil
}

// settingsPatch is the request of a settings update. Settings PATCHes are
// idempotent (the same body gives the same settings), so they are declared
// replay-safe, unlike updates of users or organizations.
func settingsPatch(path string, body any, opts []core.RequestOption) *transport.Request {
	return &transport.Request{Method: http.MethodPatch, Path: path, Body: body, Replay: transport.ReplaySafe, Options: opts}
}
