// Command teams is the backend most users of this SDK write: an HTTP API
// behind Clerk sessions. Each handler reads the verified session claims,
// decides from them alone who may do what, and calls the Backend API on
// the user's behalf. It uses the standard library's router (Go 1.22
// patterns), the clerkhttp middleware and the SDK's services; nothing else.
//
// Routes and who may call them (see NewServer):
//
//	GET    /me                      the signed-in user's profile
//	POST   /teams                   create a team (organization), the caller becomes its admin
//	GET    /teams/current/members   members of the active organization, streamed; org:admin only
//	PATCH  /users/{id}/role         set a member's application role; org:admin only
//	POST   /users/{id}/ban          ban a member; permission org:members:manage only
//	POST   /webhooks/clerk          Clerk's webhooks: keep a local member table in sync
//	GET    /reports/usage           every team's seats, for another machine: M2M tokens only
//
// # Machine routes
//
// The user routes accept session tokens only: an M2M token, an OAuth
// token or an API key sent to them is refused (401, reason
// "token_kind_not_accepted"), however it is scoped. GET /reports/usage is
// the other way round: it is for services of your own (a billing job, a
// metering service), each a machine ("mch_...") in the Clerk dashboard,
// and accepts only M2M tokens; a session token, even an admin's, gets 401
// there. In Clerk an M2M token's scopes are the machines it may reach, so
// the route demands that the token be scoped to this service's own machine,
// TEAMS_MACHINE_ID: a token the billing job minted for some other service
// gets 403 (reason "missing_scope"). Without TEAMS_MACHINE_ID the route is
// not served.
//
// JWT-format M2M tokens are verified locally with the instance's key, like
// session tokens. Opaque ones ("mt_...") need a call to Clerk, through
// Deps.OpaqueVerifier (the client's c.OpaqueVerifier()); without one they
// are refused (401) and a warning is logged. Each report is logged with the calling machine. Page the report
// with ?limit= (1 to 500, default 100) and ?offset=.
//
// State-changing routes (POST, PATCH) answer 415 unless the request says
// Content-Type: application/json, body or no body: a cross-site HTML form
// cannot send that without a CORS preflight, a second CSRF defence behind
// the middleware's origin check of cookie requests.
//
// # Try it without a Clerk account
//
//	go run ./examples/teams
//
// With CLERK_SECRET_KEY unset, it starts clerktest's in-memory fake of the
// Backend API, seeds two organizations and three users, and prints session
// tokens minted by the fake with ready-made curl lines to paste into a
// second terminal. Stop it with Ctrl-C.
//
// # Run it against your instance
//
//	CLERK_SECRET_KEY=sk_test_... CLERK_JWT_KEY="$(cat jwt-key.pem)" \
//		go run ./examples/teams -origins https://app.example.com
//
// CLERK_JWT_KEY is the instance's "PEM public key" from the dashboard's API
// keys page: tokens are then verified with no network call at all. Without
// it, the keys are fetched from the Backend API (GET /jwks) and cached.
// CLERK_API_URL overrides the API's base URL. CLERK_WEBHOOK_SECRET (the
// endpoint's "whsec_..." signing secret; two separated by a space during a
// rotation) turns on POST /webhooks/clerk; in demo mode the fake delivers
// its webhooks there. TEAMS_MACHINE_ID (this service's machine, "mch_...")
// turns on GET /reports/usage; in demo mode it defaults to a made-up
// machine, and the output has an M2M token of a billing job scoped to it.
//
// Flags and environment:
//
//	-addr     listen address; default $PORT as ":$PORT" when set (the
//	          convention of hosting platforms), else 127.0.0.1:8080
//	-origins  comma-separated origins of your frontends; a session token
//	          is accepted only if its "azp" claim is one of them
//	          (default http://localhost:3000)
//
// SIGINT and SIGTERM shut the server down gracefully: it stops accepting
// connections and lets requests in flight finish.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/jwt"
)

// Settings of the HTTP server.
const (
	defaultAddr     = "127.0.0.1:8080"
	defaultOrigins  = "http://localhost:3000"
	shutdownTimeout = 10 * time.Second
)

// envJWTKey holds the instance's PEM public key.
const envJWTKey = "CLERK_JWT_KEY"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "teams: %v\n", err)
		os.Exit(1)
	}
}

// config is the program's configuration, from flags and environment.
type config struct {
	addr    string
	origins []string
	// secretKey, apiURL and jwtKey come from CLERK_SECRET_KEY,
	// CLERK_API_URL and CLERK_JWT_KEY, or from the fake in demo mode.
	secretKey, apiURL, jwtKey string
	// webhookSecrets come from CLERK_WEBHOOK_SECRET (space-separated), or
	// from the fake in demo mode; none turns POST /webhooks/clerk off.
	webhookSecrets []string
	// machineID comes from TEAMS_MACHINE_ID, or is demoMachineID in demo
	// mode; "" turns GET /reports/usage off.
	machineID string
}

