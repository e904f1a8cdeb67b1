package clerk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var allSentinels = []error{
	clerk.ErrBadRequest, clerk.ErrUnauthorized, clerk.ErrPaymentRequired, clerk.ErrForbidden,
	clerk.ErrNotFound, clerk.ErrConflict, clerk.ErrGone, clerk.ErrUnprocessable, clerk.ErrLocked,
	clerk.ErrRateLimited, clerk.ErrServer, clerk.ErrInvalidResponse, clerk.ErrResponseTooLarge,
	clerk.ErrInvalidInput, clerk.ErrOutcomeUnknown,
}

func TestSentinelsThroughTheClient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		want   error
	}{
		{400, clerk.ErrBadRequest},
		{401, clerk.ErrUnauthorized},
		{402, clerk.ErrPaymentRequired},
		{403, clerk.ErrForbidden},
		{404, clerk.ErrNotFound},
		{409, clerk.ErrConflict},
		{410, clerk.ErrGone},
		{422, clerk.ErrUnprocessable},
		{423, clerk.ErrLocked},
		{429, clerk.ErrRateLimited},
		{500, clerk.ErrServer},
		{502, clerk.ErrServer},
		{503, clerk.ErrServer},
		{504, clerk.ErrServer},
		{413, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: tt.status, body: errBody("code_"+fmt.Sprint(tt.status), "trace_x")})
			c := newClient(t, srv.URL, clerk.WithMaxRetries(0))
			_, err := c.Users.Get(context.Background(), "user_2abc")
			for _, s := range allSentinels {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(err, %q) = %v", s, got)
				}
			}
			var apiErr *clerk.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("errors.As(%v, *clerk.APIError) failed", err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Method != "GET" || apiErr.Path != "/users/user_2abc" ||
				!apiErr.HasCode(fmt.Sprintf("code_%d", tt.status)) || apiErr.TraceID != "trace_x" {
				t.Errorf("APIError %+v", apiErr)
			}
			// Wrapped by the caller, it still matches.
			wrapped := fmt.Errorf("loading profile: %w", err)
			if tt.want != nil && !errors.Is(wrapped, tt.want) {
				t.Error("wrapped error lost its sentinel")
			}
		})
	}
}

func TestErrorDetailsDecoded(t *testing.T) {
	t.Parallel()
	body := `{"errors":[` +
		`{"code":"form_identifier_exists","message":"That email address is taken.","long_message":"That email address is taken. Please try another.","meta":{"param_name":"email_address"}},` +
		`{"code":"form_password_pwned","message":"pwned"}],` +
		`"meta":{},"clerk_trace_id":"trace_422"}`
	srv := newScript(t, step{status: 422, body: body})
	c := newClient(t, srv.URL)
	_, err := c.Users.Get(context.Background(), "user_2abc")
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *APIError, got %v", err)
	}
	want := []clerk.ErrorDetail{
		{Code: "form_identifier_exists", Message: "That email address is taken.",
			LongMessage: "That email address is taken. Please try another.", Meta: json.RawMessage(`{"param_name":"email_address"}`)},
		{Code: "form_password_pwned", Message: "pwned"},
	}
	if diff := cmp.Diff(want, apiErr.Errors); diff != "" {
		t.Errorf("Errors (-want +got):\n%s", diff)
	}
	if apiErr.TraceID != "trace_422" || apiErr.Attempts != 1 || string(apiErr.Body) != body {
		t.Errorf("APIError %+v", apiErr)
	}
	const wantText = "clerk: GET /users/user_2abc: 422 Unprocessable Entity: form_identifier_exists: " +
		"That email address is taken. Please try another. (and 1 more) (trace trace_422)"
	if err.Error() != wantText {
		t.Errorf("Error() = %q\nwant      %q", err.Error(), wantText)
	}
}

