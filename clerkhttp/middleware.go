package clerkhttp

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/clerkgo/clerk/jwt"
)

// Verifier verifies session tokens. [*jwt.Verifier] is one; tests may pass
// their own.
type Verifier interface {
	Verify(ctx context.Context, token string) (*jwt.Claims, error)
}

// DefaultCookieName is the cookie Clerk's frontend keeps the session token
// in.
const DefaultCookieName = "__session"

// Option configures [Middleware].
type Option func(*config)

type config struct {
	cookie          string
	parties         []string
	partiesSet      bool
	skipCookieCheck bool
	onFailure       FailureHandler
}

// WithCookieName reads the session token from the named cookie instead of
// "__session"; an empty name disables cookies (Bearer headers only).
func WithCookieName(name string) Option {
	return func(c *config) { c.cookie = name }
}

// WithAuthorizedParties sets the origins ("https://app.example.com") a
// cookie token's "azp" claim must be among. Without it, the parties of the
// [jwt.Verifier] are used (see [jwt.WithAuthorizedParties]).
func WithAuthorizedParties(parties ...string) Option {
	return func(c *config) {
		c.parties = append(c.parties, parties...)
		c.partiesSet = true
	}
}

// WithoutCookiePartyCheck accepts cookie tokens without checking their
// "azp" claim. This opens the door to cross-site request forgery: use it
// only when something else protects against it (SameSite=Strict cookies
// and no cross-origin embedding, or CSRF tokens).
func WithoutCookiePartyCheck() Option {
	return func(c *config) { c.skipCookieCheck = true }
}

// WithFailureHandler replaces the JSON error responses of [RequireAuth],
// [RequireRole], [RequirePermission] and [RequireClaims] for requests that
// went through this middleware.
func WithFailureHandler(h FailureHandler) Option {
	return func(c *config) { c.onFailure = h }
}

// partyLister is implemented by *jwt.Verifier.
type partyLister interface{ AuthorizedParties() []string }

// Middleware returns middleware that authenticates each request with v and
// records the outcome in its context (see [AuthFromContext] and
// [ClaimsFromContext]). It never rejects a request: wrap the routes that
// need a user with [RequireAuth], [RequireRole] or [RequirePermission].
//
// The token is taken from an "Authorization: Bearer" header when there is
// one, else from the "__session" cookie; a cookie token must pass the CSRF
// check described in the package documentation. A nil v fails closed:
// every token is refused with ReasonKeyUnavailable.
func Middleware(v Verifier, opts ...Option) func(http.Handler) http.Handler {
	if v == nil {
		v = noVerifier{}
	}
	cfg := config{cookie: DefaultCookieName, onFailure: DefaultFailureHandler}
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	if !cfg.partiesSet {
		if pl, ok := v.(partyLister); ok {
			cfg.parties = pl.AuthorizedParties()
		}
	}
	cfg.parties = slices.Clone(cfg.parties)
	if cfg.onFailure == nil {
		cfg.onFailure = DefaultFailureHandler
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a := cfg.authenticate(v, r)
			next.ServeHTTP(w, r.WithContext(withAuth(r.Context(), a)))
		})
	}
}

// authenticate finds and verifies the request's token.
func (c *config) authenticate(v Verifier, r *http.Request) *Auth {
	a := &Auth{onFailure: c.onFailure}
	token, src := c.token(r)
	a.Source = src
	if src == SourceNone {
		a.Reason = ReasonTokenMissing
		return a
	}
	claims, err := v.Verify(r.Context(), token)
	if err != nil {
		a.Reason, a.Err = reasonFor(err), err
		return a
	}
	if claims == nil {
		a.Reason = ReasonInvalidToken
		return a
	}
	if src == SourceCookie && !c.skipCookieCheck {
		switch {
		case len(c.parties) == 0:
			a.Reason = ReasonCookiePartyUnchecked
			return a
		case claims.AuthorizedParty == "" || !slices.Contains(c.parties, claims.AuthorizedParty):
			a.Reason = ReasonUnauthorizedParty
			return a
		}
	}
	a.Claims = claims
	return a
}

// token returns the request's session token and where it came from. A
// Bearer header wins over the cookie, even when empty (it then fails
// verification as malformed).
func (c *config) token(r *http.Request) (string, TokenSource) {
	if h := r.Header.Get("Authorization"); h != "" {
		if tok, ok := bearer(h); ok {
			return tok, SourceHeader
		}
	}
	if c.cookie != "" {
		if ck, err := r.Cookie(c.cookie); err == nil && ck.Value != "" {
			return ck.Value, SourceCookie
		}
	}
	return "", SourceNone
}

// bearer extracts the token of a "Bearer" Authorization header value; the
// scheme is case-insensitive.
func bearer(h string) (string, bool) {
	const scheme = "Bearer"
	if len(h) < len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return "", false
	}
	rest := h[len(scheme):]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false // another scheme, such as "Bearerx"
	}
	return strings.Trim(rest, " \t"), true
}

// noVerifier stands in for a nil Verifier: it refuses every token, so a
// wiring mistake locks the API rather than opening it or crashing.
type noVerifier struct{}

func (noVerifier) Verify(context.Context, string) (*jwt.Claims, error) {
	return nil, fmt.Errorf("%w: clerkhttp.Middleware was given a nil Verifier", jwt.ErrKeyUnavailable)
}
