package testkit_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/google/go-cmp/cmp"
)

func TestMockRecordsAndRewinds(t *testing.T) {
	t.Parallel()
	var readBack string
	m := testkit.NewMock(func(n int, r *http.Request, c testkit.Call) testkit.Reply {
		b, _ := io.ReadAll(r.Body)
		readBack = string(b)
		return testkit.Reply{Status: http.StatusCreated, Body: `{"n":1}`, Header: http.Header{"X-Test": {"yes"}}}
	})
	hc := &http.Client{Transport: m}
	resp, err := hc.Post(testkit.BaseURL+"/users/a%2Fb?x=1&x=2", "application/json", strings.NewReader(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("X-Test") != "yes" || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("response = %d %v", resp.StatusCode, resp.Header)
	}
	if readBack != `{"a":1}` {
		t.Errorf("answer read body %q", readBack)
	}
	calls := m.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	testkit.CheckCall(t, calls[0], http.MethodPost, "/users/a%2Fb", url.Values{"x": {"1", "2"}}, `{ "a": 1 }`)
}

func TestFakeClient(t *testing.T) {
	t.Parallel()
	c, f := testkit.NewFake(t, testkit.Always(http.StatusNotFound, testkit.ErrorBody("resource_not_found", "not found")))
	if _, err := c.Users.Get(context.Background(), "user_1"); err == nil {
		t.Fatal("Get succeeded on a 404")
	}
	calls := f.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1 (a 404 is not retried)", len(calls))
	}
	testkit.CheckCall(t, calls[0], http.MethodGet, "/users/user_1", nil, "")
}

func TestScriptServer(t *testing.T) {
	t.Parallel()
	srv := testkit.NewScriptServer(t, testkit.Steps(
		testkit.Step{Status: http.StatusTeapot, Header: map[string]string{"Content-Type": "text/plain"}, Body: "first"},
		testkit.Step{Status: http.StatusOK, Body: "{}"},
	))
	var got []string
	for range 3 {
		resp, err := http.Get(srv.URL + "/v1/x?q=1")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got = append(got, resp.Status+" "+resp.Header.Get("Content-Type")+" "+string(b))
	}
	want := []string{"418 I'm a teapot text/plain first", "200 OK application/json {}", "200 OK application/json {}"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if srv.Count() != 3 {
		t.Errorf("Count = %d, want 3", srv.Count())
	}
	if r := srv.Requests()[0]; r.Method != http.MethodGet || r.EscapedPath != "/v1/x" || r.RawQuery != "q=1" {
		t.Errorf("first request = %+v", r)
	}
}

func TestJSONEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{`{"a":1,"b":[1,2]}`, `{ "b": [1, 2], "a": 1 }`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{``, ``, true},
		{``, `{}`, false},
		{`{`, `{`, false},
	}
	for _, tt := range tests {
		if got := testkit.JSONEqual([]byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("JSONEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLockedBuffer(t *testing.T) {
	t.Parallel()
	var b testkit.LockedBuffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = b.Write([]byte("ab"))
	}()
	_ = b.String()
	<-done
	if b.String() != "ab" {
		t.Errorf("String = %q", b.String())
	}
}

func TestClosedURL(t *testing.T) {
	t.Parallel()
	if _, err := http.Get(testkit.ClosedURL(t)); err == nil {
		t.Error("a request to ClosedURL succeeded")
	}
}
