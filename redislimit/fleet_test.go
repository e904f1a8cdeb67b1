package redislimit_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/redislimit"
)

// The fleet: 8 OS processes share Clerk's development budget.
const (
	fleetSize        = 8
	fleetBudget      = 100
	fleetWindow      = 10 * time.Second
	fleetCallTimeout = 5 * time.Second
	fleetPath        = "/v1/users/count"
)

var (
	workerOnce sync.Once
	workerBin  string
	workerErr  error
)

// buildWorker builds internal/fleetworker once per test binary.
func buildWorker(t *testing.T) string {
	t.Helper()
	workerOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fleetworker")
		if err != nil {
			workerErr = err
			return
		}
		workerBin = filepath.Join(dir, "fleetworker")
		out, err := exec.Command("go", "build", "-o", workerBin, "./internal/fleetworker").CombinedOutput()
		if err != nil {
			workerErr = fmt.Errorf("go build ./internal/fleetworker: %v\n%s", err, out)
		}
	})
	if workerErr != nil {
		t.Fatal(workerErr)
	}
	return workerBin
}

// workerCall mirrors fleetworker's Call.
type workerCall struct {
	Start   int64  `json:"start_ms"`
	Latency int64  `json:"lat_ms"`
	Result  string `json:"res"`
	Err     string `json:"err"`
}

// workerSummary mirrors fleetworker's Summary.
type workerSummary struct {
	Worker string           `json:"worker"`
	Calls  int              `json:"calls"`
	Stats  redislimit.Stats `json:"stats"`
}

type fleetRun struct {
	start     time.Time
	calls     []workerCall
	summaries []workerSummary
	requests  []clerktest.Request // the fake's log, fleetPath only
}

// runFleet runs the fleet against a fresh fake with the budget as its
// server-side limit; during runs in the test's goroutine while the workers
// work (to kill and restart Redis).
func runFleet(t *testing.T, rs *redisServer, d time.Duration, during func(start time.Time)) *fleetRun {
	t.Helper()
	bin := buildWorker(t)
	srv, err := clerktest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	srv.SetRateLimit(fleetBudget, fleetWindow)

	type result struct {
		out []byte
		err error
	}
	results := make(chan result, fleetSize)
	run := &fleetRun{start: time.Now()}
	for i := range fleetSize {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, "-id", "w"+strconv.Itoa(i), "-url", srv.URL, "-redis", rs.Addr(),
			"-duration", d.String(), "-concurrency", "2", "-replicas", strconv.Itoa(fleetSize),
			"-requests", strconv.Itoa(fleetBudget), "-per", fleetWindow.String(),
			"-call-timeout", fleetCallTimeout.String())
		cmd.Env = append(os.Environ(), "CLERKGO_FLEET_SECRET="+srv.SecretKey)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() {
			err := cmd.Wait()
			if err != nil {
				err = fmt.Errorf("%v: %s", err, stderr.Bytes())
			}
			results <- result{stdout.Bytes(), err}
		}()
	}
	if during != nil {
		during(run.start)
	}
	for range fleetSize {
		r := <-results
		if r.err != nil {
			t.Fatalf("worker: %v", r.err)
		}
		sc := bufio.NewScanner(bytes.NewReader(r.out))
		for sc.Scan() {
			line := sc.Bytes()
			if bytes.Contains(line, []byte(`"worker"`)) {
				var s workerSummary
				if err := json.Unmarshal(line, &s); err != nil {
					t.Fatal(err)
				}
				run.summaries = append(run.summaries, s)
				continue
			}
			var c workerCall
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatal(err)
			}
			run.calls = append(run.calls, c)
		}
	}
	for _, r := range srv.Requests() {
		if r.Path == fleetPath {
			run.requests = append(run.requests, r)
		}
	}
	if len(run.requests) == 0 {
		t.Fatal("the fake saw no request")
	}
	return run
}

// arrivals are the fake's request times, oldest first, with their status.
func (r *fleetRun) arrivals(from, to time.Time) (n, limited int) {
	for _, q := range r.requests {
		if !q.At.Before(from) && q.At.Before(to) {
			n++
			if q.Status == 429 {
				limited++
			}
		}
	}
	return n, limited
}

