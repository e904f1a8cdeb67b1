package bans_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/bans"
	"github.com/clerkgo/clerk/users"
)

// exampleServer stands in for the Backend API: it bans whoever it is asked
// to and counts the calls.
func exampleServer(calls *atomic.Int32) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		calls.Add(1)
		if r.URL.Path == "/v1/users/user_1/ban" {
			io.WriteString(w, `{"object":"user","id":"user_1","banned":true,"locked":false,"public_metadata":{},
				"email_addresses":[],"created_at":1764547200000,"updated_at":1764547200000}`)
			return
		}
		var in struct {
			UserIDs []string `json:"user_ids"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		out := make([]map[string]any, len(in.UserIDs))
		for i, id := range in.UserIDs {
			out[i] = map[string]any{"object": "user", "id": id, "banned": true, "locked": false,
				"public_metadata": map[string]any{}, "email_addresses": []any{},
				"created_at": 1764547200000, "updated_at": 1764547200000}
		}
		json.NewEncoder(w).Encode(out)
	}))
}

func ExampleService_BanMany() {
	var calls atomic.Int32
	srv := exampleServer(&calls)
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println(err)
		return
	}

	ids := make([]string, 120)
	for i := range ids {
		ids[i] = fmt.Sprintf("user_%03d", i)
	}
	// 120 IDs go out as three calls: 50, 50 and 20.
	banned, err := c.Bans.BanMany(context.Background(), ids)
	var bulkErr *clerk.BulkError
	if errors.As(err, &bulkErr) {
		// Every chunk was attempted; resume later with the unprocessed
		// inputs. Each failed item names its ID and the API's error.
		for _, it := range bulkErr.Failed() {
			fmt.Println("not banned:", it.Key, it.Err)
		}
		fmt.Println("left:", len(bulkErr.Unprocessed()))
		return
	}
	fmt.Println(len(banned), "banned in", calls.Load(), "calls; last:", banned[119].ID, banned[119].Banned)
	// Output: 120 banned in 3 calls; last: user_119 true
}

func ExampleService_Ban() {
	var calls atomic.Int32
	srv := exampleServer(&calls)
	defer srv.Close()
	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		fmt.Println(err)
		return
	}

	u, err := c.Bans.Ban(context.Background(), "user_1")
	if errors.Is(err, clerk.ErrPaymentRequired) {
		fmt.Println("banning needs a paid plan")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.ID, "banned:", u.Banned)
	// Output: user_1 banned: true
}

// fakeBans is a test double for code that only bans: it embeds
// bans.Unimplemented, so it keeps compiling when bans.API grows, and
// overrides Ban.
type fakeBans struct {
	bans.Unimplemented
	banned []string
}

func (f *fakeBans) Ban(_ context.Context, userID string, _ ...clerk.RequestOption) (*users.User, error) {
	f.banned = append(f.banned, userID)
	return &users.User{ID: userID, Banned: true}, nil
}

func ExampleUnimplemented() {
	var api bans.API = &fakeBans{}
	u, _ := api.Ban(context.Background(), "user_1")
	fmt.Println(u.ID, "banned:", u.Banned)

	_, err := api.Lock(context.Background(), "user_1")
	fmt.Println(errors.Is(err, clerk.ErrNotImplemented), err)
	// Output:
	// user_1 banned: true
	// true clerk: Bans.Lock is not implemented by this fake
}
