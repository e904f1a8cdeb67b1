package enterprise

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/roles"
)

// Connection is an enterprise SSO connection.
type Connection struct {
	Object string `json:"object"`
	ID     string `json:"id"`
	Name   string `json:"name"`
	// Provider is e.g. "saml_okta", "saml_custom" or "oidc_custom".
	Provider      string `json:"provider"`
	LogoPublicURL string `json:"logo_public_url"`
	Active        bool   `json:"active"`
	// Domains are the email domains whose users sign in through it.
	Domains                          []string `json:"domains"`
	OrganizationID                   string   `json:"organization_id"`
	SyncUserAttributes               bool     `json:"sync_user_attributes"`
	DisableAdditionalIdentifications bool     `json:"disable_additional_identifications"`
	AllowOrganizationAccountLinking  bool     `json:"allow_organization_account_linking"`
	// DisableJITProvisioning stops users from being created on their
	// first sign-in through the connection.
	//
	// The spec requires it and Authenticatable but declares no type for
	// either: both are read as booleans (JSON true or false, or a string
	// spelling one), and any other value reads as false rather than
	// failing the whole connection's decode.
	DisableJITProvisioning bool `json:"disable_jit_provisioning"`
	// Authenticatable reports whether users can sign in through it now.
	Authenticatable  bool              `json:"authenticatable"`
	CustomAttributes []CustomAttribute `json:"custom_attributes"`
	// SAMLConnection is set for SAML providers, OAuthConfig for OIDC ones.
	SAMLConnection *SAMLConnection `json:"saml_connection"`
	OAuthConfig    *OAuthConfig    `json:"oauth_config"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants and the two
// flags the spec leaves untyped.
func (c *Connection) UnmarshalJSON(b []byte) error {
	type plain Connection
	return json.Unmarshal(b, &struct {
		*plain
		DisableJITProvisioning looseBool        `json:"disable_jit_provisioning"`
		Authenticatable        looseBool        `json:"authenticatable"`
		CreatedAt              transport.Millis `json:"created_at"`
		UpdatedAt              transport.Millis `json:"updated_at"`
	}{(*plain)(c), looseBool{&c.DisableJITProvisioning}, looseBool{&c.Authenticatable},
		transport.Millis{T: &c.CreatedAt}, transport.Millis{T: &c.UpdatedAt}})
}

// looseBool decodes a field the spec leaves untyped into a bool: JSON
// true or false, or a string spelling one ("true", "1", ...); any other
// value gives false. It never fails.
type looseBool struct{ b *bool }

// UnmarshalJSON implements json.Unmarshaler.
func (l looseBool) UnmarshalJSON(raw []byte) error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case bool:
		*l.b = x
	case string:
		*l.b, _ = strconv.ParseBool(x)
	default:
		*l.b = false
	}
	return nil
}

// CustomAttribute maps an attribute of the identity provider (by its
// SSO, SCIM or directory path) to a user attribute.
type CustomAttribute struct {
	Name          string `json:"name"`
	Key           string `json:"key"`
	SSOPath       string `json:"sso_path,omitempty"`
	SCIMPath      string `json:"scim_path,omitempty"`
	DirectoryPath string `json:"directory_path,omitempty"`
	MultiValued   bool   `json:"multi_valued,omitempty"`
}

// LoginHint says what a SAML request passes as login_hint.
type LoginHint struct {
	// Mode is "email_address", "custom_attribute" or "off".
	Mode   string `json:"mode"`
	Source string `json:"source,omitempty"`
}

// SAMLConnection is the SAML side of a connection.
type SAMLConnection struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	IdpEntityID       string     `json:"idp_entity_id"`
	IdpSsoURL         string     `json:"idp_sso_url"`
	IdpMetadataURL    string     `json:"idp_metadata_url"`
	AcsURL            string     `json:"acs_url"`
	SpEntityID        string     `json:"sp_entity_id"`
	SpMetadataURL     string     `json:"sp_metadata_url"`
	Active            bool       `json:"active"`
	AllowIdpInitiated bool       `json:"allow_idp_initiated"`
	AllowSubdomains   bool       `json:"allow_subdomains"`
	ForceAuthn        bool       `json:"force_authn"`
	LoginHint         *LoginHint `json:"login_hint"`
}

// OAuthConfig is the OIDC side of a connection.
type OAuthConfig struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	ProviderKey   string    `json:"provider_key"`
	ClientID      string    `json:"client_id"`
	DiscoveryURL  string    `json:"discovery_url"`
	AuthURL       string    `json:"auth_url"`
	TokenURL      string    `json:"token_url"`
	UserInfoURL   string    `json:"user_info_url"`
	RequiresPKCE  bool      `json:"requires_pkce"`
	LogoPublicURL string    `json:"logo_public_url"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (c *OAuthConfig) UnmarshalJSON(b []byte) error {
	type plain OAuthConfig
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(c), transport.Millis{T: &c.CreatedAt}, transport.Millis{T: &c.UpdatedAt}})
}

