// Package bulk runs a job over a list of inputs in API-sized chunks, one
// call after another, and reports what became of each input. The bulk
// operations of the services (invitations, organization invitations,
// waitlist entries, bans) share it.
package bulk

import (
	"context"
	"errors"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// Job describes a bulk call over inputs of type In producing Out.
type Job[In, Out any] struct {
	// Op names the call in errors, e.g. "Bans.BanMany".
	Op string
	// Size is the API's per-call limit.
	Size int
	// Key identifies an input in the report (its ID or email).
	Key func(In) string
	// Call sends one chunk.
	Call func(ctx context.Context, chunk []In) ([]Out, error)
	// StopOnError stops at the first refused chunk (core.WithStopOnError).
	StopOnError bool
}

// Process sends items in chunks of Size, one call after another, and
// attempts every chunk even when one fails (unless StopOnError).
//
// A chunk the API refuses as a whole with a validation status (400, 404,
// 422) is isolated: it is split in halves and each half is sent again,
// down to single inputs, so that every valid input is processed and each
// bad one is reported with its own error. This relies on the API checking
// a whole bulk request before it processes any of it: such a refusal is
// evidence that nothing of the chunk was processed, so no input that may
// have taken effect is ever sent twice. Any other failure (429 after
// retries, 5xx, a network error, an unknown outcome) marks the whole chunk
// failed and is never split or re-sent.
//
// The outputs of the successful calls are returned in order. The error is
// nil when every input was processed, a *core.BulkError when any was not,
// and a *core.InvalidInputError, before any call, when ctx is nil.
func Process[In, Out any](ctx context.Context, items []In, j Job[In, Out]) ([]Out, error) {
	if ctx == nil {
		return nil, transport.Invalid("ctx", "must not be nil")
	}
	size := j.Size
	if size <= 0 {
		size = max(len(items), 1)
	}
	r := &run[In, Out]{job: j, items: items, status: make([]core.BulkItem, len(items))}
	for i, it := range items {
		r.status[i] = core.BulkItem{Index: i, Key: j.Key(it), Status: core.BulkNotSent}
	}
	for start := 0; start < len(items); start += size {
		end := min(start+size, len(items))
		if !r.send(ctx, start, end) && j.StopOnError {
			break
		}
		if ctx.Err() != nil {
			break
		}
	}
	if r.allProcessed() {
		return r.out, nil
	}
	return r.out, &core.BulkError{Op: j.Op, Items: r.status}
}

type run[In, Out any] struct {
	job    Job[In, Out]
	items  []In
	status []core.BulkItem
	out    []Out
}

// send sends items[start:end] and reports whether all of them were processed.
func (r *run[In, Out]) send(ctx context.Context, start, end int) bool {
	got, err := r.job.Call(ctx, r.items[start:end:end])
	if err == nil {
		r.out = append(r.out, got...)
		r.mark(start, end, core.BulkProcessed, nil)
		return true
	}
	if end-start == 1 || !refusedWhole(err) || ctx.Err() != nil {
		r.mark(start, end, core.BulkFailed, err)
		return false
	}
	mid := start + (end-start)/2
	left := r.send(ctx, start, mid)
	right := r.send(ctx, mid, end)
	return left && right
}

func (r *run[In, Out]) mark(start, end int, s core.BulkStatus, err error) {
	for i := start; i < end; i++ {
		r.status[i].Status = s
		r.status[i].Err = err
	}
}

func (r *run[In, Out]) allProcessed() bool {
	for _, it := range r.status {
		if it.Status != core.BulkProcessed {
			return false
		}
	}
	return true
}

// refusedWhole reports an answer that refused the request before
// processing any of it: a validation status, after a single attempt or a
// replay that was itself refused. Only such chunks are split.
func refusedWhole(err error) bool {
	var ae *core.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.StatusCode {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity:
		return true
	}
	return false
}
