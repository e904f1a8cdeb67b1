package transport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/google/go-cmp/cmp"
)

func TestStatusSentinels(t *testing.T) {
	t.Parallel()
	all := []error{
		transport.ErrBadRequest, transport.ErrUnauthorized, transport.ErrPaymentRequired,
		transport.ErrForbidden, transport.ErrNotFound, transport.ErrConflict, transport.ErrGone,
		transport.ErrUnprocessable, transport.ErrLocked, transport.ErrRateLimited, transport.ErrNotImplemented, transport.ErrServer,
		transport.ErrInvalidResponse, transport.ErrResponseTooLarge, transport.ErrInvalidInput,
		transport.ErrOutcomeUnknown,
	}
	tests := []struct {
		status int
		want   error // nil: matches no sentinel
	}{
		{400, transport.ErrBadRequest},
		{401, transport.ErrUnauthorized},
		{402, transport.ErrPaymentRequired},
		{403, transport.ErrForbidden},
		{404, transport.ErrNotFound},
		{409, transport.ErrConflict},
		{410, transport.ErrGone},
		{422, transport.ErrUnprocessable},
		{423, transport.ErrLocked},
		{429, transport.ErrRateLimited},
		{500, transport.ErrServer},
		{501, transport.ErrNotImplemented},
		{502, transport.ErrServer},
		{503, transport.ErrServer},
		{504, transport.ErrServer},
		{599, transport.ErrServer},
		{413, nil},
		{418, nil},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: tt.status, body: errBody("c", "trace_s")})
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.MaxRetries = 0 })
			err := b.Get(context.Background(), "/users/user_1", nil, nil)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("want *APIError with status %d, got %v", tt.status, err)
			}
			for _, s := range all {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(err, %q) = %v", s, got)
				}
			}
			if errors.Is(err, nil) {
				t.Error("errors.Is(err, nil) is true")
			}
		})
	}
}

func TestAPIErrorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  *transport.APIError
		want string
	}{
		{"bare status", &transport.APIError{StatusCode: 502}, "clerk: 502 Bad Gateway"},
		{"operation, detail and trace", &transport.APIError{
			StatusCode: 404, Method: "GET", Path: "/users/u", TraceID: "tr",
			Errors: []transport.ErrorDetail{{Code: "resource_not_found", Message: "not found", LongMessage: "No user."}},
		}, "clerk: GET /users/u: 404 Not Found: resource_not_found: No user. (trace tr)"},
		{"message without long message, more details", &transport.APIError{
			StatusCode: 422,
			Errors:     []transport.ErrorDetail{{Message: "bad"}, {Code: "x"}, {Code: "y"}},
		}, "clerk: 422 Unprocessable Entity: bad (and 2 more)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorBodyDecoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		step       step
		wantTrace  string
		wantErrors []transport.ErrorDetail
	}{
		{
			name: "ClerkErrors body with every field",
			step: step{status: 422, body: `{"errors":[{"code":"form_param_format_invalid","message":"is invalid",` +
				`"long_message":"email_address must be a valid email address.","meta":{"param_name":"email_address"}}],` +
				`"meta":{},"clerk_trace_id":"trace_body"}`},
			wantTrace: "trace_body",
			wantErrors: []transport.ErrorDetail{{
				Code: "form_param_format_invalid", Message: "is invalid",
				LongMessage: "email_address must be a valid email address.",
				Meta:        json.RawMessage(`{"param_name":"email_address"}`),
			}},
		},
		{
			name:       "body trace id wins over the header",
			step:       step{status: 400, header: map[string]string{"Clerk-Trace-Id": "trace_hdr"}, body: errBody("c", "trace_body")},
			wantTrace:  "trace_body",
			wantErrors: []transport.ErrorDetail{{Code: "c", Message: "m", LongMessage: "lm"}},
		},
		{
			name:       "header trace id when the body has none",
			step:       step{status: 403, header: map[string]string{"Clerk-Trace-Id": "trace_hdr"}, body: `{"errors":[]}`},
			wantTrace:  "trace_hdr",
			wantErrors: []transport.ErrorDetail{},
		},
		{
			name: "HTML from a proxy",
			step: step{status: 502, header: map[string]string{"Content-Type": "text/html", "Clerk-Trace-Id": "trace_hdr"},
				body: "<html><body>502 Bad Gateway</body></html>"},
			wantTrace: "trace_hdr",
		},
		{"empty body", step{status: 401}, "", nil},
		{"JSON that is not ClerkErrors", step{status: 400, body: `["x"]`}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.step)
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.MaxRetries = 0 })
			err := b.Get(context.Background(), "/users", nil, nil)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %v", err)
			}
			if apiErr.StatusCode != tt.step.status || apiErr.TraceID != tt.wantTrace {
				t.Errorf("status %d trace %q, want %d %q", apiErr.StatusCode, apiErr.TraceID, tt.step.status, tt.wantTrace)
			}
			if diff := cmp.Diff(tt.wantErrors, apiErr.Errors); diff != "" {
				t.Errorf("Errors (-want +got):\n%s", diff)
			}
			if string(apiErr.Body) != tt.step.body {
				t.Errorf("Body = %q, want %q", apiErr.Body, tt.step.body)
			}
			if errors.Is(err, transport.ErrInvalidResponse) {
				t.Error("an undecodable error body is not an invalid response: the status says what happened")
			}
		})
	}
}

