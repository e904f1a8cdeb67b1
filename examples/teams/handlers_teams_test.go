package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/organizations"
)

// TestCreateTeam creates a team and checks, through the SDK, that the
// caller and only the caller is its admin, whatever the body says.
func TestCreateTeam(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		wantName string
	}{
		{"plain", `{"name":"Grace Labs"}`, "Grace Labs"},
		{"name trimmed", `{"name":"  Grace Labs \n"}`, "Grace Labs"},
		{"body tries to pick the creator and roles", `{"name":"Grace Labs","created_by":"LINUS","user_id":"LINUS","role":"org:member","org_id":"ACME"}`, "Grace Labs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			body := strings.NewReplacer("LINUS", e.linus.id, "ACME", e.acme).Replace(tt.body)
			tok := e.token(e.grace.id, clerktest.WithOrg(e.acme, "org:member"))
			r := e.do(t, http.MethodPost, "/teams", tok, body)
			r.expect(t, http.StatusCreated, "")
			var got teamResponse
			r.decode(t, &got)
			if got.Name != tt.wantName || got.Role != roleAdmin || !strings.HasPrefix(got.ID, "org_") {
				t.Errorf("answer %+v", got)
			}

			if diff := cmp.Diff(map[string]string{e.grace.id: roleAdmin}, e.memberRoles(t, got.ID)); diff != "" {
				t.Errorf("members of the new team (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(map[string]string{e.ada.id: roleAdmin, e.grace.id: "org:member"}, e.memberRoles(t, e.acme)); diff != "" {
				t.Errorf("members of Acme changed (-want +got):\n%s", diff)
			}

			// Two explicit steps: an organization without created_by, then
			// the caller's admin membership.
			reqs := e.fake.Requests()
			if len(reqs) < 2 {
				t.Fatalf("requests %v", e.calls())
			}
			wantCalls := []string{"POST /v1/organizations", "POST /v1/organizations/" + got.ID + "/memberships"}
			if diff := cmp.Diff(wantCalls, e.calls()[:2]); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			var orgBody, memBody map[string]any
			if err := json.Unmarshal(reqs[0].Body, &orgBody); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(reqs[1].Body, &memBody); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(map[string]any{"name": tt.wantName}, orgBody); diff != "" {
				t.Errorf("organization body (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(map[string]any{"user_id": e.grace.id, "role": roleAdmin}, memBody); diff != "" {
				t.Errorf("membership body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCreateTeamInvalid refuses bodies before any Backend API call.
func TestCreateTeamInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.token(e.grace.id)
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		reason      string
	}{
		{"no name", "application/json", `{}`, http.StatusUnprocessableEntity, "invalid_name"},
		{"blank name", "application/json", `{"name":"   "}`, http.StatusUnprocessableEntity, "invalid_name"},
		{"name too long", "application/json", `{"name":"` + strings.Repeat("é", 257) + `"}`, http.StatusUnprocessableEntity, "invalid_name"},
		{"name not a string", "application/json", `{"name":42}`, http.StatusBadRequest, "malformed_json"},
		{"not JSON", "application/json", `name=x`, http.StatusBadRequest, "malformed_json"},
		{"two objects", "application/json", `{"name":"a"}{"name":"b"}`, http.StatusBadRequest, "malformed_json"},
		{"no body", "application/json", ``, http.StatusBadRequest, "malformed_json"},
		{"form", "application/x-www-form-urlencoded", `name=x`, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"no content type", "", `{"name":"x"}`, http.StatusUnsupportedMediaType, "unsupported_media_type"},
		{"too large", "application/json", `{"name":"x","pad":"` + strings.Repeat("x", maxBodySize) + `"}`, http.StatusRequestEntityTooLarge, "body_too_large"},
	}
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				req, err := http.NewRequest(http.MethodPost, e.url+"/teams", strings.NewReader(tt.body))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+tok)
				if tt.contentType != "" {
					req.Header.Set("Content-Type", tt.contentType)
				}
				send(t, req).expect(t, tt.status, tt.reason)
			})
		}
	})
	if calls := e.calls(); len(calls) != 0 {
		t.Errorf("invalid requests reached the Backend API: %v", calls)
	}
}

