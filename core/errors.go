package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinel errors. An *APIError matches the sentinel of its status code with
// errors.Is, so callers never compare status codes by hand.
var (
	ErrBadRequest      = errors.New("clerk: bad request")               // 400
	ErrUnauthorized    = errors.New("clerk: unauthorized")              // 401
	ErrPaymentRequired = errors.New("clerk: payment required")          // 402
	ErrForbidden       = errors.New("clerk: forbidden")                 // 403
	ErrNotFound        = errors.New("clerk: not found")                 // 404
	ErrConflict        = errors.New("clerk: conflict")                  // 409
	ErrGone            = errors.New("clerk: gone")                      // 410
	ErrUnprocessable   = errors.New("clerk: unprocessable entity")      // 422
	ErrLocked          = errors.New("clerk: locked")                    // 423
	ErrRateLimited     = errors.New("clerk: rate limited")              // 429
	ErrNotImplemented  = errors.New("clerk: operation not implemented") // 501, and the Unimplemented fakes
	ErrServer          = errors.New("clerk: server error")              // other 5xx

	// ErrInvalidResponse: the API answered with a body the SDK could not
	// decode (HTML from a proxy, truncated JSON). It is wrapped by *APIError.
	ErrInvalidResponse = errors.New("clerk: invalid response body")
	// ErrResponseTooLarge: the body passed the client's size cap.
	ErrResponseTooLarge = errors.New("clerk: response body too large")
	// ErrInvalidInput: a call was refused before any request was sent.
	ErrInvalidInput = errors.New("clerk: invalid input")
	// ErrOutcomeUnknown: a write that is not safe to replay failed after it
	// may have reached the server; it was not retried, and may or may not
	// have taken effect.
	ErrOutcomeUnknown = errors.New("clerk: outcome unknown, request may have been processed")
)

// MaxErrorBody caps the raw body kept in an APIError.
const MaxErrorBody = 1 << 20

// ErrorDetail is one entry of the ClerkErrors "errors" array.
type ErrorDetail struct {
	Code        string `json:"code"`
	Message     string `json:"message"`
	LongMessage string `json:"long_message,omitempty"`
	// Meta is the entry's raw "meta" object (for example the offending
	// param_name), nil when absent.
	Meta json.RawMessage `json:"meta,omitempty"`
}

// APIError is every non-2xx answer of the API, every 2xx answer whose body
// could not be read or decoded, and a 429 pause that could not finish
// before the context's deadline. errors.Is matches it against the sentinel
// of its status (ErrNotFound, ErrRateLimited, ...).
type APIError struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// TraceID comes from the body's clerk_trace_id or the Clerk-Trace-Id header.
	TraceID string
	// Errors is the decoded ClerkErrors list (empty for non-JSON bodies).
	Errors []ErrorDetail
	// RetryAfter is how long the server asked to wait (Retry-After), zero
	// when it did not say.
	RetryAfter time.Duration
	// Body is the raw response body, capped at MaxErrorBody.
	Body []byte
	// Method and Path identify the request (path without query).
	Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
	// Cause is why a 2xx answer became an error (ErrInvalidResponse,
	// ErrResponseTooLarge) or why a wait was cut short
	// (context.DeadlineExceeded); nil otherwise. Unwrap returns it.
	Cause error
}

// Error summarises the failure; it never contains credentials.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("clerk: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if len(e.Errors) > 0 {
		d := e.Errors[0]
		b.WriteString(": ")
		if d.Code != "" {
			b.WriteString(d.Code)
			b.WriteString(": ")
		}
		msg := d.LongMessage
		if msg == "" {
			msg = d.Message
		}
		b.WriteString(msg)
		if len(e.Errors) > 1 {
			fmt.Fprintf(&b, " (and %d more)", len(e.Errors)-1)
		}
	}
	if e.Cause != nil {
		b.WriteString(": ")
		b.WriteString(e.Cause.Error())
	}
	if e.TraceID != "" {
		b.WriteString(" (trace ")
		b.WriteString(e.TraceID)
		b.WriteByte(')')
	}
	return b.String()
}

// Unwrap returns Cause.
func (e *APIError) Unwrap() error { return e.Cause }

// Is matches the sentinel of the status code.
func (e *APIError) Is(target error) bool {
	return target != nil && StatusSentinel(e.StatusCode) == target
}

// HasCode reports whether any error detail carries the given Clerk code
// (for example "form_identifier_exists").
func (e *APIError) HasCode(code string) bool {
	for _, d := range e.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

// StatusSentinel returns the sentinel an *APIError of the given status
// matches, or nil.
func StatusSentinel(code int) error {
	switch code {
	case http.StatusBadRequest:
		return ErrBadRequest
	case http.StatusUnauthorized:
		return ErrUnauthorized
	case http.StatusPaymentRequired:
		return ErrPaymentRequired
	case http.StatusForbidden:
		return ErrForbidden
	case http.StatusNotFound:
		return ErrNotFound
	case http.StatusConflict:
		return ErrConflict
	case http.StatusGone:
		return ErrGone
	case http.StatusUnprocessableEntity:
		return ErrUnprocessable
	case http.StatusLocked:
		return ErrLocked
	case http.StatusTooManyRequests:
		return ErrRateLimited
	case http.StatusNotImplemented:
		return ErrNotImplemented
	}
	if code >= 500 {
		return ErrServer
	}
	return nil
}

// InvalidInputError describes a call refused before any request was sent:
// an empty or malformed ID, non-object metadata, too many filter values.
// It matches ErrInvalidInput.
type InvalidInputError struct {
	// Field names the argument or params field, e.g. "userID".
	Field string
	// Reason says what is wrong with it.
	Reason string
}

// Error says which input was refused and why.
func (e *InvalidInputError) Error() string {
	if e.Field == "" {
		return "clerk: invalid input: " + e.Reason
	}
	return "clerk: invalid input: " + e.Field + ": " + e.Reason
}

// Is makes errors.Is(err, ErrInvalidInput) true.
func (e *InvalidInputError) Is(target error) bool { return target == ErrInvalidInput }

// NotImplementedError is what the methods of a service's Unimplemented
// type return (see users.Unimplemented): the fake in a test was asked for
// an operation it does not override. It matches ErrNotImplemented.
type NotImplementedError struct {
	// Method is the service method, e.g. "Users.Get".
	Method string
}

// Error names the method the fake does not implement.
func (e *NotImplementedError) Error() string {
	return "clerk: " + e.Method + " is not implemented by this fake"
}

// Is makes errors.Is(err, ErrNotImplemented) true.
func (e *NotImplementedError) Is(target error) bool { return target == ErrNotImplemented }
