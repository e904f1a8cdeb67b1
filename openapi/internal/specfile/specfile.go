// Package specfile locates Clerk's OpenAPI spec, which lives next to the
// repository (../shared/openapi/...) and is never copied into it.
package specfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the SDK's module path; the repository root is the directory
// whose go.mod declares it.
const Module = "github.com/clerkgo/clerk"

// RelPath is the spec's path relative to the repository root.
const RelPath = "../shared/openapi/clerk-bapi-2026-05-12.yml"

// EnvVar overrides the spec location for tests.
const EnvVar = "CLERK_BAPI_SPEC"

// ErrNotFound means the spec file is not where it should be.
var ErrNotFound = errors.New("spec file not found")

// Hint tells a person where the spec comes from.
const Hint = `The Clerk Backend API spec is not part of this repository. Put it at
../shared/openapi/clerk-bapi-2026-05-12.yml next to the repository root
(the file is clerk-bapi-2026-05-12.yml from Clerk's public openapi-specs
repository, bapi folder; MIT licensed), or point ` + EnvVar + ` at a copy.`

// RepoRoot walks up from dir to the directory whose go.mod declares Module.
func RepoRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && declares(string(b), Module) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod of %s above %s", Module, abs)
		}
		d = parent
	}
}

func declares(goMod, module string) bool {
	for _, l := range strings.Split(goMod, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`) == module
		}
	}
	return false
}

// Find returns the spec's path: $CLERK_BAPI_SPEC when set, else RelPath
// from the repository root above dir. The error wraps ErrNotFound when the
// file does not exist, and carries the path that was tried.
func Find(dir string) (string, error) {
	p := os.Getenv(EnvVar)
	if p == "" {
		root, err := RepoRoot(dir)
		if err != nil {
			return "", err
		}
		p = filepath.Join(root, filepath.FromSlash(RelPath))
	}
	if _, err := os.Stat(p); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("%w: %s", ErrNotFound, p)
		}
		return "", err
	}
	return p, nil
}
