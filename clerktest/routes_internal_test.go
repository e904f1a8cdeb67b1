package clerktest

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/clerkgo/clerk/openapi"
)

// TestEveryOperationHasARoute checks that every operation of the SDK's
// table (openapi.Operations) has a route in the fake.
func TestEveryOperationHasARoute(t *testing.T) {
	t.Parallel()
	m := http.NewServeMux()
	seen := map[string]bool{}
	for _, table := range routeTables() {
		for pattern := range table {
			if seen[pattern] {
				t.Errorf("pattern %q is in two route tables", pattern)
			}
			seen[pattern] = true
			m.Handle(pattern, http.NotFoundHandler())
		}
	}
	placeholder := regexp.MustCompile(`\{[^}]+\}`)
	for _, o := range openapi.Operations() {
		path := "/v1" + placeholder.ReplaceAllString(o.Path, "x_1")
		r := httptest.NewRequest(o.HTTPMethod, path, nil)
		if _, pattern := m.Handler(r); pattern == "" {
			t.Errorf("no route for %v", o)
		}
	}
}
