package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerkhttp"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/users"
)

// AppPublic is the application's public metadata: written by the backend,
// readable by the frontend.
type AppPublic struct {
	Plan  string `json:"plan,omitempty"`
	Seats int    `json:"seats,omitempty"`
}

// AppPrivate is the application's private metadata: backend only.
type AppPrivate struct {
	StripeCustomerID string `json:"stripe_customer_id,omitempty"`
}

// appOrigin is the frontend origin the session tokens are minted for; the
// verifier accepts tokens for this origin only.
const appOrigin = "https://app.example.com"

// invoicePermission guards the demo's protected route.
const invoicePermission = "org:invoices:create"

// fakeTour is the state the steps of the fake tour share.
type fakeTour struct {
	p   *printer
	srv *clerktest.Server
	c   *clerk.Client

	ada, grace *users.User
	org        *organizations.Organization
	verifier   *jwt.Verifier
}

// runFake starts the embedded fake of the Backend API and walks the main
// flows against it, step by step.
func runFake(ctx context.Context, w io.Writer) error {
	srv, err := clerktest.Start()
	if err != nil {
		return fmt.Errorf("starting the fake Backend API: %w", err)
	}
	defer srv.Close()

	t := &fakeTour{p: &printer{w: w}, srv: srv}
	t.p.step("Started the fake Backend API at %s (no Clerk account needed)", srv.URL)

	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"building the client", t.newClient},
		{"creating users", t.createUsers},
		{"typed metadata", t.typedMetadata},
		{"creating the organization", t.createOrganization},
		{"adding a member", t.addMember},
		{"listing members", t.listMembers},
		{"reading a missing user", t.missingUser},
		{"verifying session tokens", t.verifyTokens},
		{"protecting a handler", t.protectHandler},
		{"banning a user", t.banUser},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		if t.p.err != nil {
			return t.p.err
		}
	}
	t.p.printf("Done. Set CLERK_SECRET_KEY to run read-only calls against your own instance.\n")
	return t.p.err
}

// newClient builds the client the way an application does, pointed at the
// fake instead of https://api.clerk.com/v1.
func (t *fakeTour) newClient(context.Context) error {
	opts := append(clientOptions(), clerk.WithBaseURL(t.srv.URL))
	c, err := clerk.NewClient(t.srv.SecretKey, opts...)
	if err != nil {
		return err
	}
	t.c = c
	t.p.step("Built a client: clerk.NewClient(key, WithBaseURL, WithMaxRetries(2), WithRateLimit(10/s, burst 10))")
	return nil
}

func (t *fakeTour) createUsers(ctx context.Context) error {
	var err error
	t.ada, err = t.c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com"},
		FirstName:      "Ada",
		LastName:       "Lovelace",
	})
	if err != nil {
		return err
	}
	t.grace, err = t.c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"grace@example.com"},
		FirstName:      "Grace",
		LastName:       "Hopper",
	})
	if err != nil {
		return err
	}
	t.p.step("Created users ada (%s), grace (%s) with Users.Create", t.ada.ID, t.grace.ID)
	return nil
}

// typedMetadata writes and reads metadata as the application's own types
// instead of raw JSON.
func (t *fakeTour) typedMetadata(ctx context.Context) error {
	md := users.NewTypedMetadata[AppPublic, AppPrivate](t.c.Users)
	_, _, err := md.Update(ctx, t.ada.ID, users.MetadataUpdate{
		Public:  md.PatchPublic(AppPublic{Plan: "pro", Seats: 5}),
		Private: md.PatchPrivate(AppPrivate{StripeCustomerID: "cus_demo"}),
	})
	if err != nil {
		return err
	}
	pub, priv, err := md.Get(ctx, t.ada.ID)
	if err != nil {
		return err
	}
	t.p.step("Typed metadata: set {Plan: pro, Seats: 5} on ada; read back Plan=%s Seats=%d, private StripeCustomerID=%s",
		pub.Plan, pub.Seats, priv.StripeCustomerID)
	return nil
}

func (t *fakeTour) createOrganization(ctx context.Context) error {
	org, err := t.c.Organizations.Create(ctx, &organizations.CreateParams{
		Name:      "Acme",
		CreatedBy: t.ada.ID, // ada becomes its first admin
	})
	if err != nil {
		return err
	}
	t.org = org
	t.p.step("Created organization %s (%s, slug %q); its creator ada is an org:admin", org.Name, org.ID, org.Slug)
	return nil
}

func (t *fakeTour) addMember(ctx context.Context) error {
	m, err := t.c.Organizations.CreateMembership(ctx, t.org.ID, &organizations.CreateMembershipParams{
		UserID: t.grace.ID,
		Role:   "org:member",
	})
	if err != nil {
		return err
	}
	t.p.step("Added grace to %s as %s (%s)", t.org.Name, m.Role, m.ID)
	return nil
}

// listMembers walks the memberships with the lazy iterator. A page size of
// one makes it fetch page after page, which the loop never notices.
func (t *fakeTour) listMembers(ctx context.Context) error {
	t.p.step("Members of %s, walked with `for m, err := range c.Organizations.AllMemberships(...)` (page size 1):", t.org.Name)
	params := &organizations.ListMembershipsParams{
		OrderBy: "created_at",
		Limit:   1,
	}
	n := 0
	for m, err := range t.c.Organizations.AllMemberships(ctx, t.org.ID, params) {
		if err != nil {
			return err
		}
		n++
		who := "?"
		if d := m.PublicUserData; d != nil && d.Identifier != nil {
			who = *d.Identifier
		}
		t.p.detail("- %-18s %s", who, m.Role)
	}
	t.p.detail("%s", plural(int64(n), "member"))
	return nil
}