// parseConfig reads the flags in args and the environment through getenv.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("teams", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := defaultAddr
	if port := getenv("PORT"); port != "" {
		addr = ":" + port
	}
	fs.StringVar(&addr, "addr", addr, "listen address (default $PORT as :$PORT, else "+defaultAddr+")")
	origins := fs.String("origins", defaultOrigins, "comma-separated frontend origins accepted in the token's azp claim")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	cfg := config{
		addr:      addr,
		secretKey: getenv(clerk.EnvSecretKey),
		apiURL:    getenv(clerk.EnvAPIURL),
		jwtKey:    getenv(envJWTKey),
		machineID: strings.TrimSpace(getenv(envMachineID)),
	}
	if cfg.machineID != "" && !validMachineID(cfg.machineID) {
		return config{}, fmt.Errorf("%s: %q is not a machine ID (mch_...)", envMachineID, cfg.machineID)
	}
	if ws := strings.Fields(getenv(envWebhookSecret)); len(ws) > 0 {
		cfg.webhookSecrets = ws
	}
	for o := range strings.SplitSeq(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.origins = append(cfg.origins, o)
		}
	}
	if len(cfg.origins) == 0 {
		return config{}, errors.New("-origins: at least one origin is required")
	}
	return cfg, nil
}

// run starts the server and blocks until ctx ends, then shuts it down.
// With no secret key it runs the demo on the fake, printing curl lines to
// stdout; logs go to stderr.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))

	var d *demo
	var fake *clerktest.Server
	if cfg.secretKey == "" {
		fake, err = clerktest.Start()
		if err != nil {
			return fmt.Errorf("starting the fake Backend API: %w", err)
		}
		defer fake.Close()
		if d, err = seedDemo(fake, cfg.origins[0]); err != nil {
			return fmt.Errorf("seeding the demo: %w", err)
		}
		// From here on, the demo runs exactly as production does, with
		// the fake's key, URL and public key in place of the instance's.
		cfg.secretKey, cfg.apiURL, cfg.jwtKey = fake.SecretKey, fake.URL, fake.PublicKeyPEM()
		cfg.webhookSecrets = []string{fake.WebhookSecret()}
		if cfg.machineID == "" {
			cfg.machineID = demoMachineID
		}
		if err := d.mintMachineToken(fake, cfg.machineID); err != nil {
			return fmt.Errorf("seeding the demo: %w", err)
		}
	}

	deps, err := buildDeps(ctx, cfg, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	base := baseURL(ln.Addr())
	fmt.Fprintf(stdout, "teams: listening on %s (accepting tokens for %s)\n", base, strings.Join(cfg.origins, ", "))
	if d != nil {
		d.printCurls(stdout, base, cfg.apiURL)
		// The fake delivers its webhooks here, as Clerk would.
		if err := fake.AddWebhookEndpoint(base + "/webhooks/clerk"); err != nil {
			return err
		}
	}

	srv := &http.Server{
		Handler:           NewServer(deps),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// buildDeps builds the SDK client and the token verifier from cfg.
func buildDeps(ctx context.Context, cfg config, logger *slog.Logger) (Deps, error) {
	opts := []clerk.Option{clerk.WithUserAgent("teams-example")}
	if cfg.apiURL != "" {
		opts = append(opts, clerk.WithBaseURL(cfg.apiURL))
	}
	c, err := clerk.NewClient(cfg.secretKey, opts...)
	if err != nil {
		return Deps{}, fmt.Errorf("building the client: %w", err)
	}

	var key jwt.Option
	if cfg.jwtKey != "" {
		// The PEM public key: verification needs no network at all.
		key = jwt.WithPEM(cfg.jwtKey)
	} else {
		// The instance's JWKS, fetched once and cached by c.JWKS. Warm
		// the cache now; if that fails, the first request fetches again.
		key = jwt.WithKeySource(c.JWKS)
		if err := c.JWKS.Refresh(ctx); err != nil {
			logger.Warn("could not fetch the JWKS yet", "error", err)
		}
	}
	v, err := newVerifier(key, cfg.origins)
	if err != nil {
		return Deps{}, fmt.Errorf("building the token verifier: %w", err)
	}
	deps := Deps{
		Verifier:      v,
		Users:         c.Users,
		Organizations: c.Organizations,
		Bans:          c.Bans,
		Logger:        logger,
		MachineID:     cfg.machineID,
		// Opaque M2M tokens ("mt_...") are verified by Clerk through the
		// client (cached by the middleware); JWT-format ones locally.
		OpaqueVerifier: c.OpaqueVerifier(),
	}
	if len(cfg.webhookSecrets) > 0 {
		if deps.Webhooks, err = newWebhookHandler(cfg.webhookSecrets, NewMemberTable(), logger); err != nil {
			return Deps{}, fmt.Errorf("%s: %w", envWebhookSecret, err)
		}
	}
	return deps, nil
}

// baseURL is the URL to reach a listener on, for the printed curl lines:
// an unspecified address (":8080") is reached through localhost.
func baseURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
