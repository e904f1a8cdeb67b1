// Package redislimit is a rate limiter shared by every replica of a service
// that calls Clerk's Backend API with the same secret key. Clerk's limit is
// per secret key (see Production and Development), so N replicas that each
// limit only themselves spend N times the budget; one Limiter per replica,
// all on the same Redis, spend it once.
//
// The budget is a GCRA (generic cell rate algorithm) in one Lua script run
// with EVALSHA, on the Redis server's clock (TIME): the replicas' clocks do
// not matter. Each call touches one key, derived from a hash of the secret
// key (the key itself never reaches Redis or a log), so it works on a single
// node, a cluster or behind sentinels: anything that is a redis.Scripter
// (every go-redis client, redis.UniversalClient included).
//
// A waiter reserves the next free slot in one round trip and sleeps until
// it: waiters get distinct slots, one interval apart, so they never wake in
// lock-step and never poll. When the API answers 429 anyway (another
// program spends the same key), the client tells its limiter (the optional
// core.RateLimitObserver interface) and the Limiter pushes the shared
// budget past the Retry-After, which pauses every replica.
//
// Redis being down, slow or refusing never hangs nor fails a call: every
// call to Redis has a short timeout, after which the Limiter falls back to a
// local golang.org/x/time/rate limiter holding 1/replicas of the budget (see
// WithReplicas), logs the switch once, and probes Redis in the background
// until it answers and the shared budget resumes; callers waiting on the
// local share then move to the shared budget at once.
//
// Plug it into a client with clerk.WithLimiter:
//
//	l, err := redislimit.New(rdb, secretKey, redislimit.Production, redislimit.WithReplicas(8))
//	c, err := clerk.NewClient(secretKey, clerk.WithLimiter(l))
package redislimit

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"
)

// Limit is a request budget: at most Requests requests in any window of
// length Per, of which up to Burst may go at once after a quiet spell.
type Limit struct {
	Requests int
	Per      time.Duration
	// Burst is how many requests may go back to back after the budget
	// was idle; 0 means 1 (an even spacing, which gives the highest
	// sustained rate: every request of a burst beyond the first is taken
	// from the sustained rate so that no window exceeds Requests).
	Burst int
}

// The budgets of Clerk's Backend API, per secret key.
var (
	// Production is the limit of a production instance: 1000 requests per
	// 10 seconds.
	Production = Limit{Requests: 1000, Per: 10 * time.Second}
	// Development is the limit of a development instance: 100 requests
	// per 10 seconds.
	Development = Limit{Requests: 100, Per: 10 * time.Second}
)

// Defaults of a new Limiter.
const (
	// DefaultPrefix starts every key the Limiter writes.
	DefaultPrefix = "clerkgo:ratelimit:"
	// DefaultTimeout bounds each call to Redis.
	DefaultTimeout = 100 * time.Millisecond
	// DefaultProbeInterval is how often a Limiter that fell back to its
	// local budget asks Redis again.
	DefaultProbeInterval = time.Second
	// FirstCallTimeout is the least time a Limiter's first calls to
	// Redis get (at least 10 times the timeout set by WithTimeout): they
	// dial a connection and may load the script.
	FirstCallTimeout = time.Second
	// DefaultMargin is the share of the budget held back for network
	// jitter between the Limiter and the API.
	DefaultMargin = 0.05
)

// Option configures a Limiter.
type Option func(*config) error

type config struct {
	prefix   string
	timeout  time.Duration
	probe    time.Duration
	margin   float64
	replicas int
	logger   *slog.Logger
}

// WithPrefix sets the prefix of the Redis key (default DefaultPrefix). The
// key is the prefix followed by a hash of the secret key.
func WithPrefix(p string) Option {
	return func(c *config) error { c.prefix = p; return nil }
}

// WithTimeout bounds each call to Redis (default DefaultTimeout). A call
// that takes longer counts as Redis being unavailable.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &core.InvalidInputError{Field: "WithTimeout", Reason: "must be positive"}
		}
		c.timeout = d
		return nil
	}
}

// WithProbeInterval sets how often a Limiter running on its local fallback
// tries Redis again (default DefaultProbeInterval, with ±10% jitter). The
// probe runs in a goroutine of its own, which ends when Redis answers; no
// call waits for it.
func WithProbeInterval(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &core.InvalidInputError{Field: "WithProbeInterval", Reason: "must be positive"}
		}
		c.probe = d
		return nil
	}
}

