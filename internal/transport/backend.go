// Package transport is the one request path shared by every service:
// URL building, JSON encoding and decoding, typed errors, retries and rate
// limiting. Nothing here is part of the public API; the root package
// re-exports the few names users need.
package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/clerkgo/clerk/core"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Defaults of a new backend.
const (
	DefaultBaseURL      = "https://api.clerk.com/v1"
	DefaultAPIVersion   = "2026-05-12"
	DefaultMaxRetries   = 2
	DefaultMaxResponse  = 32 << 20
	DefaultUserAgentTag = "clerkgo/0.1"
)

// Config is what the root package's options fill in.
type Config struct {
	SecretKey       string
	BaseURL         string
	HTTPClient      *http.Client
	MaxRetries      int
	RetryPolicy     RetryPolicy
	Limiter         Limiter
	Logger          *slog.Logger
	UserAgent       string
	APIVersion      string
	MaxResponseSize int64
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Backend sends requests. It is safe for concurrent use.
type Backend struct {
	baseURL    string
	authHeader string
	apiVersion string
	userAgent  string
	maxRetries int
	maxBody    int64
	policy     RetryPolicy
	logger     *slog.Logger
	hc         *http.Client
	rc         *retryablehttp.Client
	gate       *gate
	now        func() time.Time
	bufs       sync.Pool
}

// Request is one API operation.
type Request struct {
	Method string
	// Path is an already escaped path below the base URL (see Path).
	Path  string
	Query url.Values
	// Body is marshalled to JSON when non-nil.
	Body any
	// RawBody with ContentType is sent as is (multipart uploads).
	RawBody     []byte
	ContentType string
	// Replay declares whether the operation may be replayed after it may
	// have reached the server.
	Replay Replay
	// Options are the caller's per-call request options.
	Options []core.RequestOption
}

// New builds a backend; cfg must carry a non-empty secret key.
func New(cfg Config) (*Backend, error) {
	if strings.TrimSpace(cfg.SecretKey) == "" {
		return nil, Invalid("secretKey", "must not be empty")
	}
	// A key with a stray newline (read from a file) would fail every
	// request inside net/http, where a create would look like it may have
	// been sent. Refuse it here; never echo the key.
	if strings.IndexFunc(cfg.SecretKey, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return nil, Invalid("secretKey", "contains whitespace or control characters")
	}
	if strings.HasPrefix(cfg.SecretKey, "pk_") {
		return nil, Invalid("secretKey", "is a publishable key (pk_...); the Backend API needs the instance's secret key (sk_test_... or sk_live_...) from the dashboard's API keys page")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, Invalid("baseURL", "must be an absolute http(s) URL")
	}
	if p := strings.TrimRight(u.Path, "/"); p == "" {
		// "https://api.clerk.com" means the API's only version: every
		// operation lives below /v1, and without it each call is a 404.
		u.Path = "/v1"
		base = u.String()
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	maxBody := cfg.MaxResponseSize
	if maxBody <= 0 {
		maxBody = DefaultMaxResponse
	}
	ua := DefaultUserAgentTag
	if cfg.UserAgent != "" {
		ua = cfg.UserAgent + " " + DefaultUserAgentTag
	}
	version := cfg.APIVersion
	if version == "" {
		version = DefaultAPIVersion
	}
	b := &Backend{
		baseURL:    strings.TrimRight(base, "/"),
		authHeader: "Bearer " + cfg.SecretKey,
		apiVersion: version,
		userAgent:  ua,
		maxRetries: max(cfg.MaxRetries, 0),
		maxBody:    maxBody,
		policy:     cfg.RetryPolicy.withDefaults(),
		logger:     logger,
		hc:         hc,
		gate:       &gate{limiter: cfg.Limiter, now: now},
		now:        now,
	}
	b.bufs.New = func() any { return new(bytes.Buffer) }
	b.rc = &retryablehttp.Client{
		// The user's *http.Client is used as given, so that
		// httpmock.ActivateNonDefault(hc) works even after NewClient.
		HTTPClient: hc,
		// Logger stays nil: go-retryablehttp's default logger prints every
		// request to stderr. We log through slog in checkRetry instead.
		RetryMax:     1 << 30, // the real budget is enforced per call in checkRetry
		CheckRetry:   b.checkRetry,
		Backoff:      func(time.Duration, time.Duration, int, *http.Response) time.Duration { return 0 },
		PrepareRetry: b.prepareRetry,
		// Keep the last response when the loop ends, so users see its
		// status, trace id and body.
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	return b, nil
}

// callState follows one call through go-retryablehttp's loop.
type callState struct {
	method, path string
	replay       Replay
	maxRetries   int
	attempts     int
	next         decision
	unknown      bool
	// cutShort: a retry was dropped because its wait would pass the
	// context's deadline.
	cutShort bool
}

type callKey struct{}

// Do sends r and decodes a 2xx JSON body into out (nil: discard; a
// *json.RawMessage receives a JSON body as is, a *[]byte any body).
// Non-2xx answers, and 2xx answers that cannot be read or decoded, return
// an *APIError.
func (b *Backend) Do(ctx context.Context, r *Request, out any) error {
	if ctx == nil {
		return Invalid("ctx", "must not be nil")
	}
	var body any
	switch {
	case r.RawBody != nil:
		body = r.RawBody
	case r.Body != nil:
		buf, err := json.Marshal(r.Body)
		if err != nil {
			return Invalid("body", "cannot be marshalled to JSON: %v", err)
		}
		body = buf
	}
	st := &callState{method: r.Method, path: r.Path, replay: r.Replay.resolve(r.Method), maxRetries: b.maxRetries}
	var opts core.RequestSettings
	query := r.Query
	if len(r.Options) > 0 {
		opts = core.ApplyRequestOptions(r.Options)
		if len(opts.Query) > 0 {
			query = make(url.Values, len(r.Query)+len(opts.Query))
			for k, v := range r.Query {
				query[k] = v
			}
			for k, v := range opts.Query {
				query[k] = append(query[k], v...)
			}
		}
		if opts.MaxRetries != nil {
			st.maxRetries = max(*opts.MaxRetries, 0)
		}
		if opts.Timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
			defer cancel()
		}
	}
	target := b.baseURL + r.Path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, callKey{}, st), r.Method, target, body)
	if err != nil {
		return fmt.Errorf("clerk: building %s %s: %w", r.Method, r.Path, err)
	}
	h := req.Header
	for k, vs := range opts.Header {
		h[k] = vs
	}
	// One backing array for the five values (one allocation, not five);
	// each value gets a full slice expression, so an Add by a wrapping
	// RoundTripper reallocates instead of writing into its neighbour.
	contentType := "application/json"
	if r.RawBody != nil {
		contentType = r.ContentType
	}
	auth := b.authHeader
	if opts.BearerToken != "" {
		if strings.IndexFunc(opts.BearerToken, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
			return Invalid("bearer token", "contains whitespace or control characters")
		}
		auth = "Bearer " + opts.BearerToken
	}
	vals := [...]string{auth, b.apiVersion, b.userAgent, "application/json", contentType}
	hv := vals[:]
	h["Authorization"] = hv[0:1:1]
	h["Clerk-Api-Version"] = hv[1:2:2]
	h["User-Agent"] = hv[2:3:3]
	h["Accept"] = hv[3:4:4]
	h["Content-Type"] = hv[4:5:5]

	// A context that has already ended sends nothing; saying so here keeps
	// a create from reporting an unknown outcome it cannot have.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("clerk: %s %s: %w", r.Method, r.Path, err)
	}
	if err := b.gate.wait(ctx); err != nil {
		return err
	}
	resp, err := b.rc.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		if st.unknown {
			err = &outcomeUnknownError{err: err}
		}
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w: %w", ctxErr, err)
		}
		return fmt.Errorf("clerk: %s %s: %w", r.Method, r.Path, err)
	}
	return b.finish(resp, st, out)
}

