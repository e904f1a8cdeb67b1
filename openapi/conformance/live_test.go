package conformance_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/machines"
)

// recordingTransport notes, for every response, what a contract test must
// fail on: Prism's sl-violations header (the request broke the spec) and
// 4xx answers (Prism rejects invalid requests with 400/422 and a
// problem+json body, unknown routes with 404).
type recordingTransport struct {
	base http.RoundTripper
	// strip is the path of the spec's server URL ("/v1"): the SDK puts
	// every operation below it, and Prism serves the spec's paths at its
	// root, so it is taken off before the request goes to Prism.
	strip string

	mu   sync.Mutex
	reqs []seen
}

func (rt *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := seen{call: req.Header.Get(callHeader), method: req.Method, target: req.URL.RequestURI()}
	if rt.strip != "" {
		rest, ok := strings.CutPrefix(req.URL.Path, rt.strip)
		if !ok || (rest != "" && rest[0] != '/') {
			rec.problems = append(rec.problems, fmt.Sprintf("path %q is not below the server path %q", req.URL.Path, rt.strip))
		} else {
			req = req.Clone(req.Context())
			req.URL.Path = rest
			req.URL.RawPath = strings.TrimPrefix(req.URL.RawPath, rt.strip)
		}
	}
	resp, err := rt.base.RoundTrip(req)
	if err != nil {
		rec.problems = append(rec.problems, "transport: "+err.Error())
	} else {
		for _, v := range resp.Header.Values("Sl-Violations") {
			rec.problems = append(rec.problems, requestViolations(v)...)
		}
		if resp.StatusCode >= 400 {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
			resp.Body.Close()
			resp.Body = io.NopCloser(bytes.NewReader(body))
			rec.problems = append(rec.problems, fmt.Sprintf("status %d: %s", resp.StatusCode, body))
		}
	}
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, rec)
	rt.mu.Unlock()
	return resp, err
}

// requestViolations reads Prism's sl-violations header (a JSON array of
// {location, severity, code, message}) and returns those about the
// request. Violations located in the response are Prism's own: its
// dynamic generator does not reconcile allOf branches that narrow an enum
// (POST /invitations/{id}/revoke answers "status" from Invitation's enum
// where the allOf requires "revoked"), which says nothing about the SDK.
func requestViolations(header string) []string {
	var vs []struct {
		Location []string `json:"location"`
		Severity string   `json:"severity"`
		Code     string   `json:"code"`
		Message  string   `json:"message"`
	}
	if err := json.Unmarshal([]byte(header), &vs); err != nil {
		return []string{fmt.Sprintf("unreadable sl-violations header %q: %v", header, err)}
	}
	var out []string
	for _, v := range vs {
		if len(v.Location) > 0 && v.Location[0] == "response" {
			continue
		}
		out = append(out, fmt.Sprintf("sl-violations: %s %s at %s: %s", v.Severity, v.Code, strings.Join(v.Location, "."), v.Message))
	}
	return out
}

func (rt *recordingTransport) take() []seen {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	out := rt.reqs
	rt.reqs = nil
	return out
}

// tolerated reports errors that random data explains: Prism's keys are
// schema-valid strings, not RSA moduli or curve points, so the key source
// finds no usable key (JWKS.Key, JWKS.Refresh); and Prism may pick the
// second 200 answer the spec documents for verifyOAuthAccessToken,
// {"active": false}, which OAuthAccessTokens.Verify reports as
// machines.ErrTokenInvalid by design. The request itself must still have
// passed (an *clerk.APIError is never tolerated), and JWKS.Get, which
// only decodes, must succeed.
func tolerated(label string, err error) bool {
	var apiErr *clerk.APIError
	if errors.As(err, &apiErr) {
		return false
	}
	if label == "OAuthAccessTokens.Verify" {
		return errors.Is(err, machines.ErrTokenInvalid)
	}
	return label == "JWKS.Key" || label == "JWKS.Refresh"
}

// Live contract run: every SDK method against Prism (`prism mock -d` on
// the spec; .ci/contract starts it and sets PRISM_URL). Prism validates
// each request and answers with random data valid for the spec, so a
// decoding failure here is an SDK bug too.
func TestLiveContractAgainstPrism(t *testing.T) {
	base := os.Getenv("PRISM_URL")
	if base == "" {
		t.Skip("PRISM_URL is not set: run .ci/contract, or start `prism mock -d <spec>` and set PRISM_URL to its URL")
	}
	doc := loadSpec(t)
	rt := &recordingTransport{base: http.DefaultTransport, strip: serverPath(t, doc)}
	c, err := clerk.NewClient(testSecretKey,
		clerk.WithBaseURL(base),
		clerk.WithMaxRetries(0),
		clerk.WithHTTPClient(&http.Client{Transport: rt, Timeout: 30 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	calls, requests := 0, 0
	for _, ex := range exerciseAll(t, doc, c, func(do func()) []seen { do(); return rt.take() }) {
		calls++
		requests += len(ex.reqs)
		if ex.res.err != nil {
			if tolerated(ex.label, ex.res.err) {
				t.Logf("%s (%s): tolerated: %v", ex.label, ex.row, ex.res.err)
			} else {
				t.Errorf("%s (%s): %v", ex.label, ex.row, ex.res.err)
			}
		}
		if len(ex.reqs) == 0 && ex.res.err == nil {
			t.Errorf("%s (%s): sent no request", ex.label, ex.row)
		}
		for _, r := range ex.reqs {
			for _, p := range r.problems {
				t.Errorf("%s (%s) %s %s: %s", ex.label, ex.row, r.method, r.target, p)
			}
		}
	}
	if calls == 0 {
		t.Fatal("no SDK method was called")
	}
	t.Logf("%d SDK calls, %d requests to Prism", calls, requests)
}

// serverPath is the path of the spec's first server URL ("/v1" of
// https://api.clerk.com/v1), without a trailing slash.
func serverPath(t *testing.T, doc *openapi3.T) string {
	t.Helper()
	if len(doc.Servers) == 0 || doc.Servers[0] == nil {
		return ""
	}
	u, err := url.Parse(doc.Servers[0].URL)
	if err != nil {
		t.Fatalf("spec server URL %q: %v", doc.Servers[0].URL, err)
	}
	return strings.TrimRight(u.Path, "/")
}

// The live harness sends Prism the spec's paths: the SDK's /v1 prefix
// (the spec's server path) comes off, and a request outside it is
// reported, not forwarded blindly.
func TestLiveTransportStripsServerPath(t *testing.T) {
	t.Parallel()
	if got := serverPath(t, loadSpec(t)); got != "/v1" {
		t.Fatalf("serverPath = %q, want /v1", got)
	}
	var paths []string
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		paths = append(paths, r.URL.Path)
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
	})
	rt := &recordingTransport{base: base, strip: "/v1"}
	for _, target := range []string{"http://prism.test/v1/users/user_1", "http://prism.test/v1", "http://prism.test/v10/users", "http://prism.test/users"} {
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if req.URL.Path != strings.TrimPrefix(target, "http://prism.test") {
			t.Errorf("the caller's request was modified: %s", req.URL.Path)
		}
	}
	if want := []string{"/users/user_1", "", "/v10/users", "/users"}; !slices.Equal(paths, want) {
		t.Errorf("forwarded paths %q, want %q", paths, want)
	}
	recs := rt.take()
	for i, wantProblem := range []bool{false, false, true, true} {
		if got := len(recs[i].problems) > 0; got != wantProblem {
			t.Errorf("%s: problems %v, want some: %v", recs[i].target, recs[i].problems, wantProblem)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
