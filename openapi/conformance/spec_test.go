package conformance_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clerkgo/clerk/openapi/internal/specfile"
)

// specPath finds the spec next to the repository. Without it the tests
// skip, except under CI (CI=true), where its absence is a failure.
func specPath(t testing.TB) string {
	t.Helper()
	p, err := specfile.Find(".")
	if err != nil {
		if errors.Is(err, specfile.ErrNotFound) && os.Getenv("CI") != "true" {
			t.Skipf("%v\n%s", err, specfile.Hint)
		}
		t.Fatalf("%v\n%s", err, specfile.Hint)
	}
	return p
}

// loadSpec loads and resolves the spec with kin-openapi.
func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	path := specPath(t)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	return doc
}

func TestSpecIsValid(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("kin-openapi rejects the spec: %v", err)
	}
}
