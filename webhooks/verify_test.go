package webhooks_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/webhooks"
)

// Svix's published test vector.
const (
	vecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vecTS     = "1614265330"
	vecBody   = `{"test": 2432232314}`
	vecSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

var vecTime = time.Unix(1614265330, 0)

func fixed(t time.Time) func() time.Time { return func() time.Time { return t } }

func headers(id, ts, sig string) http.Header {
	h := http.Header{}
	if id != "" {
		h.Set("svix-id", id)
	}
	if ts != "" {
		h.Set("svix-timestamp", ts)
	}
	if sig != "" {
		h.Set("svix-signature", sig)
	}
	return h
}

// sign computes a v1 entry independently of the package.
func sign(t *testing.T, secret, id, ts, body string) string {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		t.Fatal(err)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + ts + "." + body))
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func newVerifier(t *testing.T, now time.Time, secrets ...string) *webhooks.Verifier {
	t.Helper()
	v, err := webhooks.NewVerifier(secrets, webhooks.WithClock(fixed(now)))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerify(t *testing.T) {
	t.Parallel()
	const other = "whsec_" + "c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM=" // "second-secret-for-tests"
	otherSig := sign(t, other, vecID, vecTS, vecBody)
	v2 := "v2," + strings.TrimPrefix(vecSig, "v1,")
	tests := []struct {
		name    string
		secrets []string
		now     time.Time
		h       http.Header
		body    string
		want    error // nil: accepted
	}{
		{"published vector", []string{vecSecret}, vecTime, headers(vecID, vecTS, vecSig), vecBody, nil},
		{"secret without prefix", []string{strings.TrimPrefix(vecSecret, "whsec_")}, vecTime, headers(vecID, vecTS, vecSig), vecBody, nil},
		{"standard webhooks names", []string{vecSecret}, vecTime, http.Header{
			"Webhook-Id": {vecID}, "Webhook-Timestamp": {vecTS}, "Webhook-Signature": {vecSig}}, vecBody, nil},
		{"bad entries around a good one", []string{vecSecret}, vecTime,
			headers(vecID, vecTS, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc v1,!!notbase64!! "+vecSig+" v1,"+strings.Repeat("A", 43)+"= garbage"), vecBody, nil},
		{"second secret of a rotation", []string{other, vecSecret}, vecTime, headers(vecID, vecTS, vecSig), vecBody, nil},
		{"signed by the new secret only", []string{vecSecret, other}, vecTime, headers(vecID, vecTS, otherSig), vecBody, nil},
		{"within tolerance, past", []string{vecSecret}, vecTime.Add(5 * time.Minute), headers(vecID, vecTS, vecSig), vecBody, nil},
		{"within tolerance, future", []string{vecSecret}, vecTime.Add(-5 * time.Minute), headers(vecID, vecTS, vecSig), vecBody, nil},

		{"tampered body", []string{vecSecret}, vecTime, headers(vecID, vecTS, vecSig), `{"test": 2432232315}`, webhooks.ErrInvalidSignature},
		{"re-encoded JSON", []string{vecSecret}, vecTime, headers(vecID, vecTS, vecSig), `{"test":2432232314}`, webhooks.ErrInvalidSignature},
		{"tampered id", []string{vecSecret}, vecTime, headers("msg_p5jXN8AQM9LWM0D4loKWxJeK", vecTS, vecSig), vecBody, webhooks.ErrInvalidSignature},
		{"tampered timestamp", []string{vecSecret}, vecTime, headers(vecID, "1614265331", vecSig), vecBody, webhooks.ErrInvalidSignature},
		{"v2 entries only", []string{vecSecret}, vecTime, headers(vecID, vecTS, v2), vecBody, webhooks.ErrInvalidSignature},
		{"wrong secret", []string{other}, vecTime, headers(vecID, vecTS, vecSig), vecBody, webhooks.ErrInvalidSignature},
		{"stale", []string{vecSecret}, vecTime.Add(5*time.Minute + time.Second), headers(vecID, vecTS, vecSig), vecBody, webhooks.ErrTooOld},
		{"future", []string{vecSecret}, vecTime.Add(-5*time.Minute - time.Second), headers(vecID, vecTS, vecSig), vecBody, webhooks.ErrTooNew},
		{"missing id", []string{vecSecret}, vecTime, headers("", vecTS, vecSig), vecBody, webhooks.ErrMissingHeaders},
		{"missing timestamp", []string{vecSecret}, vecTime, headers(vecID, "", vecSig), vecBody, webhooks.ErrMissingHeaders},
		{"missing signature", []string{vecSecret}, vecTime, headers(vecID, vecTS, ""), vecBody, webhooks.ErrMissingHeaders},
		{"timestamp in milliseconds", []string{vecSecret}, vecTime, headers(vecID, vecTS+"000", sign(t, vecSecret, vecID, vecTS+"000", vecBody)), vecBody, webhooks.ErrTooNew},
		{"signed timestamp not a number", []string{vecSecret}, vecTime, headers(vecID, "+1614265330", sign(t, vecSecret, vecID, "+1614265330", vecBody)), vecBody, webhooks.ErrMalformedHeaders},
		{"oversized id", []string{vecSecret}, vecTime, headers(strings.Repeat("m", 300), vecTS, vecSig), vecBody, webhooks.ErrMalformedHeaders},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newVerifier(t, tt.now, tt.secrets...)
			err := v.Verify([]byte(tt.body), tt.h)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Verify = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !errors.Is(err, webhooks.ErrVerification) {
				t.Fatalf("Verify = %v, want %v", err, tt.want)
			}
			var ve *webhooks.VerificationError
			if !errors.As(err, &ve) || ve.Reason != tt.want {
				t.Fatalf("Verify = %#v, want a *VerificationError with reason %v", err, tt.want)
			}
		})
	}
}

func TestVerifyBodyCap(t *testing.T) {
	t.Parallel()
	v, err := webhooks.NewVerifier([]string{vecSecret}, webhooks.WithClock(fixed(vecTime)), webhooks.WithMaxBodySize(10))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify([]byte(vecBody), headers(vecID, vecTS, vecSig)); !errors.Is(err, webhooks.ErrBodyTooLarge) {
		t.Fatalf("Verify = %v, want ErrBodyTooLarge", err)
	}
	r, _ := http.NewRequest(http.MethodPost, "/", strings.NewReader(vecBody))
	r.Header = headers(vecID, vecTS, vecSig)
	r.ContentLength = -1 // chunked: the cap is enforced while reading
	if _, err := v.VerifyRequest(r); !errors.Is(err, webhooks.ErrBodyTooLarge) {
		t.Fatalf("VerifyRequest = %v, want ErrBodyTooLarge", err)
	}
}

func TestVerifyTolerance(t *testing.T) {
	t.Parallel()
	v, err := webhooks.NewVerifier([]string{vecSecret}, webhooks.WithClock(fixed(vecTime.Add(time.Hour))), webhooks.WithTolerance(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify([]byte(vecBody), headers(vecID, vecTS, vecSig)); err != nil {
		t.Fatalf("Verify with a 2h tolerance an hour late = %v", err)
	}
}

func TestNewVerifierSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		secrets []string
		ok      bool
	}{
		{"none", nil, false},
		{"empty", []string{""}, false},
		{"prefix only", []string{"whsec_"}, false},
		{"not base64", []string{"whsec_not*base64"}, false},
		{"one bad of two", []string{vecSecret, "whsec_%%%"}, false},
		{"unpadded", []string{"whsec_c2Vjb25kLXNlY3JldA"}, true},
		{"good", []string{vecSecret}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := webhooks.NewVerifier(tt.secrets)
			if tt.ok != (err == nil) {
				t.Fatalf("NewVerifier = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				if !errors.Is(err, webhooks.ErrInvalidSecret) {
					t.Fatalf("error %v does not match ErrInvalidSecret", err)
				}
				for _, s := range tt.secrets {
					if len(s) > 6 && strings.Contains(err.Error(), s) {
						t.Fatalf("error %q contains the secret", err)
					}
				}
			}
		})
	}
}

