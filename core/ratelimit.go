package core

import (
	"context"
	"time"
)

// RateLimitObserver is an optional interface of a client's limiter (the one
// given to clerk.WithLimiter). When the API answers 429 with a Retry-After,
// the client pauses all its own requests for that long and, if its limiter
// implements RateLimitObserver, tells it, so that a limiter shared by many
// replicas (such as redislimit's) can pause all of them.
//
// ObserveRateLimit is called from the request path: it must return promptly
// (a shared limiter bounds its own call with a short timeout) and must not
// fail the request; retryAfter is the server's Retry-After, capped by the
// client's retry policy.
type RateLimitObserver interface {
	ObserveRateLimit(ctx context.Context, retryAfter time.Duration)
}
