package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/url"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/invitations"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/users"
	"go.uber.org/goleak"
)

// opKind is one operation of the fault run's mix.
type opKind int

const (
	opGetUser opKind = iota
	opListUsers
	opMergeMetadata
	opGetOrganization
	opBanUnban
	opCreateUser
	opCreateOrganization
	opCreateInvitation
	numOps
)

var opNames = [numOps]string{
	"Users.Get", "Users.List", "Users.UpdateMetadata", "Organizations.Get", "Bans.Ban/Unban",
	"Users.Create", "Organizations.Create", "Invitations.Create",
}

func (k opKind) String() string { return opNames[k] }

func (k opKind) isCreate() bool { return k >= opCreateUser }

// opWeights: the share of each operation, in percent.
var opWeights = [numOps]int{30, 10, 15, 10, 10, 10, 8, 7}

func pickOp(i int) opKind {
	n := (i * 37) % 100 // deterministic spread over the mix
	for k, w := range opWeights {
		if n < w {
			return opKind(k)
		}
		n -= w
	}
	return opGetUser
}

// classify names the kind of an operation's outcome. Every error the SDK
// returns must fall into one of the typed kinds; "untyped" is a failure.
func classify(err error) string {
	var ae *clerk.APIError
	var ue *url.Error
	var ne net.Error
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, clerk.ErrOutcomeUnknown):
		return "outcome unknown (not replayed)"
	case errors.As(err, &ae) && errors.Is(err, clerk.ErrInvalidResponse):
		return fmt.Sprintf("%d with an unreadable body", ae.StatusCode)
	case errors.As(err, &ae):
		return fmt.Sprintf("HTTP %d", ae.StatusCode)
	case errors.As(err, &ue), errors.As(err, &ne):
		return "connection error"
	}
	return "untyped: " + err.Error()
}

// faultRun holds what the run observed.
type faultRun struct {
	mu       sync.Mutex
	outcomes [numOps]map[string]int
	// createOK and createTried map create tokens to their outcome.
	createOK map[string]bool
	// per worker: the last metadata counter the API confirmed, and the
	// last one sent.
	lastOK, lastSent []int
	leaks            []string
}

// TestFaultInjection runs a mix of reads, metadata merges, bans and
// creates from 32 goroutines through one client against an API that
// answers 30% of attempts with a fault (429, 503, HTML 502, resets before
// and after processing, truncated JSON, slow bodies, latency spikes). Every
// operation must end in success or a typed error, no create may be
// processed twice or replayed after an ambiguous failure, no goroutine may
// leak, the heap must stay bounded, and no error or debug log line may
// show the secret key.
func TestFaultInjection(t *testing.T) {
	// Not parallel: goleak and the heap figures need the process to
	// themselves.
	defer goleak.VerifyNone(t)
	ops, workers := 10000, 32
	if testing.Short() {
		ops = 1000
	}
	api := newFakeAPI(t, defaultMix)
	defer api.Close()
	logs := newSecretScanner()
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, tr := newClient(t, api.URL, clerk.WithLogger(logger))
	defer tr.CloseIdleConnections()
	for w := range workers {
		api.addUser(fmt.Sprintf("user_w%02d", w))
	}

	run := &faultRun{createOK: map[string]bool{}, lastOK: make([]int, workers), lastSent: make([]int, workers)}
	for k := range run.outcomes {
		run.outcomes[k] = map[string]int{}
	}

	// Sample the heap while the run goes.
	var peak atomic.Uint64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-stopSampling:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()

	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			banned := false
			for {
				i := int(next.Add(1)) - 1
				if i >= ops {
					return
				}
				run.do(t, c, w, i, pickOp(i), &banned)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stopSampling)
	<-sampled

	// Figures.
	total := map[string]int{}
	for k := range numOps {
		for o, n := range run.outcomes[k] {
			total[o] += n
		}
	}
	requests := api.requests.Load()
	lines, retries, logLeaks := logs.result()
	t.Logf("fault run: %d operations from %d goroutines in %v (%.0f ops/s); %d attempts reached the API, %d beyond one per operation: %d retries by the SDK, %d replays of reads by net/http itself on reused connections; %d debug log lines",
		ops, workers, elapsed.Round(time.Millisecond), float64(ops)/elapsed.Seconds(), requests, requests-int64(ops), retries, requests-int64(ops)-int64(retries), lines)
	for f := range numFaults {
		t.Logf("  fault %-32s %6d attempts", fault(f), api.faults[f].Load())
	}
	for _, o := range slices.Sorted(maps.Keys(total)) {
		t.Logf("  outcome %-34s %6d", o, total[o])
	}
	for k := range numOps {
		t.Logf("  %-22s %v", opKind(k), run.outcomes[k])
	}

	// Every outcome is typed, and replay-safe operations never report an
	// unknown outcome.
	for k := range numOps {
		for o, n := range run.outcomes[k] {
			if strings.HasPrefix(o, "untyped") {
				t.Errorf("%v: %d untyped errors: %s", opKind(k), n, o)
			}
			if !opKind(k).isCreate() && strings.HasPrefix(o, "outcome unknown") {
				t.Errorf("%v is replay-safe but reported %q %d times", opKind(k), o, n)
			}
		}
		ok, all := run.outcomes[k]["ok"], 0
		for _, n := range run.outcomes[k] {
			all += n
		}
		// Replay-safe calls ride out most faults: only truncated bodies
		// (not retried: the answer was a 200) and three faults in a row fail.
		if !opKind(k).isCreate() && all > 50 && float64(ok) < 0.85*float64(all) {
			t.Errorf("%v: only %d of %d succeeded", opKind(k), ok, all)
		}
	}

	// No create was processed twice, none was replayed after an attempt
	// that may have been processed, and each reported success was
	// processed exactly once.
	counts, replays := api.createCounts()
	dups := 0
	for tok, n := range counts {
		if n > 1 {
			dups++
			t.Errorf("create %s processed %d times", tok, n)
		}
	}
	for tok, ok := range run.createOK {
		if ok && counts[tok] != 1 {
			t.Errorf("create %s succeeded but was processed %d times", tok, counts[tok])
		}
	}
	t.Logf("creates: %d sent, %d processed by the API, %d duplicates, %d replays after an ambiguous attempt",
		len(run.createOK), len(counts), dups, replays)
	if replays != 0 {
		t.Errorf("%d creates were replayed after an attempt that may have been processed", replays)
	}

	// Metadata merges: the API holds the last confirmed value or a later
	// one that was sent (a merge that failed after processing).
	for w := range workers {
		u := api.user(fmt.Sprintf("user_w%02d", w))
		got := 0
		if v, ok := u.Public["counter"].(float64); ok {
			got = int(v)
		}
		if got < run.lastOK[w] || got > run.lastSent[w] {
			t.Errorf("worker %d: API holds counter %d, confirmed %d, last sent %d", w, got, run.lastOK[w], run.lastSent[w])
		}
	}

	// Secrets.
	if len(run.leaks) > 0 || len(logLeaks) > 0 {
		t.Errorf("the key shows in errors %q or logs %q", run.leaks, logLeaks)
	}
	if lines < int(requests)/2 {
		t.Errorf("only %d debug log lines for %d attempts: the logger was not exercised", lines, requests)
	}

	// Memory: the run keeps nothing per operation but counters.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap: peak HeapInuse %.1f MiB during the run, HeapAlloc %.1f MiB after GC",
		float64(peak.Load())/(1<<20), float64(ms.HeapAlloc)/(1<<20))
	if peak.Load() > 256<<20 || ms.HeapAlloc > 64<<20 {
		t.Errorf("heap not bounded: peak %d, after GC %d", peak.Load(), ms.HeapAlloc)
	}
	tr.CloseIdleConnections()
}

