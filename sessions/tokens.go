package sessions

import (
	"context"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// CreateTokenParams tune a minted token. A nil *CreateTokenParams keeps
// every default.
type CreateTokenParams struct {
	// ExpiresIn overrides the token's lifetime, a whole number of seconds
	// (the API accepts 30 s to 10 years); zero keeps the default: a
	// session token lives about a minute and a template token as long as
	// its template says.
	ExpiresIn time.Duration
}

// tokenBody is the wire form of CreateTokenParams.
type tokenBody struct {
	ExpiresInSeconds int64 `json:"expires_in_seconds,omitempty"`
}

func (p *CreateTokenParams) body() (*tokenBody, error) {
	if p == nil {
		// Send {} rather than no body: the operation takes a JSON object.
		return &tokenBody{}, nil
	}
	switch {
	case p.ExpiresIn < 0:
		return nil, transport.Invalid("ExpiresIn", "must not be negative, got %v", p.ExpiresIn)
	case p.ExpiresIn%time.Second != 0:
		return nil, transport.Invalid("ExpiresIn", "must be a whole number of seconds, got %v", p.ExpiresIn)
	}
	return &tokenBody{ExpiresInSeconds: int64(p.ExpiresIn / time.Second)}, nil
}

// CreateToken mints a session token (the JWT the frontend would send) for
// an active session, for example to call your own backend from a job on
// the user's behalf. Verify it with the jwt package. It is not replayed
// after it may have reached the API.
//
// API: POST /sessions/{session_id}/tokens (CreateSessionToken)
func (s *Service) CreateToken(ctx context.Context, sessionID string, params *CreateTokenParams, opts ...core.RequestOption) (*Token, error) {
	path, err := transport.Path("/sessions/{session_id}/tokens", sessionID)
	if err != nil {
		return nil, err
	}
	return s.mint(ctx, path, params, opts)
}

// CreateTokenFromTemplate mints a token for a session shaped by one of the
// instance's JWT templates (for example a token for Hasura or Supabase).
// It is not replayed after it may have reached the API.
//
// API: POST /sessions/{session_id}/tokens/{template_name} (CreateSessionTokenFromTemplate)
func (s *Service) CreateTokenFromTemplate(ctx context.Context, sessionID, templateName string, params *CreateTokenParams, opts ...core.RequestOption) (*Token, error) {
	path, err := transport.Path("/sessions/{session_id}/tokens/{template_name}", sessionID, templateName)
	if err != nil {
		return nil, err
	}
	return s.mint(ctx, path, params, opts)
}

func (s *Service) mint(ctx context.Context, path string, params *CreateTokenParams, opts []core.RequestOption) (*Token, error) {
	body, err := params.body()
	if err != nil {
		return nil, err
	}
	tok := new(Token)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: body, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, tok); err != nil {
		return nil, err
	}
	return tok, nil
}