func (r *fleetRun) maxWindow() int {
	at := make([]time.Time, len(r.requests))
	for i, q := range r.requests {
		at[i] = q.At
	}
	return maxInWindow(at, fleetWindow)
}

func (r *fleetRun) totals() (st redislimit.Stats, degraded int) {
	for _, s := range r.summaries {
		st.RoundTrips += s.Stats.RoundTrips
		st.Shared += s.Stats.Shared
		st.Local += s.Stats.Local
		st.Refused += s.Stats.Refused
		st.Failures += s.Stats.Failures
		st.Pauses += s.Stats.Pauses
		if s.Stats.Degraded {
			degraded++
		}
	}
	return st, degraded
}

// results counts the callers' outcomes and the slowest call.
func (r *fleetRun) results(from, to time.Time) (map[string]int, time.Duration) {
	out := map[string]int{}
	var worst time.Duration
	for _, c := range r.calls {
		at := time.UnixMilli(c.Start)
		if at.Before(from) || !at.Before(to) {
			continue
		}
		out[c.Result]++
		worst = max(worst, time.Duration(c.Latency)*time.Millisecond)
	}
	return out, worst
}

// report logs a figure and prints it to stdout, so CI output shows it.
func report(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	t.Log(msg)
	fmt.Printf("FIGURE %s: %s\n", t.Name(), msg)
}

func TestFleetSharesOneBudget(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("the fleet test runs 30 s")
	}
	rs := startRedis(t)
	run := runFleet(t, rs, 32*time.Second, nil)

	first, last := run.requests[0].At, run.requests[len(run.requests)-1].At
	span := last.Sub(first)
	n, limited := run.arrivals(first, last.Add(time.Nanosecond))
	util := float64(n) / (float64(fleetBudget) * span.Seconds() / fleetWindow.Seconds())
	maxWin := run.maxWindow()
	st, degraded := run.totals()
	admitted := st.Shared + st.Local
	rtPer := float64(st.RoundTrips) / float64(admitted)
	res, worst := run.results(time.Time{}, time.Now().Add(time.Hour))

	report(t, "%d processes, budget %d/%v, %v: %d requests reached the API, utilization %.1f%%, max %d in any %v window, %d answered 429",
		fleetSize, fleetBudget, fleetWindow, span.Round(time.Millisecond), n, 100*util, maxWin, fleetWindow, limited)
	report(t, "limiter: %d round trips for %d admissions (%.3f per admitted request), %d local, %d refused, %d Redis failures; callers: %v, slowest call %v",
		st.RoundTrips, admitted, rtPer, st.Local, st.Refused, st.Failures, res, worst)

	if span < 30*time.Second {
		t.Errorf("the fleet ran %v, want at least 30s", span)
	}
	if limited != 0 || res["429"] != 0 {
		t.Errorf("%d requests answered 429, %d reached a caller; want none", limited, res["429"])
	}
	if maxWin > fleetBudget {
		t.Errorf("%d requests in one %v window, budget %d", maxWin, fleetWindow, fleetBudget)
	}
	if util < 0.90 {
		t.Errorf("utilization %.1f%%, want at least 90%%", 100*util)
	}
	if rtPer > 1.2 {
		t.Errorf("%.3f round trips per admitted request, want at most 1.2", rtPer)
	}
	if res["ok"] != len(run.calls) || st.Local != 0 || degraded != 0 {
		t.Errorf("callers %v, stats %+v, %d degraded: want every call ok on the shared budget", res, st, degraded)
	}
}

