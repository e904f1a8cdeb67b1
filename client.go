// Package clerk is a typed Go client for Clerk's Backend API.
//
// Build a Client with NewClient (or NewClientFromEnv) and reach each
// resource through its service: c.Users, c.Organizations, c.Sessions,
// c.Invitations, c.Bans, c.OrganizationRoles, c.EnterpriseConnections,
// c.Machines, c.APIKeys, c.Billing, c.Instance, ... (one field per API tag,
// every operation of the API); c.JWKS serves the instance's public keys,
// cached, to a jwt.Verifier. Every call takes a context first, returns typed
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
	"github.com/clerkgo/clerk/identity"
	"github.com/clerkgo/clerk/instance"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/invitations"
	"github.com/clerkgo/clerk/jwks"
	"github.com/clerkgo/clerk/machines"
	"github.com/clerkgo/clerk/oauthapps"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/orgdomains"
	"github.com/clerkgo/clerk/roles"
	"github.com/clerkgo/clerk/sessions"
	"github.com/clerkgo/clerk/tokens"
	"github.com/clerkgo/clerk/users"
	"github.com/clerkgo/clerk/waitlist"
	"github.com/clerkgo/clerk/webhooks"
)

// Client is the entry point to the Backend API. It is safe for concurrent
// use; build one per secret key and share it. Each field is the service of
// one API tag (the map of packages is in CONTRIBUTING.md).
type Client struct {
	// Users and their identifiers.

	// Users manages users, their metadata, passwords, MFA, profile images
	// and billing.
	Users *users.Service
	// EmailAddresses manages users' email addresses and their verification.
	EmailAddresses *identity.EmailAddressService
	// PhoneNumbers manages users' phone numbers and their verification.
	PhoneNumbers *identity.PhoneNumberService
	// Bans bans, unbans, locks and unlocks users (one or many) and manages
	// the allowlist and blocklist.
	Bans *bans.Service
	// WaitlistEntries manages the waitlist: entries, bulk creation,
	// invitations and rejections.
	WaitlistEntries *waitlist.Service
	// Invitations manages application invitations (one or many).
	Invitations *invitations.Service

	// Sign-ups, sessions and single-purpose tokens.

	// SignUps reads and updates sign-ups.
	SignUps *identity.SignUpService
	// Clients reads clients and verifies client tokens.
	Clients *identity.ClientService
	// Sessions lists, creates and revokes sessions and mints session tokens.
	Sessions *sessions.Service
	// SignInTokens creates and revokes sign-in tokens (magic links).
	SignInTokens *tokens.SignInTokenService
	// ActorTokens creates and revokes actor tokens (impersonation).
	ActorTokens *tokens.ActorTokenService
	// TestingTokens creates testing tokens that skip bot protection in end-
	// to-end tests.
	TestingTokens *tokens.TestingTokenService
	// AgentTasks creates and revokes agent tasks.
	AgentTasks *tokens.AgentTaskService

	// Organizations, roles and B2B.

	// Organizations manages organizations, memberships and organization
	// invitations.
	Organizations *organizations.Service
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
	// EnterpriseConnections manages enterprise SSO connections (SAML, OIDC)
	// and their test runs.
	EnterpriseConnections *enterprise.ConnectionService
	// Directories manages SCIM directories, their API keys and group-role
	// mappings.
	Directories *enterprise.DirectoryService
	// SCIMDirectories is Directories under the API's older name.
	SCIMDirectories *enterprise.SCIMDirectoryService
	// AdminPortalLinks creates and revokes admin portal links for enterprise
	// customers.
	AdminPortalLinks *tokens.AdminPortalLinkService
	// Billing lists plans, prices, subscription items and statements, and
	// changes subscription items (cancel, trial, price, discounts).
	Billing *billing.Service

	// Machines and OAuth.

	// Machines manages machines, their secret keys and the scopes that let
	// one call another.
	Machines *machines.MachineService
	// M2MTokens creates, lists, revokes and verifies machine-to-machine
	// tokens.
	M2MTokens *machines.M2MTokenService
	// APIKeys creates, lists, revokes and verifies API keys.
	APIKeys *machines.APIKeyService
	// OAuthApplications manages the OAuth applications the instance is an
	// identity provider for.
	OAuthApplications *oauthapps.Service
	// OAuthAccessTokens verifies OAuth access tokens the instance issued.
	OAuthAccessTokens *machines.OAuthAccessTokenService

	// Instance configuration.

	// Instance reads and updates instance settings (restrictions, protect,
	// communication, organizations, OAuth applications) and serves the
	// interstitial.
	Instance *instance.Service
	// Domains manages the instance's domains (primary and satellites).
	Domains *instance.DomainService
	// ProxyChecks verifies a domain's proxy configuration.
	ProxyChecks *instance.ProxyCheckService
	// RedirectURLs manages the allowed redirect URLs of native and mobile
	// apps.
	RedirectURLs *instance.RedirectURLService
	// JWTTemplates manages JWT templates (Sessions.CreateTokenFromTemplate
	// mints from them).
	JWTTemplates *instance.JWTTemplateService
	// Webhooks creates and deletes the Svix app that delivers webhooks
	// (verify deliveries with the webhooks package).
	Webhooks *webhooks.Service
	// JWKS reads the instance's public keys; it is also a cached
	// jwt.KeySource: jwt.NewVerifier(jwt.WithKeySource(c.JWKS)).
	JWKS *jwks.Service

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
		Users:                   users.New(b),
		EmailAddresses:          identity.NewEmailAddressService(b),
		PhoneNumbers:            identity.NewPhoneNumberService(b),
		Bans:                    bans.New(b),
		WaitlistEntries:         waitlist.New(b),
		Invitations:             invitations.New(b),
		SignUps:                 identity.NewSignUpService(b),
		Clients:                 identity.NewClientService(b),
		Sessions:                sessions.New(b),
		SignInTokens:            tokens.NewSignInTokenService(b),
		ActorTokens:             tokens.NewActorTokenService(b),
		TestingTokens:           tokens.NewTestingTokenService(b),
		AgentTasks:              tokens.NewAgentTaskService(b),
		Organizations:           organizations.New(b),
		OrganizationRoles:       roles.NewRoleService(b),
		OrganizationPermissions: roles.NewPermissionService(b),
		RoleSets:                roles.NewRoleSetService(b),
		OrganizationDomains:     orgdomains.New(b),
		EnterpriseConnections:   enterprise.NewConnectionService(b),
		Directories:             enterprise.NewDirectoryService(b),
		SCIMDirectories:         enterprise.NewSCIMDirectoryService(b),
		AdminPortalLinks:        tokens.NewAdminPortalLinkService(b),
		Billing:                 billing.New(b),
		Machines:                machines.NewMachineService(b),
		M2MTokens:               machines.NewM2MTokenService(b),
		APIKeys:                 machines.NewAPIKeyService(b),
		OAuthApplications:       oauthapps.New(b),
		OAuthAccessTokens:       machines.NewOAuthAccessTokenService(b),
		Instance:                instance.New(b),
		Domains:                 instance.NewDomains(b),
		ProxyChecks:             instance.NewProxyChecks(b),
		RedirectURLs:            instance.NewRedirectURLs(b),
		JWTTemplates:            instance.NewJWTTemplates(b),
		Webhooks:                webhooks.New(b),
		JWKS:                    jwks.New(b),
		backend:                 b,
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
