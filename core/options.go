package core

import (
	"net/http"
	"time"
)

// RequestOption changes one call: every service method takes them as its
// trailing variadic argument, so what a call does differently is visible
// where it is made.
//
//	u, err := c.Users.Get(ctx, id, clerk.WithHeader("X-Request-Id", rid), clerk.WithMaxRetries(0))
//
// Options apply in order; a later one overrides an earlier one of the same
// kind. A RequestOption is a plain function over RequestSettings, so an
// application can write its own.
type RequestOption func(*RequestSettings)

// RequestSettings is what request options set for one call. The zero value
// means "the client's defaults".
type RequestSettings struct {
	// Header is sent with every attempt of the call, next to the SDK's own
	// headers. Authorization, Clerk-API-Version, Content-Type, Accept and
	// User-Agent cannot be overridden.
	Header http.Header
	// MaxRetries, when set, replaces the client's WithMaxRetries for this
	// call (0 disables retries).
	MaxRetries *int
	// Timeout, when positive, bounds the call (every attempt and wait) on
	// top of the context's own deadline. For an iterator it bounds each
	// page fetch.
	Timeout time.Duration
	// Prefetch is how many page fetches an All iterator keeps in flight
	// (capped at MaxPrefetch); 0 or 1 means one page at a time. Other calls
	// ignore it.
	Prefetch int
	// Query holds extra query parameters added to the call's URL (for
	// rarely used flags such as organizations.WithMembersCount).
	Query map[string][]string
	// BearerToken, when set, replaces the client's secret key as the
	// bearer token of this call: the operations a machine makes with its
	// own secret key (M2M token creation) use it. Never logged.
	BearerToken string
	// StopOnError makes a bulk call (BanMany, CreateMany, ...) stop at the
	// first refused chunk instead of attempting every chunk.
	StopOnError bool
}

// MaxPrefetch caps the page fetches one walk keeps in flight. More would
// only queue behind the client's rate limiter and waste requests past the
// end of the list.
const MaxPrefetch = 16

// ApplyRequestOptions folds opts into settings (nil options are skipped).
func ApplyRequestOptions(opts []RequestOption) RequestSettings {
	var s RequestSettings
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	return s
}

// WithHeader sends key: value with the call (for example a correlation
// id). Repeating it with the same key replaces the value.
func WithHeader(key, value string) RequestOption {
	return func(s *RequestSettings) {
		if s.Header == nil {
			s.Header = http.Header{}
		}
		s.Header.Set(key, value)
	}
}

// WithMaxRetries sets how many times this call may be retried, replacing
// the client's setting (0 disables retries; negative counts as 0). The
// retry table still decides what may be replayed.
func WithMaxRetries(n int) RequestOption {
	n = max(n, 0)
	return func(s *RequestSettings) { s.MaxRetries = &n }
}

// WithTimeout bounds the call, retries and waits included, to d (on top of
// the context's own deadline). For an All iterator it bounds each page.
func WithTimeout(d time.Duration) RequestOption {
	return func(s *RequestSettings) { s.Timeout = d }
}

// WithPrefetch makes an All iterator keep up to n page fetches in flight
// instead of one, so a walk over a slow list goes as fast as the rate
// limiter allows. Items still arrive strictly in order; a break or an
// error cancels the fetches in flight, so at most n-1 requests are spent
// past the end of the list. n is capped at MaxPrefetch. Cursor walks
// (Users.All ordered by created_at) page by offset when prefetching.
func WithPrefetch(n int) RequestOption {
	n = min(max(n, 1), MaxPrefetch)
	return func(s *RequestSettings) { s.Prefetch = n }
}

// WithStopOnError makes a bulk call stop at its first refused chunk; the
// inputs after it are reported as not sent. By default every chunk is
// attempted and refused inputs are isolated (see BulkError).
func WithStopOnError() RequestOption {
	return func(s *RequestSettings) { s.StopOnError = true }
}

// WithQuery adds key=value to the call's query string (repeating the key
// adds another value). The service's own parameters are sent as well.
func WithQuery(key, value string) RequestOption {
	return func(s *RequestSettings) {
		if s.Query == nil {
			s.Query = map[string][]string{}
		}
		s.Query[key] = append(s.Query[key], value)
	}
}
