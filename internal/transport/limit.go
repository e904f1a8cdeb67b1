package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// Limiter is anything that can hold a request until it may go, such as
// *rate.Limiter or a limiter shared between replicas.
type Limiter interface {
	Wait(ctx context.Context) error
}

// deadlineError wraps a wait that was refused because it would pass the
// context's deadline, so errors.Is(err, context.DeadlineExceeded) holds even
// where the limiter's own error does not say so.
type deadlineError struct {
	what  string
	cause error
	extra error
}

func (e *deadlineError) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("clerk: %s would pass the context deadline: %v", e.what, e.cause)
	}
	return "clerk: " + e.what + " would pass the context deadline"
}

func (e *deadlineError) Unwrap() []error {
	errs := []error{context.DeadlineExceeded}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	if e.extra != nil {
		errs = append(errs, e.extra)
	}
	return errs
}

// gate holds every attempt: first the client-wide pause a 429 set, then the
// limiter (one token per attempt).
type gate struct {
	limiter    Limiter
	pauseUntil atomic.Int64 // unix nanoseconds; 0 = no pause
	now        func() time.Time
}

// pause makes every request of the client wait until t.
func (g *gate) pause(t time.Time) {
	n := t.UnixNano()
	for {
		cur := g.pauseUntil.Load()
		if cur >= n || g.pauseUntil.CompareAndSwap(cur, n) {
			return
		}
	}
}

func (g *gate) wait(ctx context.Context) error {
	if until := g.pauseUntil.Load(); until != 0 {
		if d := time.Unix(0, until).Sub(g.now()); d > 0 {
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
				// The client-wide pause after a 429 outlasts the caller's
				// deadline: answer as the API would have, a 429 with the
				// time left, so errors.As finds an *APIError with
				// RetryAfter and errors.Is matches both ErrRateLimited and
				// context.DeadlineExceeded.
				return &APIError{
					StatusCode: http.StatusTooManyRequests,
					RetryAfter: d,
					Cause:      &deadlineError{what: "waiting out the API's rate limit"},
				}
			}
			if err := sleep(ctx, d, "waiting out the API's rate limit", ErrRateLimited); err != nil {
				return err
			}
		}
	}
	if g.limiter == nil {
		return nil
	}
	if err := g.limiter.Wait(ctx); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if _, ok := ctx.Deadline(); ok && !errors.Is(err, context.DeadlineExceeded) {
			return &deadlineError{what: "waiting for the client rate limiter", cause: err}
		}
		return err
	}
	return nil
}

// sleep waits d unless ctx ends first; a wait that cannot finish before the
// deadline fails at once instead of sleeping into it.
func sleep(ctx context.Context, d time.Duration, what string, extra error) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return &deadlineError{what: what, extra: extra}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
