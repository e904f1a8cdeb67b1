package clerkhttp

import (
	"encoding/json"
	"net/http"

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
	if a.Reason == ReasonKeyUnavailable {
		return Failure{Status: http.StatusServiceUnavailable, Code: "unavailable", Reason: a.Reason, Auth: a}
	}
	return Failure{Status: http.StatusUnauthorized, Code: "signed_out", Reason: a.Reason, Auth: a}
}

// guard runs next when allow accepts the signed-in claims; otherwise it
// answers 401 (signed out) or 403 with deny as the reason.
func guard(next http.Handler, deny Reason, allow func(*jwt.Claims) bool) http.Handler {
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
		if a.Claims == nil {
			fail(w, r, signedOut(*a))
			return
		}
		if allow != nil && !allow(a.Claims) {
			fail(w, r, Failure{Status: http.StatusForbidden, Code: "forbidden", Reason: deny, Auth: *a})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// RequireAuth lets signed-in requests through to next and answers 401 to
// the others (503 when the verification keys are unavailable). Without
// [Middleware] in front of it, every request gets 401.
func RequireAuth(next http.Handler) http.Handler {
	return guard(next, "", nil)
}

// RequireRole returns middleware that lets through signed-in requests whose
// active organization role is role ("org:admin"); other signed-in requests
// get 403, signed-out ones 401.
func RequireRole(role string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonMissingRole, func(c *jwt.Claims) bool { return c.HasRole(role) })
	}
}

// RequirePermission returns middleware that lets through signed-in requests
// holding permission in their active organization ("org:invoices:create");
// other signed-in requests get 403, signed-out ones 401.
func RequirePermission(permission string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonMissingPermission, func(c *jwt.Claims) bool { return c.HasPermission(permission) })
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
// A nil check accepts every signed-in request, like [RequireAuth].
func RequireClaims(check func(*jwt.Claims) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return guard(next, ReasonClaimsCheckFailed, check)
	}
}
