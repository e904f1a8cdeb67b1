package clerkhttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/clerkgo/clerk/jwt"
)

// Verifier verifies session tokens. [*jwt.Verifier] is one; tests may pass
// their own. A Verifier that also has jwt.Verifier's VerifyToken method
// verifies JWT-format machine tokens too.
type Verifier interface {
	Verify(ctx context.Context, token string) (*jwt.Claims, error)
}

// tokenVerifier is implemented by *jwt.Verifier: one call verifies a JWT
// of any kind and says which kind it was.
type tokenVerifier interface {
	VerifyToken(ctx context.Context, token string) (*jwt.Token, error)
}

// DefaultCookieName is the cookie Clerk's frontend keeps the session token
// in.
const DefaultCookieName = "__session"

// Option configures [Middleware].
type Option func(*config)

type config struct {
	cookie          string
	pk              *publishableKey
	parties         []string
	partiesSet      bool
	skipCookieCheck bool
	allowPending    bool
	accepted        []TokenKind
	onFailure       FailureHandler

	opaqueVerifier OpaqueVerifier
	opaqueTTL      time.Duration
	opaqueTimeout  time.Duration
	opaqueNow      func() time.Time // tests inject a clock
	opaque         *opaqueCache

	v   Verifier
	err error // a configuration error: every request fails closed with it
}

// WithCookieName reads the session token from the named cookie instead of
// "__session"; an empty name disables cookies (Bearer headers only).
func WithCookieName(name string) Option {
	return func(c *config) { c.cookie = name }
}

// WithPublishableKey gives the middleware the instance's publishable key
// (pk_test_... or pk_live_...). When several Clerk instances share a
// domain, Clerk keeps each one's session token in a suffixed cookie,
// "__session_<suffix>", the suffix derived from the publishable key; with
// this option the middleware reads that cookie, choosing between it and
// the plain one as Clerk's JavaScript SDK does. A malformed key makes
// every request fail closed (503, reason "middleware_misconfigured").
func WithPublishableKey(pk string) Option {
	return func(c *config) {
		p, err := parsePublishableKey(pk)
		if err != nil {
			c.fail(err)
			return
		}
		c.pk = &p
	}
}

// WithAuthorizedParties sets the origins ("https://app.example.com") of
// the applications whose tokens this API accepts. It is the one place
// parties are set: it applies to session tokens from the header and from
// the cookie alike (their "azp" must be one of them), and to the origin
// check of cookie requests (see the package documentation). Without it,
// the parties of the [jwt.Verifier] are used (see
// [jwt.WithAuthorizedParties]).
func WithAuthorizedParties(parties ...string) Option {
	return func(c *config) {
		for _, p := range parties {
			if p == "" {
				c.fail(errors.New("clerkhttp: empty authorized party"))
				return
			}
		}
		c.parties = append(c.parties, parties...)
		c.partiesSet = true
	}
}

// WithoutCookiePartyCheck accepts cookie tokens without checking their
// "azp" claim or the request's origin. This opens the door to cross-site
// request forgery: use it only when something else protects against it
// (SameSite=Strict cookies, no sibling subdomains you do not control, and
// CSRF tokens).
func WithoutCookiePartyCheck() Option {
	return func(c *config) { c.skipCookieCheck = true }
}

// WithAcceptedTokens sets the kinds of token every route behind this
// middleware accepts (default: [SessionToken] only). A route can accept
// other kinds with [AcceptTokens]. A token of a kind a route does not
// accept leaves the request signed out (reason "token_kind_not_accepted").
func WithAcceptedTokens(kinds ...TokenKind) Option {
	return func(c *config) {
		for _, k := range kinds {
			if !knownKind(k) {
				c.fail(fmt.Errorf("clerkhttp: unknown token kind %q", k))
				return
			}
		}
		c.accepted = slices.Clone(kinds)
	}
}

// WithPendingSessions lets pending sessions (see [jwt.Claims.Pending])
// through on every route, as signed in. Without it a pending session is
// signed out (reason "session_pending") except on routes wrapped with
// [AllowPending].
func WithPendingSessions() Option {
	return func(c *config) { c.allowPending = true }
}

