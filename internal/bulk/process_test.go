package bulk_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/bulk"
	"github.com/google/go-cmp/cmp"
)

// fakeJob answers every chunk: it refuses the chunks holding a bad input
// with status (or fails them with fail, when set), and echoes the others.
func fakeJob(size int, bad map[int]bool, status int, fail error, calls *[][]int) bulk.Job[int, string] {
	return bulk.Job[int, string]{
		Op:   "Test.Many",
		Size: size,
		Key:  strconv.Itoa,
		Call: func(_ context.Context, chunk []int) ([]string, error) {
			*calls = append(*calls, slices.Clone(chunk))
			for _, v := range chunk {
				if bad[v] {
					if fail != nil {
						return nil, fail
					}
					return nil, &core.APIError{StatusCode: status}
				}
			}
			out := make([]string, len(chunk))
			for i, v := range chunk {
				out[i] = strconv.Itoa(v)
			}
			return out, nil
		},
	}
}

func TestProcess(t *testing.T) {
	t.Parallel()
	items := []int{0, 1, 2, 3, 4, 5}
	errNet := errors.New("connection reset")
	tests := []struct {
		name       string
		size       int
		bad        map[int]bool
		status     int
		fail       error
		stop       bool
		wantCalls  [][]int
		wantOut    []string
		wantStatus []core.BulkStatus // nil when every input is processed
	}{
		{
			name: "all processed", size: 4,
			wantCalls: [][]int{{0, 1, 2, 3}, {4, 5}},
			wantOut:   []string{"0", "1", "2", "3", "4", "5"},
		},
		{
			name: "no size sends one call", size: 0,
			wantCalls: [][]int{{0, 1, 2, 3, 4, 5}},
			wantOut:   []string{"0", "1", "2", "3", "4", "5"},
		},
		{
			name: "a 422 is split down to the bad input", size: 4, bad: map[int]bool{1: true}, status: http.StatusUnprocessableEntity,
			wantCalls:  [][]int{{0, 1, 2, 3}, {0, 1}, {0}, {1}, {2, 3}, {4, 5}},
			wantOut:    []string{"0", "2", "3", "4", "5"},
			wantStatus: []core.BulkStatus{core.BulkProcessed, core.BulkFailed, core.BulkProcessed, core.BulkProcessed, core.BulkProcessed, core.BulkProcessed},
		},
		{
			name: "a 500 fails the whole chunk and is not split", size: 4, bad: map[int]bool{1: true}, status: http.StatusInternalServerError,
			wantCalls:  [][]int{{0, 1, 2, 3}, {4, 5}},
			wantOut:    []string{"4", "5"},
			wantStatus: []core.BulkStatus{core.BulkFailed, core.BulkFailed, core.BulkFailed, core.BulkFailed, core.BulkProcessed, core.BulkProcessed},
		},
		{
			name: "a network error is not split", size: 4, bad: map[int]bool{5: true}, fail: errNet,
			wantCalls:  [][]int{{0, 1, 2, 3}, {4, 5}},
			wantOut:    []string{"0", "1", "2", "3"},
			wantStatus: []core.BulkStatus{core.BulkProcessed, core.BulkProcessed, core.BulkProcessed, core.BulkProcessed, core.BulkFailed, core.BulkFailed},
		},
		{
			name: "stop on error leaves the rest unsent", size: 2, bad: map[int]bool{2: true}, fail: errNet, stop: true,
			wantCalls:  [][]int{{0, 1}, {2, 3}},
			wantOut:    []string{"0", "1"},
			wantStatus: []core.BulkStatus{core.BulkProcessed, core.BulkProcessed, core.BulkFailed, core.BulkFailed, core.BulkNotSent, core.BulkNotSent},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls [][]int
			j := fakeJob(tt.size, tt.bad, tt.status, tt.fail, &calls)
			j.StopOnError = tt.stop
			out, err := bulk.Process(context.Background(), items, j)
			if diff := cmp.Diff(tt.wantCalls, calls); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantOut, out); diff != "" {
				t.Errorf("outputs (-want +got):\n%s", diff)
			}
			if tt.wantStatus == nil {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			var be *core.BulkError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v (%T), want a *core.BulkError", err, err)
			}
			if be.Op != "Test.Many" {
				t.Errorf("Op = %q", be.Op)
			}
			got := make([]core.BulkStatus, len(be.Items))
			for i, it := range be.Items {
				got[i] = it.Status
				if it.Index != i || it.Key != strconv.Itoa(i) {
					t.Errorf("item %d: Index %d Key %q", i, it.Index, it.Key)
				}
				if (it.Status == core.BulkFailed) != (it.Err != nil) {
					t.Errorf("item %d: status %v with error %v", i, it.Status, it.Err)
				}
			}
			if diff := cmp.Diff(tt.wantStatus, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProcessRefusesNilContext(t *testing.T) {
	t.Parallel()
	var calls [][]int
	//lint:ignore SA1012 a nil context is the input under test
	out, err := bulk.Process(nil, []int{1, 2}, fakeJob(1, nil, 0, nil, &calls))
	var ie *core.InvalidInputError
	if !errors.As(err, &ie) || ie.Field != "ctx" {
		t.Fatalf("err = %v (%T), want a *core.InvalidInputError on ctx", err, err)
	}
	if !errors.Is(err, core.ErrInvalidInput) {
		t.Errorf("err does not match core.ErrInvalidInput")
	}
	if out != nil || len(calls) != 0 {
		t.Errorf("out %v and %d calls, want nothing sent", out, len(calls))
	}
}

func TestProcessStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	j := bulk.Job[int, int]{
		Op: "Test.Many", Size: 1, Key: strconv.Itoa,
		Call: func(ctx context.Context, chunk []int) ([]int, error) {
			calls++
			cancel()
			return nil, ctx.Err()
		},
	}
	_, err := bulk.Process(ctx, []int{1, 2, 3}, j)
	var be *core.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *core.BulkError", err)
	}
	if calls != 1 {
		t.Errorf("%d calls after the context ended, want 1", calls)
	}
	if diff := cmp.Diff([]int{1, 2}, be.NotSent()); diff != "" {
		t.Errorf("NotSent (-want +got):\n%s", diff)
	}
}