// WithReplicas says how many replicas share the budget (default 1). While
// Redis is unavailable each Limiter falls back to 1/n of the budget, so
// that the fleet as a whole stays within it.
func WithReplicas(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return &core.InvalidInputError{Field: "WithReplicas", Reason: "must be at least 1"}
		}
		c.replicas = n
		return nil
	}
}

// WithMargin holds back a share of the budget (0 <= m < 1, default
// DefaultMargin): the API counts requests when they arrive, not when the
// Limiter let them go, and a little spare keeps jitter in between from
// turning into 429s.
func WithMargin(m float64) Option {
	return func(c *config) error {
		if math.IsNaN(m) || m < 0 || m >= 1 {
			return &core.InvalidInputError{Field: "WithMargin", Reason: "must be in [0, 1)"}
		}
		c.margin = m
		return nil
	}
}

// WithLogger logs the switches to the local fallback and back (warn and
// info level). The Limiter is silent by default. The secret key is never
// logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return &core.InvalidInputError{Field: "WithLogger", Reason: "must not be nil"}
		}
		c.logger = l
		return nil
	}
}

// Limiter is a budget shared through Redis. It implements clerk.Limiter
// (Wait) and core.RateLimitObserver (ObserveRateLimit). It is safe for
// concurrent use; make one per process and secret key. It needs no Close:
// its only goroutine runs while Redis is unavailable (the probe) and ends
// when Redis answers.
type Limiter struct {
	rdb       redis.Scripter
	keys      []string
	interval  int64 // µs between slots
	tolerance int64 // µs: (burst-1) * interval
	timeout   time.Duration
	probe     time.Duration
	logger    *slog.Logger
	local     *rate.Limiter

	ctxBound bool // the client honours context deadlines on its own
	degraded atomic.Bool
	warm     atomic.Bool // a call to Redis has completed
	// mu serializes the switches; back is closed when Redis answers
	// again after a switch to the fallback.
	mu       sync.Mutex
	back     chan struct{}
	lastSlot atomic.Int64 // unix ns of the latest shared slot handed to this replica
	// graceUntil (unix ns): just back from the fallback, shared
	// admissions also wait on the local share until then.
	graceUntil atomic.Int64
	localGap   time.Duration // 1 / the local share's rate

	script *redis.Script

	roundTrips, shared, localN, refused, failures, pauses atomic.Int64
}

var _ core.RateLimitObserver = (*Limiter)(nil)

// gcraSource is the script (see gcra.lua).
//
//go:embed gcra.lua
var gcraSource string

// New returns a Limiter for the budget of secretKey on the Redis behind
// rdb. The secret key is only hashed (into the Redis key); pass the same
// key as to clerk.NewClient so that every replica of the same instance
// shares one budget. Nothing is sent to Redis until the first Wait.
func New(rdb redis.Scripter, secretKey string, limit Limit, opts ...Option) (*Limiter, error) {
	if v := reflect.ValueOf(rdb); rdb == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return nil, &core.InvalidInputError{Field: "rdb", Reason: "must not be nil"}
	}
	if secretKey == "" {
		return nil, &core.InvalidInputError{Field: "secretKey", Reason: "must not be empty"}
	}
	if limit.Requests <= 0 || limit.Per <= 0 || limit.Burst < 0 {
		return nil, &core.InvalidInputError{Field: "limit", Reason: "Requests and Per must be positive, Burst not negative"}
	}
	cfg := config{prefix: DefaultPrefix, timeout: DefaultTimeout, probe: DefaultProbeInterval, margin: DefaultMargin, replicas: 1}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	burst := max(limit.Burst, 1)
	// What the Limiter hands out per window: the budget less the margin.
	n := limit.Requests - int(math.Ceil(float64(limit.Requests)*cfg.margin))
	if n < burst {
		return nil, &core.InvalidInputError{Field: "limit", Reason: fmt.Sprintf("Burst %d exceeds the %d requests per window left after the margin", burst, n)}
	}
	// GCRA with spacing T and tolerance (b-1)T admits fewer than Per/T + b
	// requests in any window of length Per; T = Per/(n-b+1), rounded up,
	// keeps that at n at most.
	slots := int64(n - burst + 1)
	interval := (limit.Per.Microseconds() + slots - 1) / slots
	if limit.Per.Microseconds() < slots {
		return nil, &core.InvalidInputError{Field: "limit", Reason: "more than one request per microsecond"}
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	sum := sha256.Sum256([]byte("clerkgo/redislimit\x00" + secretKey))
	// The local share: a whole number of requests per window for each
	// replica, since a token bucket with that rate and a burst of 1 fits
	// at most that many in any window: the fleet as a whole, each on its
	// own, then stays within the budget.
	localRate := rate.Limit(float64(n) / limit.Per.Seconds() / float64(cfg.replicas))
	if k := n / cfg.replicas; k >= 1 {
		localRate = rate.Limit(float64(k) / limit.Per.Seconds())
	}
	return &Limiter{
		rdb:       rdb,
		ctxBound:  honoursDeadlines(rdb),
		keys:      []string{cfg.prefix + hex.EncodeToString(sum[:16])},
		interval:  interval,
		tolerance: int64(burst-1) * interval,
		timeout:   cfg.timeout,
		probe:     cfg.probe,
		logger:    cfg.logger,
		local:     rate.NewLimiter(localRate, max(burst/cfg.replicas, 1)),
		localGap:  time.Duration(float64(time.Second) / float64(localRate)),
		script:    redis.NewScript(gcraSource),
	}, nil
}

