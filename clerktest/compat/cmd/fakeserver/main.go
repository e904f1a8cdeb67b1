// Command fakeserver runs a clerktest fake for clients in other languages
// (the JavaScript compatibility suite): it starts the fake on a loopback
// port, seeds a user with a session and an organization (and a billing
// subscription item for each: no Backend API operation creates one),
// writes the connection details and two signed tokens as KEY=value lines,
// and serves until it is interrupted or terminated.
//
//	fakeserver -env /tmp/fake.env -pem /tmp/fake.pem
//
// The lines are:
//
//	CLERK_API_URL       the fake's origin without "/v1" (what @clerk/backend calls apiUrl)
//	CLERK_API_BASE      the same with "/v1" (what SDKs that take the full base want)
//	CLERK_SECRET_KEY    the only key the fake accepts
//	CLERK_JWT_KEY_FILE  the file holding the signing key as a PKIX PEM (CLERK_JWT_KEY)
//	CLERK_JWT_KID       the key id in the tokens and in GET /v1/jwks
//	CLERK_ISSUER        the "iss" claim of the tokens
//	SEED_USER_ID        the seeded user
//	SEED_USER_EMAIL     its primary email address
//	SEED_SESSION_ID     its active session
//	SEED_ORG_ID         an organization the seeded user is an admin of (slug SEED_ORG_SLUG)
//	ORG_PERMISSIONS     the permissions ORG_TOKEN carries, comma separated
//	SEED_ORG_ITEM_ID    a billing subscription item of SEED_ORG_ID on the paid plan "team"
//	SEED_TRIAL_ITEM_ID  a subscription item of SEED_USER_ID in a free trial of the plan "pro"
//	TOKEN               a session token for the seeded user (valid for -ttl)
//	ORG_TOKEN           the same with SEED_ORG_ID active as org:admin and azp http://localhost:3000
//
// The fake declares the role "org:billing" (org:invoices:create and
// org:invoices:read) and the JWT template "compat" (aud "compat", and the
// email, org and role shortcodes). GET /v1/users/user_ratelimited always
// answers 429 with Retry-After: 7, and /v1/users/user_badgateway a 502 with
// an HTML body, as a proxy would.
//
// With -env the lines go to that file (written only once the server is up,
// so its existence means "ready"); they are always printed on stdout too.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakeserver:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeserver", flag.ContinueOnError)
	envFile := fs.String("env", "", "write the KEY=value lines to this file once the server is up")
	pemFile := fs.String("pem", "", "write the public key PEM here (default: next to -env, or a temp file)")
	ttl := fs.Duration("ttl", 15*time.Minute, "lifetime of the printed session token")
	email := fs.String("email", "seed@example.com", "primary email address of the seeded user")
	if err := fs.Parse(args); err != nil {
		return err
	}

	srv, err := clerktest.Start(
		clerktest.WithRole("org:billing", "org:invoices:create", "org:invoices:read"),
		clerktest.WithJWTTemplate("compat", map[string]any{
			"aud":   "compat",
			"email": "{{user.primary_email_address}}",
			"org":   "{{org.slug}}",
			"role":  "{{org.role}}",
		}),
	)
	if err != nil {
		return err
	}
	defer srv.Close()

	// Canned failures on ids no real flow uses, so clients can see how
	// the fake answers a rate limit and a proxy error.
	srv.InjectFault(clerktest.Fault{Count: 1 << 20, Status: 429, RetryAfter: 7 * time.Second,
		PathPrefix: "/v1/users/user_ratelimited"})
	srv.InjectFault(clerktest.Fault{Count: 1 << 20, Status: 502, Body: []byte("<html><body>502 Bad Gateway</body></html>"),
		PathPrefix: "/v1/users/user_badgateway"})

	uid, err := srv.TryAddUser(clerktest.User{
		Email:          *email,
		FirstName:      "Seed",
		LastName:       "User",
		PublicMetadata: map[string]any{"seeded": true},
	})
	if err != nil {
		return err
	}
	sid, err := srv.TryAddSession(uid, "")
	if err != nil {
		return err
	}
	token, err := srv.MintSessionToken(uid, clerktest.WithSessionID(sid), clerktest.WithExpiry(*ttl))
	if err != nil {
		return err
	}
	// ORG_TOKEN's permissions span two features, so the v2 "fea"/"fpm"
	// encoding is exercised.
	orgPermissions := []string{"org:invoices:create", "org:invoices:read", "org:sys_memberships:manage"}
	orgID, err := srv.TryAddOrganization(clerktest.Organization{Name: "Seed Org", Slug: "seed-org", CreatedBy: uid})
	if err != nil {
		return err
	}
	// Subscription items: no Backend API operation creates one, so
	// clients can only cancel or extend what the fake seeds.
	orgItemID := srv.AddSubscriptionItem(orgID, "team", false)
	trialItemID := srv.AddSubscriptionItem(uid, "pro", true)
	if orgItemID == "" || trialItemID == "" {
		return errors.New("seeding the billing subscription items failed")
	}
	orgToken, err := srv.MintSessionToken(uid, clerktest.WithSessionID(sid), clerktest.WithExpiry(*ttl),
		clerktest.WithAuthorizedParty("http://localhost:3000"),
		clerktest.WithOrg(orgID, "org:admin", orgPermissions...))
	if err != nil {
		return err
	}

	pemPath := *pemFile
	if pemPath == "" {
		if *envFile != "" {
			pemPath = strings.TrimSuffix(*envFile, filepath.Ext(*envFile)) + ".pem"
		} else {
			f, err := os.CreateTemp("", "clerktest-jwt-*.pem")
			if err != nil {
				return err
			}
			pemPath = f.Name()
			_ = f.Close()
			defer os.Remove(pemPath)
		}
	}
	if err := os.WriteFile(pemPath, []byte(srv.PublicKeyPEM()), 0o600); err != nil {
		return err
	}

	lines := []string{
		"CLERK_API_URL=" + strings.TrimSuffix(srv.URL, "/v1"),
		"CLERK_API_BASE=" + srv.URL,
		"CLERK_SECRET_KEY=" + srv.SecretKey,
		"CLERK_JWT_KEY_FILE=" + pemPath,
		"CLERK_JWT_KID=" + srv.KeyID(),
		"CLERK_ISSUER=" + srv.Issuer(),
		"SEED_USER_ID=" + uid,
		"SEED_USER_EMAIL=" + *email,
		"SEED_SESSION_ID=" + sid,
		"SEED_ORG_ID=" + orgID,
		"SEED_ORG_SLUG=seed-org",
		"ORG_PERMISSIONS=" + strings.Join(orgPermissions, ","),
		"SEED_ORG_ITEM_ID=" + orgItemID,
		"SEED_TRIAL_ITEM_ID=" + trialItemID,
		"TOKEN=" + token,
		"ORG_TOKEN=" + orgToken,
	}
	out := strings.Join(lines, "\n") + "\n"
	if *envFile != "" {
		// Write then rename, so a reader never sees half a file.
		tmp := *envFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(out), 0o600); err != nil {
			return err
		}
		if err := os.Rename(tmp, *envFile); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(stdout, out); err != nil {
		return err
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	return nil
}