// WithOpaqueVerifier verifies opaque machine tokens ("mt_...", "oat_...",
// "ak_...") with ov, for the routes that accept their kind. Answers are
// cached for [DefaultOpaqueCacheTTL] (see [WithOpaqueCacheTTL]), and
// concurrent requests presenting one token share a single call.
func WithOpaqueVerifier(ov OpaqueVerifier) Option {
	return func(c *config) {
		if ov == nil {
			c.fail(errors.New("clerkhttp: nil OpaqueVerifier"))
			return
		}
		c.opaqueVerifier = ov
	}
}

// WithOpaqueCacheTTL sets how long a verified opaque machine token is
// remembered (default [DefaultOpaqueCacheTTL]): the longest a token revoked
// at Clerk keeps working here. Tokens Clerk calls invalid are remembered as
// invalid for as long; failures to get an answer are not remembered. 0
// turns the cache off (one call per request).
func WithOpaqueCacheTTL(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			c.fail(errors.New("clerkhttp: negative opaque cache TTL"))
			return
		}
		c.opaqueTTL = d
	}
}

// WithOpaqueTimeout bounds each opaque verification call (default
// [DefaultOpaqueTimeout]); a call that takes longer answers 503.
func WithOpaqueTimeout(d time.Duration) Option {
	return func(c *config) {
		if d <= 0 {
			c.fail(errors.New("clerkhttp: opaque timeout must be positive"))
			return
		}
		c.opaqueTimeout = d
	}
}

// WithFailureHandler replaces the JSON error responses of [RequireAuth],
// [RequireRole], [RequirePermission], [RequireScope] and [RequireClaims]
// for requests that went through this middleware.
func WithFailureHandler(h FailureHandler) Option {
	return func(c *config) { c.onFailure = h }
}

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

func knownKind(k TokenKind) bool {
	switch k {
	case SessionToken, M2MToken, OAuthToken, APIKey:
		return true
	}
	return false
}

// partyLister is implemented by *jwt.Verifier.
type partyLister interface{ AuthorizedParties() []string }

// Middleware returns middleware that authenticates each request with v and
// records the outcome in its context (see [AuthFromContext] and
// [ClaimsFromContext]). It never rejects a request: wrap the routes that
// need a user with [RequireAuth], [RequireRole], [RequirePermission] or
// [RequireScope].
//
// The token is taken from an "Authorization: Bearer" header when there is
// one, else from the "__session" cookie; a cookie token must pass the CSRF
// checks described in the package documentation. A nil v fails closed:
// every token is refused with ReasonKeyUnavailable.
func Middleware(v Verifier, opts ...Option) func(http.Handler) http.Handler {
	if v == nil {
		v = noVerifier{}
	}
	cfg := &config{
		cookie: DefaultCookieName, onFailure: DefaultFailureHandler,
		accepted:  []TokenKind{SessionToken},
		opaqueTTL: DefaultOpaqueCacheTTL, opaqueTimeout: DefaultOpaqueTimeout,
		v: v,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(cfg)
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
	if cfg.opaqueVerifier != nil {
		cfg.opaque = newOpaqueCache(cfg.opaqueVerifier, cfg.opaqueTTL, cfg.opaqueTimeout, DefaultOpaqueCacheSize)
		if cfg.opaqueNow != nil {
			cfg.opaque.now = cfg.opaqueNow
		}
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a := cfg.authenticate(r)
			next.ServeHTTP(w, r.WithContext(withAuth(r.Context(), a)))
		})
	}
}

// authenticate finds and verifies the request's token.
func (c *config) authenticate(r *http.Request) *Auth {
	a := &Auth{onFailure: c.onFailure, cfg: c, allowPending: c.allowPending}
	if c.err != nil {
		a.Reason, a.Err = ReasonMisconfigured, c.err
		return a
	}
	token, src, err := c.token(r)
	a.Source = src
	switch {
	case err != nil:
		a.Reason, a.Err = ReasonAmbiguousCookie, err
		return a
	case src == SourceNone:
		a.Reason = ReasonTokenMissing
		return a
	}
	if kind, ok := jwt.OpaqueKind(token); ok {
		a.Kind = kind
		if src == SourceCookie {
			// Machine tokens are sent by programs, in the header; one in
			// the session cookie was put there by someone else.
			a.Reason = ReasonTokenKindNotAccepted
			return a
		}
		a.token = token
		if slices.Contains(c.accepted, kind) {
			c.verifyOpaque(r.Context(), a)
		} else {
			a.Reason = ReasonTokenKindNotAccepted
		}
		return a
	}
	c.verifyJWT(r, a, token)
	return a
}

