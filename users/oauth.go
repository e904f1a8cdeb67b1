package users

import (
	"context"
	"encoding/json"
	"github.com/clerkgo/clerk/core"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// OAuthAccessToken is a user's access token at an OAuth provider, for
// calling that provider's API on the user's behalf.
type OAuthAccessToken struct {
	Object            string `json:"object"`
	ExternalAccountID string `json:"external_account_id"`
	// ProviderUserID is the user's ID at the provider.
	ProviderUserID string `json:"provider_user_id"`
	Token          string `json:"token"`
	// ExpiresAt is nil when the token does not expire.
	ExpiresAt      *time.Time      `json:"expires_at"`
	Provider       string          `json:"provider"`
	PublicMetadata json.RawMessage `json:"public_metadata"`
	Label          *string         `json:"label"`
	// Scopes is only sent for OAuth 2.0 tokens.
	Scopes []string `json:"scopes,omitempty"`
	// IDToken is only sent by OIDC providers that issue one.
	IDToken string `json:"id_token,omitempty"`
	// TokenSecret is only sent for OAuth 1.0 tokens.
	TokenSecret string `json:"token_secret,omitempty"`
}

// ListOAuthAccessTokensParams pages ListOAuthAccessTokens. The API answers a
// bare array unless Paginated is true (then the page has a total).
type ListOAuthAccessTokensParams struct {
	Paginated bool `query:"paginated"`
	// Limit (0: the API's default) and Offset page the list.
	Limit  int `query:"limit"`
	Offset int `query:"offset"`
}

// ListOAuthAccessTokens returns the user's access tokens for one OAuth
// provider (e.g. "oauth_google"), one per linked account of that provider.
// An expired OAuth 2.0 token is refreshed by the API when it holds a
// refresh token. params may be nil.
//
// API: GET /users/{user_id}/oauth_access_tokens/{provider} (GetOAuthAccessToken)
func (s *Service) ListOAuthAccessTokens(ctx context.Context, userID, provider string, params *ListOAuthAccessTokensParams, opts ...core.RequestOption) (*pagination.Page[OAuthAccessToken], error) {
	path, err := transport.Path("/users/{user_id}/oauth_access_tokens/{provider}", userID, provider)
	if err != nil {
		return nil, err
	}
	return transport.List[OAuthAccessToken](ctx, s.b, path, params, opts...)
}
