package clerktest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/openapi"
)

// TestEveryOperationIsRouted sends one request per row of the SDK's
// operation table and fails on any the fake answers with 501
// clerktest_not_implemented: every operation the SDK calls must be
// modelled by the fake.
func TestEveryOperationIsRouted(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	seen := map[string]bool{}
	for _, op := range openapi.Operations() {
		key := op.HTTPMethod + " " + op.Path
		if seen[key] {
			continue
		}
		seen[key] = true
		path := op.Path
		for strings.Contains(path, "{") {
			i := strings.IndexByte(path, '{')
			j := strings.IndexByte(path[i:], '}')
			path = path[:i] + "x_routecheck" + path[i+j+1:]
		}
		req, err := http.NewRequest(op.HTTPMethod, srv.URL+path, strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+srv.SecretKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotImplemented || strings.Contains(string(body), "clerktest_not_implemented") {
			t.Errorf("%s (%s.%s): not routed in clerktest", key, op.Service, op.Method)
		}
	}
	if len(seen) == 0 {
		t.Fatal("empty operation table")
	}
}

func TestUnknownRouteAnswers501(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/no_such_resource", nil)
	req.Header.Set("Authorization", "Bearer "+srv.SecretKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotImplemented || !strings.Contains(string(body), `"clerktest_not_implemented"`) {
		t.Errorf("got %d %s; want 501 clerktest_not_implemented", resp.StatusCode, body)
	}
}
