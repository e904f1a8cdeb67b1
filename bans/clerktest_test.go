package bans_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/clerktest/clerktestclient"
)

// seedBanTargets stores 117 users in srv and returns 120 IDs in which
// three unknown ones are spread over the chunks.
func seedBanTargets(t *testing.T, srv *clerktest.Server) (in, unknown []string) {
	t.Helper()
	unknown = []string{"user_unknown_a", "user_unknown_b", "user_unknown_c"}
	for i := range 117 {
		in = append(in, srv.AddUser(clerktest.User{Email: fmt.Sprintf("u%03d@example.com", i)}))
	}
	// Positions 7, 73 and 118: one bad ID in each chunk of 50.
	in = slices.Insert(in, 7, unknown[0])
	in = slices.Insert(in, 73, unknown[1])
	in = slices.Insert(in, 118, unknown[2])
	return in, unknown
}

// sentIDs counts, per user ID, the bulk-ban requests accepted (2xx) and
// refused.
func sentIDs(t *testing.T, srv *clerktest.Server) (accepted, refused map[string]int) {
	t.Helper()
	accepted, refused = map[string]int{}, map[string]int{}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodPost || r.Path != "/v1/users/ban" {
			continue
		}
		var body struct {
			UserIDs []string `json:"user_ids"`
		}
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		for _, id := range body.UserIDs {
			if r.Status/100 == 2 {
				accepted[id]++
			} else {
				refused[id]++
			}
		}
	}
	return accepted, refused
}

func TestBanManyIsolatesUnknownUsersOnClerktest(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	c := clerktestclient.New(t, srv)
	in, unknown := seedBanTargets(t, srv)

	got, err := c.Bans.BanMany(context.Background(), in)
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	if len(got) != 117 {
		t.Errorf("%d users returned, want 117", len(got))
	}
	for _, u := range got {
		if !u.Banned || slices.Contains(unknown, u.ID) {
			t.Errorf("returned %s banned=%t", u.ID, u.Banned)
		}
	}
	if n := len(be.Processed()); n != 117 {
		t.Errorf("%d processed, want 117", n)
	}
	failed := be.Failed()
	if len(failed) != 3 {
		t.Fatalf("failed = %+v, want the 3 unknown IDs", failed)
	}
	for i, it := range failed {
		var apiErr *clerk.APIError
		if it.Key != unknown[i] || in[it.Index] != unknown[i] || !errors.As(it.Err, &apiErr) || !errors.Is(it.Err, clerk.ErrNotFound) {
			t.Errorf("failed[%d] = %+v", i, it)
		}
	}
	if len(be.NotSent()) != 0 {
		t.Errorf("not sent: %v", be.NotSent())
	}
	// Every known user was in exactly one accepted call: nothing processed
	// was sent again; the unknown ones never were accepted.
	accepted, refused := sentIDs(t, srv)
	t.Logf("%d requests for 120 IDs with 3 unknown", len(srv.Requests()))
	for _, id := range in {
		want := 1
		if slices.Contains(unknown, id) {
			want = 0
			if refused[id] == 0 {
				t.Errorf("%s was never refused", id)
			}
		}
		if accepted[id] != want {
			t.Errorf("%s in %d accepted calls, want %d", id, accepted[id], want)
		}
	}
	// And the fake's state agrees.
	for _, id := range in {
		u, err := c.Users.Get(context.Background(), id)
		if slices.Contains(unknown, id) {
			if !errors.Is(err, clerk.ErrNotFound) {
				t.Errorf("Get(%s) = %v", id, err)
			}
			continue
		}
		if err != nil || !u.Banned {
			t.Errorf("user %s not banned: %v", id, err)
		}
	}
}

func TestBanManyStopOnErrorOnClerktest(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	c := clerktestclient.New(t, srv)
	in, unknown := seedBanTargets(t, srv)

	got, err := c.Bans.BanMany(context.Background(), in, clerk.WithStopOnError())
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	// The first chunk (IDs 0..49) is refused and isolated; the job stops
	// there.
	if p, f, n := len(be.Processed()), len(be.Failed()), len(be.NotSent()); p != 49 || f != 1 || n != 70 {
		t.Errorf("report %d/%d/%d, want 49/1/70", p, f, n)
	}
	if len(got) != 49 || be.Failed()[0].Key != unknown[0] {
		t.Errorf("%d banned, failed %+v", len(got), be.Failed())
	}
	accepted, refused := sentIDs(t, srv)
	for _, id := range in[50:] {
		if accepted[id]+refused[id] != 0 {
			t.Errorf("%s was sent after the refused chunk", id)
		}
	}
}