// verifyJWT verifies a JWT of any kind and records the outcome in a.
func (c *config) verifyJWT(r *http.Request, a *Auth, token string) {
	var claims *jwt.Claims
	var machine *jwt.MachineClaims
	if tv, ok := c.v.(tokenVerifier); ok {
		tok, err := tv.VerifyToken(r.Context(), token)
		if err != nil {
			a.Reason, a.Err = reasonFor(err), err
			return
		}
		if tok == nil || (tok.Session == nil && tok.Machine == nil) {
			a.Reason = ReasonInvalidToken
			return
		}
		a.Kind, claims, machine = tok.Kind, tok.Session, tok.Machine
	} else {
		cl, err := c.v.Verify(r.Context(), token)
		if err != nil {
			a.Reason, a.Err = reasonFor(err), err
			return
		}
		if cl == nil {
			a.Reason = ReasonInvalidToken
			return
		}
		a.Kind, claims = SessionToken, cl
	}
	if machine != nil {
		if a.Source == SourceCookie {
			a.Reason = ReasonTokenKindNotAccepted
			return
		}
		a.heldMachine = machineFromJWT(machine)
		a.settle(slices.Contains(c.accepted, a.Kind))
		return
	}
	if reason := c.checkSession(r, a.Source, claims); reason != "" {
		a.Reason = reason
		return
	}
	a.heldClaims = claims
	a.settle(slices.Contains(c.accepted, SessionToken))
}

// verifyOpaque verifies the opaque token held in a (whose kind the route
// accepts) and records the outcome.
func (c *config) verifyOpaque(ctx context.Context, a *Auth) {
	if c.opaque == nil {
		a.Reason = ReasonVerifierUnavailable
		a.Err = errors.New("clerkhttp: no OpaqueVerifier configured (WithOpaqueVerifier)")
		return
	}
	m, err := c.opaque.verify(ctx, a.Kind, a.token)
	switch {
	case err == nil:
		a.heldMachine = m
		a.Machine, a.Reason, a.Err = m, "", nil
	case errors.Is(err, ErrInvalidMachineToken):
		a.Reason, a.Err = ReasonInvalidToken, err
	default:
		a.Reason, a.Err = ReasonVerifierUnavailable, err
	}
}

// checkSession applies the middleware's own checks to a verified session
// token: the authorized parties (header and cookie alike) and, for cookie
// tokens, the origin of unsafe requests.
func (c *config) checkSession(r *http.Request, src TokenSource, claims *jwt.Claims) Reason {
	if src == SourceCookie && c.skipCookieCheck {
		return ""
	}
	if len(c.parties) > 0 && (claims.AuthorizedParty == "" || !slices.Contains(c.parties, claims.AuthorizedParty)) {
		return ReasonUnauthorizedParty
	}
	if src != SourceCookie {
		return ""
	}
	if len(c.parties) == 0 {
		return ReasonCookiePartyUnchecked
	}
	if !c.originAllowed(r) {
		return ReasonCSRFOriginMismatch
	}
	return ""
}

// originAllowed is the CSRF check of cookie requests: safe methods pass;
// unsafe ones must come from an authorized party (Origin, else Referer) or
// say Sec-Fetch-Site same-origin or none (typed by the user).
func (c *config) originAllowed(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" || origin == "null" {
		origin = ""
		if ref := r.Header.Get("Referer"); ref != "" {
			if u, err := url.Parse(ref); err == nil && u.Scheme != "" && u.Host != "" {
				origin = u.Scheme + "://" + u.Host
			}
		}
	}
	if origin != "" && slices.Contains(c.parties, origin) {
		return true
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	}
	return false
}

// token returns the request's token and where it came from. A Bearer
// header wins over the cookie, even when empty (it then fails verification
// as malformed).
func (c *config) token(r *http.Request) (string, TokenSource, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		if tok, ok := bearer(h); ok {
			return tok, SourceHeader, nil
		}
	}
	if c.cookie != "" {
		v, err := c.sessionCookie(r)
		if err != nil {
			return "", SourceCookie, err
		}
		if v != "" {
			return v, SourceCookie, nil
		}
	}
	return "", SourceNone, nil
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
