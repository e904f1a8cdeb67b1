package specfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/openapi/internal/specfile"
)

// layout builds parent/{repo/go.mod, repo/sub/nested/go.mod, shared/...}
// and returns parent.
func layout(t *testing.T, withSpec bool) string {
	t.Helper()
	parent := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(parent, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("repo/go.mod", "module "+specfile.Module+"\n\ngo 1.24\n")
	write("repo/openapi/conformance/go.mod", "module "+specfile.Module+"/openapi/conformance\n")
	if withSpec {
		write("shared/openapi/clerk-bapi-2026-05-12.yml", "openapi: 3.0.3\n")
	}
	return parent
}

func TestFind(t *testing.T) {
	parent := layout(t, true)
	t.Setenv(specfile.EnvVar, "")
	// From the nested module, past its own go.mod, up to the repository.
	got, err := specfile.Find(filepath.Join(parent, "repo", "openapi", "conformance"))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(parent, "shared", "openapi", "clerk-bapi-2026-05-12.yml")
	if got != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
	root, err := specfile.RepoRoot(filepath.Join(parent, "repo", "openapi"))
	if err != nil || root != filepath.Join(parent, "repo") {
		t.Errorf("RepoRoot = %q, %v", root, err)
	}
}

func TestFindMissing(t *testing.T) {
	parent := layout(t, false)
	t.Setenv(specfile.EnvVar, "")
	_, err := specfile.Find(filepath.Join(parent, "repo"))
	if !errors.Is(err, specfile.ErrNotFound) {
		t.Fatalf("Find = %v, want ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), filepath.Join("shared", "openapi")) {
		t.Errorf("error %q does not name the path it tried", err)
	}
	if _, err := specfile.RepoRoot(parent); err == nil {
		t.Error("RepoRoot above the repository succeeded")
	}
}

func TestFindFromEnv(t *testing.T) {
	parent := layout(t, true)
	p := filepath.Join(parent, "shared", "openapi", "clerk-bapi-2026-05-12.yml")
	t.Setenv(specfile.EnvVar, p)
	got, err := specfile.Find(t.TempDir()) // no repository needed
	if err != nil || got != p {
		t.Errorf("Find = %q, %v; want %q", got, err, p)
	}
	t.Setenv(specfile.EnvVar, filepath.Join(parent, "nope.yml"))
	if _, err := specfile.Find("."); !errors.Is(err, specfile.ErrNotFound) {
		t.Errorf("Find with a missing $%s = %v, want ErrNotFound", specfile.EnvVar, err)
	}
}
