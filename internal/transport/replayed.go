package transport

import (
	"errors"
	"net/http"
)

// ReplayedRefusal reports whether err is a refusal (400, 409 or 422) that
// came back after the request had been sent more than once. Such an answer
// may describe the replay, not the operation: the first attempt can have
// succeeded before its answer was lost ("already banned", "already
// revoked"). Callers of replay-safe writes then check the resource's state
// before reporting a failure.
func ReplayedRefusal(err error) bool {
	var e *APIError
	if !errors.As(err, &e) || e.Attempts < 2 {
		return false
	}
	switch e.StatusCode {
	case http.StatusBadRequest, http.StatusConflict, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

// ReplayedNotFound reports whether err is a 404 that came back after the
// request had been sent more than once: for a delete, the first attempt
// most likely removed the resource and the replay found nothing left.
func ReplayedNotFound(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Attempts > 1 && e.StatusCode == http.StatusNotFound
}