// TestRun is one test of a connection: a sign-in attempt through the
// identity provider and what it returned.
type TestRun struct {
	ID string `json:"id"`
	// Status is "pending", "success" or "failed".
	Status string `json:"status"`
	// ConnectionType is "saml" or "oauth".
	ConnectionType string          `json:"connection_type"`
	ParsedUserInfo *ParsedUserInfo `json:"parsed_user_info"`
	// Logs, SAML and OAuth are the raw traces of the run, as the API
	// sends them.
	Logs      json.RawMessage `json:"logs"`
	SAML      json.RawMessage `json:"saml"`
	OAuth     json.RawMessage `json:"oauth"`
	CreatedAt time.Time       `json:"created_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (r *TestRun) UnmarshalJSON(b []byte) error {
	type plain TestRun
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
	}{(*plain)(r), transport.Millis{T: &r.CreatedAt}})
}

// ParsedUserInfo is the user a test run's identity provider described.
type ParsedUserInfo struct {
	EmailAddress string `json:"email_address"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	UserID       string `json:"user_id"`
}

// TestRunURL is where a test run starts: open it in a browser and sign in
// at the identity provider.
type TestRunURL struct {
	URL string `json:"url"`
}

// Directory is a user directory synced from an identity provider over
// SCIM (Directories and SCIMDirectories answer the same shape; Object is
// "directory" or "scim_directory").
type Directory struct {
	Object                 string `json:"object"`
	ID                     string `json:"id"`
	Name                   string `json:"name"`
	EnterpriseConnectionID string `json:"enterprise_connection_id"`
	// EndpointURL is the SCIM base URL to give the identity provider.
	EndpointURL             string            `json:"endpoint_url"`
	Provider                string            `json:"provider"`
	Enabled                 bool              `json:"enabled"`
	GroupRoleMappingEnabled bool              `json:"group_role_mapping_enabled"`
	AttributeMapping        map[string]string `json:"attribute_mapping"`
	CustomAttributes        []CustomAttribute `json:"custom_attributes"`
	// APIKey is the bearer token the identity provider authenticates
	// with; the API shows it on create and after RotateAPIKey only.
	APIKey    string    `json:"api_key"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (d *Directory) UnmarshalJSON(b []byte) error {
	type plain Directory
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(d), transport.Millis{T: &d.CreatedAt}, transport.Millis{T: &d.UpdatedAt}})
}

// GroupRoleMapping gives the members of a directory group a role in the
// connection's organization.
type GroupRoleMapping struct {
	Object                    string      `json:"object"`
	ID                        string      `json:"id"`
	DirectoryID               string      `json:"directory_id"`
	SCIMDirectoryID           string      `json:"scim_directory_id"`
	DirectoryGroupID          string      `json:"directory_group_id"`
	SCIMGroupID               string      `json:"scim_group_id"`
	DirectoryGroupDisplayName string      `json:"directory_group_display_name"`
	SCIMGroupDisplayName      string      `json:"scim_group_display_name"`
	Role                      *roles.Role `json:"role"`
	// Precedence orders mappings when a user is in several groups (the
	// lowest wins).
	Precedence int       `json:"precedence"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the API's Unix-millisecond instants.
func (m *GroupRoleMapping) UnmarshalJSON(b []byte) error {
	type plain GroupRoleMapping
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(m), transport.Millis{T: &m.CreatedAt}, transport.Millis{T: &m.UpdatedAt}})
}
