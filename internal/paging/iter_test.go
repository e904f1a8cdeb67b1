package paging_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/pagination"
	"github.com/google/go-cmp/cmp"
)

// item is the listed resource of these tests.
type item struct {
	ID     string `json:"id"`
	Object string `json:"object"`
}

// fakeList serves items in pages and records every cursor it was asked for.
type fakeList struct {
	mu       sync.Mutex
	items    []*item
	envelope bool
	// total overrides the envelope's total_count when >= 0.
	total int64
	// failAt makes the n-th fetch (1-based) fail.
	failAt int
	calls  []paging.Cursor
}

var errBoom = errors.New("boom")

func newList(n int, envelope bool) *fakeList {
	l := &fakeList{envelope: envelope, total: -1}
	for i := range n {
		l.items = append(l.items, &item{ID: fmt.Sprintf("it_%02d", i)})
	}
	return l
}

func (l *fakeList) fetch(ctx context.Context, c paging.Cursor) (*pagination.Page[item], error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
	if l.failAt == len(l.calls) {
		return nil, errBoom
	}
	start := c.Offset
	if c.StartingAfter != "" {
		start = len(l.items)
		for i, it := range l.items {
			if it != nil && it.ID == c.StartingAfter {
				start = i + 1
			}
		}
	}
	start = min(start, len(l.items))
	end := min(start+c.Limit, len(l.items))
	p := &pagination.Page[item]{Data: l.items[start:end]}
	if l.envelope {
		p.HasTotal = true
		p.TotalCount = int64(len(l.items))
		if l.total >= 0 {
			p.TotalCount = l.total
		}
	}
	return p, nil
}

func (l *fakeList) cursors() []paging.Cursor {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]paging.Cursor(nil), l.calls...)
}

func ids(n, from int) []string {
	var out []string
	for i := from; i < from+n; i++ {
		out = append(out, fmt.Sprintf("it_%02d", i))
	}
	return out
}