// TestCreateTeamMembershipFails makes the admin membership fail and checks
// that no organization is left behind (or, when even the delete fails,
// that the orphan is logged).
func TestCreateTeamMembershipFails(t *testing.T) {
	t.Parallel()
	membership := clerktest.Fault{Method: http.MethodPost, PathPrefix: "/v1/organizations/org_"}
	with := func(f clerktest.Fault, edit func(*clerktest.Fault)) clerktest.Fault { edit(&f); return f }
	tests := []struct {
		name       string
		faults     []clerktest.Fault
		status     int
		reason     string
		retryAfter string
		orphan     bool
	}{
		{
			name:   "server error",
			faults: []clerktest.Fault{with(membership, func(f *clerktest.Fault) { f.Status = 500 })},
			status: http.StatusBadGateway, reason: "upstream_failed",
		},
		{
			name:   "rate limited",
			faults: []clerktest.Fault{with(membership, func(f *clerktest.Fault) { f.Status = 429; f.RetryAfter = time.Second })},
			status: http.StatusServiceUnavailable, reason: "rate_limited", retryAfter: "1",
		},
		{
			name:   "answer lost",
			faults: []clerktest.Fault{with(membership, func(f *clerktest.Fault) { f.CloseConn = true })},
			status: http.StatusBadGateway, reason: "outcome_unknown",
		},
		{
			name: "delete fails too",
			faults: []clerktest.Fault{
				with(membership, func(f *clerktest.Fault) { f.Status = 500 }),
				{Method: http.MethodDelete, PathPrefix: "/v1/organizations/", Status: 500},
			},
			status: http.StatusBadGateway, reason: "upstream_failed", orphan: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			for _, f := range tt.faults {
				e.fake.InjectFault(f)
			}
			r := e.do(t, http.MethodPost, "/teams", e.token(e.grace.id), `{"name":"Doomed"}`)
			r.expect(t, tt.status, tt.reason)
			if got := r.header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
			}

			calls := e.calls()
			if len(calls) != 3 || calls[0] != "POST /v1/organizations" || !strings.HasPrefix(calls[2], "DELETE /v1/organizations/org_") {
				t.Fatalf("calls %v, want create, membership, delete", calls)
			}
			orgID := strings.TrimPrefix(calls[2], "DELETE /v1/organizations/")

			page, err := e.client.Organizations.List(t.Context(), &organizations.ListParams{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range page.Data {
				names = append(names, o.Name)
			}
			slices.Sort(names)
			want := []string{"Acme Inc.", "Globex"}
			if tt.orphan {
				want = []string{"Acme Inc.", "Doomed", "Globex"}
				if logs := e.logs.String(); !strings.Contains(logs, "orphaned organization") || !strings.Contains(logs, orgID) {
					t.Errorf("the orphan was not logged: %s", logs)
				}
			}
			if diff := cmp.Diff(want, names); diff != "" {
				t.Errorf("organizations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCreateTeamCreateFails reports a failed create without any cleanup
// call: there is nothing to clean up.
func TestCreateTeamCreateFails(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.fake.InjectFault(clerktest.Fault{Method: http.MethodPost, PathPrefix: "/v1/organizations", Status: 503})
	e.do(t, http.MethodPost, "/teams", e.token(e.grace.id), `{"name":"Doomed"}`).expect(t, http.StatusBadGateway, "upstream_failed")
	if diff := cmp.Diff([]string{"POST /v1/organizations"}, e.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

// TestListMembers streams the active organization's members, across
// pages, and ignores any attempt to name another organization.
func TestListMembers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(d *Deps) { d.MembersPageSize = 2 })
	acme := []string{e.ada.id, e.grace.id}
	for _, name := range []string{"Ken", "Barbara", "Edsger"} {
		id, err := e.fake.TryAddUser(clerktest.User{FirstName: name, Email: strings.ToLower(name) + "@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.fake.TryAddMembership(e.acme, id, "org:member"); err != nil {
			t.Fatal(err)
		}
		acme = append(acme, id)
	}
	empty, err := e.fake.TryAddOrganization(clerktest.Organization{Name: "Empty"})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(acme)

	tests := []struct {
		name    string
		path    string
		token   string
		org     string
		want    []string
		offsets []string
	}{
		{"admin of Acme, three pages", "/teams/current/members", e.adminToken(), e.acme, acme, []string{"", "2", "4"}},
		{"another organization in the query", "/teams/current/members?org_id=" + e.globex + "&organization_id=" + e.globex,
			e.adminToken(), e.acme, acme, []string{"", "2", "4"}},
		{"admin of Globex", "/teams/current/members", e.token(e.linus.id, clerktest.WithOrg(e.globex, roleAdmin)),
			e.globex, []string{e.linus.id}, []string{""}},
		{"organization without members", "/teams/current/members", e.token(e.linus.id, clerktest.WithOrg(empty, roleAdmin)),
			empty, []string{}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: each row counts its own Backend API calls.
			e.fake.ResetRequests()
			r := e.do(t, http.MethodGet, tt.path, tt.token, "")
			r.expect(t, http.StatusOK, "")
			var got []member
			r.decode(t, &got)
			ids := []string{}
			for _, m := range got {
				ids = append(ids, m.UserID)
				if m.Role == "" || m.JoinedAt == 0 || m.Identifier == "" {
					t.Errorf("incomplete member %+v", m)
				}
			}
			slices.Sort(ids)
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("members (-want +got):\n%s", diff)
			}
			// One member per line between the brackets.
			if lines := strings.Count(string(r.body), "\n"); len(got) > 0 && lines != len(got)+2 {
				t.Errorf("%d lines for %d members: %q", lines, len(got), r.body)
			}

			var offsets []string
			for _, req := range e.fake.Requests() {
				if req.Method != http.MethodGet || req.Path != "/v1/organizations/"+tt.org+"/memberships" {
					t.Errorf("call %s %s", req.Method, req.Path)
				}
				if q := req.Query; q.Get("limit") != "2" || q.Get("order_by") != "created_at" {
					t.Errorf("query %v", q)
				}
				offsets = append(offsets, req.Query.Get("offset"))
			}
			if diff := cmp.Diff(tt.offsets, offsets); diff != "" {
				t.Errorf("pages (-want +got):\n%s", diff)
			}
		})
	}
}

// TestListMembersErrors answers a failure of the first page with a proper
// error status.
func TestListMembersErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		fault      *clerktest.Fault
		org        string
		status     int
		reason     string
		retryAfter string
	}{
		{"rate limited", &clerktest.Fault{Status: 429, RetryAfter: 2 * time.Second}, "", http.StatusServiceUnavailable, "rate_limited", "2"},
		{"organization gone", nil, "org_gone", http.StatusNotFound, "resource_not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if tt.fault != nil {
				e.fake.InjectFault(*tt.fault)
			}
			org := e.acme
			if tt.org != "" {
				org = tt.org
			}
			r := e.do(t, http.MethodGet, "/teams/current/members", e.token(e.ada.id, clerktest.WithOrg(org, roleAdmin)), "")
			r.expect(t, tt.status, tt.reason)
			if got := r.header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
			}
		})
	}
}

