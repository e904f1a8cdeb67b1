package core

import (
	"fmt"
	"strings"
)

// BulkStatus is what happened to one input of a bulk call.
type BulkStatus int

// The outcomes of one input of a bulk call.
const (
	// BulkProcessed: the API accepted the input.
	BulkProcessed BulkStatus = iota + 1
	// BulkFailed: the API refused the input (Err says why), or the call
	// carrying it failed with an error that does not say which input was
	// at fault. After a server or network error a failed input may still
	// have taken effect: read it back before assuming it did not.
	BulkFailed
	// BulkNotSent: the input was never sent (the call stopped first).
	BulkNotSent
)

// String returns "processed", "failed" or "not sent".
func (s BulkStatus) String() string {
	switch s {
	case BulkProcessed:
		return "processed"
	case BulkFailed:
		return "failed"
	case BulkNotSent:
		return "not sent"
	}
	return fmt.Sprintf("BulkStatus(%d)", int(s))
}

// BulkItem is the outcome of one input of a bulk call.
type BulkItem struct {
	// Index is the input's position in the caller's slice.
	Index int
	// Key identifies the input in messages: its ID or email address.
	Key string
	// Status says whether the input was processed, failed or not sent.
	Status BulkStatus
	// Err is the API's error for a failed input (usually an *APIError);
	// nil otherwise.
	Err error
}

// BulkError is returned by every bulk call (Bans.BanMany,
// Invitations.CreateMany, ...) in which at least one input was not
// processed. It holds one BulkItem per input, in input order, so a caller
// can tell exactly which inputs took effect, which failed and why, and
// which were never sent. The call's other result holds what the processed
// inputs produced.
type BulkError struct {
	// Op names the bulk operation, e.g. "Bans.BanMany".
	Op string
	// Items holds one entry per input, in input order.
	Items []BulkItem
}

// Processed returns the indexes of the processed inputs.
func (e *BulkError) Processed() []int { return e.indexes(BulkProcessed) }

// NotSent returns the indexes of the inputs that were never sent.
func (e *BulkError) NotSent() []int { return e.indexes(BulkNotSent) }

// Failed returns the failed inputs with their errors.
func (e *BulkError) Failed() []BulkItem {
	var out []BulkItem
	for _, it := range e.Items {
		if it.Status == BulkFailed {
			out = append(out, it)
		}
	}
	return out
}

// Unprocessed returns the indexes of the inputs that were not processed
// (failed or not sent): calling the bulk method again with those inputs
// resumes the job.
func (e *BulkError) Unprocessed() []int {
	var out []int
	for _, it := range e.Items {
		if it.Status != BulkProcessed {
			out = append(out, it.Index)
		}
	}
	return out
}

func (e *BulkError) indexes(s BulkStatus) []int {
	var out []int
	for _, it := range e.Items {
		if it.Status == s {
			out = append(out, it.Index)
		}
	}
	return out
}

// Error counts the outcomes and names the first failure.
func (e *BulkError) Error() string {
	var p, f, n int
	var first *BulkItem
	for i := range e.Items {
		switch e.Items[i].Status {
		case BulkProcessed:
			p++
		case BulkFailed:
			f++
			if first == nil {
				first = &e.Items[i]
			}
		case BulkNotSent:
			n++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "clerk: %s: %d processed, %d failed, %d not sent", e.Op, p, f, n)
	if first != nil && first.Err != nil {
		fmt.Fprintf(&b, "; first failure %q: %v", first.Key, first.Err)
	}
	return b.String()
}

// Unwrap returns the distinct errors of the failed inputs, so errors.Is
// and errors.As see the *APIError values and their sentinels.
func (e *BulkError) Unwrap() []error {
	var out []error
	seen := map[error]bool{}
	for _, it := range e.Items {
		if it.Err != nil && !seen[it.Err] {
			seen[it.Err] = true
			out = append(out, it.Err)
		}
	}
	return out
}
