package clerkhttp

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/clerkgo/clerk/jwt"
)

// Failure describes a request a Require* handler turns away.
type Failure struct {
	// Status is the HTTP status: 401 signed out, 403 signed in but not
	// allowed, 503 verification keys unavailable.
	Status int
	// Code is the JSON "error" member: "signed_out", "forbidden" or
	// "unavailable".
	Code string
	// Reason is the stable reason code.
	Reason Reason
	// Auth is the request's authentication outcome.
	Auth Auth
}

// TokenGiven reports whether the request carried a token (which then
// failed), as opposed to none at all.
func (f Failure) TokenGiven() bool { return f.Auth.Source != SourceNone }

// FailureHandler writes the response for a turned-away request.
type FailureHandler func(w http.ResponseWriter, r *http.Request, f Failure)

// errorBody is the JSON body of failure responses.
type errorBody struct {
	Error   string `json:"error"`
	Reason  Reason `json:"reason"`
	Message string `json:"message"`
}

// DefaultFailureHandler writes f as JSON, for example
//
//	{"error":"signed_out","reason":"token_expired","message":"the session token has expired"}
//
// with Content-Type application/json and Cache-Control no-store. A 401
// carries WWW-Authenticate: Bearer, with error="invalid_token" when the
// request sent a token (RFC 6750).
func DefaultFailureHandler(w http.ResponseWriter, _ *http.Request, f Failure) {
	h := w.Header()
	if f.Status == http.StatusUnauthorized {
		if f.TokenGiven() {
			h.Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		} else {
			h.Set("WWW-Authenticate", "Bearer")
		}
	}
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	body, err := json.Marshal(errorBody{Error: f.Code, Reason: f.Reason, Message: f.Reason.Message()})
	if err != nil { // cannot happen: every field is a string
		body = []byte(`{"error":"signed_out"}`)
	}
	w.WriteHeader(f.Status)
	_, _ = w.Write(append(body, '\n'))
}

// signedOut turns a signed-out outcome into its failure.
func signedOut(a Auth) Failure {
	switch a.Reason {
	case ReasonKeyUnavailable, ReasonVerifierUnavailable, ReasonMisconfigured:
		return Failure{Status: http.StatusServiceUnavailable, Code: "unavailable", Reason: a.Reason, Auth: a}
	}
	return Failure{Status: http.StatusUnauthorized, Code: "signed_out", Reason: a.Reason, Auth: a}
}

// guard runs next when allow accepts the signed-in request; otherwise it
// answers 401 (signed out) or 403 with deny as the reason.
func guard(next http.Handler, deny Reason, allow func(*Auth) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := r.Context().Value(authKey{}).(*Auth)
		if !ok {
			DefaultFailureHandler(w, r, Failure{
				Status: http.StatusUnauthorized, Code: "signed_out", Reason: ReasonMiddlewareMissing,
			})
			return
		}
		fail := a.onFailure
		if fail == nil {
			fail = DefaultFailureHandler
		}
		if !a.SignedIn() {
			fail(w, r, signedOut(*a))
			return
		}
		if allow != nil && !allow(a) {
			fail(w, r, Failure{Status: http.StatusForbidden, Code: "forbidden", Reason: deny, Auth: *a})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// RequireAuth lets signed-in requests through to next and answers 401 to
// the others (503 when the verification keys are unavailable). Signed in
// means a valid token of a kind the route accepts (session tokens unless
// [AcceptTokens] or [WithAcceptedTokens] say otherwise) and, for sessions,
// not pending unless [AllowPending]. Without [Middleware] in front of it,
// every request gets 401.
func RequireAuth(next http.Handler) http.Handler {
	return guard(next, "", nil)
}

// RequireRole returns middleware that lets through signed-in requests whose
// active organization role is role ("org:admin"); other signed-in requests
// get 403, signed-out ones 401.
func RequireRole(role string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonMissingRole, func(a *Auth) bool { return a.Claims != nil && a.Claims.HasRole(role) })
	}
}

// RequirePermission returns middleware that lets through signed-in requests
// holding permission in their active organization ("org:invoices:create");
// other signed-in requests get 403, signed-out ones 401.
func RequirePermission(permission string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonMissingPermission, func(a *Auth) bool {
			return a.Claims != nil && a.Claims.HasPermission(permission)
		})
	}
}

// RequireClaims returns middleware that lets through signed-in requests
// whose claims pass check; other signed-in requests get 403 (reason
// "claims_check_failed"), signed-out ones 401. For example, to demand a
// recent second-factor verification:
//
//	clerkhttp.RequireClaims(func(c *jwt.Claims) bool {
//		return c.VerifiedWithin(jwt.SecondFactor, 10*time.Minute)
//	})
//
// A nil check accepts every request signed in with a session token.
// Requests signed in with a machine token have no session claims: 403.
func RequireClaims(check func(*jwt.Claims) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonClaimsCheckFailed, func(a *Auth) bool {
			return a.Claims != nil && (check == nil || check(a.Claims))
		})
	}
}

// RequireScope returns middleware that lets through requests signed in
// with a machine token granting scope ("read:reports"); other signed-in
// requests (sessions included) get 403 (reason "missing_scope"),
// signed-out ones 401. The route must accept machine tokens
// ([AcceptTokens]).
func RequireScope(scope string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonMissingScope, func(a *Auth) bool { return a.HasScope(scope) })
	}
}

// AcceptTokens returns middleware that sets the kinds of token a route
// accepts, in place of those of the [Middleware] ([WithAcceptedTokens];
// session tokens by default). Put it in front of the route's guards:
//
//	mux.Handle("GET /reports", clerkhttp.AcceptTokens(clerkhttp.SessionToken, clerkhttp.M2MToken)(
//		clerkhttp.RequireAuth(reports)))
//
// A token of another kind leaves the request signed out (401, reason
// "token_kind_not_accepted"). Opaque machine tokens of an accepted kind are
// verified here, through the middleware's [OpaqueVerifier]; tokens of kinds
// no route accepts never cause a call to Clerk.
func AcceptTokens(kinds ...TokenKind) func(http.Handler) http.Handler {
	set := slices.Clone(kinds)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a, ok := r.Context().Value(authKey{}).(*Auth)
			if !ok {
				next.ServeHTTP(w, r)
				return
			}
			b := *a
			accepted := slices.Contains(set, b.Kind)
			switch {
			case b.Kind == "":
				// No token, or it failed before its kind was known.
			case b.heldClaims != nil || b.heldMachine != nil:
				b.settle(accepted)
			case b.token != "" && b.Reason == ReasonTokenKindNotAccepted && accepted && b.cfg != nil:
				b.cfg.verifyOpaque(r.Context(), &b)
			}
			next.ServeHTTP(w, r.WithContext(withAuth(r.Context(), &b)))
		})
	}
}

// AllowPending lets pending sessions (see [jwt.Claims.Pending]) through to
// next as signed in: wrap the routes that finish a session's tasks
// (choosing an organization, resetting a password). Everywhere else a
// pending session is signed out (reason "session_pending").
func AllowPending(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := r.Context().Value(authKey{}).(*Auth)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		b := *a
		b.allowPending = true
		if b.Reason == ReasonSessionPending {
			b.settle(true)
		}
		next.ServeHTTP(w, r.WithContext(withAuth(r.Context(), &b)))
	})
}
