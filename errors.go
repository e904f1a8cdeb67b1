package clerk

import "github.com/clerkgo/clerk/internal/transport"

// APIError is every non-2xx answer of the API, and every 2xx answer whose
// body could not be read or decoded (HTML from a proxy, truncated or
// oversized JSON). Fields: StatusCode, TraceID, Errors, RetryAfter, Body
// (capped at 1 MiB), Method, Path, Attempts. errors.Is matches it against
// the sentinel of its status (ErrNotFound, ErrRateLimited, ...).
type APIError = transport.APIError

// ErrorDetail is one entry of an APIError's Errors: Code, Message,
// LongMessage and Meta (raw JSON).
type ErrorDetail = transport.ErrorDetail

// InvalidInputError is returned, before any request, for input the API
// would refuse: empty IDs, non-object metadata, too many filter values.
// It matches ErrInvalidInput.
type InvalidInputError = transport.InvalidInputError

// Sentinels matched by errors.Is. An *APIError matches the one of its
// status code.
var (
	ErrBadRequest      = transport.ErrBadRequest      // 400
	ErrUnauthorized    = transport.ErrUnauthorized    // 401
	ErrPaymentRequired = transport.ErrPaymentRequired // 402
	ErrForbidden       = transport.ErrForbidden       // 403
	ErrNotFound        = transport.ErrNotFound        // 404
	ErrConflict        = transport.ErrConflict        // 409
	ErrGone            = transport.ErrGone            // 410
	ErrUnprocessable   = transport.ErrUnprocessable   // 422
	ErrLocked          = transport.ErrLocked          // 423
	ErrRateLimited     = transport.ErrRateLimited     // 429
	ErrServer          = transport.ErrServer          // 5xx

	// ErrInvalidResponse: a body that could not be decoded.
	ErrInvalidResponse = transport.ErrInvalidResponse
	// ErrResponseTooLarge: a body over the client's size cap.
	ErrResponseTooLarge = transport.ErrResponseTooLarge
	// ErrInvalidInput: refused before any request was sent.
	ErrInvalidInput = transport.ErrInvalidInput
	// ErrOutcomeUnknown: a create or other non-replayable write failed
	// after it may have reached the API; it was not retried, and may or may
	// not have taken effect.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
)
