// Package clerk is a typed Go client for Clerk's Backend API.
//
// Build a Client with NewClient (or NewClientFromEnv) and reach each
// resource through its service: c.Users, c.Organizations, c.Invitations,
// c.Sessions and c.Bans; c.JWKS serves the instance's public keys, cached,
// to a jwt.Verifier. Every call takes a context first, returns typed
// errors (*APIError, matched with errors.Is against ErrNotFound and the
// other sentinels), retries only what is safe to replay, and can be rate
// limited on the client side. Session tokens are verified without network
// calls by the jwt package; clerkhttp wraps that in net/http middleware, and
// clerktest is a stateful fake of the API for tests.
package clerk

import (
	"os"

	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/enterprise"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/invitations"
	"github.com/clerkgo/clerk/jwks"
	"github.com/clerkgo/clerk/machines"
	"github.com/clerkgo/clerk/oauthapps"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/orgdomains"
	"github.com/clerkgo/clerk/roles"
	"github.com/clerkgo/clerk/sessions"
	"github.com/clerkgo/clerk/users"
)

// Client is the entry point to the Backend API. It is safe for concurrent
// use; build one per secret key and share it.
type Client struct {
	// Users manages users and their metadata.
	Users *users.Service
	// Organizations manages organizations, memberships and organization
	// invitations.
	Organizations *organizations.Service
	// Invitations manages application invitations.
	Invitations *invitations.Service
	// Sessions lists and revokes sessions and mints session tokens.
	Sessions *sessions.Service
	// Bans bans, unbans, locks and unlocks users and manages the allowlist
	// and blocklist.
	Bans *bans.Service
	// JWKS reads the instance's public keys; it is also a cached
	// jwt.KeySource: jwt.NewVerifier(jwt.WithKeySource(c.JWKS)).
	JWKS *jwks.Service

	// OrganizationRoles manages custom organization roles and the
	// permissions they grant.
	OrganizationRoles *roles.RoleService
	// OrganizationPermissions manages custom organization permissions.
	OrganizationPermissions *roles.PermissionService
	// RoleSets manages the sets of roles organizations may assign.
	RoleSets *roles.RoleSetService
	// OrganizationDomains manages organizations' email domains and their
	// verification.
	OrganizationDomains *orgdomains.Service

	// EnterpriseConnections manages enterprise SSO connections (SAML,
	// OIDC) and their test runs.
	EnterpriseConnections *enterprise.ConnectionService
	// Directories manages SCIM directories, their API keys and group-role
	// mappings.
	Directories *enterprise.DirectoryService
	// SCIMDirectories is the same resource under its older API name.
	SCIMDirectories *enterprise.SCIMDirectoryService

	// OAuthApplications manages the OAuth applications the instance is an
	// identity provider for.
	OAuthApplications *oauthapps.Service
	// Billing lists plans, prices, subscription items and statements, and
	// changes subscription items (cancel, trial, price, discounts).
	Billing *billing.Service

	// Machines manages machines, their secret keys and the scopes that
	// let one call another.
	Machines *machines.MachineService
	// M2MTokens creates, lists, revokes and verifies machine-to-machine
	// tokens.
	M2MTokens *machines.M2MTokenService
	// APIKeys creates, lists, revokes and verifies API keys.
	APIKeys *machines.APIKeyService
	// OAuthAccessTokens verifies OAuth access tokens the instance issued.
	OAuthAccessTokens *machines.OAuthAccessTokenService

	backend *transport.Backend
}

// Environment variables read by NewClientFromEnv.
const (
	EnvSecretKey = "CLERK_SECRET_KEY"
	EnvAPIURL    = "CLERK_API_URL"
)

// NewClient builds a client for the instance that secretKey (sk_test_… or
// sk_live_…) belongs to. It makes no network call. An empty key is an
// error.
func NewClient(secretKey string, opts ...Option) (*Client, error) {
	cfg := transport.Config{
		SecretKey:   secretKey,
		MaxRetries:  transport.DefaultMaxRetries,
		RetryPolicy: transport.DefaultRetryPolicy(),
	}
	for _, opt := range opts {
		if opt.apply != nil {
			if err := opt.apply(&cfg); err != nil {
				return nil, err
			}
		}
	}
	b, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Client{
		Users:         users.New(b),
		Organizations: organizations.New(b),
		Invitations:   invitations.New(b),
		Sessions:      sessions.New(b),
		Bans:          bans.New(b),
		JWKS:          jwks.New(b),

		OrganizationRoles:       roles.NewRoleService(b),
		OrganizationPermissions: roles.NewPermissionService(b),
		RoleSets:                roles.NewRoleSetService(b),
		OrganizationDomains:     orgdomains.New(b),

		EnterpriseConnections: enterprise.NewConnectionService(b),
		Directories:           enterprise.NewDirectoryService(b),
		SCIMDirectories:       enterprise.NewSCIMDirectoryService(b),

		OAuthApplications: oauthapps.New(b),
		Billing:           billing.New(b),

		Machines:          machines.NewMachineService(b),
		M2MTokens:         machines.NewM2MTokenService(b),
		APIKeys:           machines.NewAPIKeyService(b),
		OAuthAccessTokens: machines.NewOAuthAccessTokenService(b),
		backend:           b,
	}, nil
}

// NewClientFromEnv builds a client from CLERK_SECRET_KEY and, when set,
// CLERK_API_URL (the base URL, e.g. https://api.clerk.com/v1). Options
// given here apply after the environment.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	key := os.Getenv(EnvSecretKey)
	if key == "" {
		return nil, &InvalidInputError{Field: EnvSecretKey, Reason: "is not set"}
	}
	all := make([]Option, 0, len(opts)+1)
	if u := os.Getenv(EnvAPIURL); u != "" {
		all = append(all, WithBaseURL(u))
	}
	return NewClient(key, append(all, opts...)...)
}
