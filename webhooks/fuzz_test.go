package webhooks_test

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/webhooks"
)

// FuzzVerify feeds arbitrary headers and bodies to the verifier. It must
// never panic, must refuse with a *VerificationError, and may accept only
// when the signature header holds the exact signature of the content
// (computed here independently). The same header with the genuine
// signature spliced in among the fuzzed entries must then be accepted.
func FuzzVerify(f *testing.F) {
	f.Add(vecID, vecTS, vecSig, []byte(vecBody))
	f.Add(vecID, vecTS, "v1,garbage "+vecSig+" v2,xyz", []byte(vecBody))
	f.Add("", "", "", []byte(nil))
	f.Add(vecID, "-1", "v1,", []byte("{}"))
	f.Add(vecID, "99999999999999999999", "v1,"+strings.Repeat("A", 44), []byte("x"))
	f.Add(vecID, vecTS, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=", []byte(vecBody))
	f.Fuzz(func(t *testing.T, id, ts, sig string, body []byte) {
		v, err := webhooks.NewVerifier([]string{vecSecret}, webhooks.WithClock(fixed(vecTime)), webhooks.WithTolerance(100*365*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		h := webhooks.Headers{ID: id, Timestamp: ts, Signature: sig}
		err = v.VerifyHeaders(body, h)
		want := sign(t, vecSecret, id, ts, string(body))
		if err == nil {
			if !containsEntry(sig, want) {
				t.Fatalf("accepted %q without the genuine signature %q", sig, want)
			}
			return
		}
		var ve *webhooks.VerificationError
		if !errors.As(err, &ve) || !errors.Is(err, webhooks.ErrVerification) {
			t.Fatalf("refusal %v is not a *VerificationError", err)
		}
		// Splice the genuine entry in: only header, length and timestamp
		// problems may still refuse it.
		h.Signature = sig + " " + want
		if err := v.VerifyHeaders(body, h); errors.Is(err, webhooks.ErrInvalidSignature) {
			if n, perr := strconv.ParseInt(ts, 10, 64); perr == nil && n >= 0 && ts[0] != '+' && id != "" && len(id) <= 256 && len(h.Signature) <= 16<<10 {
				t.Fatalf("genuine entry among %q refused: %v", sig, err)
			}
		}
	})
}

func containsEntry(header, entry string) bool {
	for _, e := range strings.Fields(header) {
		if e == entry {
			return true
		}
	}
	return false
}

// FuzzHeadersFrom checks that the header reader picks one consistent set
// of names and never mixes svix-* with webhook-* values.
func FuzzHeadersFrom(f *testing.F) {
	f.Add("msg_1", "1", "v1,x", "msg_2", "2", "v1,y")
	f.Add("", "1", "v1,x", "msg_2", "2", "v1,y")
	f.Fuzz(func(t *testing.T, sid, sts, ssig, wid, wts, wsig string) {
		h := http.Header{}
		h.Set("svix-id", sid)
		h.Set("svix-timestamp", sts)
		h.Set("svix-signature", ssig)
		h.Set("webhook-id", wid)
		h.Set("webhook-timestamp", wts)
		h.Set("webhook-signature", wsig)
		got := webhooks.HeadersFrom(h)
		svix := webhooks.Headers{ID: h.Get("svix-id"), Timestamp: h.Get("svix-timestamp"), Signature: h.Get("svix-signature")}
		std := webhooks.Headers{ID: h.Get("webhook-id"), Timestamp: h.Get("webhook-timestamp"), Signature: h.Get("webhook-signature")}
		if svix.ID != "" && got != svix {
			t.Fatalf("with svix-id set got %+v, want %+v", got, svix)
		}
		if svix.ID == "" && got != std {
			t.Fatalf("without svix-id got %+v, want %+v", got, std)
		}
	})
}

// FuzzParseEvent decodes arbitrary bodies: no panic, and an accepted body
// has a type and a Data that is never nil when the body had data.
func FuzzParseEvent(f *testing.F) {
	f.Add(envelope("user.created", userData))
	f.Add(envelope("user.deleted", `{"object":"user","id":"user_1","deleted":true}`))
	f.Add(envelope("role.deleted", `{"deleted":"yes"}`))
	f.Add(envelope("organizationDomain.updated", `{"verification":7}`))
	f.Add([]byte(`{"type":"x","timestamp":1e300}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := webhooks.ParseEvent(body)
		if err != nil {
			var de *webhooks.DataError
			if !errors.Is(err, webhooks.ErrMalformedEvent) && !errors.As(err, &de) {
				t.Fatalf("error %v is neither ErrMalformedEvent nor *DataError", err)
			}
			return
		}
		if ev.Type == "" {
			t.Fatal("accepted an event without a type")
		}
		if len(bytes.TrimSpace(ev.RawData)) > 0 && ev.Data == nil {
			t.Fatal("data lost")
		}
	})
}
