package transport_test

import (
	"errors"
	"fmt"
	"net/url"
	"testing"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/google/go-cmp/cmp"
)

type pageParams struct {
	Limit  *int `query:"limit"`
	Offset *int `query:"offset"`
}

type queryParams struct {
	pageParams
	IDs      []string `query:"user_id"`
	Query    *string  `query:"query"`
	Banned   *bool    `query:"banned"`
	Since    *int64   `query:"since"`
	Plain    string   `query:"plain"`
	Flag     bool     `query:"flag"`
	Count    int      `query:"count"`
	Size     uint     `query:"size"`
	Skipped  string   `query:"-"`
	Untagged string
	hidden   string  `query:"hidden"` //nolint:unused // must be ignored
	Opt      *string `query:"opt,omitempty"`
}

func TestEncodeQuery(t *testing.T) {
	t.Parallel()
	hundred := make([]string, 100)
	for i := range hundred {
		hundred[i] = fmt.Sprint("user_", i)
	}
	tests := []struct {
		name   string
		params any
		want   url.Values
	}{
		{"nil", nil, url.Values{}},
		{"nil pointer", (*queryParams)(nil), url.Values{}},
		{"zero struct", &queryParams{}, url.Values{}},
		{"repeated keys without brackets", &queryParams{IDs: []string{"a", "+b", "-c"}},
			url.Values{"user_id": {"a", "+b", "-c"}}},
		{"pointers send zero values", &queryParams{Query: ptr(""), Banned: ptr(false), Since: ptr(int64(0))},
			url.Values{"query": {""}, "banned": {"false"}, "since": {"0"}}},
		{"offset=0 is dropped, limit kept", &queryParams{pageParams: pageParams{Limit: ptr(10), Offset: ptr(0)}},
			url.Values{"limit": {"10"}}},
		{"offset > 0 kept", &queryParams{pageParams: pageParams{Offset: ptr(20)}}, url.Values{"offset": {"20"}}},
		{"plain values only when set", &queryParams{Plain: "p", Flag: true, Count: 3, Size: 4, Skipped: "s", Untagged: "u", hidden: "h"},
			url.Values{"plain": {"p"}, "flag": {"true"}, "count": {"3"}, "size": {"4"}}},
		{"tag options ignored", &queryParams{Opt: ptr("o")}, url.Values{"opt": {"o"}}},
		{"value struct with an embedded struct", queryParams{Plain: "v", pageParams: pageParams{Limit: ptr(5)}},
			url.Values{"plain": {"v"}, "limit": {"5"}}},
		{"100 values", &queryParams{IDs: hundred}, url.Values{"user_id": hundred}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := transport.EncodeQuery(tt.params)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEncodeQueryRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params any
		field  string
	}{
		{"101 values", &queryParams{IDs: make([]string, 101)}, "user_id"},
		{"not a struct", map[string]string{"a": "b"}, "params"},
		{"a string", "limit=1", "params"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q, err := transport.EncodeQuery(tt.params)
			var inv *transport.InvalidInputError
			if q != nil || !errors.As(err, &inv) || inv.Field != tt.field {
				t.Errorf("EncodeQuery = %v, %v; want an InvalidInputError on %q", q, err, tt.field)
			}
		})
	}
}

func TestAppendQueryKeepsExisting(t *testing.T) {
	t.Parallel()
	q := url.Values{"paginated": {"true"}}
	if err := transport.AppendQuery(q, &queryParams{IDs: []string{"a"}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(url.Values{"paginated": {"true"}, "user_id": {"a"}}, q); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if transport.Itoa(42) != "42" {
		t.Error("Itoa")
	}
}