// Key is the Redis key holding the budget's state (the prefix and a hash of
// the secret key).
func (l *Limiter) Key() string { return l.keys[0] }

// Stats are a Limiter's counters since New.
type Stats struct {
	// RoundTrips counts the commands sent to Redis (EVALSHA, and EVAL
	// when Redis did not know the script yet), failed ones included.
	RoundTrips int64
	// Shared counts Waits admitted by the shared budget, Local those
	// admitted by the local fallback, Refused those that failed because
	// the next slot was past the context's deadline.
	Shared, Local, Refused int64
	// Failures counts the calls to Redis that failed or timed out.
	Failures int64
	// Pauses counts the 429s recorded in Redis.
	Pauses int64
	// Degraded reports whether the Limiter runs on its local fallback.
	Degraded bool
}

// Stats returns the Limiter's counters.
func (l *Limiter) Stats() Stats {
	return Stats{
		RoundTrips: l.roundTrips.Load(),
		Shared:     l.shared.Load(),
		Local:      l.localN.Load(),
		Refused:    l.refused.Load(),
		Failures:   l.failures.Load(),
		Pauses:     l.pauses.Load(),
		Degraded:   l.degraded.Load(),
	}
}

// ErrRedisTimeout is the failure of a call to Redis that did not answer
// within the Limiter's timeout.
var ErrRedisTimeout = errors.New("redislimit: Redis did not answer in time")

// Wait blocks until the shared budget has a slot for one request, or until
// the local fallback does while Redis is unavailable (and, for a short
// grace period after Redis is back, until both do). It fails at once,
// with an error matching context.DeadlineExceeded, when the next slot is
// past ctx's deadline (nothing is reserved then), and with ctx's error
// when ctx ends while waiting.
func (l *Limiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.degraded.Load() {
		return l.waitLocal(ctx)
	}
	if time.Now().UnixNano() < l.graceUntil.Load() {
		// Just back from the fallback: other replicas may still spend
		// their local shares until they probe, so keep to ours too, before
		// taking the shared slot (a slot taken first and spent later
		// would land on a slot of someone else's).
		if err := l.local.Wait(ctx); err != nil {
			return err
		}
	}
	return l.waitShared(ctx)
}

// waitShared takes a slot of the shared budget and sleeps until it, or
// falls back to the local share when Redis fails.
func (l *Limiter) waitShared(ctx context.Context) error {
	maxWait := int64(-1)
	if dl, ok := ctx.Deadline(); ok {
		maxWait = time.Until(dl).Microseconds()
		if maxWait <= 0 {
			return context.DeadlineExceeded
		}
	}
	ok, wait, err := l.call(ctx, maxWait, 0)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return l.waitLocal(ctx)
	}
	d := time.Duration(wait) * time.Microsecond
	if !ok {
		l.refused.Add(1)
		return fmt.Errorf("redislimit: the shared budget's next slot is %v away, past the context deadline: %w", d, context.DeadlineExceeded)
	}
	l.shared.Add(1)
	storeMax(&l.lastSlot, time.Now().Add(d).UnixNano())
	// The slot stays spent when ctx ends first: giving it back could hand
	// it out twice.
	return sleep(ctx, d)
}

