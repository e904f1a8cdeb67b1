package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The header names of a delivery. Clerk sends the svix-* names; the
// Standard Webhooks names (webhook-*) carry the same values and are
// accepted when svix-id is absent.
const (
	HeaderID        = "svix-id"
	HeaderTimestamp = "svix-timestamp"
	HeaderSignature = "svix-signature"

	HeaderWebhookID        = "webhook-id"
	HeaderWebhookTimestamp = "webhook-timestamp"
	HeaderWebhookSignature = "webhook-signature"
)

// Defaults of a Verifier.
const (
	// DefaultTolerance is how far svix-timestamp may be from the
	// verifier's clock, in either direction.
	DefaultTolerance = 5 * time.Minute
	// DefaultMaxBodySize caps the body VerifyRequest reads and Verify
	// accepts. Clerk's events are a few kilobytes; a user with many
	// identifications and large metadata stays far below this.
	DefaultMaxBodySize = 1 << 20
)

// Limits on header lengths: genuine values are far shorter, and an error
// carries the message id.
const (
	maxIDLen        = 256
	maxSignatureLen = 16 << 10
)

// SecretPrefix starts the signing secrets the Clerk dashboard shows.
const SecretPrefix = "whsec_"

// Verifier checks that a delivery was signed by Clerk (through Svix) with
// one of its secrets, within the timestamp tolerance. It is safe for
// concurrent use; build one at startup and share it.
type Verifier struct {
	keys      []*key
	tolerance time.Duration
	now       func() time.Time
	maxBody   int64
}

// key is one decoded secret with a pool of ready HMACs (hmac.New costs two
// SHA-256 blocks of key setup; Reset keeps them).
type key struct {
	raw  []byte
	pool sync.Pool // of *macState
}

// macState is a keyed HMAC with a scratch buffer for "{id}.{timestamp}.",
// reused so that a verification does not allocate.
type macState struct {
	h   hash.Hash
	buf []byte
	sum [sha256.Size]byte
}

func newKey(raw []byte) *key {
	k := &key{raw: raw}
	k.pool.New = func() any { return &macState{h: hmac.New(sha256.New, k.raw), buf: make([]byte, 0, 64)} }
	return k
}

// mac computes the signature of id, ts and body under k.
func (k *key) mac(id, ts string, body []byte) [sha256.Size]byte {
	m := k.pool.Get().(*macState)
	m.h.Reset()
	m.buf = append(append(append(append(m.buf[:0], id...), '.'), ts...), '.')
	m.h.Write(m.buf)
	m.h.Write(body)
	out := [sha256.Size]byte(m.h.Sum(m.sum[:0]))
	k.pool.Put(m)
	return out
}

// Option configures a Verifier.
type Option func(*Verifier)

// WithTolerance sets how far svix-timestamp may be from the clock, in
// either direction (default DefaultTolerance). Zero or negative keeps the
// default.
func WithTolerance(d time.Duration) Option {
	return func(v *Verifier) {
		if d > 0 {
			v.tolerance = d
		}
	}
}

// WithClock sets the clock the timestamp is compared with (default
// time.Now); tests inject a fixed one.
func WithClock(now func() time.Time) Option {
	return func(v *Verifier) {
		if now != nil {
			v.now = now
		}
	}
}

// WithMaxBodySize caps the body in bytes (default DefaultMaxBodySize).
// Zero or negative keeps the default.
func WithMaxBodySize(n int64) Option {
	return func(v *Verifier) {
		if n > 0 {
			v.maxBody = n
		}
	}
}

// NewVerifier returns a Verifier that accepts a delivery signed with any
// of secrets. Give both the old and the new secret while rotating: Clerk
// signs with both for a day after a rotation, and either one matching is
// enough. Each secret is the dashboard's "whsec_..." value (the prefix is
// optional). It fails with ErrInvalidSecret when there is no secret or one
// is not base64.
func NewVerifier(secrets []string, opts ...Option) (*Verifier, error) {
	if len(secrets) == 0 {
		return nil, fmt.Errorf("%w: no secret given", ErrInvalidSecret)
	}
	v := &Verifier{tolerance: DefaultTolerance, now: time.Now, maxBody: DefaultMaxBodySize}
	for i, s := range secrets {
		raw, err := DecodeSecret(s)
		if err != nil {
			return nil, fmt.Errorf("secret %d: %w", i, err)
		}
		v.keys = append(v.keys, newKey(raw))
	}
	for _, o := range opts {
		if o != nil {
			o(v)
		}
	}
	return v, nil
}

// DecodeSecret returns the HMAC key of a signing secret: the base64
// decoding of what follows the optional "whsec_" prefix. The error matches
// ErrInvalidSecret and never contains the secret.
func DecodeSecret(secret string) ([]byte, error) {
	s := strings.TrimPrefix(strings.TrimSpace(secret), SecretPrefix)
	if s == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidSecret)
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		// Some tools strip the padding.
		if raw, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil, fmt.Errorf("%w: not base64 after the %q prefix", ErrInvalidSecret, SecretPrefix)
		}
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrInvalidSecret)
	}
	return raw, nil
}

// Headers are the three signature headers of one delivery.
type Headers struct {
	ID        string
	Timestamp string
	Signature string
}

