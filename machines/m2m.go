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

// Token formats of M2M tokens.
const (
	// FormatOpaque tokens (mt_...) are checked by the API (Verify).
	FormatOpaque = "opaque"
	// FormatJWT tokens are signed by the instance key and can be checked
	// without a request (jwt, clerkhttp).
	FormatJWT = "jwt"
)

// M2MTokenService manages machine-to-machine tokens (client.M2MTokens).
// It is safe for concurrent use.
type M2MTokenService struct {
	b *transport.Backend
}

// NewM2MTokenService returns an M2MTokenService on b; clerk.NewClient
// builds it.
func NewM2MTokenService(b *transport.Backend) *M2MTokenService { return &M2MTokenService{b: b} }

// M2MTokenAPI is every operation of M2MTokenService, for fakes (embed
// UnimplementedM2MTokens).
type M2MTokenAPI interface {
	Create(ctx context.Context, params *CreateM2MTokenParams, opts ...core.RequestOption) (*M2MToken, error)
	List(ctx context.Context, params *ListM2MTokensParams, opts ...core.RequestOption) (*pagination.Page[M2MToken], error)
	All(ctx context.Context, params *ListM2MTokensParams, opts ...core.RequestOption) iter.Seq2[*M2MToken, error]
	Revoke(ctx context.Context, tokenID string, params *RevokeParams, opts ...core.RequestOption) (*M2MToken, error)
	Verify(ctx context.Context, token string, opts ...core.RequestOption) (*M2MToken, error)
}

var _ M2MTokenAPI = (*M2MTokenService)(nil)

// WithMachineSecret makes a call as a machine, with its secret key as the
// bearer token instead of the instance's secret key. M2MTokens.Create
// needs it: the token is made for the machine that asks. List, Revoke and
// Verify take it too, and then see only what concerns that machine (its
// own tokens; for Verify, the tokens scoped to it).
//
//	tok, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(machineSecret))
func WithMachineSecret(secret string) core.RequestOption {
	return func(s *core.RequestSettings) { s.BearerToken = secret }
}

// CreateM2MTokenParams describes a new M2M token; nil makes an opaque
// token with the machine's default lifetime.
type CreateM2MTokenParams struct {
	// Format is FormatOpaque (default) or FormatJWT.
	Format string `json:"token_format,omitempty"`
	// ExpiresIn is the token's lifetime (whole seconds, rounded up); zero
	// keeps the machine's default. Sent as seconds_until_expiration.
	ExpiresIn time.Duration `json:"-"`
	// Claims are custom claims, any value that marshals to a JSON object.
	Claims any `json:"claims,omitempty"`
	// MinRemainingTTL lets the API hand back an existing opaque token with
	// the same claims and at least this much lifetime left, instead of a
	// new one (whole seconds, rounded up; zero always makes a new token).
	// It must be shorter than the token's lifetime. Sent as
	// min_remaining_ttl_seconds.
	MinRemainingTTL time.Duration `json:"-"`
}

// MarshalJSON renders the API's body (durations in seconds).
func (p CreateM2MTokenParams) MarshalJSON() ([]byte, error) {
	type plain CreateM2MTokenParams
	return json.Marshal(struct {
		plain
		SecondsUntilExpiration *int64 `json:"seconds_until_expiration,omitempty"`
		MinRemainingTTLSeconds *int64 `json:"min_remaining_ttl_seconds,omitempty"`
	}{plain(p), seconds(p.ExpiresIn), seconds(p.MinRemainingTTL)})
}

// ListM2MTokensParams filters the M2M tokens of one machine.
type ListM2MTokensParams struct {
	// Subject is the machine whose tokens are listed (mch_...). It is
	// required: the API lists the tokens of one machine at a time (the
	// spec makes subject a required query parameter, and a call with a
	// machine's secret key sees only that machine's tokens anyway), so
	// List and All refuse an empty Subject before sending anything.
	Subject string `query:"subject"`
	// Revoked and Expired keep (true) or drop (false) revoked or expired
	// tokens; nil keeps both.
	Revoked *bool `query:"revoked"`
	Expired *bool `query:"expired"`
	Limit   int   `query:"limit"`
	Offset  int   `query:"offset"`
}

// Create makes an M2M token for the machine whose secret key the call
// carries (WithMachineSecret); the answer carries the token. It is not
// replayed after it may have reached the API.
//
// API: POST /m2m_tokens (createM2MToken)
func (s *M2MTokenService) Create(ctx context.Context, params *CreateM2MTokenParams, opts ...core.RequestOption) (*M2MToken, error) {
	if params == nil {
		params = &CreateM2MTokenParams{}
	}
	if params.Format != "" && params.Format != FormatOpaque && params.Format != FormatJWT {
		return nil, transport.Invalid("params.Format", "must be %q or %q", FormatOpaque, FormatJWT)
	}
	if params.Claims != nil {
		if _, err := transport.ObjectJSON("params.Claims", params.Claims); err != nil {
			return nil, err
		}
	}
	return transport.Call[M2MToken](ctx, s.b, http.MethodPost, "/m2m_tokens", params, transport.NotReplaySafe, opts)
}