func TestAll(t *testing.T) {
	t.Parallel()
	off := func(limit, offset int) paging.Cursor { return paging.Cursor{Limit: limit, Offset: offset} }
	after := func(limit int, id string) paging.Cursor {
		return paging.Cursor{Limit: limit, StartingAfter: id}
	}
	tests := []struct {
		name        string
		list        func() *fakeList
		walk        paging.Walk[item]
		stopAfter   int // break after this many items (0: never)
		wantIDs     []string
		wantCursors []paging.Cursor
		wantErr     error
	}{
		{
			name:        "bare arrays across several pages, ending on a short page",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10},
			wantIDs:     ids(25, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10), off(10, 20)},
		},
		{
			name:        "bare arrays, exact multiple: one empty page ends it",
			list:        func() *fakeList { return newList(20, false) },
			walk:        paging.Walk[item]{Limit: 10},
			wantIDs:     ids(20, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10), off(10, 20)},
		},
		{
			name:        "envelope, exact multiple: the total ends it",
			list:        func() *fakeList { return newList(20, true) },
			walk:        paging.Walk[item]{Limit: 10},
			wantIDs:     ids(20, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10)},
		},
		{
			name: "stops at total_count even if more pages would come",
			list: func() *fakeList {
				l := newList(40, true)
				l.total = 20
				return l
			},
			walk:        paging.Walk[item]{Limit: 10},
			wantIDs:     ids(20, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10)},
		},
		{
			name: "stops on a short page even if the total says more",
			list: func() *fakeList {
				l := newList(15, true)
				l.total = 100
				return l
			},
			walk:        paging.Walk[item]{Limit: 10},
			wantIDs:     ids(15, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10)},
		},
		{
			name:        "starting offset",
			list:        func() *fakeList { return newList(25, true) },
			walk:        paging.Walk[item]{Limit: 10, Offset: 12},
			wantIDs:     ids(13, 12),
			wantCursors: []paging.Cursor{off(10, 12), off(10, 22)},
		},
		{
			name:        "default and maximum page sizes",
			list:        func() *fakeList { return newList(3, false) },
			walk:        paging.Walk[item]{},
			wantIDs:     ids(3, 0),
			wantCursors: []paging.Cursor{off(pagination.WalkLimit, 0)},
		},
		{
			name:        "limit is clamped to the API maximum",
			list:        func() *fakeList { return newList(3, false) },
			walk:        paging.Walk[item]{Limit: 10000},
			wantIDs:     ids(3, 0),
			wantCursors: []paging.Cursor{off(pagination.MaxLimit, 0)},
		},
		{
			name:        "a break on the first page makes no other request",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10},
			stopAfter:   3,
			wantIDs:     ids(3, 0),
			wantCursors: []paging.Cursor{off(10, 0)},
		},
		{
			name:        "a break at a page's last item makes no other request",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10},
			stopAfter:   10,
			wantIDs:     ids(10, 0),
			wantCursors: []paging.Cursor{off(10, 0)},
		},
		{
			name:        "Max caps the walk",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10, Max: 12},
			wantIDs:     ids(12, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10)},
		},
		{
			name: "an error is yielded once and ends the walk",
			list: func() *fakeList {
				l := newList(25, false)
				l.failAt = 2
				return l
			},
			walk:        paging.Walk[item]{Limit: 10},
			wantIDs:     ids(10, 0),
			wantCursors: []paging.Cursor{off(10, 0), off(10, 10)},
			wantErr:     errBoom,
		},
		{
			name: "an error on the first page",
			list: func() *fakeList {
				l := newList(25, false)
				l.failAt = 1
				return l
			},
			walk:        paging.Walk[item]{Limit: 10},
			wantCursors: []paging.Cursor{off(10, 0)},
			wantErr:     errBoom,
		},
		{
			name:        "cursor mode pages after the last id",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10, CursorOf: func(it *item) string { return it.ID }},
			wantIDs:     ids(25, 0),
			wantCursors: []paging.Cursor{off(10, 0), after(10, "it_09"), after(10, "it_19")},
		},
		{
			name:        "cursor mode ignores the total after the first page",
			list:        func() *fakeList { return newList(20, true) },
			walk:        paging.Walk[item]{Limit: 10, CursorOf: func(it *item) string { return it.ID }},
			wantIDs:     ids(20, 0),
			wantCursors: []paging.Cursor{off(10, 0), after(10, "it_09"), after(10, "it_19")},
		},
		{
			name:        "cursor mode stops on an empty cursor",
			list:        func() *fakeList { return newList(25, false) },
			walk:        paging.Walk[item]{Limit: 10, CursorOf: func(*item) string { return "" }},
			wantIDs:     ids(10, 0),
			wantCursors: []paging.Cursor{off(10, 0)},
		},
		{
			name: "null items are skipped, in both modes",
			list: func() *fakeList {
				l := newList(4, false)
				l.items[1], l.items[3] = nil, nil
				return l
			},
			walk:        paging.Walk[item]{Limit: 4, CursorOf: func(it *item) string { return it.ID }},
			wantIDs:     []string{"it_00", "it_02"},
			wantCursors: []paging.Cursor{off(4, 0), after(4, "it_02")},
		},
		{
			name:        "empty list",
			list:        func() *fakeList { return newList(0, true) },
			walk:        paging.Walk[item]{Limit: 10},
			wantCursors: []paging.Cursor{off(10, 0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := tt.list()
			w := tt.walk
			w.Fetch = l.fetch
			seq := paging.All(context.Background(), w)
			if n := len(l.cursors()); n != 0 {
				t.Fatalf("%d requests before ranging: All must be lazy", n)
			}
			var got []string
			var errs []error
			for it, err := range seq {
				if err != nil {
					if it != nil {
						t.Errorf("error %v yielded with item %v", err, it)
					}
					errs = append(errs, err)
					continue // the walk must end by itself
				}
				got = append(got, it.ID)
				if tt.stopAfter > 0 && len(got) == tt.stopAfter {
					break
				}
			}
			if diff := cmp.Diff(tt.wantIDs, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantCursors, l.cursors()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantErr == nil && len(errs) > 0:
				t.Errorf("unexpected errors %v", errs)
			case tt.wantErr != nil && (len(errs) != 1 || !errors.Is(errs[0], tt.wantErr)):
				t.Errorf("errors %v, want %v exactly once", errs, tt.wantErr)
			}
		})
	}
}