// storeMax raises a to v unless it already holds more.
func storeMax(a *atomic.Int64, v int64) {
	for {
		cur := a.Load()
		if cur >= v || a.CompareAndSwap(cur, v) {
			return
		}
	}
}

// sleep waits d unless ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// ObserveRateLimit records a 429's Retry-After in Redis: no replica gets a
// slot before it has passed. Slots handed out before stay valid. The client
// calls it (core.RateLimitObserver) after it paused its own requests;
// while Redis is unavailable there is nothing more to do.
func (l *Limiter) ObserveRateLimit(ctx context.Context, retryAfter time.Duration) {
	if retryAfter <= 0 {
		return
	}
	if l.degraded.Load() {
		return
	}
	if _, _, err := l.call(context.WithoutCancel(ctx), -1, max(retryAfter.Microseconds(), 1)); err == nil {
		l.pauses.Add(1)
	}
}

// waitLocal waits on the local fallback budget. A waiter still waiting
// when Redis answers again gives its local token back and takes a shared
// slot instead.
func (l *Limiter) waitLocal(ctx context.Context) error {
	l.mu.Lock()
	back := l.back
	l.mu.Unlock()
	if back == nil {
		back = make(chan struct{}) // never closed
	}
	// The slots the shared budget handed out before Redis failed are
	// still being spent, by every replica: start the local share one
	// local interval after the last of them this replica knows of.
	if start := time.Unix(0, l.lastSlot.Load()+l.localGap.Nanoseconds()); time.Now().Before(start) {
		if dl, ok := ctx.Deadline(); ok && dl.Before(start) {
			l.refused.Add(1)
			return fmt.Errorf("redislimit: the local share starts in %v, past the context deadline: %w", time.Until(start), context.DeadlineExceeded)
		}
		switch err := sleepUnless(ctx, time.Until(start), back); {
		case errors.Is(err, errBack):
			return l.Wait(ctx)
		case err != nil:
			return err
		}
	}
	r := l.local.Reserve()
	if !r.OK() {
		return errors.New("redislimit: the local share cannot admit a request") // burst >= 1: not reached
	}
	d := r.Delay()
	at := time.Now().Add(d)
	if dl, ok := ctx.Deadline(); ok && at.After(dl) {
		r.Cancel()
		l.refused.Add(1)
		return fmt.Errorf("redislimit: the local share's next slot is %v away, past the context deadline: %w", d, context.DeadlineExceeded)
	}
	switch err := sleepUnless(ctx, d, back); {
	case errors.Is(err, errBack):
		// Redis is back, but other replicas may still be on their local
		// shares (see Wait): keep to the local slot, then take a shared
		// one too, so that Redis counts the request.
		if err := sleep(ctx, time.Until(at)); err != nil {
			r.Cancel()
			return err
		}
		return l.waitShared(ctx)
	case err != nil:
		r.Cancel()
		return err
	}
	l.localN.Add(1)
	return nil
}

// errBack: Redis answered again during a local wait.
var errBack = errors.New("redislimit: Redis is back")

// sleepUnless waits d unless ctx ends (its error) or back is closed
// (errBack) first.
func sleepUnless(ctx context.Context, d time.Duration, back <-chan struct{}) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-back:
		return errBack
	case <-ctx.Done():
		return ctx.Err()
	}
}

// probeLoop asks Redis, without spending anything, once per probe interval
// (with jitter) until it answers; it runs only while the Limiter is on its
// fallback, so that every replica returns within about one interval of
// Redis, whether or not it has calls waiting.
func (l *Limiter) probeLoop() {
	for l.degraded.Load() {
		t := time.NewTimer(time.Duration(l.probeGap()))
		<-t.C
		if !l.degraded.Load() {
			return
		}
		_, _, _ = l.call(context.Background(), -1, -1)
	}
}

// probeGap is the probe interval with ±10% jitter, so that replicas that
// lost Redis together do not probe it in step.
func (l *Limiter) probeGap() int64 {
	p := l.probe.Nanoseconds()
	return p - p/10 + rand.Int64N(p/5+1)
}

type reply struct {
	vals []int64
	err  error
}