// TestUnusableBodies: a proxy's HTML, a 200 that is not JSON and a body
// over the cap all give an *APIError with the status.
func TestUnusableBodies(t *testing.T) {
	t.Parallel()
	html := "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
	tests := []struct {
		name    string
		step    step
		opts    []clerk.Option
		status  int
		wantIs  []error
		notIs   []error
		wantRaw string
	}{
		{"HTML 502 from a proxy", step{status: 502, header: map[string]string{"Content-Type": "text/html"}, body: html},
			[]clerk.Option{clerk.WithMaxRetries(0)}, 502, []error{clerk.ErrServer}, []error{clerk.ErrInvalidResponse}, html},
		{"HTML 200", step{status: 200, header: map[string]string{"Content-Type": "text/html"}, body: html},
			nil, 200, []error{clerk.ErrInvalidResponse}, []error{clerk.ErrServer}, html},
		{"truncated JSON 200", step{status: 200, body: userJSON[:40]},
			nil, 200, []error{clerk.ErrInvalidResponse}, nil, userJSON[:40]},
		{"200 over WithMaxResponseSize", step{status: 200, body: userJSON},
			[]clerk.Option{clerk.WithMaxResponseSize(64)}, 200, []error{clerk.ErrResponseTooLarge}, []error{clerk.ErrInvalidResponse}, ""},
		{"404 over WithMaxResponseSize", step{status: 404, body: errBody(strings.Repeat("x", 200), "t")},
			[]clerk.Option{clerk.WithMaxResponseSize(64)}, 404, []error{clerk.ErrResponseTooLarge, clerk.ErrNotFound}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.step)
			c := newClient(t, srv.URL, tt.opts...)
			u, err := c.Users.Get(context.Background(), "user_2abc")
			var apiErr *clerk.APIError
			if u != nil || !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("Get = %v, %v; want an *APIError with status %d", u, err, tt.status)
			}
			for _, s := range tt.wantIs {
				if !errors.Is(err, s) {
					t.Errorf("%v does not match %v", err, s)
				}
			}
			for _, s := range tt.notIs {
				if errors.Is(err, s) {
					t.Errorf("%v matches %v", err, s)
				}
			}
			if tt.wantRaw != "" && string(apiErr.Body) != tt.wantRaw {
				t.Errorf("Body = %q", apiErr.Body)
			}
			if len(apiErr.Errors) != 0 {
				t.Errorf("Errors decoded from a non-ClerkErrors body: %+v", apiErr.Errors)
			}
		})
	}
}

func TestErrorBodyCappedAt1MiB(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("e", 3<<20)
	srv := newScript(t, step{status: 500, header: map[string]string{"Content-Type": "text/plain"}, body: body})
	c := newClient(t, srv.URL, clerk.WithMaxRetries(0))
	_, err := c.Users.Get(context.Background(), "user_2abc")
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *APIError, got %v", err)
	}
	if len(apiErr.Body) != 1<<20 || cap(apiErr.Body) > 1<<20 {
		t.Errorf("Body len %d cap %d; want at most 1 MiB", len(apiErr.Body), cap(apiErr.Body))
	}
	if len(err.Error()) > 512 {
		t.Errorf("Error() is %d bytes: the body does not belong in the message", len(err.Error()))
	}
}

// TestAPIErrorAsValue: users can build APIErrors in their own fakes, and
// they still match sentinels.
func TestAPIErrorAsValue(t *testing.T) {
	t.Parallel()
	var err error = &clerk.APIError{StatusCode: 404, Errors: []clerk.ErrorDetail{{Code: "resource_not_found"}}}
	if !errors.Is(err, clerk.ErrNotFound) || errors.Is(err, clerk.ErrServer) {
		t.Error("hand-built APIError matches the wrong sentinels")
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || !apiErr.HasCode("resource_not_found") {
		t.Error("errors.As / HasCode")
	}
	if diff := cmp.Diff(&clerk.APIError{StatusCode: 404, Errors: []clerk.ErrorDetail{{Code: "resource_not_found"}}}, apiErr,
		cmpopts.IgnoreUnexported(clerk.APIError{})); diff != "" {
		t.Error(diff)
	}
	if http.StatusText(apiErr.StatusCode) == "" {
		t.Error("status text")
	}
}
