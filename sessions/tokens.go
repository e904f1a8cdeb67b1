package sessions

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// CreateTokenParams tune a minted token. A nil *CreateTokenParams keeps
// every default.
type CreateTokenParams struct {
	// ExpiresInSeconds overrides the token's lifetime (30..315360000
	// seconds); by default a session token lives about a minute and a
	// template token as long as its template says.
	ExpiresInSeconds *int `json:"expires_in_seconds,omitempty"`
}

// CreateToken mints a session token (the JWT the frontend would send) for
// an active session, for example to call your own backend from a job on
// the user's behalf. Verify it with the jwt package. It is not replayed
// after it may have reached the API.
//
// API: POST /sessions/{session_id}/tokens (CreateSessionToken)
func (s *Service) CreateToken(ctx context.Context, sessionID string, params *CreateTokenParams) (*Token, error) {
	path, err := transport.Path("/sessions/{session_id}/tokens", sessionID)
	if err != nil {
		return nil, err
	}
	return s.mint(ctx, path, params)
}

// CreateTokenFromTemplate mints a token for a session shaped by one of the
// instance's JWT templates (for example a token for Hasura or Supabase).
// It is not replayed after it may have reached the API.
//
// API: POST /sessions/{session_id}/tokens/{template_name} (CreateSessionTokenFromTemplate)
func (s *Service) CreateTokenFromTemplate(ctx context.Context, sessionID, templateName string, params *CreateTokenParams) (*Token, error) {
	path, err := transport.Path("/sessions/{session_id}/tokens/{template_name}", sessionID, templateName)
	if err != nil {
		return nil, err
	}
	return s.mint(ctx, path, params)
}

func (s *Service) mint(ctx context.Context, path string, params *CreateTokenParams) (*Token, error) {
	if params != nil && params.ExpiresInSeconds != nil && *params.ExpiresInSeconds <= 0 {
		return nil, transport.Invalid("expires_in_seconds", "must be positive, got %d", *params.ExpiresInSeconds)
	}
	if params == nil {
		// Send {} rather than no body: the operation takes a JSON object.
		params = &CreateTokenParams{}
	}
	tok := new(Token)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.NotReplaySafe}
	if err := s.b.Do(ctx, req, tok); err != nil {
		return nil, err
	}
	return tok, nil
}
