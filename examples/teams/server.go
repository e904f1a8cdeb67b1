package main

import (
	"context"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/users"
)

// Defaults of Deps.
const (
	// DefaultTimeout bounds the Backend API calls of one request. With a
	// deadline, the SDK gives up at once on a 429 whose Retry-After would
	// outlast it, and this API answers 503 with that Retry-After instead of
	// holding the connection.
	DefaultTimeout = 10 * time.Second
	// DefaultMembersPageSize is the page size of the members stream: one
	// page is all the memory a stream holds, however big the team.
	DefaultMembersPageSize = 100
)

// Deps is everything the server needs. Handlers see the Backend API only
// through the services' small interfaces, so a test can swap any of them
// for a fake; the client's own services (c.Users, c.Organizations,
// c.Bans) satisfy them.
type Deps struct {
	// Verifier checks session tokens (required: without one the
	// middleware refuses every token). Build it with newVerifier so that the token's
	// "azp" is checked.
	Verifier clerkhttp.Verifier
	// Users, Organizations and Bans call the Backend API (required).
	Users         users.API
	Organizations organizations.API
	Bans          bans.API
	// Logger receives failures of the Backend API; nil discards them.
	Logger *slog.Logger
	// Timeout bounds the API calls of one request (default
	// DefaultTimeout). The members stream is bounded by the client
	// instead: it ends when the client goes away.
	Timeout time.Duration
	// MembersPageSize is the page size of the members stream, 1 to 500
	// (default DefaultMembersPageSize).
	MembersPageSize int
	// Webhooks, when set, serves POST /webhooks/clerk (Clerk's webhook
	// deliveries; see newWebhookHandler). It is not behind session auth:
	// deliveries prove themselves with their signature.
	Webhooks http.Handler
	// MachineID, when set, is this service's machine ("mch_...", from the
	// Machines page of the Clerk dashboard; TEAMS_MACHINE_ID) and turns on
	// GET /reports/usage for other machines: it accepts only M2M tokens
	// scoped to this machine (see machineRoute).
	MachineID string
	// OpaqueVerifier verifies opaque M2M tokens ("mt_...") with Clerk on
	// the machine routes. nil refuses them (401, and a warning in the log
	// at most once a minute); JWT-format M2M tokens are verified locally
	// with the instance's key either way.
	OpaqueVerifier clerkhttp.OpaqueVerifier
}

// server holds the dependencies the handlers share.
type server struct {
	users    users.API
	orgs     organizations.API
	bans     bans.API
	log      *slog.Logger
	timeout  time.Duration
	pageSize int
}

// NewServer returns the API's handler. Every route is authenticated by the
// clerkhttp middleware; which claims each route demands is decided here,
// in one place, where a reviewer can read it:
//
//	GET    /me                      signed in
//	POST   /teams                   signed in
//	GET    /teams/current/members   role org:admin in the active organization
//	PATCH  /users/{id}/role         role org:admin, and {id} a member of the active organization
//	POST   /users/{id}/ban          permission org:members:manage, and {id} a member of the active organization
//	POST   /webhooks/clerk          a delivery signed by Clerk (Deps.Webhooks)
//	GET    /reports/usage           an M2M token scoped to Deps.MachineID; session tokens refused
//
// Anything else is a JSON 404 (or 405 for a known path with another
// method): every answer of this API is JSON.
func NewServer(d Deps) http.Handler {
	s := &server{
		users:    d.Users,
		orgs:     d.Organizations,
		bans:     d.Bans,
		log:      d.Logger,
		timeout:  d.Timeout,
		pageSize: d.MembersPageSize,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	if s.pageSize <= 0 || s.pageSize > 500 {
		s.pageSize = DefaultMembersPageSize
	}

	mux := http.NewServeMux()
	mux.Handle("GET /me",
		clerkhttp.RequireAuth(s.bounded(withClaims(s.me))))
	mux.Handle("POST /teams",
		clerkhttp.RequireAuth(requireJSON(s.bounded(withClaims(s.createTeam)))))
	mux.Handle("GET /teams/current/members",
		clerkhttp.RequireRole(roleAdmin)(withClaims(s.listMembers)))
	mux.Handle("PATCH /users/{id}/role",
		clerkhttp.RequireRole(roleAdmin)(requireJSON(s.bounded(withClaims(s.setRole)))))
	mux.Handle("POST /users/{id}/ban",
		clerkhttp.RequirePermission(permManageMembers)(requireJSON(s.bounded(withClaims(s.ban)))))
	if d.Webhooks != nil {
		mux.Handle("POST /webhooks/clerk", d.Webhooks)
	}
	if d.MachineID != "" {
		mux.Handle("GET /reports/usage",
			machineRoute(d.MachineID, s.bounded(withMachine(s.usageReport))))
	}

	ov := d.OpaqueVerifier
	if ov == nil {
		ov = newRefuseOpaque(s.log)
	}
	// The middleware only records who is asking; the Require* wrappers
	// above turn requests away. Every route accepts session tokens only,
	// unless it says otherwise (machineRoute).
	return clerkhttp.Middleware(d.Verifier, clerkhttp.WithOpaqueVerifier(ov))(jsonFallback(mux))
}

// bounded gives next's Backend API calls a deadline (Deps.Timeout).
func (s *server) bounded(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// jsonFallback answers in JSON the requests that mux answers by itself in
// text or HTML: 404 for an unknown path, 405 (with its Allow header) for a
// known path asked with another method, and the redirect to the clean
// form of a path such as "//me" (with its Location header).
func jsonFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The mux routes the escaped path and redirects it when unclean;
		// only when neither a route nor a redirect applies is pattern "".
		h, pattern := mux.Handler(r)
		if p := r.URL.EscapedPath(); pattern != "" && p == cleanPath(p) {
			mux.ServeHTTP(w, r)
			return
		}
		// h is the mux's own 404, 405 or redirect handler: let it decide
		// the status and headers, but not the body.
		rec := &statusRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		for _, k := range []string{"Allow", "Location"} {
			if v := rec.header.Get(k); v != "" {
				w.Header().Set(k, v)
			}
		}
		switch {
		case rec.status == http.StatusMethodNotAllowed:
			writeProblem(w, &problem{Status: rec.status, Error: "method_not_allowed", Reason: "method_not_allowed",
				Message: "this path does not accept " + r.Method})
		case rec.status >= 300 && rec.status < 400:
			writeProblem(w, &problem{Status: rec.status, Error: "moved", Reason: "non_canonical_path",
				Message: "the path is " + rec.header.Get("Location")})
		default:
			writeProblem(w, &problem{Status: http.StatusNotFound, Error: "not_found", Reason: "no_route",
				Message: "there is no such endpoint"})
		}
	})
}

// cleanPath is p the way the mux routes it: without "." and ".." elements
// or repeated slashes, with a trailing slash kept. The mux redirects any
// other form of a path to this one.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// statusRecorder is a ResponseWriter that keeps the status and headers and
// drops the body.
type statusRecorder struct {
	header http.Header
	status int
}

// Header returns the recorded headers.
func (r *statusRecorder) Header() http.Header { return r.header }

// WriteHeader records the status.
func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

// Write drops b.
func (r *statusRecorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return len(b), nil
}
