package testkit

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/clerkgo/clerk"
)

// Fake is a Mock answered from the recorded Call alone, which is all most
// request-shape and replay tests need.
type Fake struct {
	*Mock
}

// NewFake returns a client whose requests go to handle (n counts from 0);
// a nil handle answers 200 {} to everything.
func NewFake(t testing.TB, handle func(n int, c Call) Reply) (*clerk.Client, *Fake) {
	t.Helper()
	f := &Fake{Mock: NewMock(func(n int, _ *http.Request, c Call) Reply {
		if handle == nil {
			return Reply{Status: http.StatusOK, Body: "{}"}
		}
		return handle(n, c)
	})}
	return NewClient(t, f.Mock), f
}

// Always answers every request with the same reply.
func Always(status int, body string) func(int, Call) Reply {
	return func(int, Call) Reply { return Reply{Status: status, Body: body} }
}

// ErrorBody is a ClerkErrors body with one error and a trace ID.
func ErrorBody(code, msg string) string {
	b, _ := json.Marshal(map[string]any{
		"errors":         []map[string]any{{"code": code, "message": msg, "long_message": msg}},
		"clerk_trace_id": "trace_1",
	})
	return string(b)
}

// CheckCall compares a recorded request with what a test expects: method,
// escaped path, query (nil: none) and JSON body by meaning ("": none).
func CheckCall(t testing.TB, got Call, method, path string, query url.Values, body string) {
	t.Helper()
	if got.Method != method {
		t.Errorf("method = %s, want %s", got.Method, method)
	}
	if got.Path != path {
		t.Errorf("path = %s, want %s", got.Path, path)
	}
	if query == nil {
		query = url.Values{}
	}
	if got.Query.Encode() != query.Encode() {
		t.Errorf("query = %s, want %s", got.Query.Encode(), query.Encode())
	}
	CheckJSONBody(t, body, []byte(got.Body))
}

// CheckRefused asserts that err is an *clerk.InvalidInputError for field
// and that the fake saw no request: bad input must fail before sending.
func CheckRefused(t testing.TB, err error, field string, f *Fake) {
	t.Helper()
	var ie *clerk.InvalidInputError
	if !errors.As(err, &ie) || !errors.Is(err, clerk.ErrInvalidInput) {
		t.Fatalf("err = %v, want an InvalidInputError", err)
	}
	if ie.Field != field {
		t.Errorf("field = %q, want %q", ie.Field, field)
	}
	if n := len(f.Calls()); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}
