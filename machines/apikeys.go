package machines

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

// APIKeyService manages API keys (client.APIKeys). It is safe for
// concurrent use.
type APIKeyService struct {
	b *transport.Backend
}

// NewAPIKeyService returns an APIKeyService on b; clerk.NewClient builds
// it.
func NewAPIKeyService(b *transport.Backend) *APIKeyService { return &APIKeyService{b: b} }

// APIKeyAPI is every operation of APIKeyService, for fakes (embed
// UnimplementedAPIKeys).
type APIKeyAPI interface {
	List(ctx context.Context, params *ListAPIKeysParams, opts ...core.RequestOption) (*pagination.Page[APIKey], error)
	All(ctx context.Context, params *ListAPIKeysParams, opts ...core.RequestOption) iter.Seq2[*APIKey, error]
	Get(ctx context.Context, apiKeyID string, opts ...core.RequestOption) (*APIKey, error)
	Create(ctx context.Context, params *CreateAPIKeyParams, opts ...core.RequestOption) (*APIKey, error)
	Update(ctx context.Context, apiKeyID string, params *UpdateAPIKeyParams, opts ...core.RequestOption) (*APIKey, error)
	Delete(ctx context.Context, apiKeyID string, opts ...core.RequestOption) (*core.DeletedObject, error)
	GetSecret(ctx context.Context, apiKeyID string, opts ...core.RequestOption) (*APIKeySecret, error)
	Revoke(ctx context.Context, apiKeyID string, params *RevokeParams, opts ...core.RequestOption) (*APIKey, error)
	Verify(ctx context.Context, secret string, opts ...core.RequestOption) (*APIKey, error)
}

var _ APIKeyAPI = (*APIKeyService)(nil)

// ListAPIKeysParams filters the API keys.
type ListAPIKeysParams struct {
	// Type is "api_key" (the only type today).
	Type string `query:"type"`
	// Subject keeps the keys of one user or organization.
	Subject string `query:"subject"`
	// IncludeInvalid keeps revoked and expired keys too.
	IncludeInvalid bool `query:"include_invalid"`
	// Query matches the name partially.
	Query  string `query:"query"`
	Limit  int    `query:"limit"`
	Offset int    `query:"offset"`
}

// CreateAPIKeyParams describes a new API key.
type CreateAPIKeyParams struct {
	// Type is "api_key" (the default).
	Type string `json:"type,omitempty"`
	Name string `json:"name"`
	// Description is a free text of at most 255 characters.
	Description string `json:"description,omitempty"`
	// Subject is the user or organization the key acts for.
	Subject string `json:"subject"`
	// Claims are custom claims, any value that marshals to a JSON object.
	Claims any      `json:"claims,omitempty"`
	Scopes []string `json:"scopes,omitempty"`
	// CreatedBy is the user who made the key.
	CreatedBy string `json:"created_by,omitempty"`
	// ExpiresIn is the key's lifetime (whole seconds, rounded up); zero
	// never expires. Sent as seconds_until_expiration.
	ExpiresIn time.Duration `json:"-"`
}

// MarshalJSON renders the API's body (the lifetime in seconds).
func (p CreateAPIKeyParams) MarshalJSON() ([]byte, error) {
	type plain CreateAPIKeyParams
	return json.Marshal(struct {
		plain
		SecondsUntilExpiration *int64 `json:"seconds_until_expiration,omitempty"`
	}{plain(p), seconds(p.ExpiresIn)})
}

