package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// Get returns one user.
//
// API: GET /users/{user_id} (GetUser)
func (s *Service) Get(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}", userID)
	if err != nil {
		return nil, err
	}
	u := new(User)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, u); err != nil {
		return nil, err
	}
	return u, nil
}
