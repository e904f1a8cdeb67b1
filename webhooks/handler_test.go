package webhooks_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk/users"
	"github.com/clerkgo/clerk/webhooks"
)

var handlerNow = time.Unix(1_764_547_200, 0)

func signedRequest(t *testing.T, v *webhooks.Verifier, id string, at time.Time, body []byte) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/webhooks/clerk", strings.NewReader(string(body)))
	r.Header.Set("svix-id", id)
	r.Header.Set("svix-timestamp", strconv.FormatInt(at.Unix(), 10))
	r.Header.Set("svix-signature", v.Sign(id, at, body))
	return r
}

func TestHandlerStatuses(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, handlerNow, vecSecret)
	other := newVerifier(t, handlerNow, "whsec_c2Vjb25kLXNlY3JldA==")
	good := envelope("user.created", userData)
	failing := errors.New("database down")
	tests := []struct {
		name   string
		req    func() *http.Request
		fnErr  error
		want   int
		called bool
	}{
		{"success", func() *http.Request { return signedRequest(t, v, "msg_1", handlerNow, good) }, nil, http.StatusNoContent, true},
		{"unknown type", func() *http.Request {
			return signedRequest(t, v, "msg_1", handlerNow, envelope("brandNew.created", `{}`))
		}, nil, http.StatusNoContent, true},
		{"function fails", func() *http.Request { return signedRequest(t, v, "msg_1", handlerNow, good) }, failing, http.StatusInternalServerError, true},
		{"bad signature", func() *http.Request { return signedRequest(t, other, "msg_1", handlerNow, good) }, nil, http.StatusUnauthorized, false},
		{"stale", func() *http.Request { return signedRequest(t, v, "msg_1", handlerNow.Add(-6*time.Minute), good) }, nil, http.StatusUnauthorized, false},
		{"future", func() *http.Request { return signedRequest(t, v, "msg_1", handlerNow.Add(6*time.Minute), good) }, nil, http.StatusUnauthorized, false},
		{"missing headers", func() *http.Request {
			return httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(good)))
		}, nil, http.StatusBadRequest, false},
		{"not an event", func() *http.Request { return signedRequest(t, v, "msg_1", handlerNow, []byte(`[1]`)) }, nil, http.StatusBadRequest, false},
		{"data the SDK cannot decode", func() *http.Request {
			return signedRequest(t, v, "msg_1", handlerNow, envelope("user.created", `{"id":1}`))
		}, nil, http.StatusInternalServerError, false},
		{"too large", func() *http.Request {
			return signedRequest(t, v, "msg_1", handlerNow, envelope("user.created", `{"pad":"`+strings.Repeat("x", webhooks.DefaultMaxBodySize)+`"}`))
		}, nil, http.StatusRequestEntityTooLarge, false},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) }, nil, http.StatusMethodNotAllowed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var called atomic.Bool
			var hooked atomic.Int32
			h, err := webhooks.NewHandler(v, func(ctx context.Context, ev *webhooks.Event) error {
				called.Store(true)
				if ev.ID != "msg_1" {
					t.Errorf("ev.ID = %q", ev.ID)
				}
				return tt.fnErr
			}, webhooks.WithErrorHook(func(*http.Request, error) { hooked.Add(1) }))
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.req())
			if w.Code != tt.want {
				t.Fatalf("status = %d, want %d (%s)", w.Code, tt.want, w.Body)
			}
			if called.Load() != tt.called {
				t.Fatalf("function called = %v, want %v", called.Load(), tt.called)
			}
			if (w.Code >= 300) != (hooked.Load() == 1) {
				t.Fatalf("error hook called %d times for status %d", hooked.Load(), w.Code)
			}
			// Refusals say nothing beyond the status text.
			if w.Code >= 400 && strings.TrimSpace(w.Body.String()) != http.StatusText(w.Code) {
				t.Fatalf("body = %q", w.Body)
			}
		})
	}
}

func TestHandlerDeduplicates(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, handlerNow, vecSecret)
	var calls atomic.Int32
	fail := atomic.Bool{}
	fail.Store(true)
	h, err := webhooks.NewHandler(v, func(ctx context.Context, ev *webhooks.Event) error {
		calls.Add(1)
		if fail.Load() {
			return errors.New("try again")
		}
		if _, ok := ev.Data.(*users.User); !ok {
			t.Errorf("Data = %T", ev.Data)
		}
		return nil
	}, webhooks.WithStore(nil))
	if err != nil {
		t.Fatal(err)
	}
	body := envelope("user.created", userData)
	serve := func() int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signedRequest(t, v, "msg_dup", handlerNow, body))
		return w.Code
	}
	// A failed attempt does not count: the retry is processed.
	if got := serve(); got != http.StatusInternalServerError {
		t.Fatalf("first attempt = %d", got)
	}
	fail.Store(false)
	if got := serve(); got != http.StatusNoContent {
		t.Fatalf("retry = %d", got)
	}
	// A replay of a processed message is answered 200 without a call.
	if got := serve(); got != http.StatusOK {
		t.Fatalf("replay = %d", got)
	}
	if n := calls.Load(); n != 2 {
		t.Fatalf("function called %d times, want 2", n)
	}
}

func TestHandlerConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, handlerNow, vecSecret)
	var calls atomic.Int32
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	h, err := webhooks.NewHandler(v, func(ctx context.Context, ev *webhooks.Event) error {
		calls.Add(1)
		entered <- struct{}{}
		<-release
		return nil
	}, webhooks.WithStore(webhooks.NewMemoryStore(10)))
	if err != nil {
		t.Fatal(err)
	}
	body := envelope("user.created", userData)
	first := httptest.NewRecorder()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		h.ServeHTTP(first, signedRequest(t, v, "msg_c", handlerNow, body))
	}()
	<-entered
	const dups = 8
	codes := make([]int, dups)
	var dwg sync.WaitGroup
	for i := range dups {
		dwg.Add(1)
		go func() {
			defer dwg.Done()
			w := httptest.NewRecorder()
			h.ServeHTTP(w, signedRequest(t, v, "msg_c", handlerNow, body))
			codes[i] = w.Code
		}()
	}
	dwg.Wait()
	close(release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusConflict {
			t.Errorf("duplicate %d answered %d, want 409", i, c)
		}
	}
	if first.Code != http.StatusNoContent || calls.Load() != 1 {
		t.Fatalf("first = %d, calls = %d", first.Code, calls.Load())
	}
}

func TestHandlerPanicReleasesClaim(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, handlerNow, vecSecret)
	var calls atomic.Int32
	var hookErr atomic.Value
	h, err := webhooks.NewHandler(v, func(context.Context, *webhooks.Event) error {
		if calls.Add(1) == 1 {
			panic("boom")
		}
		return nil
	}, webhooks.WithStore(nil), webhooks.WithErrorHook(func(_ *http.Request, err error) { hookErr.Store(err) }))
	if err != nil {
		t.Fatal(err)
	}
	body := envelope("user.created", userData)
	for i, want := range []int{http.StatusInternalServerError, http.StatusNoContent} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signedRequest(t, v, "msg_p", handlerNow, body))
		if w.Code != want {
			t.Fatalf("attempt %d = %d, want %d", i, w.Code, want)
		}
		if i == 0 {
			var pe *webhooks.PanicError
			if err, _ := hookErr.Load().(error); !errors.As(err, &pe) || pe.Value != "boom" {
				t.Fatalf("hook got %v", err)
			}
		}
	}
}

func TestNewHandlerArguments(t *testing.T) {
	t.Parallel()
	v := newVerifier(t, handlerNow, vecSecret)
	if _, err := webhooks.NewHandler(nil, func(context.Context, *webhooks.Event) error { return nil }); err == nil {
		t.Error("nil verifier accepted")
	}
	if _, err := webhooks.NewHandler(v, nil); err == nil {
		t.Error("nil function accepted")
	}
}

func TestMemoryStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	m := webhooks.NewMemoryStore(2)
	m.SetRetention(time.Hour, clock)
	claim := func(id string) webhooks.Claim {
		c, err := m.Claim(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := claim("a"); c != webhooks.Claimed {
		t.Fatalf("first claim = %v", c)
	}
	if c := claim("a"); c != webhooks.InFlight {
		t.Fatalf("claim in flight = %v", c)
	}
	_ = m.Release(ctx, "a", false)
	if c := claim("a"); c != webhooks.Claimed {
		t.Fatalf("claim after a failure = %v", c)
	}
	_ = m.Release(ctx, "a", true)
	if c := claim("a"); c != webhooks.AlreadyProcessed {
		t.Fatalf("claim after success = %v", c)
	}
	// Bounded: the oldest id is forgotten first.
	for _, id := range []string{"b", "c"} {
		claim(id)
		_ = m.Release(ctx, id, true)
	}
	if m.Len() != 2 {
		t.Fatalf("Len = %d, want 2", m.Len())
	}
	if c := claim("a"); c != webhooks.Claimed {
		t.Fatalf("evicted id = %v, want Claimed", c)
	}
	_ = m.Release(ctx, "a", false)
	// Expired after the retention.
	now = now.Add(2 * time.Hour)
	if m.Len() != 0 {
		t.Fatalf("Len after retention = %d", m.Len())
	}
}