func TestAllCanceledContext(t *testing.T) {
	t.Parallel()
	l := newList(25, false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	var errs []error
	for it, err := range paging.All(ctx, paging.Walk[item]{Limit: 10, Fetch: l.fetch}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, it.ID)
		if len(got) == 10 {
			cancel() // between pages: the next page is not fetched
		}
	}
	if len(got) != 10 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("items %d errors %v", len(got), errs)
	}
	if n := len(l.cursors()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestAllNilContext: a nil context is refused with an InvalidInputError
// before any fetch, with or without prefetching, and never panics.
func TestAllNilContext(t *testing.T) {
	t.Parallel()
	for _, prefetch := range []int{0, 4} {
		t.Run(fmt.Sprintf("prefetch %d", prefetch), func(t *testing.T) {
			t.Parallel()
			l := newList(5, false)
			var errs []error
			//lint:ignore SA1012 a nil context is the input under test
			for it, err := range paging.All(nil, paging.Walk[item]{Limit: 2, Prefetch: prefetch, Fetch: l.fetch}) {
				if it != nil {
					t.Errorf("item %v yielded", it.ID)
				}
				errs = append(errs, err)
			}
			var ie *core.InvalidInputError
			if len(errs) != 1 || !errors.As(errs[0], &ie) || ie.Field != "ctx" {
				t.Errorf("errors %v, want one InvalidInputError on ctx", errs)
			}
			if n := len(l.cursors()); n != 0 {
				t.Errorf("%d fetches, want 0", n)
			}
		})
	}
}

// TestAllReusable: each range over the sequence starts a fresh walk.
func TestAllReusable(t *testing.T) {
	t.Parallel()
	l := newList(5, false)
	seq := paging.All(context.Background(), paging.Walk[item]{Limit: 10, Fetch: l.fetch})
	for range 2 {
		n := 0
		for _, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 5 {
			t.Errorf("walk gave %d items", n)
		}
	}
	if len(l.cursors()) != 2 {
		t.Errorf("%d requests, want 2", len(l.cursors()))
	}
}

func TestDone(t *testing.T) {
	t.Parallel()
	full := func(n int) []*item { return make([]*item, n) }
	tests := []struct {
		name string
		page pagination.Page[item]
		cur  paging.Cursor
		want bool
	}{
		{"empty", pagination.Page[item]{}, paging.Cursor{Limit: 10}, true},
		{"short", pagination.Page[item]{Data: full(9)}, paging.Cursor{Limit: 10}, true},
		{"full bare", pagination.Page[item]{Data: full(10)}, paging.Cursor{Limit: 10}, false},
		{"full, total reached", pagination.Page[item]{Data: full(10), HasTotal: true, TotalCount: 30}, paging.Cursor{Limit: 10, Offset: 20}, true},
		{"full, total ahead", pagination.Page[item]{Data: full(10), HasTotal: true, TotalCount: 31}, paging.Cursor{Limit: 10, Offset: 20}, false},
		{"cursor page ignores total", pagination.Page[item]{Data: full(10), HasTotal: true, TotalCount: 1}, paging.Cursor{Limit: 10, StartingAfter: "x"}, false},
	}
	for _, tt := range tests {
		if got := paging.Done(&tt.page, tt.cur, tt.cur.Limit); got != tt.want {
			t.Errorf("%s: Done = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestAllCursorNeverYieldsTwice: a server that ignores starting_after (and
// answers the first page again, or a page overlapping the last one) ends a
// cursor walk with ErrCursorStuck before any item of the repeated page is
// yielded.
func TestAllCursorNeverYieldsTwice(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// pages answers the n-th fetch (the last repeats).
		pages     [][]string
		wantItems []string
		wantCalls int
	}{
		{"same page again", [][]string{{"a", "b"}}, []string{"a", "b"}, 2},
		{"overlap with the last page", [][]string{{"a", "b"}, {"b", "c"}}, []string{"a", "b"}, 2},
		{"earlier item without the cursor", [][]string{{"a", "b"}, {"c", "a"}}, []string{"a", "b"}, 2},
		{"progress, then stuck", [][]string{{"a", "b"}, {"c", "d"}, {"c", "d"}}, []string{"a", "b", "c", "d"}, 3},
		{"honoured cursor, short last page", [][]string{{"a", "b"}, {"c", "d"}, {"e"}}, []string{"a", "b", "c", "d", "e"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			w := paging.Walk[item]{
				Limit:    2,
				CursorOf: func(it *item) string { return it.ID },
				Fetch: func(ctx context.Context, c paging.Cursor) (*pagination.Page[item], error) {
					page := tt.pages[min(calls, len(tt.pages)-1)]
					calls++
					p := &pagination.Page[item]{}
					for _, id := range page {
						p.Data = append(p.Data, &item{ID: id})
					}
					return p, nil
				},
			}
			var errs []error
			var got []string
			for it, err := range paging.All(context.Background(), w) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, it.ID)
			}
			if diff := cmp.Diff(tt.wantItems, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			stuck := len(tt.wantItems) < 5
			if stuck && (len(errs) != 1 || !errors.Is(errs[0], pagination.ErrCursorStuck)) {
				t.Errorf("errors = %v, want one ErrCursorStuck", errs)
			}
			if !stuck && len(errs) != 0 {
				t.Errorf("errors = %v", errs)
			}
			if calls != tt.wantCalls {
				t.Errorf("%d calls, want %d", calls, tt.wantCalls)
			}
		})
	}
}
