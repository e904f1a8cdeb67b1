package svixcompat_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/webhooks"
	svix "github.com/svix/svix-webhooks/go"
)

const (
	vecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vecBody   = `{"test": 2432232314}`
	vecSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

// Both libraries agree on Svix's published vector.
func TestVectorBothWays(t *testing.T) {
	t.Parallel()
	at := time.Unix(1614265330, 0)
	wh, err := svix.NewWebhook(vecSecret)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := wh.Sign(vecID, at, []byte(vecBody))
	if err != nil || sig != vecSig {
		t.Fatalf("svix Sign = %q, %v", sig, err)
	}
	h := http.Header{}
	h.Set("svix-id", vecID)
	h.Set("svix-timestamp", "1614265330")
	h.Set("svix-signature", vecSig)
	if err := wh.VerifyIgnoringTimestamp([]byte(vecBody), h); err != nil {
		t.Fatalf("svix: %v", err)
	}
	v, err := webhooks.NewVerifier([]string{vecSecret}, webhooks.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify([]byte(vecBody), h); err != nil {
		t.Fatalf("webhooks: %v", err)
	}
}

// Events the fake sends, from state changes and by hand, verify with the
// Svix library.
func TestFakeSignedVerifiesWithSvix(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	srv.AddWebhookHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	wh, err := svix.NewWebhook(srv.WebhookSecret())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := srv.TryAddUser(clerktest.User{Email: "seed@example.com"}); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"user.created", "organization.created", "session.created", "email.created"} {
		if _, err := srv.SendWebhook(ctx, typ, map[string]any{"object": "x", "id": "x_1", "note": "ünïcode & <html>"}); err != nil {
			t.Fatal(err)
		}
	}
	ds := srv.WebhookDeliveries()
	if len(ds) != 4 {
		t.Fatalf("%d deliveries", len(ds))
	}
	for _, d := range ds {
		if err := wh.Verify(d.Body, d.Header); err != nil {
			t.Errorf("svix refused the fake's %s: %v", d.Type, err)
		}
		tampered := append([]byte(nil), d.Body...)
		tampered[0] = ' '
		if err := wh.Verify(tampered, d.Header); err == nil {
			t.Errorf("svix accepted a tampered %s", d.Type)
		}
	}
}

// Messages Svix signs verify with ours, alone and next to a signature of
// another secret (Svix signs with every secret during a rotation).
func TestSvixSignedVerifiesWithOurs(t *testing.T) {
	t.Parallel()
	const other = "whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM="
	now := time.Now()
	body := []byte(`{"type":"user.created","object":"event","timestamp":1764547200000,"data":{"object":"user","id":"user_1"}}`)
	sign := func(secret string) string {
		wh, err := svix.NewWebhook(secret)
		if err != nil {
			t.Fatal(err)
		}
		s, err := wh.Sign("msg_1", now, body)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	v, err := webhooks.NewVerifier([]string{vecSecret})
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []string{sign(vecSecret), sign(other) + " " + sign(vecSecret), sign(vecSecret) + " " + sign(other)} {
		h := http.Header{}
		h.Set("svix-id", "msg_1")
		h.Set("svix-timestamp", strconv.FormatInt(now.Unix(), 10))
		h.Set("svix-signature", sig)
		if err := v.Verify(body, h); err != nil {
			t.Errorf("ours refused %q: %v", sig, err)
		}
	}
	h := http.Header{}
	h.Set("svix-id", "msg_1")
	h.Set("svix-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("svix-signature", sign(other))
	if err := v.Verify(body, h); !errors.Is(err, webhooks.ErrInvalidSignature) {
		t.Errorf("ours accepted another secret's signature: %v", err)
	}
}

// After a rotation the fake signs with both secrets; Svix accepts the
// delivery with either, as it accepts Clerk's.
func TestRotatedFakeVerifiesWithSvix(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	srv.AddWebhookHandler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	old := srv.WebhookSecret()
	fresh := srv.RotateWebhookSecret()
	ds, err := srv.SendWebhook(context.Background(), "user.updated", map[string]any{"object": "user", "id": "user_1"})
	if err != nil || len(ds) != 1 {
		t.Fatal(ds, err)
	}
	for _, secret := range []string{old, fresh} {
		wh, err := svix.NewWebhook(secret)
		if err != nil {
			t.Fatal(err)
		}
		if err := wh.Verify(ds[0].Body, ds[0].Header); err != nil {
			t.Errorf("svix with one of the two secrets: %v", err)
		}
	}
}