func TestSignRoundTrip(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, vecTime, vecSecret)
	if got := v.Sign(vecID, vecTime, []byte(vecBody)); got != vecSig {
		t.Fatalf("Sign = %q, want %q", got, vecSig)
	}
	now := time.Unix(1_700_000_000, 0)
	v2 := newVerifier(t, now, vecSecret, "whsec_c2Vjb25kLXNlY3JldA==")
	body := []byte(`{"type":"user.created"}`)
	sig := v2.Sign("msg_1", now, body)
	if n := len(strings.Fields(sig)); n != 2 {
		t.Fatalf("Sign with two secrets gave %d entries", n)
	}
	if err := v2.Verify(body, headers("msg_1", strconv.FormatInt(now.Unix(), 10), sig)); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	v := newVerifier(t, vecTime, vecSecret)
	h := webhooks.Headers{ID: vecID, Timestamp: vecTS, Signature: vecSig}
	body := []byte(vecBody)
	if err := v.VerifyHeaders(body, h); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { _ = v.VerifyHeaders(body, h) }); n != 0 {
		t.Fatalf("VerifyHeaders allocates %v times per call", n)
	}
}

func TestVerifyHeaderZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	v := newVerifier(t, vecTime, vecSecret)
	h := headers(vecID, vecTS, vecSig)
	body := []byte(vecBody)
	if n := testing.AllocsPerRun(100, func() { _ = v.Verify(body, h) }); n != 0 {
		t.Fatalf("Verify allocates %v times per call", n)
	}
	// A hand-built map with lower-case keys is read too.
	raw := http.Header{"svix-id": {vecID}, "svix-timestamp": {vecTS}, "svix-signature": {vecSig}}
	if err := v.Verify(body, raw); err != nil {
		t.Fatal(err)
	}
}

func TestNilVerifierRefuses(t *testing.T) {
	t.Parallel()
	var v *webhooks.Verifier
	if err := v.Verify([]byte(vecBody), headers(vecID, vecTS, vecSig)); !errors.Is(err, webhooks.ErrVerification) {
		t.Fatalf("nil Verify = %v", err)
	}
	r, _ := http.NewRequest(http.MethodPost, "/", strings.NewReader(vecBody))
	if _, err := v.VerifyRequest(r); !errors.Is(err, webhooks.ErrVerification) {
		t.Fatalf("nil VerifyRequest = %v", err)
	}
	if _, err := newVerifier(t, vecTime, vecSecret).VerifyRequest(nil); !errors.Is(err, webhooks.ErrMissingHeaders) {
		t.Fatalf("VerifyRequest(nil) = %v", err)
	}
}

func TestRefusalDropsUnprintableIDs(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, vecTime, vecSecret)
	for id, want := range map[string]string{vecID: vecID, "msg\nforged log line": "", "msg\x1b[31m": ""} {
		err := v.Verify([]byte(vecBody), headers(id, vecTS, "v1,x"))
		var ve *webhooks.VerificationError
		if !errors.As(err, &ve) || ve.MessageID != want {
			t.Errorf("id %q: %#v", id, err)
		}
	}
}
