package paging_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/pagination"
	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
)

// TestMain fails the package when any test leaves a goroutine behind (a
// prefetching walk must wait for every fetch it started).
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestWithPrefetch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []core.RequestOption
		want int
	}{
		{"not set", nil, 0},
		{"nil option", []core.RequestOption{nil}, 0},
		{"zero", []core.RequestOption{core.WithPrefetch(0)}, 1},
		{"negative", []core.RequestOption{core.WithPrefetch(-3)}, 1},
		{"one", []core.RequestOption{core.WithPrefetch(1)}, 1},
		{"four", []core.RequestOption{core.WithPrefetch(4)}, 4},
		{"capped", []core.RequestOption{core.WithPrefetch(1000)}, core.MaxPrefetch},
		{"last wins", []core.RequestOption{core.WithPrefetch(4), core.WithPrefetch(2)}, 2},
	}
	for _, tt := range tests {
		if got := core.ApplyRequestOptions(tt.opts).Prefetch; got != tt.want {
			t.Errorf("%s: Prefetch = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// slowList is fakeList with a delay per fetch and counters of the fetches
// in flight.
type slowList struct {
	*fakeList
	delay    time.Duration
	active   atomic.Int32
	peak     atomic.Int32
	canceled atomic.Int32
}

func (s *slowList) fetch(ctx context.Context, c paging.Cursor) (*pagination.Page[item], error) {
	n := s.active.Add(1)
	defer s.active.Add(-1)
	for {
		p := s.peak.Load()
		if n <= p || s.peak.CompareAndSwap(p, n) {
			break
		}
	}
	if s.delay > 0 {
		select {
		case <-time.After(s.delay):
		case <-ctx.Done():
			s.canceled.Add(1)
			return nil, ctx.Err()
		}
	}
	return s.fakeList.fetch(ctx, c)
}

func offsets(cs []paging.Cursor) []int {
	var out []int
	for _, c := range cs {
		if c.StartingAfter != "" {
			out = append(out, -1)
			continue
		}
		out = append(out, c.Offset)
	}
	slices.Sort(out)
	return out
}

func TestAllPrefetch(t *testing.T) {
	t.Parallel()
	upTo := func(from, to, step int) []int {
		var out []int
		for o := from; o < to; o += step {
			out = append(out, o)
		}
		return out
	}
	tests := []struct {
		name      string
		list      func() *fakeList
		walk      paging.Walk[item]
		n         int
		stopAfter int
		wantIDs   []string
		// wantOffsets must all be requested; at most extra more, each
		// past the end of the list.
		wantOffsets []int
		extra       int
		wantErr     error
	}{
		{
			name:        "bare arrays: items in order, at most n-1 requests past the end",
			list:        func() *fakeList { return newList(95, false) },
			walk:        paging.Walk[item]{Limit: 10},
			n:           4,
			wantIDs:     ids(95, 0),
			wantOffsets: upTo(0, 100, 10),
			extra:       3,
		},
		{
			name:        "envelope: the total stops the fetching exactly",
			list:        func() *fakeList { return newList(100, true) },
			walk:        paging.Walk[item]{Limit: 10},
			n:           4,
			wantIDs:     ids(100, 0),
			wantOffsets: upTo(0, 100, 10),
		},
		{
			name:        "a list that fits one page costs one request",
			list:        func() *fakeList { return newList(5, false) },
			walk:        paging.Walk[item]{Limit: 10},
			n:           8,
			wantIDs:     ids(5, 0),
			wantOffsets: []int{0},
		},
		{
			name:        "empty list",
			list:        func() *fakeList { return newList(0, false) },
			walk:        paging.Walk[item]{Limit: 10},
			n:           8,
			wantOffsets: []int{0},
		},
		{
			name:        "starting offset",
			list:        func() *fakeList { return newList(45, true) },
			walk:        paging.Walk[item]{Limit: 10, Offset: 7},
			n:           3,
			wantIDs:     ids(38, 7),
			wantOffsets: []int{7, 17, 27, 37},
		},
		{
			name:        "Max bounds the requests too",
			list:        func() *fakeList { return newList(95, false) },
			walk:        paging.Walk[item]{Limit: 10, Max: 25},
			n:           8,
			wantIDs:     ids(25, 0),
			wantOffsets: []int{0, 10, 20},
		},
		{
			name:        "a break stops the walk; fetches ahead are cancelled",
			list:        func() *fakeList { return newList(95, false) },
			walk:        paging.Walk[item]{Limit: 10},
			n:           4,
			stopAfter:   15,
			wantIDs:     ids(15, 0),
			wantOffsets: []int{0, 10},
			extra:       3,
		},
		{
			name: "an error is yielded once, after the items before it",
			list: func() *fakeList {
				l := newList(95, true)
				l.failAt = 3 // the probe, then two of the prefetched pages
				return l
			},
			walk:        paging.Walk[item]{Limit: 10},
			n:           4,
			wantOffsets: []int{0, 10, 20},
			extra:       2,
			wantErr:     errBoom,
		},
		{
			name:        "cursor walks ignore the setting",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10, CursorOf: func(it *item) string { return it.ID }},
			n:           8,
			wantIDs:     ids(25, 0),
			wantOffsets: []int{-1, -1, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := &slowList{fakeList: tt.list(), delay: 2 * time.Millisecond}
			w := tt.walk
			w.Fetch = l.fetch
			w.Prefetch = tt.n
			seq := paging.All(context.Background(), w)
			if n := len(l.cursors()); n != 0 {
				t.Fatalf("%d requests before ranging: All must be lazy", n)
			}
			var got []string
			var errs []error
			for it, err := range seq {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, it.ID)
				if tt.stopAfter > 0 && len(got) == tt.stopAfter {
					break
				}
			}
			if a := l.active.Load(); a != 0 {
				t.Errorf("%d fetches still running after the walk returned", a)
			}
			if p := l.peak.Load(); p > int32(tt.n) {
				t.Errorf("%d fetches in flight at once, want at most %d", p, tt.n)
			}
			if tt.wantErr != nil {
				// Which pages arrived before the failing one depends on
				// timing; the order of what was yielded does not.
				if len(errs) != 1 || !errors.Is(errs[0], tt.wantErr) {
					t.Fatalf("errors %v, want %v exactly once", errs, tt.wantErr)
				}
				if want := ids(len(got), 0); !slices.Equal(got, want) {
					t.Errorf("items before the error out of order: %v", got)
				}
			} else {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors %v", errs)
				}
				if diff := cmp.Diff(tt.wantIDs, got); diff != "" {
					t.Errorf("items (-want +got):\n%s", diff)
				}
			}
			offs := offsets(l.cursors())
			for _, o := range tt.wantOffsets {
				if !slices.Contains(offs, o) && tt.wantErr == nil {
					t.Errorf("offset %d never requested (requests %v)", o, offs)
				}
			}
			if n := len(offs); n > len(tt.wantOffsets)+tt.extra {
				t.Errorf("%d requests %v, want at most %d", n, offs, len(tt.wantOffsets)+tt.extra)
			}
			if len(offs) != len(slices.Compact(slices.Clone(offs))) && tt.walk.CursorOf == nil {
				t.Errorf("an offset was requested twice: %v", offs)
			}
		})
	}
}

