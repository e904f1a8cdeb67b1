package clerktest_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

// upload sends a multipart request with a "file" part (omitted when data
// is nil) and extra fields.
func (a *api) upload(method, path string, data []byte, fields map[string]string) response {
	a.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			a.t.Fatal(err)
		}
	}
	if data != nil {
		fw, err := mw.CreateFormFile("file", "image.png")
		if err != nil {
			a.t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req, err := http.NewRequest(method, a.srv.URL+path, &buf)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+a.srv.SecretKey)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := a.srv.Client().Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: body.Bytes()}
}

func TestBillingCredits(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.srv.AddUser(clerktest.User{Email: "ada@example.com"})
	orgID := a.srv.AddOrganization(clerktest.Organization{Name: "Acme"})
	for _, base := range []string{"/users/" + uid, "/organizations/" + orgID} {
		balance := func() float64 {
			t.Helper()
			b := a.ok("GET", base+"/billing/credits", nil)
			return b["balance"].(map[string]any)["amount"].(float64)
		}
		if got := balance(); got != 0 {
			t.Errorf("%s: initial balance %v", base, got)
		}
		add := map[string]any{"amount": 500, "action": "increase", "idempotency_key": "k1", "note": "welcome"}
		first := a.ok("POST", base+"/billing/credits", add)
		again := a.ok("POST", base+"/billing/credits", add) // a replay
		if first["id"] != again["id"] || balance() != 500 {
			t.Errorf("%s: replayed adjustment applied twice: %v %v, balance %v", base, first["id"], again["id"], balance())
		}
		a.ok("POST", base+"/billing/credits", map[string]any{"amount": 200, "action": "decrease", "idempotency_key": "k2"})
		if got := balance(); got != 300 {
			t.Errorf("%s: balance %v, want 300", base, got)
		}
		a.fail("POST", base+"/billing/credits", map[string]any{"amount": 1000, "action": "decrease", "idempotency_key": "k3"}, http.StatusUnprocessableEntity)
		a.fail("POST", base+"/billing/credits", map[string]any{"amount": 10, "action": "increase"}, http.StatusUnprocessableEntity)
		sub := a.ok("GET", base+"/billing/subscription", nil)
		if sub["object"] != "commerce_subscription" || sub["status"] != "active" || sub["payer_id"] == "" {
			t.Errorf("%s: subscription %v", base, sub)
		}
	}
	a.fail("GET", "/users/user_missing/billing/credits", nil, http.StatusNotFound)
	a.fail("GET", "/organizations/org_missing/billing/subscription", nil, http.StatusNotFound)
}

func TestImages(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.srv.AddUser(clerktest.User{Email: "ada@example.com"})
	before := a.ok("GET", "/users/"+uid, nil)
	r := a.upload("POST", "/users/"+uid+"/profile_image", []byte("\x89PNG..."), nil)
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte(`"has_image":true`)) {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	after := a.ok("GET", "/users/"+uid, nil)
	if after["has_image"] != true || after["image_url"] == before["image_url"] {
		t.Errorf("user after upload: %v %v", after["has_image"], after["image_url"])
	}
	if r := a.upload("POST", "/users/"+uid+"/profile_image", nil, nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("upload without a file: %d", r.status)
	}
	if del := a.ok("DELETE", "/users/"+uid+"/profile_image", nil); del["has_image"] != false || del["image_url"] != before["image_url"] {
		t.Errorf("after delete: %v %v", del["has_image"], del["image_url"])
	}

	orgID := a.srv.AddOrganization(clerktest.Organization{Name: "Acme"})
	r = a.upload("PUT", "/organizations/"+orgID+"/logo", []byte("logo"), map[string]string{"uploader_user_id": uid})
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte(`"logo_url":"https://img.clerk.com/`)) || !bytes.Contains(r.body, []byte(`"has_image":true`)) {
		t.Fatalf("logo upload: %d %s", r.status, r.body)
	}
	if r := a.upload("PUT", "/organizations/"+orgID+"/logo", []byte("logo"), map[string]string{"uploader_user_id": "user_missing"}); r.status != http.StatusNotFound {
		t.Errorf("logo by an unknown uploader: %d", r.status)
	}
	if o := a.ok("DELETE", "/organizations/"+orgID+"/logo", nil); o["has_image"] != false {
		t.Errorf("org after logo delete: %v", o)
	}
	a.fail("DELETE", "/organizations/org_missing/logo", nil, http.StatusNotFound)
}

