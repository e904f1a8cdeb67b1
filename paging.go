package clerk

import (
	"context"

	"github.com/clerkgo/clerk/pagination"
)

// MaxPagePrefetch is the most page fetches WithPagePrefetch keeps in flight.
const MaxPagePrefetch = pagination.MaxPrefetch

// WithPagePrefetch returns a context under which the All iterators keep up
// to n page fetches in flight instead of one, so a walk over a slow list
// goes as fast as the rate limiter allows. Items still arrive strictly in
// order, and a break or an error cancels the fetches in flight; at most
// n-1 requests are spent past the end of the list. n <= 1 keeps the
// default, one page at a time; n is capped at MaxPagePrefetch.
//
//	ctx := clerk.WithPagePrefetch(ctx, 8)
//	for u, err := range c.Users.All(ctx, nil) { ... }
//
// Walks page by offset when prefetching (Users.All leaves its
// starting_after cursor, which is only known once the previous page has
// arrived). Each prefetched page spends a rate-limit token like any other
// request, so combine this with WithRateLimit.
func WithPagePrefetch(ctx context.Context, n int) context.Context {
	return pagination.WithPrefetch(ctx, n)
}
