package conformance_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// The harness must catch what it is there to catch: requests with a
// misspelt body field, a wrongly typed or undeclared query parameter, a
// body where none belongs, a bad multipart part, no credentials, a wrong
// API version or an unknown route, sent raw through net/http to the same
// validating server, each produce a violation.
func TestHarnessCatchesBrokenRequests(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	srv := newValidatingServer(t, doc)

	multipartBody := func(field string) (string, []byte) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		fw, err := w.CreateFormFile(field, "a.png")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(tinyPNG())
		_ = w.Close()
		return w.FormDataContentType(), b.Bytes()
	}
	ct, goodPart := multipartBody("file")
	badCT, badPart := multipartBody("image")
	var noFile bytes.Buffer
	nfw := multipart.NewWriter(&noFile)
	_ = nfw.WriteField("uploader_user_id", "user_1")
	_ = nfw.Close()

	tests := []struct {
		name        string
		method      string
		path        string
		contentType string
		body        []byte
		header      map[string]string
		want        string // a substring of some violation
	}{
		{
			name: "misspelt body field", method: "POST", path: "/invitations",
			contentType: "application/json", body: []byte(`{"email_adress":"ada@example.com"}`),
			want: `"email_adress"`,
		},
		{
			name: "undeclared body field on an open schema", method: "PATCH", path: "/users/user_1",
			contentType: "application/json", body: []byte(`{"first_name":"Ada","public_metadata":{"a":1}}`),
			want: "public_metadata",
		},
		{
			name: "query parameter of the wrong type", method: "GET", path: "/users?limit=ten",
			want: `"limit"`,
		},
		{
			name: "query parameter out of range", method: "GET", path: "/users?limit=501",
			want: `"limit"`,
		},
		{
			name: "undeclared query parameter", method: "GET", path: "/users?emailaddress=ada@example.com",
			want: `"emailaddress"`,
		},
		{
			name: "version as a query parameter", method: "GET", path: "/users?__clerk_api_version=2026-05-12",
			want: `"__clerk_api_version"`,
		},
		{
			name: "body on an operation that takes none", method: "POST", path: "/users/user_1/ban",
			contentType: "application/json", body: []byte(`{}`),
			want: "takes none",
		},
		{
			name: "wrong type in a body field", method: "POST", path: "/organizations",
			contentType: "application/json", body: []byte(`{"name":"Acme","max_allowed_memberships":"ten"}`),
			want: "max_allowed_memberships",
		},
		{
			name: "missing required body field", method: "POST", path: "/organizations/org_1/memberships",
			contentType: "application/json", body: []byte(`{"role":"org:member"}`),
			want: "user_id",
		},
		{
			name: "multipart part with the wrong name", method: "POST", path: "/users/user_1/profile_image",
			contentType: badCT, body: badPart,
			want: `"image"`,
		},
		{
			name: "multipart without its required file", method: "PUT", path: "/organizations/org_1/logo",
			contentType: nfw.FormDataContentType(), body: noFile.Bytes(),
			want: `"file"`,
		},
		{
			name: "no credentials", method: "GET", path: "/users",
			header: map[string]string{"Authorization": ""},
			want:   "Authorization header",
		},
		{
			name: "wrong API version", method: "GET", path: "/users",
			header: map[string]string{"Clerk-API-Version": "2024-10-01"},
			want:   "Clerk-API-Version",
		},
		{
			name: "unknown route", method: "POST", path: "/users/user_1/verify",
			want: "no operation",
		},
	}
	// The good requests: the same server accepts them, so the cases above
	// fail for the reason they name.
	good := []struct {
		method, path, contentType string
		body                      []byte
	}{
		{"POST", "/invitations", "application/json", []byte(`{"email_address":"ada@example.com"}`)},
		{"GET", "/users?limit=10&email_address=a@example.com&email_address=b@example.com", "", nil},
		{"POST", "/users/user_1/ban", "", nil},
		{"POST", "/users/user_1/profile_image", ct, goodPart},
	}
	send := func(method, path, contentType string, body []byte, header map[string]string) []seen {
		t.Helper()
		req, err := http.NewRequest(method, srv.baseURL()+path, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testSecretKey)
		req.Header.Set("Clerk-API-Version", apiVersion)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return srv.take()
	}
	// Sequential on purpose: take() reads what the one server saw.
	for _, g := range good {
		for _, r := range send(g.method, g.path, g.contentType, g.body, nil) {
			if len(r.problems) > 0 {
				t.Errorf("good request %s %s: unexpected violations: %v", g.method, g.path, r.problems)
			}
		}
	}
	for _, tc := range tests {
		reqs := send(tc.method, tc.path, tc.contentType, tc.body, tc.header)
		if len(reqs) != 1 {
			t.Errorf("%s: server saw %d requests, want 1", tc.name, len(reqs))
			continue
		}
		found := false
		for _, p := range reqs[0].problems {
			found = found || strings.Contains(p, tc.want)
		}
		if !found {
			t.Errorf("%s: no violation mentioning %q; got %q", tc.name, tc.want, reqs[0].problems)
		}
	}
}