// do runs operation i of kind k for worker w and records its outcome.
func (run *faultRun) do(t *testing.T, c *clerk.Client, w, i int, k opKind, banned *bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	userID := fmt.Sprintf("user_w%02d", w)
	token := fmt.Sprintf("op-%05d", i)
	var err error
	switch k {
	case opGetUser:
		var u *users.User
		if u, err = c.Users.Get(ctx, userID); err == nil && u.ID != userID {
			err = fmt.Errorf("got user %q", u.ID)
		}
	case opListUsers:
		_, err = c.Users.List(ctx, &users.ListParams{Limit: 5})
	case opMergeMetadata:
		run.mu.Lock()
		run.lastSent[w] = i
		run.mu.Unlock()
		_, err = c.Users.UpdateMetadata(ctx, userID, &users.MetadataParams{
			PublicMetadata: map[string]any{"counter": i, "worker": w},
		})
		if err == nil {
			run.mu.Lock()
			run.lastOK[w] = i
			run.mu.Unlock()
		}
	case opGetOrganization:
		_, err = c.Organizations.Get(ctx, "org_acme")
	case opBanUnban:
		var u *users.User
		if *banned {
			u, err = c.Bans.Unban(ctx, userID)
		} else {
			u, err = c.Bans.Ban(ctx, userID)
		}
		if err == nil {
			if u.Banned == *banned {
				err = fmt.Errorf("ban state %v after the call", u.Banned)
			}
			*banned = u.Banned
		}
	case opCreateUser, opCreateOrganization, opCreateInvitation:
		// The header lets the API tie an attempt whose body it never read
		// to its create.
		hdr := clerk.WithHeader("X-Create-Token", token)
		switch k {
		case opCreateUser:
			_, err = c.Users.Create(ctx, &users.CreateParams{ExternalID: token, FirstName: "Ada"}, hdr)
		case opCreateOrganization:
			err = callWithOptions(c.Organizations.Create, ctx, &organizations.CreateParams{Name: token}, hdr)
		default:
			err = callWithOptions(c.Invitations.Create, ctx, &invitations.CreateParams{EmailAddress: token}, hdr)
		}
		run.mu.Lock()
		run.createOK[token] = err == nil
		run.mu.Unlock()
	}
	outcome := classify(err)
	run.mu.Lock()
	defer run.mu.Unlock()
	run.outcomes[k][outcome]++
	if err != nil && shows(err) && len(run.leaks) < 10 {
		run.leaks = append(run.leaks, err.Error())
	}
}

// callWithOptions calls a service method fn(ctx, params[, opts...]) and
// returns its error, passing opts when fn takes them (services not yet
// migrated to request options take none).
func callWithOptions(fn any, ctx context.Context, params any, opts ...clerk.RequestOption) error {
	v := reflect.ValueOf(fn)
	args := []reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(params)}
	var out []reflect.Value
	if v.Type().IsVariadic() {
		out = v.CallSlice(append(args, reflect.ValueOf(opts)))
	} else {
		out = v.Call(args)
	}
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		return err
	}
	return nil
}
