package tokens

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// AllPermissions grants an agent task every permission of the user; it
// is the only value CreateAgentTaskParams.Permissions accepts today.
const AllPermissions = "*"

// AgentTask lets an agent act for a user: visiting URL creates a session
// for the user.
type AgentTask struct {
	// Object is "agent_task".
	Object string `json:"object"`
	// AgentID is stable per agent name within the instance.
	AgentID string `json:"agent_id"`
	// AgentTaskID is unique per task; Revoke takes it.
	AgentTaskID string `json:"agent_task_id"`
	// TaskID repeats AgentTaskID.
	//
	// Deprecated: use AgentTaskID.
	TaskID string `json:"task_id"`
	// URL creates the session when visited; only Create returns it.
	URL string `json:"url,omitempty"`
}

// AgentTaskOnBehalfOf names the user an agent task acts for: exactly one
// of UserID and Identifier.
type AgentTaskOnBehalfOf struct {
	// UserID is the user's ID.
	UserID string `json:"user_id,omitempty"`
	// Identifier is a verified identifier of the user (an email address).
	Identifier string `json:"identifier,omitempty"`
}

// CreateAgentTaskParams is the body of AgentTaskService.Create. Every
// field but SessionMaxDuration is required.
type CreateAgentTaskParams struct {
	// OnBehalfOf is the user the agent acts for.
	OnBehalfOf AgentTaskOnBehalfOf `json:"on_behalf_of"`
	// Permissions granted to the task: AllPermissions.
	Permissions string `json:"permissions"`
	// AgentName identifies the agent; the API derives a stable AgentID
	// from it. It is logged for audit.
	AgentName string `json:"agent_name"`
	// TaskDescription says what the agent does; it is logged for audit.
	TaskDescription string `json:"task_description"`
	// RedirectURL is where the user lands once the task is accepted: an
	// absolute https URL on one of the instance's domains (http is
	// allowed on development instances).
	RedirectURL string `json:"redirect_url"`
	// SessionMaxDuration bounds the session the task creates, in whole
	// seconds; zero means the API's default of 30 minutes.
	SessionMaxDuration time.Duration
}

type createAgentTaskBody struct {
	OnBehalfOf                  AgentTaskOnBehalfOf `json:"on_behalf_of"`
	Permissions                 string              `json:"permissions"`
	AgentName                   string              `json:"agent_name"`
	TaskDescription             string              `json:"task_description"`
	RedirectURL                 string              `json:"redirect_url"`
	SessionMaxDurationInSeconds *int64              `json:"session_max_duration_in_seconds,omitempty"`
}

// AgentTaskService creates and revokes agent tasks. It is safe for
// concurrent use.
type AgentTaskService struct {
	b *transport.Backend
}

// NewAgentTaskService returns an AgentTaskService on b. Users get one
// from clerk.NewClient (client.AgentTasks).
func NewAgentTaskService(b *transport.Backend) *AgentTaskService {
	return &AgentTaskService{b: b}
}

func (p *CreateAgentTaskParams) body() (*createAgentTaskBody, error) {
	if p == nil {
		return nil, transport.Invalid("params", "must not be nil: on_behalf_of, permissions, agent_name, task_description and redirect_url are required")
	}
	if (p.OnBehalfOf.UserID == "") == (p.OnBehalfOf.Identifier == "") {
		return nil, transport.Invalid("on_behalf_of", "must hold exactly one of user_id and identifier")
	}
	if p.Permissions != AllPermissions {
		return nil, transport.Invalid("permissions", "must be %q, got %q", AllPermissions, p.Permissions)
	}
	for _, f := range []struct{ name, v string }{
		{"agent_name", p.AgentName}, {"task_description", p.TaskDescription}, {"redirect_url", p.RedirectURL},
	} {
		if err := transport.ValidateID(f.name, f.v); err != nil {
			return nil, err
		}
	}
	sess, err := seconds("session_max_duration_in_seconds", p.SessionMaxDuration)
	if err != nil {
		return nil, err
	}
	return &createAgentTaskBody{
		OnBehalfOf: p.OnBehalfOf, Permissions: p.Permissions, AgentName: p.AgentName,
		TaskDescription: p.TaskDescription, RedirectURL: p.RedirectURL, SessionMaxDurationInSeconds: sess,
	}, nil
}

// Create creates an agent task on behalf of a user. It is never replayed
// after it may have reached the server.
//
// API: POST /agents/tasks (CreateAgentTask)
func (s *AgentTaskService) Create(ctx context.Context, params *CreateAgentTaskParams, opts ...core.RequestOption) (*AgentTask, error) {
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	return send[AgentTask](ctx, s.b, http.MethodPost, "/agents/tasks", body, transport.NotReplaySafe, opts)
}

// Revoke revokes an agent task. It sends no body and is replay-safe.
// Revoking a task twice is refused with a 400 that AlreadyRevoked
// recognises.
//
// API: POST /agents/tasks/{agent_task_id}/revoke (RevokeAgentTask)
func (s *AgentTaskService) Revoke(ctx context.Context, agentTaskID string, opts ...core.RequestOption) (*AgentTask, error) {
	return send[AgentTask](ctx, s.b, http.MethodPost, "/agents/tasks/{agent_task_id}/revoke", nil, transport.ReplaySafe, opts, agentTaskID)
}

