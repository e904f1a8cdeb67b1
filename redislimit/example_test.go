package redislimit_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/redislimit"
	"github.com/redis/go-redis/v9"
)

// ExampleNew shares a production instance's budget (1000 requests per 10 s
// per secret key) between the replicas of a service. It needs a Redis
// server, so it is compiled but not run.
func ExampleNew() {
	secretKey := os.Getenv("CLERK_SECRET_KEY")
	// Any go-redis client works: a single node, a cluster, sentinels.
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"localhost:6379"}})
	defer rdb.Close()

	limiter, err := redislimit.New(rdb, secretKey, redislimit.Production,
		// While Redis is unavailable, each of the 8 replicas falls back
		// to 1/8 of the budget.
		redislimit.WithReplicas(8),
		// Log the switches to the fallback and back (silent by default).
		redislimit.WithLogger(slog.Default()))
	if err != nil {
		log.Fatal(err)
	}
	// The client waits on the limiter before every attempt and tells it
	// about every 429, which then pauses every replica.
	client, err := clerk.NewClient(secretKey, clerk.WithLimiter(limiter))
	if err != nil {
		log.Fatal(err)
	}
	n, err := client.Users.Count(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, "users")
}
