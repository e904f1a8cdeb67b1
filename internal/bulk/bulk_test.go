package bulk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/google/go-cmp/cmp"
)

func TestRun(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	items := make([]int, 25)
	for i := range items {
		items[i] = i
	}
	tests := []struct {
		name       string
		size       int
		failAt     int // index of the failing call, -1 for none
		wantChunks []int
		wantOut    int
		wantStop   *bulk.Stop
	}{
		{name: "all succeed", size: 10, failAt: -1, wantChunks: []int{10, 10, 5}, wantOut: 25},
		{name: "first call fails", size: 10, failAt: 0, wantChunks: []int{10}, wantStop: &bulk.Stop{Start: 0, End: 10, N: 25, Err: errBoom}},
		{name: "middle call fails", size: 10, failAt: 1, wantChunks: []int{10, 10}, wantOut: 10, wantStop: &bulk.Stop{Start: 10, End: 20, N: 25, Err: errBoom}},
		{name: "last call fails", size: 10, failAt: 2, wantChunks: []int{10, 10, 5}, wantOut: 20, wantStop: &bulk.Stop{Start: 20, End: 25, N: 25, Err: errBoom}},
		{name: "no size sends one call", size: 0, failAt: -1, wantChunks: []int{25}, wantOut: 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var chunks []int
			out, stop := bulk.Run(context.Background(), items, tt.size, func(_ context.Context, chunk []int) ([]string, error) {
				if cap(chunk) != len(chunk) {
					t.Errorf("chunk capacity %d reaches past its %d items", cap(chunk), len(chunk))
				}
				chunks = append(chunks, len(chunk))
				if len(chunks)-1 == tt.failAt {
					return nil, errBoom
				}
				got := make([]string, len(chunk))
				for i, v := range chunk {
					got[i] = string(rune('a' + v))
				}
				return got, nil
			})
			if diff := cmp.Diff(tt.wantChunks, chunks); diff != "" {
				t.Errorf("chunk sizes (-want +got):\n%s", diff)
			}
			if len(out) != tt.wantOut {
				t.Errorf("%d outputs, want %d", len(out), tt.wantOut)
			}
			for i, s := range out {
				if s != string(rune('a'+i)) {
					t.Errorf("out[%d] = %q: outputs out of input order", i, s)
				}
			}
			if diff := cmp.Diff(tt.wantStop, stop, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("stop (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStopRanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                         string
		stop                         bulk.Stop
		processed, failed, unsentIxs []int
	}{
		{"first of two", bulk.Stop{Start: 0, End: 2, N: 3}, nil, []int{0, 1}, []int{2}},
		{"last", bulk.Stop{Start: 2, End: 3, N: 3}, []int{0, 1}, []int{2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.processed, tt.stop.Processed()); diff != "" {
				t.Errorf("Processed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.failed, tt.stop.Failed()); diff != "" {
				t.Errorf("Failed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.unsentIxs, tt.stop.NotSent()); diff != "" {
				t.Errorf("NotSent (-want +got):\n%s", diff)
			}
		})
	}
}
