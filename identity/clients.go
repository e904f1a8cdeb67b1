package identity

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/sessions"
)

// Client is a browser or device that a user signs in from; it holds the
// sessions started on it.
type Client struct {
	// Object is "client".
	Object string `json:"object"`
	ID     string `json:"id"`
	// SessionIDs and Sessions are the client's sessions.
	SessionIDs []string           `json:"session_ids"`
	Sessions   []sessions.Session `json:"sessions"`
	// SignInID and SignUpID are the sign-in and sign-up in progress on
	// the client, nil when none.
	SignInID *string `json:"sign_in_id"`
	SignUpID *string `json:"sign_up_id"`
	// LastActiveSessionID is the session last used on the client.
	LastActiveSessionID *string `json:"last_active_session_id"`
	// LastAuthenticationStrategy is how the client last signed in (e.g.
	// "email_code"), nil when unknown.
	LastAuthenticationStrategy *string   `json:"last_authentication_strategy"`
	UpdatedAt                  time.Time `json:"updated_at"`
	CreatedAt                  time.Time `json:"created_at"`
}

// UnmarshalJSON decodes the wire's Unix-millisecond instants.
func (c *Client) UnmarshalJSON(b []byte) error {
	type plain Client
	return json.Unmarshal(b, &struct {
		*plain
		UpdatedAt transport.Millis `json:"updated_at"`
		CreatedAt transport.Millis `json:"created_at"`
	}{(*plain)(c), transport.Millis{T: &c.UpdatedAt}, transport.Millis{T: &c.CreatedAt}})
}

// VerifyClientParams is the body of ClientService.Verify.
type VerifyClientParams struct {
	// Token is the JWT that represents the client (required).
	Token string `json:"token"`
}

// ClientService reads and verifies clients. It is safe for concurrent
// use.
type ClientService struct {
	b *transport.Backend
}

// NewClientService returns a ClientService on b. Users get one from
// clerk.NewClient (client.Clients).
func NewClientService(b *transport.Backend) *ClientService { return &ClientService{b: b} }

// Get reads one client by its ID.
//
// API: GET /clients/{client_id} (GetClient)
func (s *ClientService) Get(ctx context.Context, clientID string, opts ...core.RequestOption) (*Client, error) {
	return send[Client](ctx, s.b, http.MethodGet, "/clients/{client_id}", nil, transport.ReplayByMethod, opts, clientID)
}

// Verify checks a client token and returns the client it represents. It
// changes nothing, so it is replay-safe.
//
// API: POST /clients/verify (VerifyClient)
func (s *ClientService) Verify(ctx context.Context, params *VerifyClientParams, opts ...core.RequestOption) (*Client, error) {
	if params == nil {
		return nil, transport.Invalid("params", "must not be nil: token is required")
	}
	if err := transport.ValidateID("token", params.Token); err != nil {
		return nil, err
	}
	return send[Client](ctx, s.b, http.MethodPost, "/clients/verify", params, transport.ReplaySafe, opts)
}