// List returns one page of a machine's M2M tokens (params.Subject, which
// is required) with the total count. Only opaque tokens are listed: JWT
// tokens are not stored.
//
// API: GET /m2m_tokens (getM2MTokens)
func (s *M2MTokenService) List(ctx context.Context, params *ListM2MTokensParams, opts ...core.RequestOption) (*pagination.Page[M2MToken], error) {
	if err := checkListM2M(params); err != nil {
		return nil, err
	}
	return transport.List[M2MToken](ctx, s.b, "/m2m_tokens", params, opts...)
}

// All walks every M2M token of a machine (params.Subject, which is
// required), lazily, page by page.
//
// API: GET /m2m_tokens (getM2MTokens)
func (s *M2MTokenService) All(ctx context.Context, params *ListM2MTokensParams, opts ...core.RequestOption) iter.Seq2[*M2MToken, error] {
	if err := checkListM2M(params); err != nil {
		return transport.Fail[M2MToken](err)
	}
	return transport.All[M2MToken](ctx, s.b, "/m2m_tokens", transport.Envelope, params, opts)
}

// checkListM2M refuses a list call without the machine it lists.
func checkListM2M(params *ListM2MTokensParams) error {
	if params == nil {
		return transport.Invalid("params.Subject", "is required")
	}
	return transport.ValidateID("params.Subject", params.Subject)
}

// Revoke revokes an M2M token by its ID: it stops working at once.
// Revoking twice lands on the same state, so it is replayed on transient
// failures.
//
// API: POST /m2m_tokens/{m2m_token_id}/revoke (revokeM2MToken)
func (s *M2MTokenService) Revoke(ctx context.Context, tokenID string, params *RevokeParams, opts ...core.RequestOption) (*M2MToken, error) {
	if params == nil {
		params = &RevokeParams{}
	}
	return callOn[M2MToken](ctx, s.b, http.MethodPost, "/m2m_tokens/{m2m_token_id}/revoke", params, transport.ReplaySafe, opts, tokenID)
}

// Verify checks an M2M token (mt_... or a JWT) and returns it; a revoked,
// expired or unknown token fails (404). It changes nothing, so it is
// replayed like a read.
//
// API: POST /m2m_tokens/verify (verifyM2MToken)
func (s *M2MTokenService) Verify(ctx context.Context, token string, opts ...core.RequestOption) (*M2MToken, error) {
	if err := transport.ValidateID("token", token); err != nil {
		return nil, err
	}
	body := struct {
		Token string `json:"token"`
	}{token}
	return transport.Call[M2MToken](ctx, s.b, http.MethodPost, "/m2m_tokens/verify", body, transport.ReplaySafe, opts)
}

// OAuthAccessTokenService verifies OAuth access tokens the instance issued
// (client.OAuthAccessTokens). It is safe for concurrent use.
type OAuthAccessTokenService struct {
	b *transport.Backend
}

// NewOAuthAccessTokenService returns an OAuthAccessTokenService on b;
// clerk.NewClient builds it.
func NewOAuthAccessTokenService(b *transport.Backend) *OAuthAccessTokenService {
	return &OAuthAccessTokenService{b: b}
}

// OAuthAccessTokenAPI is every operation of OAuthAccessTokenService, for
// fakes (embed UnimplementedOAuthAccessTokens).
type OAuthAccessTokenAPI interface {
	Verify(ctx context.Context, token string, opts ...core.RequestOption) (*OAuthAccessToken, error)
}

var _ OAuthAccessTokenAPI = (*OAuthAccessTokenService)(nil)

// Verify checks an OAuth access token (oat_... or a JWT) and returns it; a
// revoked, expired or unknown token fails (404), and a JWT the API
// answers as inactive ({"active": false}) fails with ErrTokenInvalid. It
// changes nothing, so it is replayed like a read.
//
// API: POST /oauth_applications/access_tokens/verify (verifyOAuthAccessToken)
func (s *OAuthAccessTokenService) Verify(ctx context.Context, token string, opts ...core.RequestOption) (*OAuthAccessToken, error) {
	if err := transport.ValidateID("token", token); err != nil {
		return nil, err
	}
	body := struct {
		AccessToken string `json:"access_token"`
	}{token}
	t, err := transport.Call[OAuthAccessToken](ctx, s.b, http.MethodPost, "/oauth_applications/access_tokens/verify", body, transport.ReplaySafe, opts)
	if err != nil {
		return nil, err
	}
	if t.Active != nil && !*t.Active {
		return nil, ErrTokenInvalid
	}
	return t, nil
}
