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

// TestWrapAnswers checks how wrap writes each kind of handler result.
func TestWrapAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		res        any
		apiErr     *apiError
		wantStatus int
		wantType   string
		wantBody   string
	}{
		{name: "plain value is a JSON 200", res: map[string]int{"a": 1}, wantStatus: 200, wantType: "application/json", wantBody: `{"a":1}`},
		{name: "nil is a JSON null", res: nil, wantStatus: 200, wantType: "application/json", wantBody: "null"},
		{name: "withStatus", res: withStatus(http.StatusCreated, map[string]string{"id": "x"}), wantStatus: 201, wantType: "application/json", wantBody: `{"id":"x"}`},
		{name: "no content", res: noContent(http.StatusNoContent), wantStatus: 204},
		{name: "accepted", res: noContent(http.StatusAccepted), wantStatus: 202},
		{name: "raw body", res: rawBody("text/html; charset=utf-8", []byte("<p>hi</p>")), wantStatus: 200, wantType: "text/html; charset=utf-8", wantBody: "<p>hi</p>"},
		{name: "unencodable value", res: withStatus(http.StatusCreated, func() {}), wantStatus: 500, wantType: "application/json"},
		{name: "error wins", res: noContent(http.StatusNoContent), apiErr: errNotFound("user", "user_1"), wantStatus: 404, wantType: "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &Server{}
			h := s.wrap(func(*Server, *http.Request) (any, *apiError) { return tt.res, tt.apiErr })
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/x", nil))
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type %q, want %q", got, tt.wantType)
			}
			if tt.wantBody != "" && rec.Body.String() != tt.wantBody {
				t.Errorf("body %q, want %q", rec.Body.String(), tt.wantBody)
			}
			if tt.wantStatus == http.StatusNoContent || tt.wantStatus == http.StatusAccepted {
				if rec.Body.Len() != 0 {
					t.Errorf("body %q, want none", rec.Body.String())
				}
			}
		})
	}
}

// TestPayloadUnwrapsAnswers checks that webhook events carry an answer's
// value, not the answer.
func TestPayloadUnwrapsAnswers(t *testing.T) {
	t.Parallel()
	v := map[string]string{"id": "x"}
	if got, ok := payload(withStatus(http.StatusCreated, v)).(map[string]string); !ok || got["id"] != "x" {
		t.Errorf("payload(withStatus) = %v, want the value", got)
	}
	if got := payload(v); got == nil {
		t.Error("payload(plain) = nil, want the value")
	}
}
