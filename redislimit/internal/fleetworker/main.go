// Command fleetworker is one replica of the fleet test: it calls the
// Backend API (a clerktest fake) through a clerk.Client limited by a
// redislimit.Limiter for a while, then prints one JSON line per call and a
// summary line to stdout. The test builds it with go build and runs several
// at once. The secret key comes from the environment, never the command
// line: CLERKGO_FLEET_SECRET.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/redislimit"
	"github.com/redis/go-redis/v9"
)

// Call is what the worker records about one call.
type Call struct {
	Start   int64  `json:"start_ms"` // unix ms
	Latency int64  `json:"lat_ms"`
	Result  string `json:"res"` // ok, 429, deadline, error
	Err     string `json:"err,omitempty"`
}

// Summary is the worker's last line.
type Summary struct {
	Worker string           `json:"worker"`
	Calls  int              `json:"calls"`
	Stats  redislimit.Stats `json:"stats"`
}

type discard struct{}

func (discard) Printf(context.Context, string, ...any) {}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fleetworker:", err)
		os.Exit(1)
	}
}

func run(out io.Writer) error {
	var (
		id          = flag.String("id", "w", "worker name")
		baseURL     = flag.String("url", "", "Backend API base URL")
		addr        = flag.String("redis", "", "Redis address")
		duration    = flag.Duration("duration", 30*time.Second, "how long to call")
		concurrency = flag.Int("concurrency", 2, "concurrent callers")
		replicas    = flag.Int("replicas", 8, "replicas sharing the budget")
		requests    = flag.Int("requests", 100, "budget: requests per window")
		per         = flag.Duration("per", 10*time.Second, "budget: window")
		callTimeout = flag.Duration("call-timeout", 5*time.Second, "deadline of each call")
	)
	flag.Parse()
	secret := os.Getenv("CLERKGO_FLEET_SECRET")
	if secret == "" || *baseURL == "" || *addr == "" {
		return errors.New("need -url, -redis and CLERKGO_FLEET_SECRET")
	}
	redis.SetLogger(discard{})
	rdb := redis.NewClient(&redis.Options{
		Addr: *addr, DialTimeout: 100 * time.Millisecond,
		ReadTimeout: 100 * time.Millisecond, WriteTimeout: 100 * time.Millisecond,
		MaxRetries: -1, ContextTimeoutEnabled: true, PoolSize: 2 * *concurrency,
	})
	defer rdb.Close()
	lim, err := redislimit.New(rdb, secret, redislimit.Limit{Requests: *requests, Per: *per},
		redislimit.WithReplicas(*replicas), redislimit.WithProbeInterval(500*time.Millisecond))
	if err != nil {
		return err
	}
	c, err := clerk.NewClient(secret, clerk.WithBaseURL(*baseURL), clerk.WithLimiter(lim), clerk.WithMaxRetries(0))
	if err != nil {
		return err
	}
	var (
		mu    sync.Mutex
		calls []Call
		wg    sync.WaitGroup
	)
	end := time.Now().Add(*duration)
	for range *concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				ctx, cancel := context.WithTimeout(context.Background(), *callTimeout)
				start := time.Now()
				_, err := c.Users.Count(ctx, nil)
				cancel()
				call := Call{Start: start.UnixMilli(), Latency: time.Since(start).Milliseconds(), Result: "ok"}
				switch {
				case err == nil:
				case errors.Is(err, clerk.ErrRateLimited):
					call.Result, call.Err = "429", err.Error()
				case errors.Is(err, context.DeadlineExceeded):
					call.Result, call.Err = "deadline", err.Error()
				default:
					call.Result, call.Err = "error", err.Error()
				}
				mu.Lock()
				calls = append(calls, call)
				mu.Unlock()
				if err != nil {
					// Do not spin on a refusal.
					time.Sleep(100 * time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	enc := json.NewEncoder(out)
	for _, call := range calls {
		if err := enc.Encode(call); err != nil {
			return err
		}
	}
	return enc.Encode(Summary{Worker: *id, Calls: len(calls), Stats: lim.Stats()})
}