// finish reads the body (capped) and decodes it or turns it into an APIError.
func (b *Backend) finish(resp *http.Response, st *callState, out any) error {
	defer resp.Body.Close()
	buf := b.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			b.bufs.Put(buf)
		}
	}()
	_, readErr := buf.ReadFrom(io.LimitReader(resp.Body, b.maxBody+1))
	tooLarge := int64(buf.Len()) > b.maxBody
	data := buf.Bytes()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := newAPIError(resp, data, tooLarge)
		e.Method, e.Path, e.Attempts = st.method, st.path, st.attempts
		if readErr != nil && e.Cause == nil {
			e.Cause = fmt.Errorf("%w: %w", ErrInvalidResponse, readErr)
		}
		if st.cutShort && e.Cause == nil {
			// The retry the table allowed was dropped for the deadline:
			// say so, so that errors.Is(err, context.DeadlineExceeded)
			// holds next to the status's sentinel.
			what := "waiting to retry"
			if resp.StatusCode == http.StatusTooManyRequests {
				what = "waiting out the API's rate limit"
			}
			e.Cause = &deadlineError{what: what}
		}
		return e
	}
	fail := func(cause error) error {
		e := newAPIError(resp, data, false)
		e.Method, e.Path, e.Attempts = st.method, st.path, st.attempts
		e.Cause = cause
		return e
	}
	switch {
	case tooLarge:
		return fail(fmt.Errorf("%w: over %d bytes", ErrResponseTooLarge, b.maxBody))
	case readErr != nil:
		// %w keeps the read error: a deadline that passes mid-body still
		// matches context.DeadlineExceeded.
		return fail(fmt.Errorf("%w: %w", ErrInvalidResponse, readErr))
	case out == nil:
		return nil
	}
	if raw, ok := out.(*[]byte); ok {
		// Non-JSON answers (the interstitial page) are taken as they are.
		*raw = bytes.Clone(data)
		return nil
	}
	if raw, ok := out.(*json.RawMessage); ok {
		if !json.Valid(data) {
			return fail(fmt.Errorf("%w: not JSON", ErrInvalidResponse))
		}
		*raw = bytes.Clone(data)
		return nil
	}
	if err := decodeJSON(data, out); err != nil {
		return fail(fmt.Errorf("%w: %v", ErrInvalidResponse, err))
	}
	return nil
}