// AdminPortalLinkToken is a single-use link into the admin portal, where
// an organization's IT contact configures its enterprise connection.
type AdminPortalLinkToken struct {
	// Object is "admin_portal_link_token".
	Object string `json:"object"`
	// ID is "aplt_" and 32 hex digits; Revoke takes it.
	ID string `json:"id"`
	// AdminPortalLinkID is the origin-level link the token was issued for.
	AdminPortalLinkID string `json:"admin_portal_link_id"`
	InstanceID        string `json:"instance_id"`
	// OrganizationID is set when the link is scoped to an organization.
	OrganizationID *string `json:"organization_id"`
	// ITContactID is your opaque reference to the IT contact, if given.
	ITContactID *string `json:"it_contact_id"`
	// Scopes are the caller-provided scopes.
	Scopes []string `json:"scopes"`
	// Token is the single-use, URL-borne secret; only Create returns it.
	// Treat it as a credential.
	Token            string  `json:"token,omitempty"`
	Revoked          bool    `json:"revoked"`
	RevocationReason *string `json:"revocation_reason"`
	Expired          bool    `json:"expired"`
	// Expiration is when the token expires, nil when it does not.
	Expiration *time.Time `json:"expiration"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond instants.
func (t *AdminPortalLinkToken) UnmarshalJSON(b []byte) error {
	type plain AdminPortalLinkToken
	return json.Unmarshal(b, &struct {
		*plain
		Expiration transport.MillisPtr `json:"expiration"`
		CreatedAt  transport.Millis    `json:"created_at"`
		UpdatedAt  transport.Millis    `json:"updated_at"`
	}{(*plain)(t), transport.MillisPtr{T: &t.Expiration}, transport.Millis{T: &t.CreatedAt}, transport.Millis{T: &t.UpdatedAt}})
}

// MaxAdminPortalLinkExpiry is the longest lifetime an admin portal link
// token may have.
const MaxAdminPortalLinkExpiry = 24 * time.Hour

// CreateAdminPortalLinkParams is the body of AdminPortalLinkService.Create;
// every field is optional.
type CreateAdminPortalLinkParams struct {
	// OrganizationID scopes the link to an existing organization.
	OrganizationID string
	// ITContactID is your opaque reference to the IT contact.
	ITContactID string
	// Scopes are stored with the token.
	Scopes []string
	// ExpiresIn is the token's lifetime in whole seconds, at most
	// MaxAdminPortalLinkExpiry; zero means the API's default of one hour.
	ExpiresIn time.Duration
}

type createAdminPortalLinkBody struct {
	OrganizationID         string   `json:"organization_id,omitempty"`
	ITContactID            string   `json:"it_contact_id,omitempty"`
	Scopes                 []string `json:"scopes,omitempty"`
	SecondsUntilExpiration *int64   `json:"seconds_until_expiration,omitempty"`
}

// RevokeAdminPortalLinkParams is the body of AdminPortalLinkService.Revoke.
type RevokeAdminPortalLinkParams struct {
	// RevocationReason is stored with the revoked token.
	RevocationReason string `json:"revocation_reason,omitempty"`
}

// AdminPortalLinkService creates and revokes admin portal link tokens. It
// is safe for concurrent use.
type AdminPortalLinkService struct {
	b *transport.Backend
}

// NewAdminPortalLinkService returns an AdminPortalLinkService on b. Users
// get one from clerk.NewClient (client.AdminPortalLinks).
func NewAdminPortalLinkService(b *transport.Backend) *AdminPortalLinkService {
	return &AdminPortalLinkService{b: b}
}

// Create mints an admin portal link token. A nil params takes every
// default. It is never replayed after it may have reached the server.
//
// API: POST /admin_portal_link_tokens (createAdminPortalLinkToken)
func (s *AdminPortalLinkService) Create(ctx context.Context, params *CreateAdminPortalLinkParams, opts ...core.RequestOption) (*AdminPortalLinkToken, error) {
	if params == nil {
		params = &CreateAdminPortalLinkParams{}
	}
	exp, err := seconds("seconds_until_expiration", params.ExpiresIn)
	if err != nil {
		return nil, err
	}
	if params.ExpiresIn > MaxAdminPortalLinkExpiry {
		return nil, transport.Invalid("seconds_until_expiration", "must be at most %s, got %s", MaxAdminPortalLinkExpiry, params.ExpiresIn)
	}
	for _, sc := range params.Scopes {
		if sc == "" {
			return nil, transport.Invalid("scopes", "must not hold an empty scope")
		}
	}
	body := &createAdminPortalLinkBody{
		OrganizationID: params.OrganizationID, ITContactID: params.ITContactID,
		Scopes: params.Scopes, SecondsUntilExpiration: exp,
	}
	return send[AdminPortalLinkToken](ctx, s.b, http.MethodPost, "/admin_portal_link_tokens", body, transport.NotReplaySafe, opts)
}

// Revoke revokes an admin portal link token. A nil params sends no
// reason. It is replay-safe; revoking a token twice is refused with a 400
// that AlreadyRevoked recognises.
//
// API: POST /admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke (revokeAdminPortalLinkToken)
func (s *AdminPortalLinkService) Revoke(ctx context.Context, tokenID string, params *RevokeAdminPortalLinkParams, opts ...core.RequestOption) (*AdminPortalLinkToken, error) {
	if params == nil {
		params = &RevokeAdminPortalLinkParams{}
	}
	return send[AdminPortalLinkToken](ctx, s.b, http.MethodPost, "/admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke", params, transport.ReplaySafe, opts, tokenID)
}
