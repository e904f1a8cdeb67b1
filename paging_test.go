package clerk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// ExampleWithPrefetch walks every user with up to four page requests
// in flight; the items still arrive in order.
func ExampleWithPrefetch() {
	// A stand-in for the API: 25 users, served by offset.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		var items []string
		for i := offset; i < min(offset+limit, 25); i++ {
			items = append(items, fmt.Sprintf(`{"id":"user_%02d","object":"user"}`, i))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "["+strings.Join(items, ",")+"]")
	}))
	defer srv.Close()

	c, err := clerk.NewClient("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"), clerk.WithRateLimit(100, 10))
	if err != nil {
		fmt.Println(err)
		return
	}
	var ids []string
	for u, err := range c.Users.All(context.Background(), &users.ListParams{Limit: 10}, clerk.WithPrefetch(4)) {
		if err != nil {
			fmt.Println(err)
			return
		}
		ids = append(ids, u.ID)
	}
	fmt.Println(len(ids), ids[0], ids[24])
	// Output: 25 user_00 user_24
}