func TestUserSubResourcesTheFakeNeverHolds(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.srv.AddUser(clerktest.User{Email: "ada@example.com"})
	if data, total := a.envelope("GET", "/users/"+uid+"/trusted_devices"); len(data) != 0 || total != 0 {
		t.Errorf("trusted devices %v %d", data, total)
	}
	if l := a.okList("GET", "/users/"+uid+"/oauth_access_tokens/oauth_google", nil); len(l) != 0 {
		t.Errorf("oauth tokens %v", l)
	}
	if data, total := a.envelope("GET", "/users/"+uid+"/oauth_access_tokens/oauth_google?paginated=true"); len(data) != 0 || total != 0 {
		t.Errorf("paginated oauth tokens %v %d", data, total)
	}
	for _, p := range []string{"/trusted_devices/td_1", "/passkeys/idn_1", "/web3_wallets/idn_2", "/external_accounts/eac_1"} {
		if code := a.fail("DELETE", "/users/"+uid+p, nil, http.StatusNotFound); code != "resource_not_found" {
			t.Errorf("%s: code %s", p, code)
		}
		a.fail("DELETE", "/users/user_missing"+p, nil, http.StatusNotFound)
	}
}

func TestVerifyTOTP(t *testing.T) {
	t.Parallel()
	// RFC 6238's SHA-1 test vector: at T=59 s the 8-digit code is 94287082.
	a := newAPI(t, clerktest.WithClock(func() time.Time { return time.Unix(59, 0) }))
	uid := a.mustUser(map[string]any{"email_address": []string{"ada@example.com"},
		"totp_secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "backup_codes": []string{"back-up-1"}})
	plain := a.mustUser(map[string]any{"email_address": []string{"bob@example.com"}})
	tests := []struct {
		user, code string
		status     int
		codeType   string
	}{
		{uid, "287082", http.StatusOK, "totp"},
		{uid, "287083", http.StatusUnprocessableEntity, ""},
		{uid, "back-up-1", http.StatusOK, "backup_code"},
		{uid, "back-up-1", http.StatusUnprocessableEntity, ""}, // consumed
		{plain, "287082", http.StatusBadRequest, ""},
		{"user_missing", "287082", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		r := a.do("POST", "/users/"+tt.user+"/verify_totp", map[string]any{"code": tt.code})
		if r.status != tt.status {
			t.Errorf("%s %s: status %d, want %d (%s)", tt.user, tt.code, r.status, tt.status, r.body)
			continue
		}
		if tt.codeType != "" && !bytes.Contains(r.body, []byte(`"code_type":"`+tt.codeType+`"`)) {
			t.Errorf("%s: body %s", tt.code, r.body)
		}
	}
}

func TestRefreshSession(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	uid := a.srv.AddUser(clerktest.User{Email: "ada@example.com"})
	sid := a.srv.AddSession(uid, "")
	other := a.srv.AddSession(uid, "")
	expired := a.srv.NewSessionToken(uid, clerktest.WithSessionID(sid), clerktest.WithIssuedAt(time.Now().Add(-time.Hour)))
	body := func(tok, format string) map[string]any {
		b := map[string]any{"expired_token": tok, "refresh_token": "rt_1", "request_origin": "https://app.example.com"}
		if format != "" {
			b["format"] = format
		}
		return b
	}
	tok := a.ok("POST", "/sessions/"+sid+"/refresh", body(expired, ""))
	if tok["object"] != "token" || tok["jwt"] == "" || tok["jwt"] == expired {
		t.Errorf("refresh = %v", tok)
	}
	cookies := a.ok("POST", "/sessions/"+sid+"/refresh", body(expired, "cookie"))
	if cookies["object"] != "cookies" || len(cookies["cookies"].([]any)) != 1 {
		t.Errorf("cookie refresh = %v", cookies)
	}
	a.fail("POST", "/sessions/"+other+"/refresh", body(expired, ""), http.StatusUnauthorized)
	a.fail("POST", "/sessions/"+sid+"/refresh", body("not.a.jwt", ""), http.StatusUnauthorized)
	a.fail("POST", "/sessions/"+sid+"/refresh", map[string]any{"expired_token": expired}, http.StatusBadRequest)
	a.fail("POST", "/sessions/sess_missing/refresh", body(expired, ""), http.StatusNotFound)
	a.ok("POST", "/sessions/"+sid+"/revoke", nil)
	a.fail("POST", "/sessions/"+sid+"/refresh", body(expired, ""), http.StatusUnauthorized)
}
