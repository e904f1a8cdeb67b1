package svixcompat_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/webhooks"
	svix "github.com/svix/svix-webhooks/go"
)

// event2KB is a 2 KB user.created payload.
func event2KB() []byte {
	var b strings.Builder
	b.WriteString(`{"type":"user.created","object":"event","instance_id":"ins_2abc","timestamp":1764547200123,` +
		`"event_attributes":{"http_request":{"client_ip":"203.0.113.9","user_agent":"Mozilla/5.0"}},"data":{"object":"user","id":"user_2x9","first_name":"Ada","public_metadata":{"pad":"`)
	for b.Len() < 2048-4 {
		b.WriteByte('x')
	}
	b.WriteString(`"}}}`)
	return []byte(b.String())
}

// BenchmarkVerify2KB measures, in one loop, alternating batches of:
//
//   - floor: the work no verifier can skip, HMAC-SHA256 of the signed
//     content (already concatenated, with a keyed HMAC reused via Reset)
//     plus the base64 decoding of the signature and a constant-time compare;
//   - ours: webhooks.Verifier.Verify on the http.Header;
//   - svix: the Svix Go library's Webhook.Verify on the same header.
//
// It reports each one's mean ns/op and allocs/op, and the median over the
// rounds of ours/floor and svix/floor.
func BenchmarkVerify2KB(b *testing.B) {
	body := event2KB()
	now := time.Now()
	ts := strconv.FormatInt(now.Unix(), 10)
	v, err := webhooks.NewVerifier([]string{vecSecret})
	if err != nil {
		b.Fatal(err)
	}
	wh, err := svix.NewWebhook(vecSecret)
	if err != nil {
		b.Fatal(err)
	}
	sig := v.Sign("msg_bench", now, body)
	h := http.Header{}
	h.Set("svix-id", "msg_bench")
	h.Set("svix-timestamp", ts)
	h.Set("svix-signature", sig)

	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(vecSecret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	signed := []byte("msg_bench." + ts + "." + string(body))
	sigB64 := strings.TrimPrefix(sig, "v1,")
	var sum [sha256.Size]byte
	floor := func() {
		mac.Reset()
		mac.Write(signed)
		got := mac.Sum(sum[:0])
		want, err := base64.StdEncoding.DecodeString(sigB64)
		if err != nil || !hmac.Equal(got, want) {
			b.Fatal("floor: no match")
		}
	}
	ours := func() {
		if err := v.Verify(body, h); err != nil {
			b.Fatal(err)
		}
	}
	peer := func() {
		if err := wh.Verify(body, h); err != nil {
			b.Fatal(err)
		}
	}
	fns := []func(){floor, ours, peer}
	names := []string{"floor", "ours", "svix"}
	allocs := make([]float64, len(fns))
	for i, f := range fns {
		allocs[i] = testing.AllocsPerRun(100, f)
	}

	// Small batches, in a rotating order, so that all three see the same
	// machine load; each round's ours/floor and svix/floor ratio is kept
	// and the median reported, so a burst of load on a shared machine
	// does not decide the result.
	const batch = 8
	var spent [3]time.Duration
	var oursRatio, svixRatio []float64
	runs := 0
	b.ResetTimer()
	for round := 0; runs < b.N; round++ {
		var d [3]time.Duration
		for k := range fns {
			i := (k + round) % len(fns)
			f := fns[i]
			start := time.Now()
			for range batch {
				f()
			}
			d[i] = time.Since(start)
			spent[i] += d[i]
		}
		oursRatio = append(oursRatio, float64(d[1])/float64(d[0]))
		svixRatio = append(svixRatio, float64(d[2])/float64(d[0]))
		runs += batch
	}
	b.StopTimer()
	per := func(i int) float64 { return float64(spent[i].Nanoseconds()) / float64(runs) }
	for i, n := range names {
		b.ReportMetric(per(i), n+"-ns/op")
		b.ReportMetric(allocs[i], n+"-allocs/op")
	}
	b.ReportMetric(median(oursRatio), "ours/floor")
	b.ReportMetric(median(svixRatio), "svix/floor")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
