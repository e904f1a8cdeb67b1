package clerkhttp

import (
	"context"

	"github.com/clerkgo/clerk/jwt"
)

// TokenSource tells where the middleware found the session token.
type TokenSource string

// Token sources.
const (
	// SourceNone means the request carried no session token.
	SourceNone TokenSource = ""
	// SourceHeader means the token came from "Authorization: Bearer".
	SourceHeader TokenSource = "header"
	// SourceCookie means the token came from the session cookie.
	SourceCookie TokenSource = "cookie"
)

// Auth is what the middleware learned about a request.
type Auth struct {
	// Claims are the verified claims; nil when signed out.
	Claims *jwt.Claims
	// Source is where the token came from (SourceNone when there was none).
	Source TokenSource
	// Reason says why the request is signed out; "" when signed in.
	Reason Reason
	// Err is the verification error, when a token failed verification.
	Err error

	onFailure FailureHandler
}

// SignedIn reports whether the request carries a valid session token.
func (a Auth) SignedIn() bool { return a.Claims != nil }

type authKey struct{}

// AuthFromContext returns the authentication outcome recorded by
// [Middleware]; ok is false when the middleware did not run for this
// request.
func AuthFromContext(ctx context.Context) (auth Auth, ok bool) {
	a, ok := ctx.Value(authKey{}).(*Auth)
	if !ok {
		return Auth{}, false
	}
	return *a, true
}

// ClaimsFromContext returns the verified session claims of a signed-in
// request; ok is false when the request is signed out or the middleware did
// not run. The claims are shared: treat them as read-only.
func ClaimsFromContext(ctx context.Context) (claims *jwt.Claims, ok bool) {
	a, ok := ctx.Value(authKey{}).(*Auth)
	if !ok || a.Claims == nil {
		return nil, false
	}
	return a.Claims, true
}

// withAuth returns ctx carrying a.
func withAuth(ctx context.Context, a *Auth) context.Context {
	return context.WithValue(ctx, authKey{}, a)
}
