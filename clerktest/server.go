package clerktest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running fake of the Backend API. All its methods are safe for
// concurrent use, also while requests are in flight.
type Server struct {
	// URL is the base URL to give the SDK (clerk.WithBaseURL); it ends in
	// "/v1", like https://api.clerk.com/v1.
	URL string
	// SecretKey is the only key the fake accepts as "Authorization: Bearer".
	SecretKey string

	hs  *httptest.Server
	tb  testing.TB
	now func() time.Time
	iss string
	kid string

	// The RSA key is made on first use: most tests never sign a token, and
	// a 2048-bit key costs tens of milliseconds (more under -race).
	keyOnce sync.Once
	keyMat  *keyMaterial
	keyErr  error

	// mu guards st; every handler holds it for the whole operation, so each
	// request sees and leaves a consistent state.
	mu sync.Mutex
	st *state

	routing
	hooks     webhookHub
	ctl       control
	log       requestLog
	closeOnce sync.Once
	closed    chan struct{}
}

// Option configures a Server.
type Option func(*config)

type config struct {
	secretKey string
	now       func() time.Time
	issuer    string
	roles     map[string][]string
	templates map[string]map[string]any

	webhookSecret string
}

// WithSecretKey sets the key the fake accepts instead of a random
// sk_test_… one.
func WithSecretKey(key string) Option {
	return func(c *config) { c.secretKey = key }
}

// WithClock sets the clock used for every timestamp, expiry, the rate
// limit window and token time claims; tests that assert on created_at or
// token expiry make them deterministic with it. (Verify tokens with the
// same clock.)
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithIssuer sets the "iss" claim of the tokens the fake signs. The default
// is "https://clerk." followed by the server's host and port, so two fakes
// never share an issuer.
func WithIssuer(iss string) Option {
	return func(c *config) { c.issuer = iss }
}

// WithRole declares an organization role and its permissions, next to the
// built-in "org:admin" and "org:member". Like a real instance, the fake
// refuses memberships and invitations whose role is not declared, which
// catches "admin" written for "org:admin".
func WithRole(role string, permissions ...string) Option {
	return func(c *config) {
		if c.roles == nil {
			c.roles = map[string][]string{}
		}
		c.roles[role] = append([]string(nil), permissions...)
	}
}

// WithJWTTemplate declares a JWT template that
// POST /sessions/{id}/tokens/{name} can mint from; its claims are added to
// the standard ones (sub, iss, iat, nbf, exp, jti). A claim value that is
// a whole shortcode ("{{user.id}}", "{{user.primary_email_address}}",
// "{{user.first_name}}", "{{user.last_name}}", "{{user.username}}",
// "{{user.external_id}}", "{{user.public_metadata}}", "{{session.id}}",
// "{{org.id}}", "{{org.slug}}", "{{org.name}}", "{{org.role}}") is
// resolved. Unknown template names answer 404, as on a real instance.
func WithJWTTemplate(name string, claims map[string]any) Option {
	return func(c *config) {
		if c.templates == nil {
			c.templates = map[string]map[string]any{}
		}
		cp := make(map[string]any, len(claims))
		for k, v := range claims {
			cp[k] = v
		}
		c.templates[name] = cp
	}
}

// NewServer starts a fake for one test and closes it when the test and its
// subtests end (t.Cleanup). Setup failures end the test with t.Fatal.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := start(t, opts)
	if err != nil {
		t.Fatalf("clerktest: %v", err)
		return nil
	}
	t.Cleanup(s.Close)
	return s
}

// Start runs a fake outside tests (a demo, a local dev loop). Call Close
// when done.
func Start(opts ...Option) (*Server, error) {
	return start(nil, opts)
}

func start(tb testing.TB, opts []Option) (*Server, error) {
	cfg := config{}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.secretKey == "" {
		cfg.secretKey = "sk_test_" + randomString(40)
	}
	s := &Server{
		SecretKey: cfg.secretKey,
		tb:        tb,
		now:       cfg.now,
		kid:       "ins_" + randomString(27),
		closed:    make(chan struct{}),
	}
	s.st = newState(s.kid, cfg.roles, cfg.templates)
	if err := s.hooks.setSecret(cfg.webhookSecret); err != nil {
		return nil, err
	}
	// httptest.NewServer panics when it cannot listen; build it by hand so
	// that failure is an error.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		if l, err = net.Listen("tcp6", "[::1]:0"); err != nil {
			return nil, fmt.Errorf("listening on loopback: %w", err)
		}
	}
	s.hs = &httptest.Server{Listener: l, Config: &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}}
	s.hs.Start()
	s.URL = s.hs.URL + "/v1"
	s.iss = cfg.issuer
	if s.iss == "" {
		s.iss = "https://clerk." + strings.TrimPrefix(s.hs.URL, "http://")
	}
	return s, nil
}

// Close stops the server. It is safe to call more than once; requests
// sleeping in injected latency are cut short.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.hs.CloseClientConnections()
		s.hs.Close()
	})
}

// Issuer is the "iss" claim of the tokens the fake signs.
func (s *Server) Issuer() string { return s.iss }

// KeyID is the "kid" of the signing key (an ins_… instance id, as Clerk
// uses).
func (s *Server) KeyID() string { return s.kid }

// Client returns an *http.Client that reaches the server (the plain
// httptest client).
func (s *Server) Client() *http.Client { return s.hs.Client() }

// nowMillis is the fake's clock in Unix milliseconds.
func (s *Server) nowMillis() int64 { return s.now().UnixMilli() }
