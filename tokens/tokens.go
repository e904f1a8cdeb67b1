package tokens

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Token statuses, for SignInToken.Status and ActorToken.Status.
const (
	StatusPending  = "pending"
	StatusAccepted = "accepted"
	StatusRevoked  = "revoked"
)

// AlreadyRevoked reports whether err is the API's refusal to revoke a
// token that is no longer pending (already revoked or already used): a
// 400 whose error code ends in "_cannot_be_revoked". After a replayed
// revoke (the *core.APIError's Attempts > 1) it most likely means the
// first attempt succeeded.
func AlreadyRevoked(err error) bool {
	var e *core.APIError
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest {
		return false
	}
	for _, d := range e.Errors {
		if strings.HasSuffix(d.Code, "_cannot_be_revoked") {
			return true
		}
	}
	return false
}

// seconds converts a duration for a body field counted in whole seconds:
// zero leaves the field out; a negative or sub-second duration is refused.
func seconds(field string, d time.Duration) (*int64, error) {
	switch {
	case d == 0:
		return nil, nil
	case d < time.Second:
		return nil, transport.Invalid(field, "must be at least one second, got %s", d)
	}
	n := int64(d / time.Second)
	return &n, nil
}

// SignInToken lets a user sign in without credentials, once: pass Token
// to the frontend's ticket strategy or send the user to URL.
type SignInToken struct {
	// Object is "sign_in_token".
	Object string `json:"object"`
	ID     string `json:"id"`
	UserID string `json:"user_id"`
	// Status is StatusPending, StatusAccepted or StatusRevoked.
	Status string `json:"status"`
	// Token is the secret ticket; only Create returns it.
	Token string `json:"token,omitempty"`
	// URL signs the user in when visited; only Create returns it.
	URL       *string   `json:"url,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond instants.
func (t *SignInToken) UnmarshalJSON(b []byte) error {
	type plain SignInToken
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(t), transport.Millis{T: &t.CreatedAt}, transport.Millis{T: &t.UpdatedAt}})
}

// CreateSignInTokenParams is the body of SignInTokenService.Create.
type CreateSignInTokenParams struct {
	// UserID is the user the token signs in (required).
	UserID string
	// ExpiresIn is the token's lifetime in whole seconds; zero means the
	// API's default of 30 days.
	ExpiresIn time.Duration
	// OrgID is an organization to activate at sign-in; the user must be a
	// member of it.
	OrgID string
}

type createSignInTokenBody struct {
	UserID           string `json:"user_id"`
	ExpiresInSeconds *int64 `json:"expires_in_seconds,omitempty"`
	OrgID            string `json:"org_id,omitempty"`
}

// SignInTokenService creates and revokes sign-in tokens. It is safe for
// concurrent use.
type SignInTokenService struct {
	b *transport.Backend
}

// NewSignInTokenService returns a SignInTokenService on b. Users get one
// from clerk.NewClient (client.SignInTokens).
func NewSignInTokenService(b *transport.Backend) *SignInTokenService {
	return &SignInTokenService{b: b}
}

// Create mints a sign-in token for a user. It is never replayed after it
// may have reached the server.
//
// API: POST /sign_in_tokens (CreateSignInToken)
func (s *SignInTokenService) Create(ctx context.Context, params *CreateSignInTokenParams, opts ...core.RequestOption) (*SignInToken, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: user_id is required")
	}
	if err := transport.ValidateID("user_id", params.UserID); err != nil {
		return nil, err
	}
	exp, err := seconds("expires_in_seconds", params.ExpiresIn)
	if err != nil {
		return nil, err
	}
	body := &createSignInTokenBody{UserID: params.UserID, ExpiresInSeconds: exp, OrgID: params.OrgID}
	return send[SignInToken](ctx, s.b, http.MethodPost, "/sign_in_tokens", body, transport.NotReplaySafe, opts)
}

// Revoke revokes a pending sign-in token. It sends no body and is
// replay-safe. Revoking a token that is no longer pending is refused with
// a 400 that AlreadyRevoked recognises.
//
// API: POST /sign_in_tokens/{sign_in_token_id}/revoke (RevokeSignInToken)
func (s *SignInTokenService) Revoke(ctx context.Context, signInTokenID string, opts ...core.RequestOption) (*SignInToken, error) {
	return send[SignInToken](ctx, s.b, http.MethodPost, "/sign_in_tokens/{sign_in_token_id}/revoke", nil, transport.ReplaySafe, opts, signInTokenID)
}

// ActorToken lets an actor (an admin or support agent) sign in as another
// user: impersonation. The session it creates carries the actor's claims
// in its "act" claim.
type ActorToken struct {
	// Object is "actor_token".
	Object string `json:"object"`
	ID     string `json:"id"`
	// UserID is the impersonated user.
	UserID string `json:"user_id"`
	// Actor is the actor payload as created (it holds at least "sub"),
	// raw JSON.
	Actor json.RawMessage `json:"actor"`
	// Status is StatusPending, StatusAccepted or StatusRevoked.
	Status string `json:"status"`
	// Token is the secret ticket; only Create returns it.
	Token string `json:"token,omitempty"`
	// URL starts the impersonation when visited; only Create returns it.
	URL       string    `json:"url,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond instants.
func (t *ActorToken) UnmarshalJSON(b []byte) error {
	type plain ActorToken
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt transport.Millis `json:"created_at"`
		UpdatedAt transport.Millis `json:"updated_at"`
	}{(*plain)(t), transport.Millis{T: &t.CreatedAt}, transport.Millis{T: &t.UpdatedAt}})
}

