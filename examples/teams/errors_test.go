package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
)

// TestAPIErrorStatuses makes the Backend API fail in every way that
// matters and checks what GET /me answers in each case.
func TestAPIErrorStatuses(t *testing.T) {
	t.Parallel()
	clerkErr := `{"errors":[{"code":"form_param_format_invalid","message":"is invalid","long_message":"Name is invalid."}]}`
	tests := []struct {
		name       string
		fault      clerktest.Fault
		status     int
		reason     string
		message    string
		retryAfter string
	}{
		{name: "404 stays 404", fault: clerktest.Fault{Status: 404},
			status: http.StatusNotFound, reason: "resource_not_found"},
		{name: "410 is a 404", fault: clerktest.Fault{Status: 410},
			status: http.StatusNotFound, reason: "resource_not_found"},
		{name: "429 becomes 503 with Retry-After", fault: clerktest.Fault{Status: 429, RetryAfter: 3 * time.Second},
			status: http.StatusServiceUnavailable, reason: "rate_limited", retryAfter: "3"},
		{name: "429 without Retry-After", fault: clerktest.Fault{Status: 429},
			status: http.StatusServiceUnavailable, reason: "rate_limited", retryAfter: "1"},
		{name: "503 with Retry-After", fault: clerktest.Fault{Status: 503, RetryAfter: 5 * time.Second},
			status: http.StatusServiceUnavailable, reason: "upstream_unavailable", retryAfter: "5"},
		{name: "422 passes Clerk's code on", fault: clerktest.Fault{Status: 422, Body: []byte(clerkErr), ContentType: "application/json"},
			status: http.StatusUnprocessableEntity, reason: "form_param_format_invalid", message: "Name is invalid."},
		{name: "400 passes Clerk's code on", fault: clerktest.Fault{Status: 400, Body: []byte(clerkErr), ContentType: "application/json"},
			status: http.StatusUnprocessableEntity, reason: "form_param_format_invalid", message: "Name is invalid."},
		{name: "409", fault: clerktest.Fault{Status: 409},
			status: http.StatusConflict, reason: "conflict"},
		{name: "500", fault: clerktest.Fault{Status: 500},
			status: http.StatusBadGateway, reason: "upstream_failed"},
		{name: "HTML 502 from a proxy", fault: clerktest.Fault{Status: 502, Body: []byte("<html>bad gateway</html>")},
			status: http.StatusBadGateway, reason: "upstream_failed"},
		{name: "503 without Retry-After", fault: clerktest.Fault{Status: 503},
			status: http.StatusBadGateway, reason: "upstream_failed"},
		{name: "401: this server's key is wrong", fault: clerktest.Fault{Status: 401},
			status: http.StatusBadGateway, reason: "upstream_failed"},
		{name: "402: not on this plan", fault: clerktest.Fault{Status: 402},
			status: http.StatusBadGateway, reason: "upstream_failed"},
		{name: "403", fault: clerktest.Fault{Status: 403},
			status: http.StatusBadGateway, reason: "upstream_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.fake.InjectFault(tt.fault)
			r := e.do(t, http.MethodGet, "/me", e.token(e.ada.id), "")
			r.expect(t, tt.status, tt.reason)
			if got := r.header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
			}
			if tt.message != "" && r.problem(t).Message != tt.message {
				t.Errorf("message %q, want %q", r.problem(t).Message, tt.message)
			}
			if r.status >= 500 && r.status != http.StatusServiceUnavailable {
				if logs := e.logs.String(); !strings.Contains(logs, "clerk_trace_id") {
					t.Errorf("failure not logged with the trace id: %s", logs)
				}
			}
		})
	}
}

// TestAPITimeout answers 504 when the Backend API is slower than
// Deps.Timeout.
func TestAPITimeout(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(d *Deps) { d.Timeout = 50 * time.Millisecond })
	e.fake.SetLatency(5 * time.Second)
	start := time.Now()
	e.do(t, http.MethodGet, "/me", e.token(e.ada.id), "").expect(t, http.StatusGatewayTimeout, "upstream_timeout")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestProblemForLocalErrors maps the errors that never reached the API.
func TestProblemForLocalErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		status int
		reason string
	}{
		{"outcome unknown", fmt.Errorf("create: %w", clerk.ErrOutcomeUnknown), http.StatusBadGateway, "outcome_unknown"},
		{"invalid input", &clerk.InvalidInputError{Field: "user_id", Reason: "must not be blank"}, http.StatusBadRequest, "invalid_input"},
		{"deadline", fmt.Errorf("get: %w", context.DeadlineExceeded), http.StatusGatewayTimeout, "upstream_timeout"},
		{"canceled", context.Canceled, http.StatusServiceUnavailable, "canceled"},
		{"network", errors.New("dial tcp: connection refused"), http.StatusBadGateway, "upstream_unreachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := problemFor(tt.err)
			if p.Status != tt.status || p.Reason != tt.reason || p.Message == "" || p.Error == "" {
				t.Errorf("got %+v, want %d %s", p, tt.status, tt.reason)
			}
		})
	}
}
