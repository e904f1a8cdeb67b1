package clerk

import "github.com/clerkgo/clerk/core"

// The error types, defined and documented in package core.
type (
	// APIError is every non-2xx answer of the API, every 2xx answer whose
	// body could not be read or decoded, and a 429 pause that could not
	// finish before the deadline: StatusCode, TraceID, Errors, RetryAfter,
	// Body, Method, Path, Attempts, Cause. See core.APIError.
	APIError = core.APIError
	// ErrorDetail is one entry of APIError.Errors: Code, Message,
	// LongMessage, Meta.
	ErrorDetail = core.ErrorDetail
	// InvalidInputError is returned, before any request, for input the API
	// would refuse: empty IDs, non-object metadata, too many filter values.
	// It matches ErrInvalidInput.
	InvalidInputError = core.InvalidInputError
	// NotImplementedError is returned by the Unimplemented fakes of every
	// service (users.Unimplemented, ...). It matches ErrNotImplemented.
	NotImplementedError = core.NotImplementedError
	// BulkError reports, per input, what a bulk call processed, refused
	// and never sent. See core.BulkError.
	BulkError = core.BulkError
	// BulkItem is the outcome of one input of a bulk call.
	BulkItem = core.BulkItem
	// BulkStatus is BulkProcessed, BulkFailed or BulkNotSent.
	BulkStatus = core.BulkStatus
	// DeletedObject is the answer of every delete: Object, ID, Deleted.
	DeletedObject = core.DeletedObject
)

// Outcomes of one input of a bulk call.
const (
	BulkProcessed = core.BulkProcessed
	BulkFailed    = core.BulkFailed
	BulkNotSent   = core.BulkNotSent
)

// Sentinels matched by errors.Is. An *APIError matches the one of its
// status code.
var (
	ErrBadRequest      = core.ErrBadRequest      // 400
	ErrUnauthorized    = core.ErrUnauthorized    // 401
	ErrPaymentRequired = core.ErrPaymentRequired // 402
	ErrForbidden       = core.ErrForbidden       // 403
	ErrNotFound        = core.ErrNotFound        // 404
	ErrConflict        = core.ErrConflict        // 409
	ErrGone            = core.ErrGone            // 410
	ErrUnprocessable   = core.ErrUnprocessable   // 422
	ErrLocked          = core.ErrLocked          // 423
	ErrRateLimited     = core.ErrRateLimited     // 429
	ErrNotImplemented  = core.ErrNotImplemented  // 501, and the Unimplemented fakes
	ErrServer          = core.ErrServer          // other 5xx

	// ErrInvalidResponse: a body that could not be decoded.
	ErrInvalidResponse = core.ErrInvalidResponse
	// ErrResponseTooLarge: a body over the client's size cap.
	ErrResponseTooLarge = core.ErrResponseTooLarge
	// ErrInvalidInput: refused before any request was sent.
	ErrInvalidInput = core.ErrInvalidInput
	// ErrOutcomeUnknown: a create or other non-replayable write failed
	// after it may have reached the API; it was not retried, and may or may
	// not have taken effect.
	ErrOutcomeUnknown = core.ErrOutcomeUnknown
)
