package users

import (
	"encoding/json"
	"time"
)

// ExternalAccount is an OAuth account (Google, GitHub, ...) linked to a
// user.
type ExternalAccount struct {
	// Object is "external_account" (older accounts: "google_account",
	// "facebook_account").
	Object string `json:"object"`
	ID     string `json:"id"`
	// Provider is e.g. "oauth_google".
	Provider         string `json:"provider"`
	IdentificationID string `json:"identification_id"`
	ProviderUserID   string `json:"provider_user_id"`
	// ApprovedScopes is a space-separated list.
	ApprovedScopes       string `json:"approved_scopes"`
	EmailAddress         string `json:"email_address"`
	EmailAddressVerified *bool  `json:"email_address_verified,omitempty"`
	FirstName            string `json:"first_name"`
	LastName             string `json:"last_name"`
	// AvatarURL is kept for older callers.
	//
	// Deprecated: use ImageURL.
	AvatarURL      string          `json:"avatar_url,omitempty"`
	ImageURL       *string         `json:"image_url,omitempty"`
	Username       *string         `json:"username,omitempty"`
	PhoneNumber    *string         `json:"phone_number,omitempty"`
	PublicMetadata json.RawMessage `json:"public_metadata"`
	Label          *string         `json:"label,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	Verification   *Verification   `json:"verification"`
}

// SAMLAccount is a SAML identity linked to a user.
type SAMLAccount struct {
	ID                  string          `json:"id"`
	Object              string          `json:"object"`
	Provider            string          `json:"provider"`
	Active              bool            `json:"active"`
	EmailAddress        string          `json:"email_address"`
	FirstName           *string         `json:"first_name,omitempty"`
	LastName            *string         `json:"last_name,omitempty"`
	ProviderUserID      *string         `json:"provider_user_id,omitempty"`
	LastAuthenticatedAt *time.Time      `json:"last_authenticated_at,omitempty"`
	PublicMetadata      json.RawMessage `json:"public_metadata,omitempty"`
	Verification        *Verification   `json:"verification"`
	SAMLConnection      *SAMLConnection `json:"saml_connection,omitempty"`
}

// SAMLConnection is the SAML connection a SAMLAccount signs in through.
type SAMLConnection struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Domain is kept for older callers.
	//
	// Deprecated: use Domains.
	Domain                           string    `json:"domain,omitempty"`
	Domains                          []string  `json:"domains,omitempty"`
	Active                           bool      `json:"active"`
	Provider                         string    `json:"provider"`
	SyncUserAttributes               bool      `json:"sync_user_attributes"`
	AllowSubdomains                  bool      `json:"allow_subdomains,omitempty"`
	AllowIDPInitiated                bool      `json:"allow_idp_initiated,omitempty"`
	DisableAdditionalIdentifications bool      `json:"disable_additional_identifications,omitempty"`
	CreatedAt                        time.Time `json:"created_at"`
	UpdatedAt                        time.Time `json:"updated_at"`
}

// EnterpriseAccount is an enterprise SSO identity (SAML or OIDC) linked to
// a user.
type EnterpriseAccount struct {
	ID     string `json:"id"`
	Object string `json:"object"`
	// Protocol is "saml" or "oauth".
	Protocol               string                `json:"protocol,omitempty"`
	Provider               string                `json:"provider"`
	Active                 bool                  `json:"active"`
	EmailAddress           string                `json:"email_address"`
	FirstName              *string               `json:"first_name,omitempty"`
	LastName               *string               `json:"last_name,omitempty"`
	ProviderUserID         *string               `json:"provider_user_id,omitempty"`
	EnterpriseConnectionID *string               `json:"enterprise_connection_id,omitempty"`
	PublicMetadata         json.RawMessage       `json:"public_metadata,omitempty"`
	Verification           *Verification         `json:"verification"`
	EnterpriseConnection   *EnterpriseConnection `json:"enterprise_connection,omitempty"`
	LastAuthenticatedAt    *time.Time            `json:"last_authenticated_at,omitempty"`
}

// EnterpriseConnection is the connection an EnterpriseAccount signs in
// through.
type EnterpriseConnection struct {
	ID            string  `json:"id"`
	Protocol      string  `json:"protocol"`
	Provider      string  `json:"provider"`
	Name          string  `json:"name"`
	LogoPublicURL *string `json:"logo_public_url"`
	// Domain is kept for older callers.
	//
	// Deprecated: use Domains.
	Domain                           string    `json:"domain,omitempty"`
	Domains                          []string  `json:"domains,omitempty"`
	Active                           bool      `json:"active"`
	SyncUserAttributes               bool      `json:"sync_user_attributes"`
	AllowSubdomains                  bool      `json:"allow_subdomains"`
	AllowIDPInitiated                bool      `json:"allow_idp_initiated"`
	DisableAdditionalIdentifications bool      `json:"disable_additional_identifications"`
	CreatedAt                        time.Time `json:"created_at"`
	UpdatedAt                        time.Time `json:"updated_at"`
}
