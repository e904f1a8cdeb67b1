package webhooks

import (
	"context"
	"errors"
	"net/http"
)

// HandlerFunc processes one verified event. Returning an error makes the
// Handler answer 500, so Clerk delivers the event again later; return nil
// for events you do not care about.
type HandlerFunc func(ctx context.Context, ev *Event) error

// Handler is a net/http handler for Clerk's webhook deliveries. It reads
// the body up to the verifier's cap, verifies it, decodes the event and
// calls the HandlerFunc. It answers:
//
//   - 204 when the function succeeded, and for every event type, known or
//     not, that the function accepted (Clerk retries anything else for
//     about 27 hours);
//   - 200 for a message id already processed (with a Store);
//   - 400 for missing or malformed headers or a body that is not an
//     event, 401 for a bad signature or a timestamp out of tolerance, 413
//     for a body over the cap, 405 for a method other than POST; the
//     answer never says more than the status text;
//   - 409 while the same message id is being processed by another request
//     (with a Store), so Clerk tries again later;
//   - 500 when the function fails, when a known event's data does not
//     decode (the SDK is behind Clerk's payloads), or when the Store fails.
type Handler struct {
	v       *Verifier
	fn      HandlerFunc
	store   Store
	onError func(*http.Request, error)
}

// HandlerOption configures a Handler.
type HandlerOption func(*Handler)

// WithStore de-duplicates deliveries by their svix-id (Clerk delivers a
// message again after a timeout or a failed answer): a message processed
// once is answered 200 without calling the function again. A nil store
// uses NewMemoryStore(DefaultMemoryStoreSize).
func WithStore(s Store) HandlerOption {
	return func(h *Handler) {
		if s == nil {
			s = NewMemoryStore(DefaultMemoryStoreSize)
		}
		h.store = s
	}
}

// WithErrorHook calls fn with every error the Handler answers a non-2xx
// status for (verification refusals included), for logging and metrics.
// The errors never contain the secret.
func WithErrorHook(fn func(r *http.Request, err error)) HandlerOption {
	return func(h *Handler) { h.onError = fn }
}

// NewHandler returns a Handler that verifies deliveries with v and passes
// their events to fn. It fails when v or fn is nil (for a nil v, with an
// error matching ErrInvalidSecret: there is no secret to verify with).
func NewHandler(v *Verifier, fn HandlerFunc, opts ...HandlerOption) (*Handler, error) {
	if v == nil {
		return nil, errors.Join(ErrInvalidSecret, errors.New("webhooks: NewHandler needs a Verifier"))
	}
	if fn == nil {
		return nil, errors.New("webhooks: NewHandler needs a HandlerFunc")
	}
	h := &Handler{v: v, fn: fn}
	for _, o := range opts {
		if o != nil {
			o(h)
		}
	}
	return h, nil
}

// ParseRequest verifies r (see Verifier.VerifyRequest) and decodes its
// event, with the event's ID set from the headers. The errors are those of
// VerifyRequest and ParseEvent.
func (v *Verifier) ParseRequest(r *http.Request) (*Event, error) {
	body, err := v.VerifyRequest(r)
	if err != nil {
		return nil, err
	}
	ev, err := ParseEvent(body)
	if ev != nil {
		ev.ID = HeadersFrom(r.Header).ID
	}
	return ev, err
}

// ServeHTTP handles one delivery.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.fail(w, r, http.StatusMethodNotAllowed, errors.New("webhooks: method "+r.Method+" not allowed"))
		return
	}
	ev, err := h.v.ParseRequest(r)
	if err != nil {
		h.fail(w, r, statusOf(err), err)
		return
	}
	ctx := r.Context()
	if h.store == nil {
		if err := h.fn(ctx, ev); err != nil {
			h.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	claim, err := h.store.Claim(ctx, ev.ID)
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	switch claim {
	case AlreadyProcessed:
		w.WriteHeader(http.StatusOK)
		return
	case InFlight:
		h.fail(w, r, http.StatusConflict, errors.New("webhooks: message "+ev.ID+" is being processed by another request"))
		return
	}
	err = h.process(ctx, ev)
	if rerr := h.store.Release(context.WithoutCancel(ctx), ev.ID, err == nil); rerr != nil && err == nil {
		// Processed, but the store could not remember it: a redelivery
		// would process it again. Say so and still answer success.
		h.report(r, rerr)
	}
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// process calls the function, turning a panic into an error so the claim
// is released (net/http would recover the panic and drop the connection).
func (h *Handler) process(ctx context.Context, ev *Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p}
		}
	}()
	return h.fn(ctx, ev)
}

// PanicError is what a Handler reports (WithErrorHook) when the
// HandlerFunc panicked; the delivery is answered 500.
type PanicError struct{ Value any }

// Error says the function panicked.
func (e *PanicError) Error() string { return "webhooks: handler function panicked" }

func statusOf(err error) int {
	var de *DataError
	switch {
	case errors.Is(err, ErrBodyTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrMissingHeaders), errors.Is(err, ErrMalformedHeaders), errors.Is(err, ErrMalformedEvent):
		return http.StatusBadRequest
	case errors.Is(err, ErrVerification):
		return http.StatusUnauthorized
	case errors.As(err, &de):
		return http.StatusInternalServerError
	}
	// Reading the body failed (the client went away, a server timeout).
	return http.StatusBadRequest
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	h.report(r, err)
	http.Error(w, http.StatusText(status), status)
}

func (h *Handler) report(r *http.Request, err error) {
	if h.onError != nil {
		h.onError(r, err)
	}
}