// call runs the script with the Limiter's timeout; a Redis client that
// ignores context deadlines (go-redis without ContextTimeoutEnabled) is
// abandoned to finish in the background rather than waited for. Failures
// switch to the local fallback; the first success after them switches back.
func (l *Limiter) call(ctx context.Context, maxWait, pause int64) (ok bool, wait int64, err error) {
	timeout := l.timeout
	if !l.warm.Load() {
		// The first calls dial a connection and may load the script:
		// give them more time than a round trip.
		timeout = max(10*timeout, FirstCallTimeout)
	}
	short := false
	if dl, ok := ctx.Deadline(); ok {
		// Leave the caller half its time for the local fallback.
		if left := time.Until(dl) / 2; left < timeout {
			timeout, short = left, true
		}
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel() // only here: cancelled by the goroutine, it would race the answer
	var r reply
	if l.ctxBound {
		// The client ends the call at cctx's deadline itself.
		r.vals, r.err = l.run(cctx, maxWait, pause)
		if r.err != nil && cctx.Err() != nil {
			r.err = ErrRedisTimeout
			if ctx.Err() != nil {
				r.err = ctx.Err()
			}
		}
		return l.settle(ctx, r, short)
	}
	done := make(chan reply, 1)
	go func() {
		vals, err := l.run(cctx, maxWait, pause)
		done <- reply{vals, err}
	}()
	select {
	case r = <-done:
	case <-cctx.Done():
		select {
		case r = <-done: // answered just in time
		default:
			r.err = ErrRedisTimeout
			if ctx.Err() != nil {
				r.err = ctx.Err()
			}
		}
	}
	return l.settle(ctx, r, short)
}

// settle counts a call's outcome and switches between the shared budget and
// the local fallback. A timeout shortened by the caller's deadline says
// nothing about Redis: that caller falls back alone.
func (l *Limiter) settle(ctx context.Context, r reply, short bool) (ok bool, wait int64, err error) {
	l.warm.Store(true)
	if r.err == nil && len(r.vals) != 2 {
		r.err = fmt.Errorf("redislimit: unexpected script answer %v", r.vals)
	}
	if r.err != nil {
		if ctx.Err() == nil && !(short && errors.Is(r.err, ErrRedisTimeout)) {
			l.failures.Add(1)
			l.degrade(r.err)
		}
		return false, 0, r.err
	}
	if l.degraded.Load() {
		l.recover()
	}
	return r.vals[0] == 1, r.vals[1], nil
}

// run sends EVALSHA, and EVAL when Redis does not know the script (after a
// restart or a SCRIPT FLUSH), counting each round trip.
func (l *Limiter) run(ctx context.Context, maxWait, pause int64) ([]int64, error) {
	args := []any{l.interval, l.tolerance, maxWait, pause}
	l.roundTrips.Add(1)
	vals, err := l.script.EvalSha(ctx, l.rdb, l.keys, args...).Int64Slice()
	if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
		l.roundTrips.Add(1)
		vals, err = l.script.Eval(ctx, l.rdb, l.keys, args...).Int64Slice()
	}
	return vals, err
}

// degrade switches to the local fallback, logging the switch, and starts
// probing Redis.
func (l *Limiter) degrade(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.degraded.Load() {
		return
	}
	l.degraded.Store(true)
	l.back = make(chan struct{})
	// Start the local share empty: the shared budget was just being
	// spent, and a full bucket on every replica would add a burst on top
	// of it.
	l.local.AllowN(time.Now(), l.local.Burst())
	go l.probeLoop()
	l.logger.Warn("redislimit: Redis unavailable; falling back to the local share of the budget",
		slog.String("key", l.keys[0]), slog.String("error", err.Error()))
}

// recover switches back to the shared budget and wakes the local waiters.
func (l *Limiter) recover() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.degraded.Load() {
		return
	}
	// Every replica probes within 1.1 probe intervals of Redis's return;
	// until then some still spend their local share. (Set before the
	// waiters wake.)
	l.graceUntil.Store(time.Now().Add(l.probe * 12 / 10).UnixNano())
	l.degraded.Store(false)
	close(l.back)
	l.logger.Info("redislimit: Redis answers again; back to the shared budget", slog.String("key", l.keys[0]))
}

// honoursDeadlines reports whether rdb is a go-redis client that ends a
// call at its context's deadline (ContextTimeoutEnabled). Other clients
// are called from a goroutine that the Limiter stops waiting for at the
// timeout, which costs a little latency per call.
func honoursDeadlines(rdb redis.Scripter) bool {
	switch c := rdb.(type) {
	case *redis.Client:
		return c.Options().ContextTimeoutEnabled
	case *redis.ClusterClient:
		return c.Options().ContextTimeoutEnabled
	case *redis.Ring:
		return c.Options().ContextTimeoutEnabled
	}
	return false
}