func TestRetryAfterParsing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string
		min, max time.Duration
	}{
		{"seconds", "7", 7 * time.Second, 7 * time.Second},
		{"padded seconds", " 3 ", 3 * time.Second, 3 * time.Second},
		{"zero", "0", 0, 0},
		{"negative", "-5", 0, 0},
		{"garbage", "soon", 0, 0},
		{"huge is capped at a day", "99999999999", 24 * time.Hour, 24 * time.Hour},
		{"HTTP-date", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), 58 * time.Minute, time.Hour},
		{"past HTTP-date", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: 429, header: map[string]string{"Retry-After": tt.value}, body: errBody("too_many", "t")})
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.MaxRetries = 0 })
			err := b.Get(context.Background(), "/users", nil, nil)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %v", err)
			}
			if apiErr.RetryAfter < tt.min || apiErr.RetryAfter > tt.max {
				t.Errorf("RetryAfter = %v, want in [%v, %v]", apiErr.RetryAfter, tt.min, tt.max)
			}
		})
	}
}

// TestResponseBodies covers 2xx bodies that cannot be used and bodies over
// the size caps.
func TestResponseBodies(t *testing.T) {
	t.Parallel()
	big := `{"id":"user_1","pad":"` + strings.Repeat("x", 2048) + `"}`
	tests := []struct {
		name      string
		step      step
		maxSize   int64
		out       bool
		wantIs    []error
		wantNotIs []error
	}{
		{"HTML with 200", step{status: 200, header: map[string]string{"Content-Type": "text/html"}, body: "<html>hi</html>"},
			0, true, []error{transport.ErrInvalidResponse}, []error{transport.ErrServer, transport.ErrResponseTooLarge}},
		{"truncated JSON", step{status: 200, body: `{"id":"user_1"`}, 0, true, []error{transport.ErrInvalidResponse}, nil},
		{"empty 200", step{status: 200}, 0, true, []error{transport.ErrInvalidResponse}, nil},
		{"wrong JSON type", step{status: 200, body: `{"id":5}`}, 0, true, []error{transport.ErrInvalidResponse}, nil},
		{"200 over the cap", step{status: 200, body: big}, 1024, true,
			[]error{transport.ErrResponseTooLarge}, []error{transport.ErrInvalidResponse}},
		{"200 over the cap, discarded", step{status: 200, body: big}, 1024, false,
			[]error{transport.ErrResponseTooLarge}, nil},
		{"404 over the cap", step{status: 404, body: big}, 1024, true,
			[]error{transport.ErrResponseTooLarge, transport.ErrNotFound}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, tt.step)
			b := newBackend(t, srv.URL, func(c *transport.Config) {
				c.MaxRetries = 0
				c.MaxResponseSize = tt.maxSize
			})
			var out struct {
				ID string `json:"id"`
			}
			var dst any
			if tt.out {
				dst = &out
			}
			err := b.Get(context.Background(), "/users/user_1", nil, dst)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %v", err)
			}
			if apiErr.StatusCode != tt.step.status {
				t.Errorf("StatusCode = %d, want %d", apiErr.StatusCode, tt.step.status)
			}
			for _, s := range tt.wantIs {
				if !errors.Is(err, s) {
					t.Errorf("error %q does not match %q", err, s)
				}
			}
			for _, s := range tt.wantNotIs {
				if errors.Is(err, s) {
					t.Errorf("error %q matches %q", err, s)
				}
			}
			if tt.maxSize == 0 && string(apiErr.Body) != tt.step.body {
				t.Errorf("Body = %q, want %q", apiErr.Body, tt.step.body)
			}
			if tt.maxSize > 0 && int64(len(apiErr.Body)) > tt.maxSize+1 {
				t.Errorf("kept %d bytes of body, cap %d", len(apiErr.Body), tt.maxSize)
			}
		})
	}
}

