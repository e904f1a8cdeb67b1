package organizations_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk"
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
// derived from the input's email so that order can be checked; fail makes
// call number n fail with the given status.
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

func bulkIDs(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("inv_u%d@x.io", i))
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

// TestCreateInvitationsChunks: 25 invitations go out as 10, 10 and 5, in
// order, and come back in input order.
func TestCreateInvitationsChunks(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, echoBulk(-1, 0))
	got, err := c.Organizations.CreateInvitations(context.Background(), "org_1", bulkInputs(25))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bulkIDs(0, 25), invIDs(got)); diff != "" {
		t.Errorf("invitations (-want +got):\n%s", diff)
	}
	reqs := rec.all()
	var sizes []int
	var emails []string
	for _, r := range reqs {
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
	if diff := cmp.Diff([]int{10, 10, 5}, sizes); diff != "" {
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

// TestCreateInvitationsPartialFailure: when the second call fails, the
// first ten invitations are returned with a BulkError naming the created,
// failed and unsent inputs, and no further call is made.
func TestCreateInvitationsPartialFailure(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, echoBulk(1, http.StatusUnprocessableEntity))
	got, err := c.Organizations.CreateInvitations(context.Background(), "org_1", bulkInputs(25))
	if diff := cmp.Diff(bulkIDs(0, 10), invIDs(got)); diff != "" {
		t.Errorf("invitations (-want +got):\n%s", diff)
	}
	var be *organizations.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	seq := func(from, to int) []int {
		var s []int
		for i := from; i < to; i++ {
			s = append(s, i)
		}
		return s
	}
	if diff := cmp.Diff(seq(0, 10), be.Created); diff != "" {
		t.Errorf("Created (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(seq(10, 20), be.Failed); diff != "" {
		t.Errorf("Failed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(seq(20, 25), be.NotSent); diff != "" {
		t.Errorf("NotSent (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(seq(10, 25), be.Unprocessed()); diff != "" {
		t.Errorf("Unprocessed (-want +got):\n%s", diff)
	}
	if !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("errors.Is(err, ErrUnprocessable) = false for %v", err)
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("errors.As APIError: %v", err)
	}
	const wantMsg = "inputs 0-9 created, 10-19 failed, 20-24 not sent"
	if msg := err.Error(); !contains(msg, wantMsg) {
		t.Errorf("message %q does not contain %q", msg, wantMsg)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("got %d requests, want 2", n)
	}
}

// TestCreateInvitationsFirstCallFails: nothing created, nothing returned.
func TestCreateInvitationsFirstCallFails(t *testing.T) {
	t.Parallel()
	c, _, _ := newClient(t, echoBulk(0, http.StatusForbidden))
	got, err := c.Organizations.CreateInvitations(context.Background(), "org_1", bulkInputs(3))
	if len(got) != 0 {
		t.Errorf("got %d invitations, want 0", len(got))
	}
	var be *organizations.BulkError
	if !errors.As(err, &be) || len(be.Created) != 0 || len(be.Failed) != 3 || len(be.NotSent) != 0 {
		t.Fatalf("err = %#v", err)
	}
	if msg := err.Error(); !contains(msg, "inputs none created, 0-2 failed, none not sent") {
		t.Errorf("message = %q", msg)
	}
	if !errors.Is(err, clerk.ErrForbidden) {
		t.Errorf("errors.Is(err, ErrForbidden) = false")
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
