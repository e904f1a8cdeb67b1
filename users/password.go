package users

import (
	"context"
	"errors"
	"fmt"
	"github.com/clerkgo/clerk/core"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// VerifyPasswordParams carries the password to check.
type VerifyPasswordParams struct {
	// Password is the candidate password; it must not be empty.
	Password string `json:"password"`
}

// VerifyPassword checks a password against the user's, for custom sign-in
// or re-verification flows. The API answers a wrong password with a bare
// 422, which is not a failure of the call: VerifyPassword returns
// (false, nil) for it, and (true, nil) for a match. A user without a
// password gives an error matching ErrNoPassword (and clerk.ErrBadRequest);
// an unknown user one matching clerk.ErrNotFound; a user locked out by too
// many attempts one matching clerk.ErrLocked. An empty password fails with
// clerk.ErrInvalidInput and sends nothing. The call is not replayed after it
// may have reached the API, since each attempt counts against the user's
// lockout budget.
//
// API: POST /users/{user_id}/verify_password (VerifyPassword)
func (s *Service) VerifyPassword(ctx context.Context, userID string, params *VerifyPasswordParams, opts ...core.RequestOption) (bool, error) {
	path, err := transport.Path("/users/{user_id}/verify_password", userID)
	if err != nil {
		return false, err
	}
	if params == nil || params.Password == "" {
		return false, transport.Invalid("password", "must not be empty")
	}
	var out struct {
		Verified bool `json:"verified"`
	}
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, &out); err != nil {
		return false, verifyError(err, ErrNoPassword)
	}
	return out.Verified, nil
}

// verifyError maps the bodiless answers of the verify endpoints: 422 (no
// match) is a plain "not verified", 400 (nothing to verify against) wraps
// noSecret.
func verifyError(err, noSecret error) error {
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) {
		return err
	}
	switch apiErr.StatusCode {
	case http.StatusUnprocessableEntity:
		return nil
	case http.StatusBadRequest:
		return fmt.Errorf("%w: %w", noSecret, err)
	}
	return err
}

// RemovePasswordParams tunes RemovePassword.
type RemovePasswordParams struct {
	// SignOutOfOtherSessions revokes the sessions active when the password
	// is removed (default false: they stay).
	SignOutOfOtherSessions *bool `json:"sign_out_of_other_sessions,omitempty"`
}

// RemovePassword removes the user's password without asking for it, even
// when the user has no other way to sign in. It is not replayed after it
// may have reached the API (only the retry table's listed writes are).
// params may be nil.
//
// API: POST /users/{user_id}/remove_password (RemoveUserPassword)
func (s *Service) RemovePassword(ctx context.Context, userID string, params *RemovePasswordParams, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}/remove_password", userID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &RemovePasswordParams{}
	}
	return s.userOp(ctx, &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts})
}

// SetPasswordCompromisedParams tunes SetPasswordCompromised.
type SetPasswordCompromisedParams struct {
	// RevokeAllSessions signs the user out everywhere as well.
	RevokeAllSessions *bool `json:"revoke_all_sessions,omitempty"`
}

// SetPasswordCompromised marks the user's password as compromised: the
// user must reset it at the next sign-in. Like every POST outside the
// retry table's replay-safe list, it is not replayed after it may have
// reached the API. params may be nil.
//
// API: POST /users/{user_id}/password/set_compromised (SetUserPasswordCompromised)
func (s *Service) SetPasswordCompromised(ctx context.Context, userID string, params *SetPasswordCompromisedParams, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}/password/set_compromised", userID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = &SetPasswordCompromisedParams{}
	}
	return s.userOp(ctx, &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts})
}

// UnsetPasswordCompromised clears the compromised mark. A user in
// reserved-email password quarantine stays required to reset the password.
//
// API: POST /users/{user_id}/password/unset_compromised (UnsetUserPasswordCompromised)
func (s *Service) UnsetPasswordCompromised(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}/password/unset_compromised", userID)
	if err != nil {
		return nil, err
	}
	return s.userOp(ctx, &transport.Request{Method: http.MethodPost, Path: path, Replay: transport.NotReplaySafe, Options: opts})
}
