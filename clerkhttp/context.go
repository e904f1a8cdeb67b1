package clerkhttp

import (
	"context"
	"slices"

	"github.com/clerkgo/clerk/jwt"
)

// TokenSource tells where the middleware found the token.
type TokenSource string

// Token sources.
const (
	// SourceNone means the request carried no token.
	SourceNone TokenSource = ""
	// SourceHeader means the token came from "Authorization: Bearer".
	SourceHeader TokenSource = "header"
	// SourceCookie means the token came from the session cookie.
	SourceCookie TokenSource = "cookie"
)

// Auth is what the middleware learned about a request.
//
// A request is signed in with a session token (Claims set) or with a
// machine token (Machine set), or signed out (Reason says why). Kind is the
// kind of token presented, known even when it is refused (a machine token
// on a session-only route: Kind M2MToken, Reason
// "token_kind_not_accepted").
type Auth struct {
	// Kind is the kind of token presented; "" when there was none or it
	// failed verification before its kind was known.
	Kind TokenKind
	// Claims are the verified session claims; nil unless signed in with a
	// session token.
	Claims *jwt.Claims
	// Machine is the verified machine token; nil unless signed in with
	// one.
	Machine *MachineAuth
	// Source is where the token came from (SourceNone when there was none).
	Source TokenSource
	// Reason says why the request is signed out; "" when signed in.
	Reason Reason
	// Err is the verification error, when a token failed verification.
	Err error

	onFailure    FailureHandler
	cfg          *config
	allowPending bool
	token        string       // an opaque token not verified yet
	heldClaims   *jwt.Claims  // a verified session, maybe held back
	heldMachine  *MachineAuth // a verified machine token, maybe held back
}

// settle decides, from the verified token held in a, whether the request
// is signed in: the kind must be accepted, and a pending session allowed.
func (a *Auth) settle(accepted bool) {
	a.Claims, a.Machine, a.Reason = nil, nil, ""
	switch {
	case !accepted:
		a.Reason = ReasonTokenKindNotAccepted
	case a.heldClaims != nil && a.heldClaims.Pending() && !a.allowPending:
		a.Reason = ReasonSessionPending
	case a.heldClaims != nil:
		a.Claims = a.heldClaims
	case a.heldMachine != nil:
		a.Machine = a.heldMachine
	default:
		a.Reason = ReasonInvalidToken
	}
}

// SignedIn reports whether the request carries a valid token of a kind
// the route accepts.
func (a Auth) SignedIn() bool { return a.Claims != nil || a.Machine != nil }

// Subject returns who the request speaks for: the user of a session, the
// machine of an M2M token, the user who granted an OAuth token, the owner
// of an API key; "" when signed out.
func (a Auth) Subject() string {
	switch {
	case a.Claims != nil:
		return a.Claims.Subject
	case a.Machine != nil:
		return a.Machine.Subject
	}
	return ""
}

// OrgID returns the organization of the request, when there is one: the
// session's active organization, or the organization a machine token
// belongs to.
func (a Auth) OrgID() string {
	switch {
	case a.Claims != nil:
		return a.Claims.OrgID
	case a.Machine != nil:
		return a.Machine.OrgID
	}
	return ""
}

// Scopes returns the scopes of a machine token (a copy); nil for sessions
// and signed-out requests.
func (a Auth) Scopes() []string {
	if a.Machine == nil {
		return nil
	}
	return slices.Clone(a.Machine.Scopes)
}

// HasScope reports whether the request is signed in with a machine token
// granting scope.
func (a Auth) HasScope(scope string) bool { return a.Machine.HasScope(scope) }

// Pending reports whether the request presented a valid but pending
// session (see [jwt.Claims.Pending]), whether or not the route lets it in.
func (a Auth) Pending() bool { return a.heldClaims != nil && a.heldClaims.Pending() }

type authKey struct{}

// AuthFromContext returns the authentication outcome recorded by
// [Middleware]; ok is false when the middleware did not run for this
// request (or ctx is nil).
func AuthFromContext(ctx context.Context) (auth Auth, ok bool) {
	if ctx == nil {
		return Auth{}, false
	}
	a, ok := ctx.Value(authKey{}).(*Auth)
	if !ok {
		return Auth{}, false
	}
	return *a, true
}

// ClaimsFromContext returns the verified session claims of a request
// signed in with a session token; ok is false otherwise (signed out,
// signed in with a machine token, a pending session on a route that does
// not allow it, or the middleware did not run). The claims belong to this
// request.
func ClaimsFromContext(ctx context.Context) (claims *jwt.Claims, ok bool) {
	if ctx == nil {
		return nil, false
	}
	a, ok := ctx.Value(authKey{}).(*Auth)
	if !ok || a.Claims == nil {
		return nil, false
	}
	return a.Claims, true
}

// MachineFromContext returns the verified machine token of a request
// signed in with one; ok is false otherwise.
func MachineFromContext(ctx context.Context) (machine *MachineAuth, ok bool) {
	if ctx == nil {
		return nil, false
	}
	a, ok := ctx.Value(authKey{}).(*Auth)
	if !ok || a.Machine == nil {
		return nil, false
	}
	return a.Machine, true
}

// withAuth returns ctx carrying a.
func withAuth(ctx context.Context, a *Auth) context.Context {
	return context.WithValue(ctx, authKey{}, a)
}
