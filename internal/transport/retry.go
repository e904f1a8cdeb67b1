package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Replay says whether an operation may be sent again after it may have
// reached the server. Clerk has no idempotency keys, so this is declared per
// operation (see the retry table in CONTRIBUTING.md), not derived from the
// HTTP method alone.
type Replay uint8

const (
	// ReplayByMethod, the zero value, is the safe default: GET, HEAD, PUT
	// and DELETE are replay-safe, POST and PATCH are not. A POST or PATCH
	// that the retry table lists as replay-safe says ReplaySafe.
	ReplayByMethod Replay = iota
	// ReplaySafe: reads, PUT/DELETE, metadata merges with the same body,
	// ban/unban/lock/unlock, revokes and verifications.
	ReplaySafe
	// NotReplaySafe: creates and other non-idempotent writes.
	NotReplaySafe
)

// resolve turns ReplayByMethod into ReplaySafe or NotReplaySafe.
func (r Replay) resolve(method string) Replay {
	if r != ReplayByMethod {
		return r
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return ReplaySafe
	}
	return NotReplaySafe
}

// RetryPolicy bounds the waits between attempts.
type RetryPolicy struct {
	// MinBackoff is the first backoff; it doubles per attempt (default 500ms).
	MinBackoff time.Duration
	// MaxBackoff caps one backoff (default 8s).
	MaxBackoff time.Duration
	// MaxRetryAfter caps the wait a server's Retry-After may ask for
	// (default 30s).
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy a new client starts with.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MinBackoff: 500 * time.Millisecond, MaxBackoff: 8 * time.Second, MaxRetryAfter: 30 * time.Second}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MinBackoff <= 0 {
		p.MinBackoff = d.MinBackoff
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = d.MaxBackoff
	}
	if p.MaxBackoff < p.MinBackoff {
		p.MaxBackoff = p.MinBackoff
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	return p
}

// backoff is exponential with "equal jitter": half fixed, half random, so
// concurrent clients spread out without ever retrying instantly.
func (p RetryPolicy) backoff(retry int) time.Duration {
	d := p.MinBackoff
	for i := 1; i < retry && d < p.MaxBackoff; i++ {
		d *= 2
	}
	if d > p.MaxBackoff {
		d = p.MaxBackoff
	}
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}

// decision is what the policy concluded about one attempt.
type decision struct {
	retry bool
	// unknownOutcome: a transport error after the request may have been
	// written, on an operation that must not be replayed.
	unknownOutcome bool
	// wait before the next attempt, and whether it came from Retry-After.
	wait          time.Duration
	fromServer    bool
	serverPauseTo time.Time
}

// decide applies the retry table to one attempt's outcome.
func (p RetryPolicy) decide(replay Replay, retryNo int, resp *http.Response, err error, now time.Time) decision {
	if err != nil {
		if !retryableTransportError(err) {
			return decision{}
		}
		if replay == ReplaySafe || nothingSent(err) {
			return decision{retry: true, wait: p.backoff(retryNo)}
		}
		return decision{unknownOutcome: true}
	}
	ra := parseRetryAfter(resp.Header.Get("Retry-After"), now)
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests:
		d := decision{retry: true, wait: p.backoff(retryNo)}
		if ra > 0 {
			d.wait, d.fromServer = min(ra, p.MaxRetryAfter), true
			d.serverPauseTo = now.Add(d.wait)
		}
		return d
	case code == http.StatusRequestTimeout:
		return decision{retry: true, wait: p.backoff(retryNo)}
	case code == http.StatusServiceUnavailable && ra > 0:
		return decision{retry: true, wait: min(ra, p.MaxRetryAfter), fromServer: true}
	case code == http.StatusInternalServerError, code == http.StatusBadGateway,
		code == http.StatusServiceUnavailable, code == http.StatusGatewayTimeout:
		if replay == ReplaySafe {
			return decision{retry: true, wait: p.backoff(retryNo)}
		}
	}
	return decision{}
}

// nothingSent reports errors that prove the request never left: the
// connection was never made (dial, DNS) or TLS never completed.
func nothingSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var rh tls.RecordHeaderError
	if errors.As(err, &rh) {
		return true
	}
	var alert tls.AlertError
	return errors.As(err, &alert)
}

// retryableTransportError filters out failures that will not change on a
// second try: bad URLs, certificate problems, redirect loops, cancellation.
// The caller's context is checked before this is consulted, so a deadline
// error here is the http.Client's own per-attempt Timeout: like any other
// timeout it ends one attempt, not the call.
func retryableTransportError(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	if errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &hn) {
		return false
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		msg := ue.Err.Error()
		if strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "stopped after") {
			return false
		}
	}
	return true
}

// parseRetryAfter reads whole seconds or an HTTP-date; garbage and past
// dates give 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
