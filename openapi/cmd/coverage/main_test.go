package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command's flags and exit codes; the report itself is tested in
// internal/coverage.
func TestRun(t *testing.T) {
	t.Parallel()
	spec := filepath.Join(t.TempDir(), "spec.yml")
	doc := "openapi: 3.0.3\npaths:\n  /jwks:\n    get:\n      operationId: GetJWKS\n      tags:\n        - JWKS\n"
	if err := os.WriteFile(spec, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.yml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"text", []string{"-spec", spec}, 0, "JWKS", ""},
		{"markdown", []string{"-spec", spec, "-markdown"}, 0, "| Spec tag | Covered |", ""},
		{"missing spec", []string{"-spec", filepath.Join(t.TempDir(), "none.yml")}, 1, "", "../shared/openapi/clerk-bapi-2026-05-12.yml"},
		{"unparsable spec", []string{"-spec", bad}, 1, "", "no top-level paths"},
		{"bad flag", []string{"-nope"}, 2, "", "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			if code := run(tc.args, &out, &errOut); code != tc.code {
				t.Errorf("exit code = %d, want %d (stderr: %s)", code, tc.code, errOut.String())
			}
			if !strings.Contains(out.String(), tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, out.String())
			}
			if !strings.Contains(errOut.String(), tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, errOut.String())
			}
		})
	}
}

// -strict fails while the table misses an operation of the spec.
func TestRunStrict(t *testing.T) {
	t.Parallel()
	spec := filepath.Join(t.TempDir(), "spec.yml")
	doc := "openapi: 3.0.3\npaths:\n  /never/implemented:\n    get:\n      operationId: NeverImplemented\n      tags:\n        - Users\n"
	if err := os.WriteFile(spec, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"-spec", spec, "-strict"}, &out, &errOut); code != 1 {
		t.Errorf("exit code = %d, want 1:\n%s", code, out.String())
	}
}
