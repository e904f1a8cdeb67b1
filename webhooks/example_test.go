package webhooks_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/users"
	"github.com/clerkgo/clerk/webhooks"
)

// Verify a delivery by hand: the body exactly as received, and its
// headers. (Here the clock is fixed to the time of Svix's test vector.)
func ExampleVerifier_Verify() {
	v, err := webhooks.NewVerifier([]string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
		webhooks.WithClock(func() time.Time { return time.Unix(1614265330, 0) }))
	if err != nil {
		log.Fatal(err)
	}
	h := http.Header{}
	h.Set("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
	h.Set("svix-timestamp", "1614265330")
	h.Set("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
	fmt.Println(v.Verify([]byte(`{"test": 2432232314}`), h))

	// The same JSON re-encoded is other bytes: refused.
	err = v.Verify([]byte(`{"test":2432232314}`), h)
	fmt.Println(errors.Is(err, webhooks.ErrInvalidSignature))
	// Output:
	// <nil>
	// true
}

// Mount a Handler at the endpoint configured in the Clerk dashboard. It
// answers 2xx once the function succeeded (and for event types it ignores),
// 4xx to forged or stale deliveries and 5xx when the function fails, so
// that Clerk retries.
func ExampleHandler() {
	// During a secret rotation give both secrets: old first or new first.
	v, err := webhooks.NewVerifier([]string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
	if err != nil {
		log.Fatal(err)
	}
	h, err := webhooks.NewHandler(v, func(ctx context.Context, ev *webhooks.Event) error {
		switch d := ev.Data.(type) {
		case *users.User:
			fmt.Println(ev.Type, d.ID) // upsert the user in your table
		case *core.DeletedObject:
			fmt.Println(ev.Type, d.ID) // delete their data
		}
		return nil // unknown types: acknowledge, or Clerk retries for a day
	}, webhooks.WithStore(nil)) // process each message id once
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/clerk", h)

	// A delivery, signed here with the same secret.
	body := []byte(`{"type":"user.deleted","object":"event","timestamp":1764547200000,"data":{"object":"user","id":"user_1","deleted":true}}`)
	now := time.Now()
	r := httptest.NewRequest(http.MethodPost, "/webhooks/clerk", strings.NewReader(string(body)))
	r.Header.Set("svix-id", "msg_1")
	r.Header.Set("svix-timestamp", fmt.Sprint(now.Unix()))
	r.Header.Set("svix-signature", v.Sign("msg_1", now, body))
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code)
	// Output:
	// user.deleted user_1
	// 204
}

// Decode a body that was verified elsewhere.
func ExampleParseEvent() {
	ev, err := webhooks.ParseEvent([]byte(`{"type":"user.created","object":"event","timestamp":1764547200000,
		"data":{"object":"user","id":"user_1","first_name":"Ada"}}`))
	if err != nil {
		log.Fatal(err)
	}
	u := ev.Data.(*users.User)
	fmt.Println(ev.Type, u.ID, *u.FirstName, ev.Timestamp.UTC().Format(time.RFC3339))
	// Output: user.created user_1 Ada 2025-12-01T00:00:00Z
}

// A fake of the Webhooks service for tests: embed Unimplemented and
// override what the code under test calls.
func ExampleUnimplemented() {
	var api webhooks.API = fakeWebhooks{}
	u, _ := api.GenerateSvixAuthURL(context.Background())
	fmt.Println(u.URL)
	err := api.DeleteSvixApp(context.Background())
	fmt.Println(errors.Is(err, core.ErrNotImplemented))
	// Output:
	// https://app.svix.com/login#key=test
	// true
}

type fakeWebhooks struct{ webhooks.Unimplemented }

func (fakeWebhooks) GenerateSvixAuthURL(context.Context, ...core.RequestOption) (*webhooks.SvixURL, error) {
	return &webhooks.SvixURL{URL: "https://app.svix.com/login#key=test"}, nil
}