// CreateActorTokenParams is the body of ActorTokenService.Create. UserID
// and Actor are required.
type CreateActorTokenParams struct {
	// UserID is the user to impersonate.
	UserID string `json:"user_id"`
	// Actor is the actor's claims: anything that marshals to a JSON object
	// with a non-empty "sub" (the actor's ID), e.g.
	// map[string]any{"sub": adminUserID}. It is copied into the session
	// token.
	Actor any `json:"actor"`
	// ExpiresIn is the token's lifetime in whole seconds; zero means the
	// API's default of one hour.
	ExpiresIn time.Duration
	// SessionMaxDuration bounds the session the token creates, in whole
	// seconds; zero means the API's default of 30 minutes.
	SessionMaxDuration time.Duration
}

type createActorTokenBody struct {
	UserID                      string          `json:"user_id"`
	Actor                       json.RawMessage `json:"actor"`
	ExpiresInSeconds            *int64          `json:"expires_in_seconds,omitempty"`
	SessionMaxDurationInSeconds *int64          `json:"session_max_duration_in_seconds,omitempty"`
}

// ActorTokenService creates and revokes actor tokens. It is safe for
// concurrent use.
type ActorTokenService struct {
	b *transport.Backend
}

// NewActorTokenService returns an ActorTokenService on b. Users get one
// from clerk.NewClient (client.ActorTokens).
func NewActorTokenService(b *transport.Backend) *ActorTokenService {
	return &ActorTokenService{b: b}
}

// Create mints an actor token to impersonate a user. It is never replayed
// after it may have reached the server. Impersonation is a paid feature:
// on a plan without it the API answers 402 (clerk.ErrPaymentRequired).
//
// API: POST /actor_tokens (CreateActorToken)
func (s *ActorTokenService) Create(ctx context.Context, params *CreateActorTokenParams, opts ...core.RequestOption) (*ActorToken, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: user_id and actor are required")
	}
	if err := transport.ValidateID("user_id", params.UserID); err != nil {
		return nil, err
	}
	actor, err := transport.ObjectJSON("actor", params.Actor)
	if err != nil {
		return nil, err
	}
	if actor == nil {
		return nil, transport.Invalid("actor", "is required")
	}
	var claims struct {
		Sub any `json:"sub"`
	}
	if err := json.Unmarshal(actor, &claims); err != nil {
		return nil, transport.Invalid("actor", "cannot be read back: %v", err)
	}
	if sub, ok := claims.Sub.(string); !ok || strings.TrimSpace(sub) == "" {
		return nil, transport.Invalid("actor", `must hold a non-empty string "sub" (the actor's ID)`)
	}
	body := &createActorTokenBody{UserID: params.UserID, Actor: actor}
	if body.ExpiresInSeconds, err = seconds("expires_in_seconds", params.ExpiresIn); err != nil {
		return nil, err
	}
	if body.SessionMaxDurationInSeconds, err = seconds("session_max_duration_in_seconds", params.SessionMaxDuration); err != nil {
		return nil, err
	}
	return send[ActorToken](ctx, s.b, http.MethodPost, "/actor_tokens", body, transport.NotReplaySafe, opts)
}

// Revoke revokes a pending actor token. It sends no body and is
// replay-safe. Revoking a token that is no longer pending is refused with
// a 400 that AlreadyRevoked recognises.
//
// API: POST /actor_tokens/{actor_token_id}/revoke (RevokeActorToken)
func (s *ActorTokenService) Revoke(ctx context.Context, actorTokenID string, opts ...core.RequestOption) (*ActorToken, error) {
	return send[ActorToken](ctx, s.b, http.MethodPost, "/actor_tokens/{actor_token_id}/revoke", nil, transport.ReplaySafe, opts, actorTokenID)
}

// TestingToken lets end-to-end tests bypass the bot protection of a
// development instance: pass Token as the __clerk_testing_token query
// parameter of Frontend API requests.
type TestingToken struct {
	// Object is "testing_token".
	Object string `json:"object"`
	Token  string `json:"token"`
	// ExpiresAt is when the token stops working.
	ExpiresAt time.Time `json:"expires_at"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond expires_at.
func (t *TestingToken) UnmarshalJSON(b []byte) error {
	type plain TestingToken
	return json.Unmarshal(b, &struct {
		*plain
		ExpiresAt transport.Millis `json:"expires_at"`
	}{(*plain)(t), transport.Millis{T: &t.ExpiresAt}})
}

// TestingTokenService creates testing tokens. It is safe for concurrent
// use.
type TestingTokenService struct {
	b *transport.Backend
}

// NewTestingTokenService returns a TestingTokenService on b. Users get
// one from clerk.NewClient (client.TestingTokens).
func NewTestingTokenService(b *transport.Backend) *TestingTokenService {
	return &TestingTokenService{b: b}
}

// Create retrieves a new testing token (development instances only). It
// is never replayed after it may have reached the server.
//
// API: POST /testing_tokens (CreateTestingToken)
func (s *TestingTokenService) Create(ctx context.Context, opts ...core.RequestOption) (*TestingToken, error) {
	return send[TestingToken](ctx, s.b, http.MethodPost, "/testing_tokens", nil, transport.NotReplaySafe, opts)
}