// HeadersFrom reads the svix-* headers of h, or the webhook-* ones when
// svix-id is absent. (It looks the canonical names up directly:
// http.Header.Get would allocate to canonicalise the lower-case names.)
func HeadersFrom(h http.Header) Headers {
	if id := first(h, "Svix-Id", HeaderID); id != "" {
		return Headers{ID: id, Timestamp: first(h, "Svix-Timestamp", HeaderTimestamp), Signature: first(h, "Svix-Signature", HeaderSignature)}
	}
	return Headers{
		ID:        first(h, "Webhook-Id", HeaderWebhookID),
		Timestamp: first(h, "Webhook-Timestamp", HeaderWebhookTimestamp),
		Signature: first(h, "Webhook-Signature", HeaderWebhookSignature),
	}
}

// first returns the first value of a header under its canonical name, or
// under its lower-case name for maps built by hand.
func first(h http.Header, canonical, lower string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	if v := h[lower]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Verify checks a delivery: body must be the request body exactly as
// received (never re-encoded JSON), h its headers. It returns nil when a
// v1 signature of "{id}.{timestamp}.{body}" matches one of the secrets and
// the timestamp is within the tolerance; otherwise a *VerificationError.
func (v *Verifier) Verify(body []byte, h http.Header) error {
	return v.VerifyHeaders(body, HeadersFrom(h))
}

// VerifyHeaders is Verify with the headers already read (for frameworks
// that do not expose an http.Header).
//
// The signature is checked before the timestamp, so ErrTooOld and ErrTooNew
// are only reported for deliveries Clerk did sign.
func (v *Verifier) VerifyHeaders(body []byte, h Headers) error {
	if v == nil || len(v.keys) == 0 {
		return refuse(ErrInvalidSignature, "")
	}
	if h.ID == "" || h.Timestamp == "" || h.Signature == "" {
		return refuse(ErrMissingHeaders, "")
	}
	if len(h.ID) > maxIDLen || len(h.Signature) > maxSignatureLen {
		return refuse(ErrMalformedHeaders, "")
	}
	if int64(len(body)) > v.maxBody {
		return refuse(ErrBodyTooLarge, h.ID)
	}
	ts, ok := parseTimestamp(h.Timestamp)
	if !ok {
		return refuse(ErrMalformedHeaders, h.ID)
	}
	if !v.signed(h, body) {
		return refuse(ErrInvalidSignature, h.ID)
	}
	now := v.now().Unix()
	tol := int64(v.tolerance / time.Second)
	switch {
	case now-ts > tol:
		return refuse(ErrTooOld, h.ID)
	case ts-now > tol:
		return refuse(ErrTooNew, h.ID)
	}
	return nil
}

// parseTimestamp reads whole Unix seconds: digits only, no sign, no
// fraction, no spaces.
func parseTimestamp(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// sigLen is the length of a v1 signature: 32 bytes in padded base64.
const sigLen = 44

// signed reports whether any v1 entry of the signature header is the HMAC
// of the signed content under any key. The MAC is encoded and compared
// with each entry in constant time (as Svix's own libraries compare, in
// the encoded form); entries of other versions and malformed entries are
// skipped.
func (v *Verifier) signed(h Headers, body []byte) bool {
	found := false
	var enc [sigLen]byte
	for _, k := range v.keys {
		sum := k.mac(h.ID, h.Timestamp, body)
		base64.StdEncoding.Encode(enc[:], sum[:])
		// Entries are separated by spaces. Every entry is compared, match
		// or not, so the time taken does not depend on which one matched.
		rest := h.Signature
		for rest != "" {
			entry := rest
			if i := strings.IndexByte(rest, ' '); i >= 0 {
				entry, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			if len(entry) == len("v1,")+sigLen && entry[:3] == "v1," && equalSig(&enc, entry[3:]) {
				found = true
			}
		}
	}
	return found
}

// equalSig compares an encoded signature in constant time (for a given
// length).
func equalSig(want *[sigLen]byte, got string) bool {
	if len(got) != sigLen {
		return false
	}
	var diff byte
	for i := range sigLen {
		diff |= want[i] ^ got[i]
	}
	return subtle.ConstantTimeByteEq(diff, 0) == 1
}

// Sign returns a signature header value ("v1,<base64>" entries separated
// by spaces, one per secret) for id, timestamp and body. Tests use it to
// build deliveries; Clerk signs the real ones.
func (v *Verifier) Sign(id string, timestamp time.Time, body []byte) string {
	ts := strconv.FormatInt(timestamp.Unix(), 10)
	var b strings.Builder
	for i, k := range v.keys {
		sum := k.mac(id, ts, body)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("v1,")
		b.WriteString(base64.StdEncoding.EncodeToString(sum[:]))
	}
	return b.String()
}

// VerifyRequest reads r's body (at most the verifier's cap plus one byte)
// and verifies it against r's headers. It returns the body, which is what
// ParseEvent decodes. A body over the cap is ErrBodyTooLarge; a read
// failure is returned as is (it is not a *VerificationError).
func (v *Verifier) VerifyRequest(r *http.Request) ([]byte, error) {
	if v == nil || len(v.keys) == 0 {
		return nil, refuse(ErrInvalidSignature, "")
	}
	if r == nil || r.Body == nil {
		return nil, refuse(ErrMissingHeaders, "")
	}
	h := HeadersFrom(r.Header)
	// Refuse an unsigned request before reading its body.
	if h.ID == "" || h.Timestamp == "" || h.Signature == "" {
		return nil, refuse(ErrMissingHeaders, "")
	}
	if r.ContentLength > v.maxBody {
		return nil, refuse(ErrBodyTooLarge, h.ID)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, v.maxBody+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, refuse(ErrBodyTooLarge, h.ID)
		}
		return nil, fmt.Errorf("webhooks: reading the body: %w", err)
	}
	if err := v.VerifyHeaders(body, h); err != nil {
		return nil, err
	}
	return body, nil
}
