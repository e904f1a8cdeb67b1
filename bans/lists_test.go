package bans_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/bans"
	"github.com/google/go-cmp/cmp"
)

func allowItem(id string) string {
	return fmt.Sprintf(`{"object":"allowlist_identifier","id":%q,"identifier":"%s@example.com","identifier_type":"email_address",
		"instance_id":"ins_1","created_at":1764547200000,"updated_at":1764547200000}`, id, id)
}

// allowPager answers allowlist pages from ids, as an envelope or (bare) as
// an array.
func allowPager(ids []string, bare bool) func(int, call) reply {
	return func(_ int, c call) reply {
		limit, _ := strconv.Atoi(c.Query.Get("limit"))
		offset, _ := strconv.Atoi(c.Query.Get("offset"))
		var parts []string
		for _, id := range ids[min(offset, len(ids)):min(offset+limit, len(ids))] {
			parts = append(parts, allowItem(id))
		}
		arr := "[" + strings.Join(parts, ",") + "]"
		if bare {
			return reply{Status: http.StatusOK, Body: arr}
		}
		return reply{Status: http.StatusOK, Body: fmt.Sprintf(`{"data":%s,"total_count":%d}`, arr, len(ids))}
	}
}

func TestAllAllowlistIdentifiers(t *testing.T) {
	t.Parallel()
	all := []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"}
	tests := []struct {
		name        string
		ids         []string
		bare        bool
		wantOffsets []string
	}{
		{"envelope", all, false, []string{"", "3", "6"}},
		{"envelope, total on a full page", all[:6], false, []string{"", "3"}},
		{"bare array", all, true, []string{"", "3", "6"}},
		{"bare array, exact multiple", all[:6], true, []string{"", "3", "6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, allowPager(tt.ids, tt.bare))
			var got []string
			for it, err := range c.Bans.AllAllowlistIdentifiers(context.Background(), &bans.ListAllowlistParams{Limit: 3}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, it.ID)
			}
			if diff := cmp.Diff(tt.ids, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			var offsets []string
			for _, c := range f.Calls() {
				offsets = append(offsets, c.Query.Get("offset"))
				if c.Path != "/allowlist_identifiers" || c.Query.Get("paginated") != "true" || c.Query.Get("limit") != "3" {
					t.Errorf("request %s?%s", c.Path, c.Query.Encode())
				}
			}
			if diff := cmp.Diff(tt.wantOffsets, offsets); diff != "" {
				t.Errorf("offsets (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("break stops the walk", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, allowPager(all, false))
		for range c.Bans.AllAllowlistIdentifiers(context.Background(), &bans.ListAllowlistParams{Limit: 3}) {
			break
		}
		if n := len(f.Calls()); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}

func TestAllBlocklistIdentifiers(t *testing.T) {
	t.Parallel()
	t.Run("one request, every entry", func(t *testing.T) {
		t.Parallel()
		body := `{"data":[` + strings.ReplaceAll(allowItem("b1"), "allowlist", "blocklist") + "," +
			strings.ReplaceAll(allowItem("b2"), "allowlist", "blocklist") + `],"total_count":2}`
		c, f := newFake(t, always(http.StatusOK, body))
		var got []string
		for it, err := range c.Bans.AllBlocklistIdentifiers(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, it.ID)
		}
		if diff := cmp.Diff([]string{"b1", "b2"}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		calls := f.Calls()
		if len(calls) != 1 {
			t.Fatalf("%d requests, want 1", len(calls))
		}
		checkCall(t, calls[0], http.MethodGet, "/blocklist_identifiers", nil, "")
	})
	t.Run("lazy, break, error", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, always(http.StatusPaymentRequired, errorBody("feature_requires_paid_plan", "paid feature")))
		seq := c.Bans.AllBlocklistIdentifiers(context.Background())
		if n := len(f.Calls()); n != 0 {
			t.Fatalf("%d requests before ranging, want 0", n)
		}
		for it, err := range seq {
			if it != nil || !errors.Is(err, clerk.ErrPaymentRequired) {
				t.Errorf("got %v, %v", it, err)
			}
		}
	})
}
