package clerktest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
)

// recordingTB is a testing.TB whose Fatalf records the failure instead of
// ending the test, to check what the seed helpers report.
type recordingTB struct {
	testing.TB
	fatals []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

func TestSeedHelpersFailTheTest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		seed func(srv *clerktest.Server, uid string) string
		want string
	}{
		{"user with a taken email", func(srv *clerktest.Server, _ string) string {
			return srv.AddUser(clerktest.User{Email: "ada@example.com"})
		}, "AddUser"},
		{"membership of an unknown org", func(srv *clerktest.Server, uid string) string {
			return srv.AddMembership("org_missing", uid, "org:member")
		}, "AddMembership"},
		{"session of an unknown user", func(srv *clerktest.Server, _ string) string {
			return srv.AddSession("user_missing", "")
		}, "AddSession"},
		{"organization with a bad creator", func(srv *clerktest.Server, _ string) string {
			return srv.AddOrganization(clerktest.Organization{Name: "Acme", CreatedBy: "user_missing"})
		}, "AddOrganization"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{TB: t}
			srv := clerktest.NewServer(rec)
			uid := srv.AddUser(clerktest.User{Email: "ada@example.com"})
			if uid == "" || len(rec.fatals) != 0 {
				t.Fatalf("first seed: %q, %v", uid, rec.fatals)
			}
			if got := tt.seed(srv, uid); got != "" {
				t.Errorf("seed returned %q, want \"\"", got)
			}
			if len(rec.fatals) != 1 || !strings.Contains(rec.fatals[0], tt.want) {
				t.Errorf("failures = %q, want one naming %s", rec.fatals, tt.want)
			}
		})
	}
}

func TestTrySeedHelpersReturnErrors(t *testing.T) {
	t.Parallel()
	srv, err := clerktest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	uid, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	if err != nil || uid == "" {
		t.Fatalf("TryAddUser = %q, %v", uid, err)
	}
	if _, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"}); err == nil {
		t.Error("TryAddUser accepted a taken email")
	}
	if _, err := srv.TryAddSession("user_missing", ""); err == nil {
		t.Error("TryAddSession accepted an unknown user")
	}
	// Without a test, the plain helper reports "" instead of failing.
	if got := srv.AddUser(clerktest.User{Email: "ada@example.com"}); got != "" {
		t.Errorf("AddUser on a Start server = %q, want \"\"", got)
	}
	orgID, err := srv.TryAddOrganization(clerktest.Organization{Name: "Acme", CreatedBy: uid})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.TryAddMembership(orgID, uid, "org:member"); err == nil {
		t.Error("TryAddMembership accepted a second membership")
	}
}
