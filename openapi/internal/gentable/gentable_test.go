package gentable_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/clerkgo/clerk/openapi/internal/gentable"
)

func TestScan(t *testing.T) {
	t.Parallel()
	res, err := gentable.Scan(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	wantEntries := []gentable.Entry{
		{Service: "Things", Method: "Get", HTTPMethod: "GET", Path: "/things/{thing_id}", OperationID: "GetThing"},
		{Service: "Things", Method: "Save", HTTPMethod: "POST", Path: "/things", OperationID: "CreateThing"},
		{Service: "Things", Method: "Save", HTTPMethod: "PUT", Path: "/things/{thing_id}", OperationID: "ReplaceThing"},
		{Service: "Keys", Method: "Key", HTTPMethod: "GET", Path: "/jwks", OperationID: "GetJWKS"},
		{Service: "Local", Method: "Ping", HTTPMethod: "GET", Path: "/ping", OperationID: "Ping"},
	}
	if diff := cmp.Diff(wantEntries, res.Entries, cmpopts.IgnoreFields(gentable.Entry{}, "Dir")); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	got := map[string]string{}
	for _, p := range res.Problems {
		got[p.Service+"."+p.Method] = p.Reason
		if !strings.HasPrefix(p.Pos, "svc/svc.go:") {
			t.Errorf("%s: position %q is not relative to the root", p.Method, p.Pos)
		}
	}
	wantProblems := map[string]string{
		"Things.Malformed":    "malformed line",
		"Things.Misplaced":    "not at the end",
		"Things.NoDoc":        "no doc comment",
		"Things.Undocumented": "does not end with",
	}
	if len(got) != len(wantProblems) {
		t.Errorf("problems = %v, want %d", res.Problems, len(wantProblems))
	}
	for m, want := range wantProblems {
		if !strings.Contains(got[m], want) {
			t.Errorf("problem for %s = %q, want one containing %q", m, got[m], want)
		}
	}
	if err := res.Err(); err == nil || !strings.Contains(err.Error(), "Things.Malformed") {
		t.Errorf("Err() = %v, want the joined problems", err)
	}
	if _, err := gentable.Generate(filepath.Join("testdata", "mod")); err == nil {
		t.Error("Generate succeeded despite problems")
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	src, err := gentable.Render([]gentable.Entry{
		{Service: "Users", Method: "Get", HTTPMethod: "GET", Path: "/users/{user_id}", OperationID: "GetUser"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"// Code generated", "DO NOT EDIT.", "package openapi", "func Operations() []Operation {",
		`{Service: "Users", Method: "Get", HTTPMethod: "GET", Path: "/users/{user_id}", OperationID: "GetUser"},`,
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("rendered source lacks %q:\n%s", want, src)
		}
	}
}

func TestScanErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := gentable.Scan(dir); err == nil {
		t.Error("Scan of a directory without go.mod succeeded")
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n\ntype Other struct{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := gentable.Scan(dir); err == nil || !strings.Contains(err.Error(), "no Client struct") {
		t.Errorf("Scan without a Client = %v, want a no-Client error", err)
	}
}
