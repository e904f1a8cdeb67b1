package sessions

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Get returns one session.
//
// API: GET /sessions/{session_id} (GetSession)
func (s *Service) Get(ctx context.Context, sessionID string, opts ...core.RequestOption) (*Session, error) {
	path, err := transport.Path("/sessions/{session_id}", sessionID)
	if err != nil {
		return nil, err
	}
	sess := new(Session)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, sess); err != nil {
		return nil, err
	}
	return sess, nil
}

// Revoke ends a session: the user must sign in again on that client. It
// sends no body and is replay-safe; when a replayed attempt is refused,
// Revoke reads the session and reports success if it is revoked.
//
// API: POST /sessions/{session_id}/revoke (RevokeSession)
func (s *Service) Revoke(ctx context.Context, sessionID string, opts ...core.RequestOption) (*Session, error) {
	path, err := transport.Path("/sessions/{session_id}/revoke", sessionID)
	if err != nil {
		return nil, err
	}
	sess := new(Session)
	err = s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, Replay: transport.ReplaySafe, Options: opts}, sess)
	if err == nil {
		return sess, nil
	}
	if transport.ReplayedRefusal(err) {
		if got, gerr := s.Get(ctx, sessionID, opts...); gerr == nil && got.Status == StatusRevoked {
			return got, nil
		}
	}
	return nil, err
}
