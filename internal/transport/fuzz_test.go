package transport_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/internal/transport"
)

// fuzzKey is the secret of the fuzzed backends; no error may show it.
const fuzzKey = "sk_test_SECRETfuzz0123456789"

// cannedRT answers every request with one response, built anew each time.
type cannedRT struct {
	status     int
	retryAfter string
	body       []byte
}

func (c cannedRT) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	h := http.Header{"Content-Type": {"application/json"}}
	if c.retryAfter != "" {
		h["Retry-After"] = []string{c.retryAfter}
	}
	return &http.Response{
		StatusCode: c.status, Header: h, Request: r,
		Body: io.NopCloser(bytes.NewReader(c.body)), ContentLength: int64(len(c.body)),
	}, nil
}

// FuzzDecodeError sends one request to a fake response of any status
// (200..599), Retry-After and body, and checks the decoding of the answer:
// no panic; a non-2xx answer is an *APIError carrying that status, the
// sentinel of that status, the body capped at MaxErrorBody, a
// non-negative RetryAfter and a message without the key; a 2xx answer
// either decodes or is an *APIError matching ErrInvalidResponse. Seeds are
// in testdata/fuzz/FuzzDecodeError.
func FuzzDecodeError(f *testing.F) {
	f.Add(uint16(404), "", []byte(`{"errors":[{"code":"resource_not_found","message":"m"}],"clerk_trace_id":"t"}`))
	f.Fuzz(func(t *testing.T, code uint16, retryAfter string, body []byte) {
		status := 200 + int(code)%400
		// A fresh backend per input: a 429 pauses the whole client.
		b, err := transport.New(transport.Config{
			SecretKey: fuzzKey, BaseURL: "https://api.test/v1", MaxRetries: 0,
			HTTPClient: &http.Client{Transport: cannedRT{status: status, retryAfter: retryAfter, body: body}},
		})
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			ID string `json:"id"`
		}
		err = b.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "/users/user_1"}, &out)
		var ae *transport.APIError
		if err != nil && !errors.As(err, &ae) {
			t.Fatalf("status %d: error %v (%T) is not an *APIError", status, err, err)
		}
		if err != nil {
			msg := ae.Error()
			if msg == "" || strings.Contains(msg, fuzzKey) || strings.Contains(msg, "SECRET") {
				t.Fatalf("bad message %q", msg)
			}
			if ae.StatusCode != status || ae.Attempts != 1 || ae.RetryAfter < 0 {
				t.Fatalf("status %d attempts %d retry-after %v, want %d, 1, >= 0", ae.StatusCode, ae.Attempts, ae.RetryAfter, status)
			}
			if len(ae.Body) > transport.MaxErrorBody || !bytes.HasPrefix(body, ae.Body) {
				t.Fatalf("error body is not the answer's, capped: %d bytes of %d", len(ae.Body), len(body))
			}
			ae.HasCode("resource_not_found")
		}
		switch {
		case status < 300:
			if err != nil && !errors.Is(err, transport.ErrInvalidResponse) {
				t.Fatalf("2xx answer failed with %v, not ErrInvalidResponse", err)
			}
		case err == nil:
			t.Fatalf("status %d gave no error", status)
		case status == http.StatusNotFound && !errors.Is(err, transport.ErrNotFound),
			status == http.StatusTooManyRequests && !errors.Is(err, transport.ErrRateLimited),
			// 501 has its own sentinel (core documents ErrServer as
			// "other 5xx"); testdata/fuzz/FuzzDecodeError/22e9b4bb5662cd5b
			// is the input that found this test expecting ErrServer.
			status == http.StatusNotImplemented && (!errors.Is(err, transport.ErrNotImplemented) || errors.Is(err, transport.ErrServer)),
			status >= 500 && status != http.StatusNotImplemented && !errors.Is(err, transport.ErrServer):
			t.Fatalf("status %d does not match its sentinel: %v", status, err)
		}
	})
}
