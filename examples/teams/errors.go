package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/clerkgo/clerk"
)

// problem is an error answer: an HTTP status and a small JSON body in the
// same shape as the clerkhttp middleware's 401 and 403 bodies, so a client
// handles every error of this API alike:
//
//	{"error":"forbidden","reason":"not_a_member","message":"..."}
//
// Error is the broad category, Reason a stable machine-readable code and
// Message a human-readable sentence.
type problem struct {
	Status  int    `json:"-"`
	Error   string `json:"error"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	// RetryAfter, when positive, is sent as a Retry-After header.
	RetryAfter time.Duration `json:"-"`
}

// badRequest is a 400 for a request this API cannot read at all.
func badRequest(reason, message string) *problem {
	return &problem{Status: http.StatusBadRequest, Error: "bad_request", Reason: reason, Message: message}
}

// invalid is a 422 for a well-formed request whose values are refused.
func invalid(reason, message string) *problem {
	return &problem{Status: http.StatusUnprocessableEntity, Error: "invalid_request", Reason: reason, Message: message}
}

// forbidden is a 403 for a signed-in caller who may not do this.
func forbidden(reason, message string) *problem {
	return &problem{Status: http.StatusForbidden, Error: "forbidden", Reason: reason, Message: message}
}

// problemFor turns an error of the SDK into the answer this API gives
// its own clients. The rule of thumb: what the caller can fix keeps a 4xx,
// what Clerk or this server got wrong becomes a 5xx, and nothing about the
// secret key, the instance's plan or Clerk's internals leaks through.
//
//	Backend API or SDK                    this API
//	404, 410                              404 not_found
//	400, 422                              422 with Clerk's code and message
//	409                                   409 conflict
//	429                                   503 rate_limited, with Retry-After
//	503 with Retry-After                  503 upstream_unavailable, with Retry-After
//	401, 402, 403, other 5xx, bad bodies  502 upstream_failed
//	a create's answer lost                502 outcome_unknown
//	no answer before the deadline         504 upstream_timeout
//	input refused before sending          400 invalid_input
//	not reachable                         502 upstream_unreachable
func problemFor(err error) *problem {
	var apiErr *clerk.APIError
	isAPI := errors.As(err, &apiErr)
	switch {
	case errors.Is(err, clerk.ErrOutcomeUnknown):
		// A create whose answer was lost: retrying blindly could create a
		// second one, so say what happened instead of a generic 502.
		return &problem{Status: http.StatusBadGateway, Error: "upstream_error", Reason: "outcome_unknown",
			Message: "the identity provider did not answer; the change may or may not have been applied"}
	case errors.Is(err, clerk.ErrInvalidInput):
		// The SDK refused the input before sending anything (a blank id
		// in the path, say): the caller's mistake.
		return badRequest("invalid_input", "the request names an invalid resource")
	case errors.Is(err, context.DeadlineExceeded):
		return &problem{Status: http.StatusGatewayTimeout, Error: "timeout", Reason: "upstream_timeout",
			Message: "the identity provider did not answer in time"}
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this answer, but it must be
		// something.
		return &problem{Status: http.StatusServiceUnavailable, Error: "unavailable", Reason: "canceled",
			Message: "the request was canceled"}
	case !isAPI:
		// The API could not be reached at all.
		return &problem{Status: http.StatusBadGateway, Error: "upstream_error", Reason: "upstream_unreachable",
			Message: "the identity provider could not be reached"}
	}

	switch {
	case errors.Is(err, clerk.ErrNotFound), errors.Is(err, clerk.ErrGone):
		return &problem{Status: http.StatusNotFound, Error: "not_found", Reason: "resource_not_found",
			Message: "the resource does not exist"}
	case errors.Is(err, clerk.ErrBadRequest), errors.Is(err, clerk.ErrUnprocessable):
		// Clerk refused values this API forwarded from the caller (a name
		// with a URL in it, say): pass Clerk's code and message on, they
		// are meant for end users.
		p := invalid("rejected", "the identity provider rejected the request")
		if len(apiErr.Errors) > 0 {
			d := apiErr.Errors[0]
			if d.Code != "" {
				p.Reason = d.Code
			}
			if d.LongMessage != "" {
				p.Message = d.LongMessage
			} else if d.Message != "" {
				p.Message = d.Message
			}
		}
		return p
	case errors.Is(err, clerk.ErrConflict):
		return &problem{Status: http.StatusConflict, Error: "conflict", Reason: "conflict",
			Message: "the resource changed in the meantime; try again"}
	case errors.Is(err, clerk.ErrRateLimited):
		// Clerk's limit is per instance, shared by every user of this
		// API: tell the client to come back later rather than passing on
		// a 429 that would blame the client for everyone's traffic.
		return &problem{Status: http.StatusServiceUnavailable, Error: "unavailable", Reason: "rate_limited",
			Message: "too many requests to the identity provider; retry later", RetryAfter: retryAfter(apiErr.RetryAfter)}
	case apiErr.StatusCode == http.StatusServiceUnavailable && apiErr.RetryAfter > 0:
		return &problem{Status: http.StatusServiceUnavailable, Error: "unavailable", Reason: "upstream_unavailable",
			Message: "the identity provider is unavailable; retry later", RetryAfter: apiErr.RetryAfter}
	default:
		// 401, 402 and 403 from Clerk are about this server's secret key
		// or plan, 5xx about Clerk: neither is the caller's doing.
		return &problem{Status: http.StatusBadGateway, Error: "upstream_error", Reason: "upstream_failed",
			Message: "the identity provider failed to process the request"}
	}
}

// retryAfter is the wait to advertise after a 429: the API's own hint, or
// one second when it sent none.
func retryAfter(d time.Duration) time.Duration {
	if d <= 0 {
		return time.Second
	}
	return d
}

// writeJSON answers status with v as JSON. Every answer of this API goes
// through it (or writeProblem), so every answer is JSON, is never cached
// (it depends on who asks) and is never sniffed as something else.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Only a programming error gets here (an unsupported type).
		status = http.StatusInternalServerError
		body = []byte(`{"error":"internal","reason":"encoding_failed","message":"the response could not be encoded"}`)
	}
	setJSONHeaders(w.Header())
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// setJSONHeaders sets the headers of every JSON answer.
func setJSONHeaders(h http.Header) {
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}

// writeProblem answers p, with Retry-After in whole seconds (rounded up)
// when p carries one.
func writeProblem(w http.ResponseWriter, p *problem) {
	if p.RetryAfter > 0 {
		secs := int64(math.Ceil(p.RetryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	}
	writeJSON(w, p.Status, p)
}

// writeAPIError answers an error of the SDK (see problemFor). Failures
// that are not the caller's (5xx) are logged with Clerk's trace id, which
// Clerk's support asks for.
func (s *server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(err)
	if p.Status >= http.StatusInternalServerError && !errors.Is(err, context.Canceled) {
		attrs := []slog.Attr{
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", p.Status), slog.String("error", err.Error()),
		}
		var apiErr *clerk.APIError
		if errors.As(err, &apiErr) && apiErr.TraceID != "" {
			attrs = append(attrs, slog.String("clerk_trace_id", apiErr.TraceID))
		}
		s.log.LogAttrs(r.Context(), slog.LevelError, "backend API call failed", attrs...)
	}
	writeProblem(w, p)
}
