package paging

import (
	"context"
	"github.com/clerkgo/clerk/pagination"
	"iter"
	"sync"
)

// fetchResult is one prefetched page, or its error.
type fetchResult[T any] struct {
	page *pagination.Page[T]
	err  error
}

// pending is a fetch in flight: the cursor it asked for and where its
// answer will land.
type pending[T any] struct {
	cur Cursor
	out chan fetchResult[T]
}

// allPrefetch is All for offset walks with up to n fetches in flight. It
// starts with one fetch, so that a list that fits one page (the common
// case) costs one request; once a full page proves there is more, it keeps
// n in flight, never past a known total or Max. Pages are read in the order
// they were asked for, so items come out in order whatever order the
// answers arrive in.
func allPrefetch[T any](ctx context.Context, w Walk[T], limit, n int) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		// Runs cancel first, then waits: no fetch outlives the walk.
		defer wg.Wait()
		defer cancel()

		next := w.Offset
		total := int64(-1)
		var queue []pending[T]
		launch := func() {
			p := pending[T]{cur: Cursor{Limit: limit, Offset: next}, out: make(chan fetchResult[T], 1)}
			next += limit
			queue = append(queue, p)
			wg.Add(1)
			go func() {
				defer wg.Done()
				page, err := w.Fetch(ctx, p.cur)
				p.out <- fetchResult[T]{page: page, err: err}
			}()
		}
		wanted := func() bool {
			if total >= 0 && int64(next) >= total {
				return false
			}
			return w.Max <= 0 || next-w.Offset < w.Max
		}

		seen := 0
		for {
			if len(queue) == 0 {
				if err := ctx.Err(); err != nil {
					yield(nil, err)
					return
				}
				launch()
			}
			head := queue[0]
			queue = queue[1:]
			r := <-head.out
			if r.err != nil {
				yield(nil, r.err)
				return
			}
			page := r.page
			if page == nil {
				return
			}
			if page.HasTotal {
				total = page.TotalCount
			}
			done := Done(page, head.cur, limit)
			if !done {
				// Refill before handing out the items, so the fetches
				// run while the caller works through this page.
				for len(queue) < n && wanted() && ctx.Err() == nil {
					launch()
				}
			}
			for _, item := range page.Data {
				if item == nil {
					continue
				}
				if !yield(item, nil) {
					return
				}
				seen++
				if w.Max > 0 && seen >= w.Max {
					return
				}
			}
			if done {
				return
			}
		}
	}
}
