package transport

import (
	"bytes"
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
	ErrBadRequest      = errors.New("clerk: bad request")
	ErrUnauthorized    = errors.New("clerk: unauthorized")
	ErrPaymentRequired = errors.New("clerk: payment required")
	ErrForbidden       = errors.New("clerk: forbidden")
	ErrNotFound        = errors.New("clerk: not found")
	ErrConflict        = errors.New("clerk: conflict")
	ErrGone            = errors.New("clerk: gone")
	ErrUnprocessable   = errors.New("clerk: unprocessable entity")
	ErrLocked          = errors.New("clerk: locked")
	ErrRateLimited     = errors.New("clerk: rate limited")
	ErrServer          = errors.New("clerk: server error")

	// ErrInvalidResponse: the API answered with a body the SDK could not
	// decode (HTML from a proxy, truncated JSON). It is wrapped by *APIError.
	ErrInvalidResponse = errors.New("clerk: invalid response body")
	// ErrResponseTooLarge: the body passed the client's size cap.
	ErrResponseTooLarge = errors.New("clerk: response body too large")
	// ErrInvalidInput: a call was refused before any request was sent.
	ErrInvalidInput = errors.New("clerk: invalid input")
	// ErrOutcomeUnknown: a write that is not safe to replay failed after it
	// may have reached the server; it was not retried.
	ErrOutcomeUnknown = errors.New("clerk: outcome unknown, request may have been processed")
)

// MaxErrorBody caps the raw body kept in an APIError.
const MaxErrorBody = 1 << 20

// ErrorDetail is one entry of the ClerkErrors "errors" array.
type ErrorDetail struct {
	Code        string          `json:"code"`
	Message     string          `json:"message"`
	LongMessage string          `json:"long_message,omitempty"`
	Meta        json.RawMessage `json:"meta,omitempty"`
}

// APIError is returned for every non-2xx answer, and for 2xx answers whose
// body could not be read or decoded.
type APIError struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// TraceID comes from the body's clerk_trace_id or the Clerk-Trace-Id header.
	TraceID string
	// Errors is the decoded ClerkErrors list (empty for non-JSON bodies).
	Errors []ErrorDetail
	// RetryAfter is the server's Retry-After hint, zero when absent.
	RetryAfter time.Duration
	// Body is the raw response body, capped at 1 MiB.
	Body []byte
	// Method and Path identify the request (path without query).
	Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int

	cause error
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
	if e.cause != nil {
		b.WriteString(": ")
		b.WriteString(e.cause.Error())
	}
	if e.TraceID != "" {
		b.WriteString(" (trace ")
		b.WriteString(e.TraceID)
		b.WriteByte(')')
	}
	return b.String()
}

// Unwrap exposes the decode cause (ErrInvalidResponse, ErrResponseTooLarge).
func (e *APIError) Unwrap() error { return e.cause }

// Is matches the sentinel of the status code.
func (e *APIError) Is(target error) bool {
	if target == nil {
		return false
	}
	return statusSentinel(e.StatusCode) == target
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

func statusSentinel(code int) error {
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
	}
	if code >= 500 {
		return ErrServer
	}
	return nil
}

// InvalidInputError describes a call refused before any request was sent.
type InvalidInputError struct {
	Field  string
	Reason string
}

func (e *InvalidInputError) Error() string {
	if e.Field == "" {
		return "clerk: invalid input: " + e.Reason
	}
	return "clerk: invalid input: " + e.Field + ": " + e.Reason
}

// Is makes errors.Is(err, ErrInvalidInput) true.
func (e *InvalidInputError) Is(target error) bool { return target == ErrInvalidInput }

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
		e.cause = ErrResponseTooLarge
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
