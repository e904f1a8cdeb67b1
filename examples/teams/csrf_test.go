package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestCrossSiteRequests sends the requests a hostile page can make with
// the victim's session cookie: the ban must not happen.
func TestCrossSiteRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cookie := &http.Cookie{Name: "__session", Value: e.adminToken()}
	tests := []struct {
		name        string
		contentType string
		headers     map[string]string
		status      int
		reason      string
	}{
		{"cross-site form POST", "application/x-www-form-urlencoded",
			map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, http.StatusUnauthorized, "csrf_origin_mismatch"},
		{"cross-site JSON POST", "application/json",
			map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, http.StatusUnauthorized, "csrf_origin_mismatch"},
		{"same-origin form POST", "application/x-www-form-urlencoded",
			map[string]string{"Origin": frontend, "Sec-Fetch-Site": "same-origin"}, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"same-origin POST without content type", "",
			map[string]string{"Origin": frontend}, http.StatusUnsupportedMediaType, "unsupported_media_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, e.url+"/users/"+e.grace.id+"/ban", strings.NewReader("x=1"))
			if err != nil {
				t.Fatal(err)
			}
			req.AddCookie(cookie)
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			send(t, req).expect(t, tt.status, tt.reason)
		})
	}
	if e.banned(t, e.grace.id) {
		t.Error("a cross-site request banned Grace")
	}
	// The same request from the app itself goes through.
	req, err := http.NewRequest(http.MethodPost, e.url+"/users/"+e.grace.id+"/ban", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(cookie)
	req.Header.Set("Origin", frontend)
	req.Header.Set("Content-Type", "application/json")
	send(t, req).expect(t, http.StatusOK, "")
}