// decodeJSON is json.Unmarshal, except that a type with its own
// UnmarshalJSON (pagination.Page) is called directly: json.Unmarshal would
// first scan the whole body to validate it, and the method validates it
// again as it decodes. Pages are the biggest bodies, so that scan counts.
func decodeJSON(data []byte, out any) error {
	if u, ok := out.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(data)
	}
	return json.Unmarshal(data, out)
}

// checkRetry is go-retryablehttp's CheckRetry: it applies the retry table
// and the per-call budget, and records the wait prepareRetry will honour.
func (b *Backend) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st, _ := ctx.Value(callKey{}).(*callState)
	if st == nil {
		return false, err
	}
	st.attempts++
	if ctxErr := ctx.Err(); ctxErr != nil {
		// The caller gave up mid-attempt: a write that may already have
		// been sent has an unknown outcome, and says so.
		st.unknown = err != nil && st.replay == NotReplaySafe && !nothingSent(err)
		return false, nil
	}
	now := b.now()
	d := b.policy.decide(st.replay, st.attempts, resp, err, now)
	if !d.serverPauseTo.IsZero() {
		b.gate.pause(d.serverPauseTo)
		if o, ok := b.gate.limiter.(core.RateLimitObserver); ok {
			o.ObserveRateLimit(ctx, d.wait)
		}
	}
	st.unknown = d.unknownOutcome
	retry := d.retry && st.attempts <= st.maxRetries
	if retry {
		if dl, ok := ctx.Deadline(); ok && now.Add(d.wait).After(dl) {
			// Waiting would pass the deadline: give the caller the last
			// answer now (with its RetryAfter) instead of sleeping into it.
			retry = false
			st.cutShort = true
		}
	}
	if b.logger.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{
			slog.String("method", st.method), slog.String("path", st.path),
			slog.Int("attempt", st.attempts), slog.Bool("retry", retry),
		}
		if resp != nil {
			attrs = append(attrs, slog.Int("status", resp.StatusCode))
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", logError(err)))
		}
		if retry {
			attrs = append(attrs, slog.Duration("wait", d.wait))
		}
		b.logger.LogAttrs(ctx, slog.LevelDebug, "clerk: attempt", attrs...)
	}
	st.next = d
	return retry, nil
}

// logError drops the URL from a transport error: its query string may hold
// user data (emails, phone numbers), which WithLogger promises not to log.
func logError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}

// prepareRetry runs before every replay: it waits the decided backoff or
// Retry-After, then passes the gate (client-wide pause and limiter).
func (b *Backend) prepareRetry(req *http.Request) error {
	ctx := req.Context()
	st, _ := ctx.Value(callKey{}).(*callState)
	if st != nil && st.next.wait > 0 {
		if err := sleep(ctx, st.next.wait, "waiting to retry", nil); err != nil {
			return err
		}
	}
	return b.gate.wait(ctx)
}

// BaseURL reports the configured base URL (without trailing slash).
func (b *Backend) BaseURL() string { return b.baseURL }

// Get is a shorthand for a replay-safe GET.
func (b *Backend) Get(ctx context.Context, path string, query url.Values, out any) error {
	return b.Do(ctx, &Request{Method: http.MethodGet, Path: path, Query: query}, out)
}

// Itoa formats an int for a query value.
func Itoa(n int) string { return strconv.Itoa(n) }
