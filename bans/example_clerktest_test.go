package bans_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
)

// A bulk ban with unknown IDs: every chunk is attempted, the chunks the
// API refuses are split until the unknown IDs are isolated, and the
// *clerk.BulkError names each of them with the API's error.
func ExampleService_BanMany_partialFailure() {
	srv, err := clerktest.Start() // stands in for your Clerk instance
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	var ids []string
	for i := range 60 {
		id, err := srv.TryAddUser(clerktest.User{Email: fmt.Sprintf("u%02d@example.com", i)})
		if err != nil {
			fmt.Println(err)
			return
		}
		ids = append(ids, id)
	}
	ids[10], ids[55] = "user_gone_1", "user_gone_2" // deleted meanwhile

	banned, err := c.Bans.BanMany(context.Background(), ids)
	fmt.Println(len(banned), "banned")
	var bulkErr *clerk.BulkError
	if errors.As(err, &bulkErr) {
		for _, it := range bulkErr.Failed() {
			fmt.Printf("input %d (%s): not found: %t\n", it.Index, it.Key, errors.Is(it.Err, clerk.ErrNotFound))
		}
	}
	// Output:
	// 58 banned
	// input 10 (user_gone_1): not found: true
	// input 55 (user_gone_2): not found: true
}
