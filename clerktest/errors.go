package clerktest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// apiError is an answer other than 2xx, written as a ClerkErrors body.
type apiError struct {
	status  int
	details []errorDetail
	// retryAfter, when positive, is sent as Retry-After in whole seconds.
	retryAfter time.Duration
	// bare answers with the status and no body at all (verify_password
	// does so for 400/404/422).
	bare bool
}

func (e *apiError) Error() string {
	if len(e.details) == 0 {
		return http.StatusText(e.status)
	}
	return e.details[0].LongMessage
}

// errorDetail is one entry of ClerkErrors.errors; the spec requires code,
// message and long_message.
type errorDetail struct {
	Code        string         `json:"code"`
	Message     string         `json:"message"`
	LongMessage string         `json:"long_message"`
	Meta        map[string]any `json:"meta,omitempty"`
}

// clerkErrors is the error body of every endpoint.
type clerkErrors struct {
	Errors       []errorDetail  `json:"errors"`
	Meta         map[string]any `json:"meta"`
	ClerkTraceID string         `json:"clerk_trace_id"`
}

func newError(status int, code, msg, long string) *apiError {
	return &apiError{status: status, details: []errorDetail{{Code: code, Message: msg, LongMessage: long}}}
}

func paramError(status int, code, param, msg, long string) *apiError {
	e := newError(status, code, msg, long)
	e.details[0].Meta = map[string]any{"param_name": param}
	return e
}

func errNotFound(what, id string) *apiError {
	long := fmt.Sprintf("No %s was found with id %s", what, id)
	if id == "" {
		long = fmt.Sprintf("The requested %s was not found", what)
	}
	return newError(http.StatusNotFound, "resource_not_found", "not found", long)
}

// errNotImplemented answers a route the fake does not model: 501, never a
// 404, so that errors.Is(err, clerk.ErrNotFound) cannot make a test pass
// for the wrong reason.
func errNotImplemented(method, path string) *apiError {
	return newError(http.StatusNotImplemented, "clerktest_not_implemented", "not implemented by clerktest",
		fmt.Sprintf("clerktest does not implement %s %s", method, path))
}

func errMissing(param string) *apiError {
	return paramError(http.StatusUnprocessableEntity, "form_param_missing", param,
		"missing requires parameter", param+" must be included.")
}

func errFormat(param, why string) *apiError {
	return paramError(http.StatusUnprocessableEntity, "form_param_format_invalid", param,
		"is invalid", fmt.Sprintf("%s is invalid: %s", param, why))
}

func errValue(param, why string) *apiError {
	return paramError(http.StatusUnprocessableEntity, "form_param_value_invalid", param,
		"is invalid", fmt.Sprintf("%s is invalid: %s", param, why))
}

func errUnknownParam(param string) *apiError {
	return paramError(http.StatusUnprocessableEntity, "form_param_unknown", param,
		"is unknown", fmt.Sprintf("%s is not a valid parameter for this request.", param))
}

func errTooMany(param string, max int) *apiError {
	return paramError(http.StatusUnprocessableEntity, "form_param_exceeds_allowed_size", param,
		"exceeds allowed size", fmt.Sprintf("%s must contain at most %d items.", param, max))
}

func errTaken(param, value string) *apiError {
	return paramError(http.StatusUnprocessableEntity, "form_identifier_exists", param,
		"That identifier is taken.", fmt.Sprintf("%s %q is already taken. Please try another.", param, value))
}

func errDuplicate(what string) *apiError {
	return newError(http.StatusUnprocessableEntity, "duplicate_record", "duplicate record",
		fmt.Sprintf("There is already a %s with the same identifier.", what))
}

func errMalformed(why string) *apiError {
	return newError(http.StatusBadRequest, "malformed_request", "malformed request",
		"The request body could not be parsed: "+why)
}

func errBodyTooLarge() *apiError {
	return newError(http.StatusRequestEntityTooLarge, "request_body_too_large", "request body too large",
		fmt.Sprintf("The request body is larger than %d bytes.", maxRequestBody))
}

func errRateLimited(wait time.Duration) *apiError {
	e := newError(http.StatusTooManyRequests, "too_many_requests", "Too many requests",
		"Too many requests, retry later.")
	e.retryAfter = wait
	return e
}

// writeError writes e as a ClerkErrors body (or a bare status).
func writeError(w http.ResponseWriter, traceID string, e *apiError) {
	if e.retryAfter > 0 {
		writeRetryAfter(w, e.retryAfter)
	}
	if e.bare {
		w.WriteHeader(e.status)
		return
	}
	writeJSON(w, e.status, clerkErrors{Errors: e.details, Meta: map[string]any{}, ClerkTraceID: traceID})
}

// writeRetryAfter sends d as whole seconds, rounded up.
func writeRetryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.FormatInt(int64(math.Ceil(d.Seconds())), 10))
}
