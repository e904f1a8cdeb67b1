package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// Delete deletes the user. When a replay (after a lost answer) finds the
// user already gone, the 404 means the first attempt worked, and Delete
// reports success.
//
// API: DELETE /users/{user_id} (DeleteUser)
func (s *Service) Delete(ctx context.Context, userID string, opts ...core.RequestOption) (*core.DeletedObject, error) {
	path, err := transport.Path("/users/{user_id}", userID)
	if err != nil {
		return nil, err
	}
	return s.deleteObject(ctx, path, "user", userID, opts)
}

// deleteObject sends a replay-safe DELETE answered by a DeletedObject. A
// 404 that answers a replay is the trace of an earlier attempt that
// succeeded, so it becomes a synthesized DeletedObject.
func (s *Service) deleteObject(ctx context.Context, path, object, id string, opts []core.RequestOption) (*core.DeletedObject, error) {
	d := new(core.DeletedObject)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Replay: transport.ReplaySafe, Options: opts}, d); err != nil {
		if transport.ReplayedNotFound(err) {
			return &core.DeletedObject{Object: object, ID: id, Deleted: true}, nil
		}
		return nil, err
	}
	return d, nil
}

// userOp sends a request answered by a User.
func (s *Service) userOp(ctx context.Context, req *transport.Request) (*User, error) {
	u := new(User)
	if err := s.b.Do(ctx, req, u); err != nil {
		return nil, err
	}
	return u, nil
}