// TestAllPrefetchOverlaps proves the fetches really run together: a walk
// of 20 pages of 20 ms each with 5 in flight takes about a fifth of the
// sequential time.
func TestAllPrefetchOverlaps(t *testing.T) {
	t.Parallel()
	const pages, delay, n = 20, 20 * time.Millisecond, 5
	l := &slowList{fakeList: newList(pages*10, true), delay: delay}
	start := time.Now()
	count := 0
	for _, err := range paging.All(context.Background(), paging.Walk[item]{Limit: 10, Fetch: l.fetch, Prefetch: n}) {
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	elapsed := time.Since(start)
	if count != pages*10 {
		t.Fatalf("%d items", count)
	}
	if p := l.peak.Load(); p != n {
		t.Errorf("peak in flight %d, want %d", p, n)
	}
	// Sequential: 400 ms. Five at a time: ~100 ms; allow for a slow,
	// shared machine but stay well under the sequential time.
	if elapsed > pages*delay*3/4 {
		t.Errorf("walk took %v; sequential would take %v", elapsed, pages*delay)
	}
}

// TestAllPrefetchCancel: cancelling the caller's context mid-walk ends it
// with the context's error, and every fetch in flight sees the
// cancellation and has returned before All does.
func TestAllPrefetchCancel(t *testing.T) {
	t.Parallel()
	l := &slowList{fakeList: newList(1000, false), delay: time.Hour}
	var mu sync.Mutex
	first := true
	w := paging.Walk[item]{Limit: 10, Fetch: func(ctx context.Context, c paging.Cursor) (*pagination.Page[item], error) {
		mu.Lock()
		fast := first
		first = false
		mu.Unlock()
		if fast {
			return l.fakeList.fetch(ctx, c)
		}
		return l.fetch(ctx, c) // blocks until cancelled
	}, Prefetch: 4}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	n := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, err := range paging.All(ctx, w) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if n++; n == 10 {
				time.AfterFunc(20*time.Millisecond, cancel)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("walk did not end after cancel")
	}
	if n != 10 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("items %d, errors %v", n, errs)
	}
	if a := l.active.Load(); a != 0 {
		t.Errorf("%d fetches still running", a)
	}
	if c := l.canceled.Load(); c != 4 {
		t.Errorf("%d fetches saw the cancellation, want 4", c)
	}
}
