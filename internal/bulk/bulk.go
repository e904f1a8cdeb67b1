// Package bulk runs a job over a list of inputs in API-sized chunks, one
// call after another, and says where it stopped when a call fails. The
// bulk operations of the services (invitations, organization invitations,
// bans) share it; each wraps a *Stop in its own exported error type.
package bulk

import "context"

// Stop says where a chunked job stopped. Of the N inputs, [0, Start) went
// in calls that succeeded, [Start, End) were in the call that failed, and
// [End, N) were never sent.
type Stop struct {
	Start, End, N int
	// Err is the failed call's error.
	Err error
}

// Processed returns the indexes of the inputs whose calls succeeded (nil
// when none did).
func (s *Stop) Processed() []int { return indexes(0, s.Start) }

// Failed returns the indexes of the inputs of the failed call.
func (s *Stop) Failed() []int { return indexes(s.Start, s.End) }

// NotSent returns the indexes of the inputs after the failed call (nil
// when it was the last one).
func (s *Stop) NotSent() []int { return indexes(s.End, s.N) }

// Run calls call with consecutive chunks of at most size items (all of
// them in one call when size <= 0), sequentially, and returns the outputs
// of the calls in order. At the first failing call it stops and returns
// the outputs so far with a *Stop; it is nil when every call succeeded.
// A chunk's capacity ends with it, so call may append to it safely.
func Run[In, Out any](ctx context.Context, items []In, size int, call func(ctx context.Context, chunk []In) ([]Out, error)) ([]Out, *Stop) {
	if size <= 0 {
		size = max(len(items), 1)
	}
	out := make([]Out, 0, len(items))
	for start := 0; start < len(items); start += size {
		end := min(start+size, len(items))
		got, err := call(ctx, items[start:end:end])
		if err != nil {
			return out, &Stop{Start: start, End: end, N: len(items), Err: err}
		}
		out = append(out, got...)
	}
	return out, nil
}

func indexes(from, to int) []int {
	if from >= to {
		return nil
	}
	s := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}