// TestHugeBodyIsNotBuffered streams an endless body: the call must fail
// after reading the cap, not read until memory runs out.
func TestHugeBodyIsNotBuffered(t *testing.T) {
	t.Parallel()
	for _, status := range []int{200, 500} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(status)
				chunk := bytes.Repeat([]byte("a"), 64<<10)
				w.Write([]byte(`{"id":"`))
				for i := 0; i < 1<<14 && r.Context().Err() == nil; i++ { // up to 1 GiB
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			}))
			t.Cleanup(srv.Close)
			b := newBackend(t, srv.URL, func(c *transport.Config) {
				c.MaxRetries = 0
				c.MaxResponseSize = 2 << 20
			})
			var out json.RawMessage
			err := b.Get(context.Background(), "/users/user_1", nil, &out)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) || !errors.Is(err, transport.ErrResponseTooLarge) {
				t.Fatalf("want *APIError matching ErrResponseTooLarge, got %v", err)
			}
			if len(apiErr.Body) > transport.MaxErrorBody || cap(apiErr.Body) > transport.MaxErrorBody {
				t.Errorf("APIError keeps len %d cap %d bytes, cap is %d", len(apiErr.Body), cap(apiErr.Body), transport.MaxErrorBody)
			}
		})
	}
}

// TestErrorBodyCap: an error body is kept up to 1 MiB, and the APIError
// holds no more memory than that.
func TestErrorBodyCap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
	}{
		{"500", 500},
		{"undecodable 200", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := "<html>" + strings.Repeat("x", 3<<20)
			srv := newScript(t, step{status: tt.status, body: body})
			b := newBackend(t, srv.URL, func(c *transport.Config) { c.MaxRetries = 0 })
			var out struct{}
			err := b.Get(context.Background(), "/users", nil, &out)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %v", err)
			}
			if len(apiErr.Body) != transport.MaxErrorBody {
				t.Errorf("len(Body) = %d, want %d", len(apiErr.Body), transport.MaxErrorBody)
			}
			if cap(apiErr.Body) > transport.MaxErrorBody {
				t.Errorf("cap(Body) = %d: the error pins the whole %d-byte body", cap(apiErr.Body), len(body))
			}
			if !bytes.Equal(apiErr.Body, []byte(body[:transport.MaxErrorBody])) {
				t.Error("Body is not the start of the response body")
			}
		})
	}
}

func TestRawMessageAndDiscard(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: userJSON})
	b := newBackend(t, srv.URL)
	var raw json.RawMessage
	if err := b.Get(context.Background(), "/users/user_1", nil, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw) != userJSON {
		t.Errorf("raw = %s", raw)
	}
	if err := b.Get(context.Background(), "/users/user_1", nil, nil); err != nil {
		t.Errorf("discarding a 200 body: %v", err)
	}
	html := newScript(t, step{status: 200, body: "<html>"})
	var raw2 json.RawMessage
	err := newBackend(t, html.URL).Get(context.Background(), "/x", nil, &raw2)
	if !errors.Is(err, transport.ErrInvalidResponse) {
		t.Errorf("non-JSON into *json.RawMessage: want ErrInvalidResponse, got %v", err)
	}
}