// missingUser shows how API errors are matched: a sentinel per status, and
// *clerk.APIError for the details.
func (t *fakeTour) missingUser(ctx context.Context) error {
	_, err := t.c.Users.Get(ctx, "user_does_not_exist")
	if !errors.Is(err, clerk.ErrNotFound) {
		return fmt.Errorf("want an error matching clerk.ErrNotFound, got %v", err)
	}
	code := ""
	var apiErr *clerk.APIError
	if errors.As(err, &apiErr) && len(apiErr.Errors) > 0 {
		code = apiErr.Errors[0].Code
	}
	t.p.step("Users.Get on a missing user: errors.Is(err, clerk.ErrNotFound) = true (HTTP 404, code %s)", code)
	return nil
}

// verifyTokens builds the verifier every request will use. Its keys come
// from the client's JWKS service (GET /jwks once, then cached), so verifying
// a token makes no request.
func (t *fakeTour) verifyTokens(ctx context.Context) error {
	v, err := jwt.NewVerifier(jwt.WithKeySource(t.c.JWKS), jwt.WithAuthorizedParties(appOrigin))
	if err != nil {
		return err
	}
	t.verifier = v

	tok, err := t.adaToken()
	if err != nil {
		return err
	}
	claims, err := v.Verify(ctx, tok)
	if err != nil {
		return err
	}
	t.p.step("Verified ada's session token with jwt.NewVerifier(jwt.WithKeySource(c.JWKS), jwt.WithAuthorizedParties(%q))", appOrigin)
	t.p.detail("subject is ada: %t; org %s, role %s, HasPermission(%q) = %t",
		claims.Subject == t.ada.ID, claims.OrgSlug, claims.OrgRole, invoicePermission, claims.HasPermission(invoicePermission))

	// A token minted for another site is refused: this is what stops a
	// session cookie from being replayed cross-site.
	other, err := t.srv.MintSessionToken(t.ada.ID, clerktest.WithAuthorizedParty("https://evil.example"))
	if err != nil {
		return err
	}
	_, err = v.Verify(ctx, other)
	if !errors.Is(err, jwt.ErrUnauthorizedParty) {
		return fmt.Errorf("want jwt.ErrUnauthorizedParty for a foreign azp, got %v", err)
	}
	t.p.detail("a token minted for https://evil.example: errors.Is(err, jwt.ErrUnauthorizedParty) = true")
	return nil
}

// adaToken is the session token ada's browser would hold: Acme active, as
// an admin allowed to create invoices.
func (t *fakeTour) adaToken() (string, error) {
	return t.srv.MintSessionToken(t.ada.ID,
		clerktest.WithOrg(t.org.ID, "org:admin", invoicePermission),
		clerktest.WithAuthorizedParty(appOrigin))
}

// protectHandler puts the middleware in front of a small handler and calls
// it three ways.
func (t *fakeTour) protectHandler(ctx context.Context) error {
	mux := http.NewServeMux()
	mux.Handle("POST /invoices", clerkhttp.RequirePermission(invoicePermission)(http.HandlerFunc(createInvoice)))
	app, err := serve(clerkhttp.Middleware(t.verifier)(mux))
	if err != nil {
		return err
	}
	defer app.Close()

	adaTok, err := t.adaToken()
	if err != nil {
		return err
	}
	graceTok, err := t.srv.MintSessionToken(t.grace.ID,
		clerktest.WithOrg(t.org.ID, "org:member"),
		clerktest.WithAuthorizedParty(appOrigin))
	if err != nil {
		return err
	}

	t.p.step("Served POST /invoices behind clerkhttp.Middleware + RequirePermission(%q):", invoicePermission)
	calls := []struct {
		who, token string
		want       int
	}{
		{"ada, org:admin with the permission", adaTok, http.StatusOK},
		{"grace, org:member without it", graceTok, http.StatusForbidden},
		{"no token", "", http.StatusUnauthorized},
	}
	for _, call := range calls {
		status, body, err := post(ctx, app.Client(), app.URL+"/invoices", call.token)
		if err != nil {
			return err
		}
		if status != call.want {
			return fmt.Errorf("%s: got HTTP %d, want %d (%s)", call.who, status, call.want, body)
		}
		t.p.detail("%-36s -> %d %s  %s", call.who, status, http.StatusText(status), body)
	}
	return nil
}

// createInvoice is the protected handler: by the time it runs, the
// middleware has verified the token and RequirePermission has checked it.
func createInvoice(w http.ResponseWriter, r *http.Request) {
	claims, ok := clerkhttp.ClaimsFromContext(r.Context())
	if !ok {
		http.Error(w, "not signed in", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"invoice":"created","org":%q}`, claims.OrgSlug)
}

// serve runs h on a loopback httptest server. It listens by hand because
// httptest.NewServer panics when it cannot listen.
func serve(h http.Handler) (*httptest.Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening on loopback: %w", err)
	}
	s := &httptest.Server{Listener: l, Config: &http.Server{Handler: h}}
	s.Start()
	return s, nil
}

// post sends an empty POST with the token as a Bearer header (none when
// token is empty) and returns the status and the trimmed body.
func post(ctx context.Context, hc *http.Client, url, token string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return 0, "", err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil {
		return 0, "", err
	}
	return resp.StatusCode, strings.TrimSpace(string(body)), nil
}

func (t *fakeTour) banUser(ctx context.Context) error {
	u, err := t.c.Bans.Ban(ctx, t.grace.ID)
	if err != nil {
		return err
	}
	n, err := t.c.Users.Count(ctx, &users.ListParams{Banned: clerk.Ptr(true)})
	if err != nil {
		return err
	}
	t.p.step("Banned grace with Bans.Ban: Banned=%t; Users.Count(Banned: true) = %d", u.Banned, n)
	return nil
}
