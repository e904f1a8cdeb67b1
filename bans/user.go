package bans

import (
	"context"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/users"
)

// Ban marks a user as banned: every session is revoked and the user cannot
// sign in again until unbanned. It sends no body and is replay-safe; when a
// replayed attempt is refused ("already banned"), Ban reads the user and
// reports success if the user is banned. Banning is a paid feature: on a
// plan without it the API answers 402 (clerk.ErrPaymentRequired).
//
// API: POST /users/{user_id}/ban (BanUser)
func (s *Service) Ban(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error) {
	return s.setState(ctx, "/users/{user_id}/ban", userID, isBanned, opts)
}

// Unban lifts a user's ban. It sends no body and is replay-safe; a refused
// replay is checked against the user's state like Ban.
//
// API: POST /users/{user_id}/unban (UnbanUser)
func (s *Service) Unban(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error) {
	return s.setState(ctx, "/users/{user_id}/unban", userID, isUnbanned, opts)
}

// Lock marks a user as locked: the user cannot sign in until the lock
// expires (its duration is an instance setting) or Unlock is called. It
// sends no body and is replay-safe; a refused replay is checked against
// the user's state like Ban.
//
// API: POST /users/{user_id}/lock (LockUser)
func (s *Service) Lock(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error) {
	return s.setState(ctx, "/users/{user_id}/lock", userID, func(u *users.User) bool { return u.Locked }, opts)
}

// Unlock removes a user's lock. It sends no body and is replay-safe; a
// refused replay is checked against the user's state like Ban.
//
// API: POST /users/{user_id}/unlock (UnlockUser)
func (s *Service) Unlock(ctx context.Context, userID string, opts ...core.RequestOption) (*users.User, error) {
	return s.setState(ctx, "/users/{user_id}/unlock", userID, func(u *users.User) bool { return !u.Locked }, opts)
}

func isBanned(u *users.User) bool   { return u.Banned }
func isUnbanned(u *users.User) bool { return !u.Banned }

// setState sends a body-less, replay-safe POST that moves one user into a
// state; done tells whether a user is in it.
func (s *Service) setState(ctx context.Context, template, userID string, done func(*users.User) bool, opts []core.RequestOption) (*users.User, error) {
	path, err := transport.Path(template, userID)
	if err != nil {
		return nil, err
	}
	u := new(users.User)
	err = s.b.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, Replay: transport.ReplaySafe, Options: opts}, u)
	if err == nil {
		return u, nil
	}
	if transport.ReplayedRefusal(err) {
		if got, gerr := s.getUser(ctx, userID, opts); gerr == nil && done(got) {
			return got, nil
		}
	}
	return nil, err
}

// getUser reads one user, to confirm the outcome of a replayed write.
func (s *Service) getUser(ctx context.Context, userID string, opts []core.RequestOption) (*users.User, error) {
	path, err := transport.Path("/users/{user_id}", userID)
	if err != nil {
		return nil, err
	}
	u := new(users.User)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Options: opts}, u); err != nil {
		return nil, err
	}
	return u, nil
}
