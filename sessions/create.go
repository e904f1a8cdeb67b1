package sessions

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// CreateParams describe a session to create.
type CreateParams struct {
	// UserID is the user the session signs in. Required.
	UserID string `json:"user_id"`
	// ActiveOrganizationID sets the session's active organization.
	ActiveOrganizationID string `json:"active_organization_id,omitempty"`
}

// Create starts an active session for a user, without a sign-in. It is
// meant for tests and works on development instances only; in production
// use sign-in tokens instead. It is not replayed after it may have reached
// the API.
//
// API: POST /sessions (createSession)
func (s *Service) Create(ctx context.Context, params *CreateParams, opts ...core.RequestOption) (*Session, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	if err := transport.ValidateID("user_id", params.UserID); err != nil {
		return nil, err
	}
	if params.ActiveOrganizationID != "" {
		if err := transport.ValidateID("active_organization_id", params.ActiveOrganizationID); err != nil {
			return nil, err
		}
	}
	sess := new(Session)
	req := &transport.Request{Method: http.MethodPost, Path: "/sessions", Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, sess); err != nil {
		return nil, err
	}
	return sess, nil
}
