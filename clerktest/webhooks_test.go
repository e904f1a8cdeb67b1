package clerktest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/users"
	"github.com/clerkgo/clerk/webhooks"
)

// recorder is a receiver built on the SDK's webhooks.Handler.
type recorder struct {
	mu     sync.Mutex
	events []*webhooks.Event
	fail   bool
}

func (r *recorder) handle(_ context.Context, ev *webhooks.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		return errors.New("receiver down")
	}
	r.events = append(r.events, ev)
	return nil
}

func (r *recorder) types() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Type)
	}
	return out
}

func newReceiver(t *testing.T, srv *clerktest.Server, opts ...webhooks.HandlerOption) (*recorder, *webhooks.Handler) {
	t.Helper()
	v, err := webhooks.NewVerifier([]string{srv.WebhookSecret()})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	h, err := webhooks.NewHandler(v, rec.handle, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return rec, h
}

func wait(t *testing.T, srv *clerktest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitWebhooks(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestWebhooksFollowStateChanges(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	rec, h := newReceiver(t, a.srv)
	a.srv.AddWebhookHandler(h)

	user := a.ok("POST", "/users", map[string]any{"email_address": []string{"ada@example.com"}, "first_name": "Ada"})
	uid := str(user, "id")
	a.ok("PATCH", "/users/"+uid, map[string]any{"last_name": "Lovelace"})
	org := a.ok("POST", "/organizations", map[string]any{"name": "Acme"})
	oid := str(org, "id")
	a.ok("POST", "/organizations/"+oid+"/memberships", map[string]any{"user_id": uid, "role": "org:member"})
	a.ok("POST", "/sessions", map[string]any{"user_id": uid})
	a.ok("DELETE", "/organizations/"+oid+"/memberships/"+uid, nil)
	a.ok("DELETE", "/users/"+uid, nil)
	a.fail("GET", "/users/"+uid, nil, http.StatusNotFound) // reads and failures emit nothing
	wait(t, a.srv)

	want := []string{"user.created", "user.updated", "organization.created", "organizationMembership.created",
		"session.created", "organizationMembership.deleted", "user.deleted"}
	if got := rec.types(); !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if u, ok := rec.events[1].Data.(*users.User); !ok || u.ID != uid || u.LastName == nil || *u.LastName != "Lovelace" {
		t.Errorf("user.updated data = %#v", rec.events[1].Data)
	}
	if m, ok := rec.events[5].Data.(*organizations.Membership); !ok || m.Organization.ID != oid || m.PublicUserData == nil || m.PublicUserData.UserID != uid {
		t.Errorf("organizationMembership.deleted data = %#v", rec.events[5].Data)
	}
	if d, ok := rec.events[6].Data.(*core.DeletedObject); !ok || d.ID != uid || !d.Deleted {
		t.Errorf("user.deleted data = %#v", rec.events[6].Data)
	}
	for _, ev := range rec.events {
		if ev.Object != "event" || ev.InstanceID != a.srv.KeyID() || ev.Timestamp.IsZero() || ev.ID == "" {
			t.Errorf("envelope %+v", ev)
		}
		if r := ev.Attributes.HTTPRequest; r == nil || r.ClientIP == "" {
			t.Errorf("%s: http_request = %+v", ev.Type, r)
		}
	}
	for _, d := range a.srv.WebhookDeliveries() {
		if d.Status != http.StatusNoContent || d.Attempt != 1 || d.Endpoint != "handler 1" {
			t.Errorf("delivery %+v", d)
		}
	}
}

// The receiver calls back into the fake from its handler: delivery runs
// outside the state lock, so this does not deadlock.
func TestWebhookReceiverCallsBack(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	srv := a.srv
	v, err := webhooks.NewVerifier([]string{srv.WebhookSecret()})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var names []string
	h, err := webhooks.NewHandler(v, func(ctx context.Context, ev *webhooks.Event) error {
		if ev.Type != webhooks.UserCreated {
			return nil
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/users/"+ev.Data.(*users.User).ID, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+srv.SecretKey)
		resp, err := srv.Client().Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var u struct {
			FirstName string `json:"first_name"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
			return err
		}
		mu.Lock()
		names = append(names, u.FirstName)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Deliver over HTTP this time.
	hs := httptest.NewServer(h)
	defer hs.Close()
	if err := srv.AddWebhookEndpoint(hs.URL + "/webhooks/clerk"); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.TryAddUser(clerktest.User{Email: "grace@example.com", FirstName: "Grace"}); err != nil {
		t.Fatal(err)
	}
	a.ok("POST", "/users", map[string]any{"email_address": []string{"ada@example.com"}, "first_name": "Ada"})
	wait(t, srv)
	mu.Lock()
	defer mu.Unlock()
	// AddUser seeds state directly: only API calls emit events.
	if !slices.Equal(names, []string{"Ada"}) {
		t.Fatalf("names = %v", names)
	}
	for _, d := range srv.WebhookDeliveries() {
		if d.Status != http.StatusNoContent {
			t.Errorf("delivery %+v", d)
		}
	}
}

func TestSendAndRedeliverWebhook(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t, clerktest.WithWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
	if got := srv.WebhookSecret(); got != "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" {
		t.Fatalf("WebhookSecret = %q", got)
	}
	rec, h := newReceiver(t, srv, webhooks.WithStore(nil))
	ctx := context.Background()

	// No receiver yet: nothing is delivered.
	if ds, err := srv.SendWebhook(ctx, "user.created", map[string]any{"id": "user_0"}); err != nil || len(ds) != 0 {
		t.Fatalf("SendWebhook without receivers = %v, %v", ds, err)
	}
	srv.AddWebhookHandler(h)

	rec.fail = true
	ds, err := srv.SendWebhook(ctx, "email.created", json.RawMessage(`{"object":"email","id":"ema_1","to_email_address":"a@example.com","status":"queued"}`))
	if err != nil || len(ds) != 1 || ds[0].Status != http.StatusInternalServerError {
		t.Fatalf("failing delivery = %+v, %v", ds, err)
	}
	id := ds[0].MessageID
	rec.fail = false
	for i, want := range []int{http.StatusNoContent, http.StatusOK} { // processed, then a duplicate
		ds, err := srv.RedeliverWebhook(ctx, id)
		if err != nil || len(ds) != 1 || ds[0].Status != want || ds[0].MessageID != id || ds[0].Attempt != i+2 {
			t.Fatalf("redelivery %d = %+v, %v", i, ds, err)
		}
	}
	if got := rec.types(); !slices.Equal(got, []string{"email.created"}) {
		t.Fatalf("processed %v, want one email.created", got)
	}
	if e, ok := rec.events[0].Data.(*webhooks.Email); !ok || e.ToEmailAddress != "a@example.com" {
		t.Fatalf("data = %#v", rec.events[0].Data)
	}
	if _, err := srv.RedeliverWebhook(ctx, "msg_unknown"); err == nil {
		t.Fatal("redelivery of an unknown message accepted")
	}
}

// A delivery signed by the fake verifies with a clock-matched verifier;
// a tampered copy does not.
func TestWebhookSignature(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 5, 12, 10, 0, 0, 0, time.UTC)
	srv := clerktest.NewServer(t, clerktest.WithClock(func() time.Time { return at }))
	srv.AddWebhookHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) }))
	ds, err := srv.SendWebhook(context.Background(), "role.created", map[string]any{"object": "role", "id": "role_1", "key": "org:editor"})
	if err != nil || len(ds) != 1 || !ds[0].OK() {
		t.Fatalf("deliveries = %+v, %v", ds, err)
	}
	d := ds[0]
	v, err := webhooks.NewVerifier([]string{srv.WebhookSecret()}, webhooks.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(d.Body, d.Header); err != nil {
		t.Fatal(err)
	}
	tampered := append([]byte(nil), d.Body...)
	tampered[len(tampered)-2] ^= 1
	if err := v.Verify(tampered, d.Header); !errors.Is(err, webhooks.ErrInvalidSignature) {
		t.Fatalf("tampered body: %v", err)
	}
	ev, err := webhooks.ParseEvent(d.Body)
	if err != nil || !ev.Timestamp.Equal(at) || ev.Data.(*webhooks.Role).Key != "org:editor" {
		t.Fatalf("event %+v, %v", ev, err)
	}
}

func TestWebhookEndpointErrors(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	// An endpoint that does not answer is recorded as such.
	hs := httptest.NewServer(http.NotFoundHandler())
	url := hs.URL
	hs.Close()
	if err := srv.AddWebhookEndpoint(url); err != nil {
		t.Fatal(err)
	}
	ds, err := srv.SendWebhook(context.Background(), "user.created", map[string]any{"id": "user_1"})
	if err != nil || len(ds) != 1 || ds[0].Err == nil || ds[0].Status != 0 || ds[0].OK() {
		t.Fatalf("deliveries = %+v, %v", ds, err)
	}
	if _, err := clerktest.Start(clerktest.WithWebhookSecret("whsec_***")); err == nil {
		t.Fatal("bad secret accepted")
	}
}

func TestSvixAppRoutes(t *testing.T) {
	t.Parallel()
	_, c := newSDK(t)
	ctx := context.Background()
	if _, err := c.Webhooks.GenerateSvixAuthURL(ctx); !errors.Is(err, clerk.ErrBadRequest) {
		t.Fatalf("URL before the app exists: %v", err)
	}
	u, err := c.Webhooks.CreateSvixApp(ctx)
	if err != nil || u.URL == "" {
		t.Fatalf("CreateSvixApp = %+v, %v", u, err)
	}
	if u, err := c.Webhooks.GenerateSvixAuthURL(ctx); err != nil || u.URL == "" {
		t.Fatalf("GenerateSvixAuthURL = %+v, %v", u, err)
	}
	if err := c.Webhooks.DeleteSvixApp(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Webhooks.DeleteSvixApp(ctx); !errors.Is(err, clerk.ErrBadRequest) {
		t.Fatalf("second delete: %v", err)
	}
}

// After a rotation, deliveries carry both signatures: a receiver with the
// old secret, the new one, or both accepts them.
func TestRotateWebhookSecret(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	srv.AddWebhookHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	old := srv.WebhookSecret()
	fresh := srv.RotateWebhookSecret()
	if fresh == old || srv.WebhookSecret() != fresh {
		t.Fatalf("rotation: old %q, new %q, now %q", old, fresh, srv.WebhookSecret())
	}
	ds, err := srv.SendWebhook(context.Background(), "user.updated", map[string]any{"id": "user_1"})
	if err != nil || len(ds) != 1 {
		t.Fatal(ds, err)
	}
	for _, secrets := range [][]string{{old}, {fresh}, {old, fresh}} {
		v, err := webhooks.NewVerifier(secrets)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Verify(ds[0].Body, ds[0].Header); err != nil {
			t.Errorf("secrets %v: %v", secrets, err)
		}
	}
	srv.RotateWebhookSecret()
	ds, _ = srv.SendWebhook(context.Background(), "user.updated", map[string]any{"id": "user_1"})
	v, _ := webhooks.NewVerifier([]string{old})
	if err := v.Verify(ds[0].Body, ds[0].Header); !errors.Is(err, webhooks.ErrInvalidSignature) {
		t.Errorf("the secret of two rotations ago still verifies: %v", err)
	}
}
