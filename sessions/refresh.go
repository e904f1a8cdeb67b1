package sessions

import (
	"context"
	"net/http"
	"strings"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Refresh formats (RefreshParams.Format).
const (
	RefreshFormatToken  = "token"
	RefreshFormatCookie = "cookie"
)

// RefreshParams carry what a backend saw on the request whose session
// token had expired.
type RefreshParams struct {
	// ExpiredToken is the expired JWT from the __session cookie; it must
	// belong to the session. Required.
	ExpiredToken string `json:"expired_token"`
	// RefreshToken is the value of the __refresh cookie. Required.
	RefreshToken string `json:"refresh_token"`
	// RequestOrigin is the origin of the request. Required.
	RequestOrigin string `json:"request_origin"`
	// RequestHeaders are the request's headers; an http.Header can be
	// assigned as is.
	RequestHeaders map[string][]string `json:"request_headers,omitempty"`
	// Format picks the answer: RefreshFormatToken (a JWT, the API
	// default) or RefreshFormatCookie (Set-Cookie directives).
	Format string `json:"format,omitempty"`
	// RequestOriginatingIP is the client's IP address.
	RequestOriginatingIP string `json:"request_originating_ip,omitempty"`
}

// RefreshResult is a refreshed session: a token (Object "token", JWT set)
// or cookies (Object "cookies", Cookies set), depending on the format
// asked for.
type RefreshResult struct {
	Object string `json:"object"`
	// JWT is the new session token when Object is "token".
	JWT string `json:"jwt,omitempty"`
	// Cookies are Set-Cookie directives when Object is "cookies".
	Cookies []string `json:"cookies,omitempty"`
}

// Refresh mints a new session token from an expired one and the refresh
// token, the way Clerk's frontend handshake does. The API answers 401 when
// the inputs do not check out (matching clerk.ErrUnauthorized): fall back
// to the handshake then. It is not replayed after it may have reached the
// API.
//
// API: POST /sessions/{session_id}/refresh (RefreshSession)
func (s *Service) Refresh(ctx context.Context, sessionID string, params *RefreshParams, opts ...core.RequestOption) (*RefreshResult, error) {
	path, err := transport.Path("/sessions/{session_id}/refresh", sessionID)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil")
	}
	for _, f := range []struct{ name, v string }{
		{"expired_token", params.ExpiredToken},
		{"refresh_token", params.RefreshToken},
		{"request_origin", params.RequestOrigin},
	} {
		if strings.TrimSpace(f.v) == "" {
			return nil, transport.Invalid(f.name, "must not be empty")
		}
	}
	out := new(RefreshResult)
	req := &transport.Request{Method: http.MethodPost, Path: path, Body: params, Replay: transport.NotReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, out); err != nil {
		return nil, err
	}
	return out, nil
}
