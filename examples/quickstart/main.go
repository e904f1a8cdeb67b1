// Command quickstart walks the main flows of the Clerk Go SDK, printing each
// step so that its output reads as a tour of the API.
//
//	go run ./examples/quickstart
//
// With no CLERK_SECRET_KEY in the environment it needs no Clerk account and no
// network: it starts clerktest's in-memory fake of the Backend API and, against
// it, creates users, writes typed metadata, creates an organization and adds
// members, walks the members with an iterator, handles a 404, verifies session
// tokens and protects an HTTP handler with the clerkhttp middleware, and bans
// a user.
//
// With CLERK_SECRET_KEY set (and CLERK_API_URL, optionally) it runs read-only
// calls against that instance instead: it counts and lists users, lists
// organizations and fetches the JWKS. It never writes to a real instance.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"golang.org/x/time/rate"

	"github.com/clerkgo/clerk"
)

// runTimeout bounds the whole run, so a hung network never leaves the
// program waiting forever.
const runTimeout = 2 * time.Minute

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "quickstart: %v\n", err)
		os.Exit(1)
	}
}

// run picks the tour from the environment: the fake when there is no secret
// key, read-only calls against the real instance when there is one.
func run(ctx context.Context, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()

	if os.Getenv(clerk.EnvSecretKey) == "" {
		return runFake(ctx, w)
	}
	// NewClientFromEnv reads CLERK_SECRET_KEY and CLERK_API_URL; the
	// options after it apply on top.
	c, err := clerk.NewClientFromEnv(clientOptions()...)
	if err != nil {
		return fmt.Errorf("building the client: %w", err)
	}
	return runReadOnly(ctx, w, c, apiURL())
}

// clientOptions are the options both tours build their client with.
func clientOptions() []clerk.Option {
	return []clerk.Option{
		// Retry what is safe to replay at most twice (the default, spelled
		// out). Creates are never replayed once they may have reached
		// the API.
		clerk.WithMaxRetries(2),
		// Stay under Clerk's limit for development instances, 100
		// requests per 10 s, on the client side.
		clerk.WithRateLimit(rate.Limit(10), 10),
	}
}

// apiURL is the base URL NewClientFromEnv uses, for display.
func apiURL() string {
	if u := os.Getenv(clerk.EnvAPIURL); u != "" {
		return u
	}
	return "https://api.clerk.com/v1"
}

// printer numbers the steps of a tour. It keeps the first write error, so
// the steps can print freely and the tour reports a broken stdout once.
type printer struct {
	w   io.Writer
	n   int
	err error
}

// step prints the next numbered step.
func (p *printer) step(format string, args ...any) {
	p.n++
	p.printf("%2d. "+format+"\n", append([]any{p.n}, args...)...)
}

// detail prints an indented line under the current step.
func (p *printer) detail(format string, args ...any) {
	p.printf("      "+format+"\n", args...)
}

func (p *printer) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	if _, err := fmt.Fprintf(p.w, format, args...); err != nil {
		p.err = fmt.Errorf("writing output: %w", err)
	}
}