// failingMemberships is an organizations.API whose AllMemberships fails
// after n members, to cut a stream in the middle. Every other method is
// the real one: handlers depend on the interface, so a test swaps just
// what it needs.
type failingMemberships struct {
	organizations.API
	n int
}

// AllMemberships yields n members of the real walk, then an error.
func (f failingMemberships) AllMemberships(ctx context.Context, orgID string, p *organizations.ListMembershipsParams, opts ...clerk.RequestOption) iter.Seq2[*organizations.Membership, error] {
	return func(yield func(*organizations.Membership, error) bool) {
		i := 0
		for m, err := range f.API.AllMemberships(ctx, orgID, p, opts...) {
			if i == f.n {
				yield(nil, errors.New("page 2 failed"))
				return
			}
			if !yield(m, err) || err != nil {
				return
			}
			i++
		}
	}
}

// TestListMembersStreamCut checks that a failure after the first member
// aborts the response, so the client cannot mistake a partial list for
// the whole team.
func TestListMembersStreamCut(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(d *Deps) { d.Organizations = failingMemberships{API: d.Organizations, n: 1} })
	req, err := http.NewRequest(http.MethodGet, e.url+"/teams/current/members", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.adminToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	body, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Fatalf("the body ended cleanly: %q", body)
	}
	if json.Valid(body) {
		t.Errorf("a cut stream is valid JSON: %q", body)
	}
	if logs := e.logs.String(); !strings.Contains(logs, "members stream aborted") {
		t.Errorf("not logged: %s", logs)
	}
}
