package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/webhooks"
)

// fakeCall calls the fake's Backend API with plain net/http and decodes
// the answer.
func (e *testEnv) fakeCall(method, path string, body any) map[string]any {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.fake.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.fake.SecretKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.fake.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		e.t.Fatalf("%s %s: %d, %v", method, path, resp.StatusCode, err)
	}
	return out
}

func (e *testEnv) waitWebhooks() {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.fake.WaitWebhooks(ctx); err != nil {
		e.t.Fatal(err)
	}
}

// newWebhookEnv serves the API with POST /webhooks/clerk on a fresh
// member table, and registers it with the fake.
func newWebhookEnv(t *testing.T) (*testEnv, *MemberTable) {
	t.Helper()
	table := NewMemberTable()
	var (
		once       sync.Once
		h          http.Handler
		herr       error
		fakeSecret string
	)
	env := newEnv(t, func(d *Deps) {
		// newEnv builds the Deps before it returns the fake: build the
		// handler, with the fake's secret, on the first delivery.
		d.Webhooks = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			once.Do(func() { h, herr = newWebhookHandler([]string{fakeSecret}, table, slog.New(slog.DiscardHandler)) })
			if herr != nil {
				http.Error(w, herr.Error(), http.StatusInternalServerError)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	fakeSecret = env.fake.WebhookSecret()
	if err := env.fake.AddWebhookEndpoint(env.url + "/webhooks/clerk"); err != nil {
		t.Fatal(err)
	}
	return env, table
}

func TestWebhooksKeepMemberTableInSync(t *testing.T) {
	t.Parallel()
	e, table := newWebhookEnv(t)

	u := e.fakeCall("POST", "/users", map[string]any{"email_address": []string{"katherine@example.com"}, "first_name": "Katherine"})
	uid := u["id"].(string)
	e.fakeCall("PATCH", "/users/"+uid, map[string]any{"last_name": "Johnson"})
	e.fakeCall("POST", "/organizations/"+e.acme+"/memberships", map[string]any{"user_id": uid, "role": "org:member"})
	e.fakeCall("PATCH", "/organizations/"+e.acme+"/memberships/"+uid, map[string]any{"role": "org:admin"})
	e.fakeCall("POST", "/organizations/"+e.globex+"/memberships", map[string]any{"user_id": uid, "role": "org:member"})
	e.fakeCall("DELETE", "/organizations/"+e.globex+"/memberships/"+uid, nil)
	e.waitWebhooks()

	got, ok := table.Get(uid)
	if !ok {
		t.Fatalf("user %s not in the table (%v)", uid, table.UserIDs())
	}
	want := LocalMember{UserID: uid, Email: "katherine@example.com", FirstName: "Katherine", LastName: "Johnson",
		Roles: map[string]string{e.acme: "org:admin"}}
	if got.Email != want.Email || got.FirstName != want.FirstName || got.LastName != want.LastName ||
		len(got.Roles) != 1 || got.Roles[e.acme] != "org:admin" {
		t.Fatalf("row = %+v, want %+v", got, want)
	}

	// user.deleted removes everything kept about the user.
	e.fakeCall("DELETE", "/users/"+uid, nil)
	e.waitWebhooks()
	if _, ok := table.Get(uid); ok {
		t.Fatal("deleted user still in the table")
	}
	for _, d := range e.fake.WebhookDeliveries() {
		if !d.OK() {
			t.Errorf("delivery %s %s answered %d (%v)", d.Type, d.MessageID, d.Status, d.Err)
		}
	}
}

func TestWebhookEndpointAnswers(t *testing.T) {
	t.Parallel()
	e, table := newWebhookEnv(t)
	ctx := context.Background()

	// A redelivered message is applied once; an unknown type is
	// acknowledged.
	ds, err := e.fake.SendWebhook(ctx, "user.created", map[string]any{"object": "user", "id": "user_manual", "first_name": "Manual"})
	if err != nil || len(ds) != 1 || ds[0].Status != http.StatusNoContent {
		t.Fatalf("first delivery %+v, %v", ds, err)
	}
	if ds, err := e.fake.RedeliverWebhook(ctx, ds[0].MessageID); err != nil || ds[0].Status != http.StatusOK {
		t.Fatalf("redelivery %+v, %v", ds, err)
	}
	if ds, err := e.fake.SendWebhook(ctx, "somethingNew.happened", map[string]any{"x": 1}); err != nil || !ds[0].OK() {
		t.Fatalf("unknown type %+v, %v", ds, err)
	}
	if !slices.Contains(table.UserIDs(), "user_manual") {
		t.Fatalf("table = %v", table.UserIDs())
	}

	// Forged, stale and unsigned deliveries are refused before the table
	// is touched, and no session token is needed or looked at.
	body := []byte(`{"type":"user.deleted","object":"event","data":{"object":"user","id":"user_manual","deleted":true}}`)
	forger, err := webhooks.NewVerifier([]string{"whsec_c2Vjb25kLXNlY3JldA=="})
	if err != nil {
		t.Fatal(err)
	}
	real, err := webhooks.NewVerifier([]string{e.fake.WebhookSecret()})
	if err != nil {
		t.Fatal(err)
	}
	post := func(v *webhooks.Verifier, at time.Time) int {
		req := httptest.NewRequest(http.MethodPost, e.url+"/webhooks/clerk", bytes.NewReader(body))
		req.RequestURI = ""
		if v != nil {
			req.Header.Set("svix-id", "msg_forged")
			req.Header.Set("svix-timestamp", strconv.FormatInt(at.Unix(), 10))
			req.Header.Set("svix-signature", v.Sign("msg_forged", at, body))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if strings.Contains(string(b), "msg_forged") {
			t.Errorf("refusal body %q gives details", b)
		}
		return resp.StatusCode
	}
	if got := post(forger, time.Now()); got != http.StatusUnauthorized {
		t.Errorf("forged: %d", got)
	}
	if got := post(real, time.Now().Add(-time.Hour)); got != http.StatusUnauthorized {
		t.Errorf("stale: %d", got)
	}
	if got := post(nil, time.Time{}); got != http.StatusBadRequest {
		t.Errorf("unsigned: %d", got)
	}
	if !slices.Contains(table.UserIDs(), "user_manual") {
		t.Fatal("a refused delivery changed the table")
	}
	if got := post(real, time.Now()); got != http.StatusNoContent {
		t.Errorf("genuine: %d", got)
	}
	if slices.Contains(table.UserIDs(), "user_manual") {
		t.Fatal("user.deleted did not remove the user")
	}
}
