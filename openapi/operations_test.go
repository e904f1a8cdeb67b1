package openapi_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/openapi"
	"github.com/clerkgo/clerk/openapi/internal/gentable"
)

// The tests run in openapi/, so the module root is "..".
const root = ".."

func TestOperationsFileIsUpToDate(t *testing.T) {
	t.Parallel()
	want, err := gentable.Generate(root)
	if err != nil {
		t.Fatalf("scanning the service packages: %v", err)
	}
	got, err := os.ReadFile("operations_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("operations_gen.go is stale; run `go generate ./openapi` (-fresh +file):\n%s", diff)
	}
}

func TestEveryServiceMethodHasAnAPILine(t *testing.T) {
	t.Parallel()
	res, err := gentable.Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("%s", p)
	}
	if len(res.Entries) == 0 {
		t.Fatal("no service method found: the scan is broken")
	}
	for _, svc := range []string{"Users", "Organizations", "Invitations", "Sessions", "Bans"} {
		found := false
		for _, e := range res.Entries {
			found = found || e.Service == svc
		}
		if !found {
			t.Errorf("no operation found for service %s", svc)
		}
	}
}

func TestOperationsReturnsAFreshSlice(t *testing.T) {
	t.Parallel()
	a := openapi.Operations()
	if len(a) == 0 {
		t.Fatal("empty table")
	}
	want := a[0]
	a[0].Path = "/changed"
	if got := openapi.Operations()[0]; got != want {
		t.Errorf("Operations()[0] = %v after a caller's change, want %v", got, want)
	}
}

func TestOperationsAreConsistent(t *testing.T) {
	t.Parallel()
	rows := map[string]bool{}
	byID := map[string]openapi.Operation{}
	for _, o := range openapi.Operations() {
		if rows[o.String()] {
			t.Errorf("duplicate row %s", o)
		}
		rows[o.String()] = true
		switch o.HTTPMethod {
		case "GET", "POST", "PUT", "PATCH", "DELETE":
		default:
			t.Errorf("%s: unexpected HTTP method", o)
		}
		if !strings.HasPrefix(o.Path, "/") || strings.ContainsAny(o.Path, " ?#") {
			t.Errorf("%s: path is not a template", o)
		}
		if prev, ok := byID[o.OperationID]; ok && (prev.HTTPMethod != o.HTTPMethod || prev.Path != o.Path) {
			t.Errorf("operationId %s has two routes: %s and %s", o.OperationID, prev, o)
		}
		byID[o.OperationID] = o
	}
}

func TestOperationString(t *testing.T) {
	t.Parallel()
	o := openapi.Operation{Service: "Users", Method: "UpdateMetadata", HTTPMethod: "PATCH", Path: "/users/{user_id}/metadata", OperationID: "UpdateUserMetadata"}
	want := "Users.UpdateMetadata: PATCH /users/{user_id}/metadata (UpdateUserMetadata)"
	if got := o.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestEveryServicePackageHasAnUnimplementedFake checks rule 10 of
// CONTRIBUTING.md: every package that holds a service offers embeddable
// Unimplemented types, so users' fakes keep compiling when methods are
// added.
func TestEveryServicePackageHasAnUnimplementedFake(t *testing.T) {
	t.Parallel()
	res, err := gentable.Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, e := range res.Entries {
		dirs[e.Dir] = true
	}
	if len(dirs) == 0 {
		t.Fatal("no service package found")
	}
	for dir := range dirs {
		found, err := gentable.DeclaresTypePrefix(dir, "Unimplemented")
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			t.Errorf("%s: no Unimplemented... type for users' fakes (CONTRIBUTING.md rule 10)", dir)
		}
	}
}
