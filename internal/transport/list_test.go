package transport_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk/internal/paging"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
	"github.com/google/go-cmp/cmp"
)

type item struct {
	ID string `json:"id"`
}

type listParams struct {
	Status []string `query:"status"`
	Limit  *int     `query:"limit"`
	Offset *int     `query:"offset"`
}

func TestList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	two := 2
	tests := []struct {
		name      string
		reply     string
		list      func(b *transport.Backend) (*pagination.Page[item], error)
		wantQuery string
		want      *pagination.Page[item]
	}{
		{
			name:  "envelope with params",
			reply: `{"data":[{"id":"a"}],"total_count":7}`,
			list: func(b *transport.Backend) (*pagination.Page[item], error) {
				return transport.List[item](ctx, b, "/things", &listParams{Status: []string{"x", "y"}, Limit: &two})
			},
			wantQuery: "limit=2&status=x&status=y", // url.Values.Encode sorts the keys
			want:      &pagination.Page[item]{Data: []*item{{ID: "a"}}, TotalCount: 7, HasTotal: true},
		},
		{
			name:  "bare array without params",
			reply: `[{"id":"a"},{"id":"b"}]`,
			list: func(b *transport.Backend) (*pagination.Page[item], error) {
				return transport.List[item](ctx, b, "/things", nil)
			},
			want: &pagination.Page[item]{Data: []*item{{ID: "a"}, {ID: "b"}}},
		},
		{
			name:  "paginated asks for the total",
			reply: `{"data":[],"total_count":0}`,
			list: func(b *transport.Backend) (*pagination.Page[item], error) {
				return transport.ListPaginated[item](ctx, b, "/things", (*listParams)(nil))
			},
			wantQuery: "paginated=true",
			want:      &pagination.Page[item]{Data: []*item{}, HasTotal: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(t, step{status: http.StatusOK, body: tt.reply})
			got, err := tt.list(newBackend(t, srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("page (-want +got):\n%s", diff)
			}
			reqs := srv.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if r := reqs[0]; r.method != http.MethodGet || r.escapedPath != "/v1/things" || r.rawQuery != tt.wantQuery {
				t.Errorf("request = %s %s?%s, want GET /v1/things?%s", r.method, r.escapedPath, r.rawQuery, tt.wantQuery)
			}
		})
	}
}

func TestListRefusesBadParams(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: http.StatusOK, body: `[]`})
	b := newBackend(t, srv.URL)
	_, err := transport.List[item](context.Background(), b, "/things", &listParams{Status: make([]string, transport.MaxFilterValues+1)})
	if !errors.Is(err, transport.ErrInvalidInput) {
		t.Errorf("err = %v, want ErrInvalidInput", err)
	}
	if n := srv.count(); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}

func TestWalk(t *testing.T) {
	t.Parallel()
	t.Run("pages from the caller's limit and offset", func(t *testing.T) {
		t.Parallel()
		limit, offset := 2, 1
		var cursors []paging.Cursor
		seq := transport.Walk(context.Background(), &limit, &offset, func(_ context.Context, c paging.Cursor) (*pagination.Page[item], error) {
			cursors = append(cursors, c)
			if c.Offset >= 3 {
				return &pagination.Page[item]{Data: []*item{{ID: "c"}}}, nil
			}
			return &pagination.Page[item]{Data: []*item{{ID: "a"}, {ID: "b"}}}, nil
		})
		var ids []string
		for it, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, it.ID)
		}
		if diff := cmp.Diff([]string{"a", "b", "c"}, ids); diff != "" {
			t.Errorf("items (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]paging.Cursor{{Limit: 2, Offset: 1}, {Limit: 2, Offset: 3}}, cursors); diff != "" {
			t.Errorf("cursors (-want +got):\n%s", diff)
		}
	})
	t.Run("nil limit and offset use the walk's defaults", func(t *testing.T) {
		t.Parallel()
		var got paging.Cursor
		for _, err := range transport.Walk(context.Background(), nil, nil, func(_ context.Context, c paging.Cursor) (*pagination.Page[item], error) {
			got = c
			return &pagination.Page[item]{}, nil
		}) {
			t.Fatalf("yielded %v from an empty list", err)
		}
		if want := (paging.Cursor{Limit: pagination.WalkLimit}); got != want {
			t.Errorf("cursor = %+v, want %+v", got, want)
		}
	})
	t.Run("nil context is an error, not a panic", func(t *testing.T) {
		t.Parallel()
		fetched := false
		var errs []error
		//lint:ignore SA1012 a nil context is the input under test
		for _, err := range transport.Walk(nil, nil, nil, func(context.Context, paging.Cursor) (*pagination.Page[item], error) {
			fetched = true
			return &pagination.Page[item]{}, nil
		}) {
			errs = append(errs, err)
		}
		if len(errs) != 1 || !errors.Is(errs[0], transport.ErrInvalidInput) {
			t.Errorf("errors = %v, want one ErrInvalidInput", errs)
		}
		if fetched {
			t.Error("fetch was called")
		}
	})
}