// UpdateAPIKeyParams changes an API key; zero fields are left as they
// are.
type UpdateAPIKeyParams struct {
	// Claims are custom claims, any value that marshals to a JSON object.
	Claims      any      `json:"claims,omitempty"`
	Scopes      []string `json:"scopes,omitempty"`
	Description *string  `json:"description,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	// ExpiresIn sets a new lifetime from now (whole seconds, rounded up).
	// Sent as seconds_until_expiration.
	ExpiresIn time.Duration `json:"-"`
}

// MarshalJSON renders the API's body (the lifetime in seconds).
func (p UpdateAPIKeyParams) MarshalJSON() ([]byte, error) {
	type plain UpdateAPIKeyParams
	return json.Marshal(struct {
		plain
		SecondsUntilExpiration *int64 `json:"seconds_until_expiration,omitempty"`
	}{plain(p), seconds(p.ExpiresIn)})
}

// RevokeParams says why a credential is revoked.
type RevokeParams struct {
	Reason string `json:"revocation_reason,omitempty"`
}

const apiKeyPath = "/api_keys/{apiKeyID}"

// List returns one page of API keys with the total count.
//
// API: GET /api_keys (getApiKeys)
func (s *APIKeyService) List(ctx context.Context, params *ListAPIKeysParams, opts ...core.RequestOption) (*pagination.Page[APIKey], error) {
	return transport.List[APIKey](ctx, s.b, "/api_keys", params, opts...)
}

// All walks every API key, lazily, page by page.
//
// API: GET /api_keys (getApiKeys)
func (s *APIKeyService) All(ctx context.Context, params *ListAPIKeysParams, opts ...core.RequestOption) iter.Seq2[*APIKey, error] {
	return transport.All[APIKey](ctx, s.b, "/api_keys", transport.Envelope, params, opts)
}

// Get returns one API key by its ID (without its secret).
//
// API: GET /api_keys/{apiKeyID} (getApiKey)
func (s *APIKeyService) Get(ctx context.Context, apiKeyID string, opts ...core.RequestOption) (*APIKey, error) {
	return callOn[APIKey](ctx, s.b, http.MethodGet, apiKeyPath, nil, transport.ReplayByMethod, opts, apiKeyID)
}

// Create makes an API key; the answer carries its secret. It is not
// replayed after it may have reached the API.
//
// API: POST /api_keys (createApiKey)
func (s *APIKeyService) Create(ctx context.Context, params *CreateAPIKeyParams, opts ...core.RequestOption) (*APIKey, error) {
	if params == nil || params.Name == "" || params.Subject == "" {
		return nil, transport.Invalid("params", "Name and Subject are required")
	}
	if params.Claims != nil {
		if _, err := transport.ObjectJSON("params.Claims", params.Claims); err != nil {
			return nil, err
		}
	}
	return transport.Call[APIKey](ctx, s.b, http.MethodPost, "/api_keys", params, transport.NotReplaySafe, opts)
}

// Update changes an API key's claims, scopes, description, subject or
// lifetime.
//
// API: PATCH /api_keys/{apiKeyID} (updateApiKey)
func (s *APIKeyService) Update(ctx context.Context, apiKeyID string, params *UpdateAPIKeyParams, opts ...core.RequestOption) (*APIKey, error) {
	if params == nil {
		params = &UpdateAPIKeyParams{}
	}
	if params.Claims != nil {
		if _, err := transport.ObjectJSON("params.Claims", params.Claims); err != nil {
			return nil, err
		}
	}
	return callOn[APIKey](ctx, s.b, http.MethodPatch, apiKeyPath, params, transport.ReplayByMethod, opts, apiKeyID)
}

// Delete removes an API key.
//
// API: DELETE /api_keys/{apiKeyID} (deleteApiKey)
func (s *APIKeyService) Delete(ctx context.Context, apiKeyID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	return callOn[core.DeletedObject](ctx, s.b, http.MethodDelete, apiKeyPath, nil, transport.ReplayByMethod, opts, apiKeyID)
}

// GetSecret returns an API key's secret.
//
// API: GET /api_keys/{apiKeyID}/secret (getApiKeySecret)
func (s *APIKeyService) GetSecret(ctx context.Context, apiKeyID string, opts ...core.RequestOption) (*APIKeySecret, error) {
	return callOn[APIKeySecret](ctx, s.b, http.MethodGet, apiKeyPath+"/secret", nil, transport.ReplayByMethod, opts, apiKeyID)
}

// Revoke revokes an API key: it stops working at once. Revoking twice
// lands on the same state, so it is replayed on transient failures.
//
// API: POST /api_keys/{apiKeyID}/revoke (revokeApiKey)
func (s *APIKeyService) Revoke(ctx context.Context, apiKeyID string, params *RevokeParams, opts ...core.RequestOption) (*APIKey, error) {
	if params == nil {
		params = &RevokeParams{}
	}
	return callOn[APIKey](ctx, s.b, http.MethodPost, apiKeyPath+"/revoke", params, transport.ReplaySafe, opts, apiKeyID)
}

// Verify checks an API key's secret (ak_...) and returns the key; a
// revoked, expired or unknown secret fails (404). It changes nothing, so
// it is replayed like a read. clerkhttp calls it through a Verifier, with
// a cache.
//
// API: POST /api_keys/verify (verifyApiKey)
func (s *APIKeyService) Verify(ctx context.Context, secret string, opts ...core.RequestOption) (*APIKey, error) {
	if err := transport.ValidateID("secret", secret); err != nil {
		return nil, err
	}
	body := struct {
		Secret string `json:"secret"`
	}{secret}
	return transport.Call[APIKey](ctx, s.b, http.MethodPost, "/api_keys/verify", body, transport.ReplaySafe, opts)
}