func TestFleetSurvivesRedisRestart(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("the fleet test runs 36 s")
	}
	rs := startRedis(t)
	// 10 s on Redis, 10 s without, 14 s on Redis again: the fake's
	// window forgets the switches' 429s after 10 s.
	const phase = 10 * time.Second
	var killed, restarted time.Time
	run := runFleet(t, rs, 3*phase+4*time.Second, func(start time.Time) {
		time.Sleep(time.Until(start.Add(phase)))
		rs.Kill()
		killed = time.Now()
		time.Sleep(time.Until(start.Add(2 * phase)))
		rs.Start()
		restarted = time.Now()
	})
	end := run.requests[len(run.requests)-1].At
	rate := func(from, to time.Time) (float64, int, int) {
		n, limited := run.arrivals(from, to)
		return float64(n) / to.Sub(from).Seconds(), n, limited
	}
	budgetRate := float64(fleetBudget) / fleetWindow.Seconds()
	// Phases, leaving 2 s after each switch for the fleet to settle.
	beforeRate, _, beforeLimited := rate(run.requests[0].At, killed)
	outRate, outN, outLimited := rate(killed.Add(2*time.Second), restarted)
	afterRate, afterN, _ := rate(restarted.Add(2*time.Second), end)
	_, afterLimited := run.arrivals(restarted.Add(fleetWindow+time.Second), end)
	resOut, worstOut := run.results(killed, restarted)
	resAll, worst := run.results(time.Time{}, time.Now().Add(time.Hour))
	st, degraded := run.totals()
	admitted := st.Shared + st.Local

	report(t, "Redis up: %.2f req/s (budget %.1f/s), %d answered 429", beforeRate, budgetRate, beforeLimited)
	report(t, "Redis killed: %.2f req/s on the local shares (%d requests), %d answered 429, callers %v, slowest call %v (deadline %v)",
		outRate, outN, outLimited, resOut, worstOut, fleetCallTimeout)
	report(t, "Redis restarted: %.2f req/s (%d requests), %d answered 429 once the fake's window had forgotten the outage; %d of %d limiters still degraded at the end",
		afterRate, afterN, afterLimited, degraded, fleetSize)
	report(t, "whole run: %d admissions (%d shared, %d local), %d round trips (%.3f per admitted request), %d Redis failures, max %d in any %v window; callers %v, slowest %v",
		admitted, st.Shared, st.Local, st.RoundTrips, float64(st.RoundTrips)/float64(admitted), st.Failures, run.maxWindow(), fleetWindow, resAll, worst)

	var at429 []string
	for _, q := range run.requests {
		if q.Status == 429 {
			at429 = append(at429, q.At.Sub(run.start).Round(10*time.Millisecond).String())
		}
	}
	report(t, "429s at %v after the start (Redis killed at %v, restarted at %v)", at429,
		killed.Sub(run.start).Round(10*time.Millisecond), restarted.Sub(run.start).Round(10*time.Millisecond))
	if os.Getenv("FLEET_DEBUG") != "" {
		hist := map[int]int{}
		for _, q := range run.requests {
			hist[int(q.At.Sub(run.start)/(500*time.Millisecond))]++
		}
		for _, c := range run.calls {
			if c.Result != "ok" || c.Latency > 3000 {
				t.Logf("call at %v: %s after %dms: %s", time.UnixMilli(c.Start).Sub(run.start).Round(10*time.Millisecond), c.Result, c.Latency, c.Err)
			}
		}
		for i := 0; i < 80; i++ {
			t.Logf("%5.1fs %d", float64(i)/2, hist[i])
		}
	}
	if worst > fleetCallTimeout+time.Second {
		t.Errorf("a call took %v, past its %v deadline", worst, fleetCallTimeout)
	}
	if resAll["error"] != 0 || resAll["deadline"] != 0 {
		t.Errorf("callers saw errors: %v", resAll)
	}
	// While Redis is down the fleet runs on its local shares, 1/8 of the
	// budget each: calls continue at about the budget's rate.
	if outRate < 0.5*budgetRate || outRate > 1.1*budgetRate {
		t.Errorf("%.2f req/s while Redis was down, want about %.1f", outRate, budgetRate)
	}
	if st.Local == 0 || st.Failures == 0 {
		t.Errorf("stats %+v: the limiters never fell back", st)
	}
	// Back on the shared budget: the full rate, no 429 once the fake's
	// window has forgotten the switches, nobody degraded. (The switches
	// themselves may cost a few 429s: for up to a probe interval some
	// replicas spend their local share while others spend the shared
	// budget; with retries on, as by default, the client absorbs them.)
	if afterRate < 0.85*budgetRate || afterLimited != 0 || degraded != 0 {
		t.Errorf("after the restart: %.2f req/s, %d answered 429, %d degraded; want the shared budget back", afterRate, afterLimited, degraded)
	}
	if beforeLimited != 0 {
		t.Errorf("%d answered 429 before the kill", beforeLimited)
	}
}
