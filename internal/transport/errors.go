package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/clerkgo/clerk/core"
)

// The error types and sentinels are core's; these aliases keep the
// transport's own code short.
type (
	APIError          = core.APIError
	ErrorDetail       = core.ErrorDetail
	InvalidInputError = core.InvalidInputError
)

// Sentinels, re-exported from core.
var (
	ErrBadRequest       = core.ErrBadRequest
	ErrUnauthorized     = core.ErrUnauthorized
	ErrPaymentRequired  = core.ErrPaymentRequired
	ErrForbidden        = core.ErrForbidden
	ErrNotFound         = core.ErrNotFound
	ErrConflict         = core.ErrConflict
	ErrGone             = core.ErrGone
	ErrUnprocessable    = core.ErrUnprocessable
	ErrLocked           = core.ErrLocked
	ErrRateLimited      = core.ErrRateLimited
	ErrNotImplemented   = core.ErrNotImplemented
	ErrServer           = core.ErrServer
	ErrInvalidResponse  = core.ErrInvalidResponse
	ErrResponseTooLarge = core.ErrResponseTooLarge
	ErrInvalidInput     = core.ErrInvalidInput
	ErrOutcomeUnknown   = core.ErrOutcomeUnknown
)

// MaxErrorBody caps the raw body kept in an APIError.
const MaxErrorBody = core.MaxErrorBody

// Invalid builds an *InvalidInputError.
func Invalid(field, format string, args ...any) error {
	return &InvalidInputError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// errorBody is the ClerkErrors envelope.
type errorBody struct {
	Errors  []ErrorDetail `json:"errors"`
	TraceID string        `json:"clerk_trace_id"`
}

// newAPIError decodes a non-2xx body (which may be non-JSON) into an APIError.
// body is the caller's (pooled) buffer: the error keeps a copy of at most
// MaxErrorBody bytes, so it never pins a large body in memory.
func newAPIError(resp *http.Response, body []byte, tooLarge bool) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, TraceID: resp.Header.Get("Clerk-Trace-Id")}
	if len(body) > MaxErrorBody {
		body = body[:MaxErrorBody]
	}
	body = bytes.Clone(body)
	e.Body = body
	if tooLarge {
		e.Cause = ErrResponseTooLarge
	}
	var eb errorBody
	if len(body) > 0 && json.Unmarshal(body, &eb) == nil {
		e.Errors = eb.Errors
		if eb.TraceID != "" {
			e.TraceID = eb.TraceID
		}
	}
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	return e
}

// outcomeUnknownError wraps a transport error for a write that was not replayed.
type outcomeUnknownError struct{ err error }

func (e *outcomeUnknownError) Error() string {
	return ErrOutcomeUnknown.Error() + ": " + e.err.Error()
}
func (e *outcomeUnknownError) Unwrap() []error { return []error{ErrOutcomeUnknown, e.err} }
