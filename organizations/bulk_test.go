package organizations_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/organizations"
	"github.com/google/go-cmp/cmp"
)

func bulkInputs(n int) []*organizations.CreateInvitationParams {
	in := make([]*organizations.CreateInvitationParams, n)
	for i := range in {
		in[i] = &organizations.CreateInvitationParams{EmailAddress: fmt.Sprintf("u%d@x.io", i), Role: "org:member"}
	}
	return in
}

// echoBulk answers a bulk call with one invitation per input, its ID
// derived from the input's email so that order can be checked; call
// number failCall fails with the given status.
func echoBulk(failCall, status int) func(int, *http.Request) (int, string) {
	return func(n int, r *http.Request) (int, string) {
		if n == failCall {
			return status, `{"errors":[{"code":"form_param_format_invalid","message":"invalid"}]}`
		}
		var in []struct {
			EmailAddress string `json:"email_address"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return http.StatusBadRequest, `{"errors":[{"code":"bad","message":"bad"}]}`
		}
		var items []string
		for _, p := range in {
			items = append(items, invitationItem("inv_"+p.EmailAddress))
		}
		return http.StatusOK, envelope(len(items), items...)
	}
}

func bulkIDs(ranges ...[2]int) []string {
	var out []string
	for _, r := range ranges {
		for i := r[0]; i < r[1]; i++ {
			out = append(out, fmt.Sprintf("inv_u%d@x.io", i))
		}
	}
	return out
}

func invIDs(invs []*organizations.Invitation) []string {
	var out []string
	for _, inv := range invs {
		out = append(out, inv.ID)
	}
	return out
}

// seq returns from, from+1, ..., to-1.
func seq(from, to int) []int {
	var s []int
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

// TestCreateManyInvitationsChunks: 25 invitations go out as 10, 10 and 5,
// in order, and come back in input order.
func TestCreateManyInvitationsChunks(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, echoBulk(-1, 0))
	got, err := c.Organizations.CreateManyInvitations(context.Background(), "org_1", bulkInputs(25))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bulkIDs([2]int{0, 25}), invIDs(got)); diff != "" {
		t.Errorf("invitations (-want +got):\n%s", diff)
	}
	var sizes []int
	var emails []string
	for _, r := range rec.all() {
		if r.Method != http.MethodPost || r.Path != "/v1/organizations/org_1/invitations/bulk" {
			t.Errorf("request = %s %s", r.Method, r.Path)
		}
		var in []map[string]any
		if err := json.Unmarshal(r.Body, &in); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(in))
		for _, p := range in {
			emails = append(emails, p["email_address"].(string))
		}
	}
	if diff := cmp.Diff([]int{organizations.CreateManyInvitationsLimit, organizations.CreateManyInvitationsLimit, 5}, sizes); diff != "" {
		t.Errorf("chunk sizes (-want +got):\n%s", diff)
	}
	var want []string
	for i := range 25 {
		want = append(want, fmt.Sprintf("u%d@x.io", i))
	}
	if diff := cmp.Diff(want, emails); diff != "" {
		t.Errorf("sent order (-want +got):\n%s", diff)
	}
}

// TestCreateManyInvitationsFailures: how a failed chunk is reported, and
// which chunks are sent after it.
func TestCreateManyInvitationsFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		failCall  int
		status    int
		opts      []core.RequestOption
		created   []string
		processed []int
		failed    []int
		notSent   []int
		requests  int
		sentinel  error
	}{
		{
			// A 5xx may have been processed: the chunk is failed whole,
			// not split, not replayed; the next chunk still goes out.
			name: "server error on the second chunk", failCall: 1, status: http.StatusInternalServerError,
			created:   bulkIDs([2]int{0, 10}, [2]int{20, 25}),
			processed: append(seq(0, 10), seq(20, 25)...), failed: seq(10, 20),
			requests: 3, sentinel: clerk.ErrServer,
		},
		{
			// 403 refuses the call but says nothing about which input:
			// the chunk is failed whole, the others are attempted.
			name: "forbidden first chunk", failCall: 0, status: http.StatusForbidden,
			created:   bulkIDs([2]int{10, 25}),
			processed: seq(10, 25), failed: seq(0, 10),
			requests: 3, sentinel: clerk.ErrForbidden,
		},
		{
			name: "stop on error", failCall: 1, status: http.StatusForbidden, opts: []core.RequestOption{clerk.WithStopOnError()},
			created:   bulkIDs([2]int{0, 10}),
			processed: seq(0, 10), failed: seq(10, 20), notSent: seq(20, 25),
			requests: 2, sentinel: clerk.ErrForbidden,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, rec, _ := newClient(t, echoBulk(tt.failCall, tt.status))
			got, err := c.Organizations.CreateManyInvitations(context.Background(), "org_1", bulkInputs(25), tt.opts...)
			if diff := cmp.Diff(tt.created, invIDs(got)); diff != "" {
				t.Errorf("invitations (-want +got):\n%s", diff)
			}
			var be *core.BulkError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want *core.BulkError", err)
			}
			if be.Op != "Organizations.CreateManyInvitations" || len(be.Items) != 25 {
				t.Errorf("Op = %q, %d items", be.Op, len(be.Items))
			}
			if diff := cmp.Diff(tt.processed, be.Processed()); diff != "" {
				t.Errorf("Processed (-want +got):\n%s", diff)
			}
			var failed []int
			for _, it := range be.Failed() {
				failed = append(failed, it.Index)
				if want := fmt.Sprintf("u%d@x.io", it.Index); it.Key != want {
					t.Errorf("item %d Key = %q, want %q", it.Index, it.Key, want)
				}
			}
			if diff := cmp.Diff(tt.failed, failed); diff != "" {
				t.Errorf("Failed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notSent, be.NotSent()); diff != "" {
				t.Errorf("NotSent (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(err, %v) = false for %v", tt.sentinel, err)
			}
			var apiErr *clerk.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Errorf("errors.As APIError: %v", err)
			}
			if n := len(rec.all()); n != tt.requests {
				t.Errorf("got %d requests, want %d", n, tt.requests)
			}
		})
	}
}

// TestCreateManyInvitationsIsolatesBadEmails runs against the fake API,
// which refuses a whole bulk call with 422 when one address is invalid:
// of 25 invitations with 2 bad addresses, the 23 good ones are created,
// the 2 bad ones are named with the API's error, and no address is sent
// again once a call carrying it succeeded.
func TestCreateManyInvitationsIsolatesBadEmails(t *testing.T) {
	t.Parallel()
	srv, c := newFake(t)
	orgID, _ := seedOrgWithMember(t, srv, c, nil)
	in := bulkInputs(25)
	bad := map[int]bool{7: true, 18: true}
	for i := range bad {
		in[i].EmailAddress = fmt.Sprintf("not-an-email-%d", i)
	}

	got, err := c.Organizations.CreateManyInvitations(t.Context(), orgID, in)

	if len(got) != 23 {
		t.Errorf("created %d invitations, want 23", len(got))
	}
	var be *core.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *core.BulkError", err)
	}
	failed := be.Failed()
	if len(failed) != 2 {
		t.Fatalf("failed = %+v, want the 2 bad addresses", failed)
	}
	for _, it := range failed {
		var apiErr *clerk.APIError
		if !bad[it.Index] || it.Key != in[it.Index].EmailAddress || !errors.As(it.Err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("failed item %+v: want a bad address with its 422 APIError", it)
		}
	}
	if n := len(be.Processed()); n != 23 || len(be.NotSent()) != 0 {
		t.Errorf("processed %d, not sent %v; want 23 and none", n, be.NotSent())
	}

	// Count, per address, the calls that carried it and succeeded.
	created := map[string]int{}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.Path, "/invitations/bulk") {
			t.Errorf("unexpected request %s %s", r.Method, r.Path)
			continue
		}
		var body []struct {
			EmailAddress string `json:"email_address"`
		}
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		if r.Status != http.StatusOK {
			continue
		}
		for _, b := range body {
			created[b.EmailAddress]++
		}
	}
	for i, p := range in {
		want := 1
		if bad[i] {
			want = 0
		}
		if created[p.EmailAddress] != want {
			t.Errorf("%s was in %d successful calls, want %d", p.EmailAddress, created[p.EmailAddress], want)
		}
	}
	page, err := c.Organizations.ListInvitations(t.Context(), orgID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalCount != 23 {
		t.Errorf("the fake holds %d invitations, want 23", page.TotalCount)
	}
}

// Malformed input is refused before any request, with the index of the
// faulty entry in the field name.
func TestCreateManyInvitationsRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    []*organizations.CreateInvitationParams
		field string
	}{
		{"empty list", nil, "params"},
		{"nil entry", []*organizations.CreateInvitationParams{{EmailAddress: "a@x.io", Role: "org:member"}, nil}, "params[1].params"},
		{"missing role", []*organizations.CreateInvitationParams{{EmailAddress: "a@x.io"}}, "params[0].role"},
		{"non-object metadata", []*organizations.CreateInvitationParams{{EmailAddress: "a@x.io", Role: "org:member", PublicMetadata: []int{1}}}, "params[0].public_metadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, rec, _ := newClient(t, echoBulk(-1, 0))
			_, err := c.Organizations.CreateManyInvitations(context.Background(), "org_1", tt.in)
			var ie *clerk.InvalidInputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Errorf("err = %v, want an InvalidInputError on %s", err, tt.field)
			}
			if n := len(rec.all()); n != 0 {
				t.Errorf("sent %d requests", n)
			}
		})
	}
}

// A nil context is refused before any request, not a panic.
func TestCreateManyInvitationsRefusesNilContext(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, echoBulk(-1, 0))
	in := []*organizations.CreateInvitationParams{{EmailAddress: "a@x.io", Role: "org:member"}}
	//lint:ignore SA1012 a nil context must be refused, not panic
	_, err := c.Organizations.CreateManyInvitations(nil, "org_1", in)
	var ie *clerk.InvalidInputError
	if !errors.As(err, &ie) || ie.Field != "ctx" {
		t.Errorf("err = %v, want an InvalidInputError on ctx", err)
	}
	if n := len(rec.all()); n != 0 {
		t.Errorf("sent %d requests", n)
	}
}
