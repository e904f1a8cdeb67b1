package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
)

// wantLines checks that every pattern matches a line of out, in order.
func wantLines(t *testing.T, out string, patterns []string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	i := 0
	for _, pat := range patterns {
		re := regexp.MustCompile(pat)
		for i < len(lines) && !re.MatchString(lines[i]) {
			i++
		}
		if i == len(lines) {
			t.Fatalf("no line matching %q (in order) in output:\n%s", pat, out)
		}
		i++
	}
}

func TestRunFake(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := runFake(t.Context(), &buf); err != nil {
		t.Fatalf("runFake: %v\noutput:\n%s", err, buf.String())
	}
	wantLines(t, buf.String(), []string{
		`^ 1\. Started the fake Backend API at http://127\.0\.0\.1:\d+/v1 `,
		`^ 2\. Built a client: clerk\.NewClient\(`,
		`^ 3\. Created users ada \(user_\w+\), grace \(user_\w+\) with Users\.Create$`,
		`^ 4\. Typed metadata: set \{Plan: pro, Seats: 5\} on ada; read back Plan=pro Seats=5, private StripeCustomerID=cus_demo$`,
		`^ 5\. Created organization Acme \(org_\w+, slug "acme"\); its creator ada is an org:admin$`,
		`^ 6\. Added grace to Acme as org:member \(orgmem_\w+\)$`,
		`^ 7\. Members of Acme, walked with .*AllMemberships`,
		`^ +- ada@example\.com +org:admin$`,
		`^ +- grace@example\.com +org:member$`,
		`^ +2 members$`,
		`^ 8\. Users\.Get on a missing user: errors\.Is\(err, clerk\.ErrNotFound\) = true \(HTTP 404, code resource_not_found\)$`,
		`^ 9\. Verified ada's session token with jwt\.NewVerifier\(jwt\.WithKeySource\(c\.JWKS\)`,
		`^ +subject is ada: true; org acme, role org:admin, HasPermission\("org:invoices:create"\) = true$`,
		`jwt\.ErrUnauthorizedParty\) = true$`,
		`^10\. Served POST /invoices behind clerkhttp\.Middleware \+ RequirePermission\("org:invoices:create"\):$`,
		`^ +ada, org:admin with the permission +-> 200 OK  \{"invoice":"created","org":"acme"\}$`,
		`^ +grace, org:member without it +-> 403 Forbidden  \{"error":"forbidden","reason":"missing_permission"`,
		`^ +no token +-> 401 Unauthorized  \{"error":"signed_out","reason":"token_missing"`,
		`^11\. Banned grace with Bans\.Ban: Banned=true; Users\.Count\(Banned: true\) = 1$`,
		`^Done\.`,
	})
}

// seed fills a fake with a little data for the read-only tour.
func seed(t *testing.T, srv *clerktest.Server) {
	t.Helper()
	ada, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.TryAddUser(clerktest.User{Username: "grace"}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.TryAddOrganization(clerktest.Organization{Name: "Acme", CreatedBy: ada}); err != nil {
		t.Fatal(err)
	}
}

// readOnlyLines are the lines the read-only tour prints for seed's data.
var readOnlyLines = []string{
	`^ 1\. Using the Backend API at http://127\.0\.0\.1:\d+/v1 \(CLERK_SECRET_KEY is set: read-only calls only\)$`,
	`^ 2\. Users\.Count: the instance has 2 users$`,
	`^ 3\. Users\.List: the 2 users most recently created$`,
	`^ +- user_\w+  (ada@example\.com|grace) +created \d{4}-\d\d-\d\d$`,
	`^ +- user_\w+  (ada@example\.com|grace) +created \d{4}-\d\d-\d\d$`,
	`^ 4\. Organizations\.List: 1 organization in total; the first 1:$`,
	`^ +- org_\w+  Acme \(slug "acme"\), 1 member$`,
	`^ 5\. JWKS\.Get: 1 signing key, for jwt\.NewVerifier`,
	`^ +- kid ins_\w+  RSA RS256$`,
	`^Done\.`,
}

// assertReadOnly checks that the tour sent reads only.
func assertReadOnly(t *testing.T, srv *clerktest.Server) {
	t.Helper()
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request reached the fake")
	}
	for _, r := range reqs {
		if r.Method != http.MethodGet {
			t.Errorf("read-only tour sent %s %s", r.Method, r.Path)
		}
	}
}

func TestRunReadOnly(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	seed(t, srv)
	c, err := clerk.NewClient(srv.SecretKey, append(clientOptions(), clerk.WithBaseURL(srv.URL))...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := runReadOnly(t.Context(), &buf, c, srv.URL); err != nil {
		t.Fatalf("runReadOnly: %v\noutput:\n%s", err, buf.String())
	}
	wantLines(t, buf.String(), readOnlyLines)
	assertReadOnly(t, srv)
}

// TestRunFromEnv takes the path `env CLERK_SECRET_KEY=... CLERK_API_URL=...
// go run ./examples/quickstart` takes. It sets the environment, so it cannot
// run in parallel.
func TestRunFromEnv(t *testing.T) {
	srv := clerktest.NewServer(t)
	seed(t, srv)
	t.Setenv(clerk.EnvSecretKey, srv.SecretKey)
	t.Setenv(clerk.EnvAPIURL, srv.URL)
	var buf bytes.Buffer
	if err := run(t.Context(), &buf); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, buf.String())
	}
	wantLines(t, buf.String(), readOnlyLines)
	assertReadOnly(t, srv)
}

func TestRunFromEnvWrongKey(t *testing.T) {
	srv := clerktest.NewServer(t)
	t.Setenv(clerk.EnvSecretKey, "sk_test_wrong")
	t.Setenv(clerk.EnvAPIURL, srv.URL)
	err := run(t.Context(), &bytes.Buffer{})
	if !errors.Is(err, clerk.ErrUnauthorized) {
		t.Fatalf("run with a wrong key: got %v, want an error matching clerk.ErrUnauthorized", err)
	}
}

// failWriter fails every write, like a closed stdout.
type failWriter struct{}

var errWrite = errors.New("write failed")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestRunFakeWriteError(t *testing.T) {
	t.Parallel()
	err := runFake(t.Context(), failWriter{})
	if !errors.Is(err, errWrite) {
		t.Fatalf("runFake on a failing writer: got %v, want %v", err, errWrite)
	}
}

func TestRunFakeCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := runFake(ctx, &bytes.Buffer{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("runFake on a canceled context: got %v, want context.Canceled", err)
	}
}
