package invitations_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/invitations"
	"github.com/google/go-cmp/cmp"
)

const invitationJSON = `{
	"object": "invitation",
	"id": "inv_1",
	"email_address": "ada@example.com",
	"public_metadata": {"plan": "pro", "seats": 3},
	"revoked": false,
	"status": "pending",
	"url": "https://accounts.example.com/sign-up?__clerk_ticket=t1",
	"expires_at": 1767225600000,
	"created_at": 1764547200000,
	"updated_at": 1764547201000
}`

func invJSON(id, email, status string) string {
	return fmt.Sprintf(`{"object":"invitation","id":%q,"email_address":%q,"public_metadata":{},"revoked":%t,"status":%q,"expires_at":null,"created_at":1764547200000,"updated_at":1764547200000}`,
		id, email, status == "revoked", status)
}

func TestRequestShapes(t *testing.T) {
	t.Parallel()
	type plan struct {
		Plan string `json:"plan"`
	}
	tests := []struct {
		name   string
		call   func(context.Context, *invitations.Service) error
		reply  string
		method string
		path   string
		query  url.Values
		body   string
	}{
		{
			name: "create minimal",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.Create(ctx, &invitations.CreateParams{EmailAddress: "ada@example.com"})
				return err
			},
			reply:  invitationJSON,
			method: http.MethodPost, path: "/invitations",
			body: `{"email_address":"ada@example.com"}`,
		},
		{
			name: "create every field",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.Create(ctx, &invitations.CreateParams{
					EmailAddress:   "ada@example.com",
					PublicMetadata: plan{Plan: "pro"},
					RedirectURL:    "https://app.example.com/welcome",
					Notify:         clerk.Ptr(false),
					IgnoreExisting: true,
					ExpiresIn:      7 * invitations.Day,
					TemplateSlug:   invitations.TemplateWaitlistInvitation,
				})
				return err
			},
			reply:  invitationJSON,
			method: http.MethodPost, path: "/invitations",
			body: `{"email_address":"ada@example.com","public_metadata":{"plan":"pro"},
				"redirect_url":"https://app.example.com/welcome","notify":false,"ignore_existing":true,
				"expires_in_days":7,"template_slug":"waitlist_invitation"}`,
		},
		{
			name: "create many",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.CreateMany(ctx, []*invitations.CreateParams{
					{EmailAddress: "a@example.com", PublicMetadata: map[string]any{"k": 1}},
					{EmailAddress: "b@example.com", Notify: clerk.Ptr(true)},
				})
				return err
			},
			reply:  "[" + invJSON("inv_a", "a@example.com", "pending") + "," + invJSON("inv_b", "b@example.com", "pending") + "]",
			method: http.MethodPost, path: "/invitations/bulk",
			body: `[{"email_address":"a@example.com","public_metadata":{"k":1}},{"email_address":"b@example.com","notify":true}]`,
		},
		{
			name: "list without params",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.List(ctx, nil)
				return err
			},
			reply:  `{"data":[],"total_count":0}`,
			method: http.MethodGet, path: "/invitations",
			query: url.Values{"paginated": {"true"}},
		},
		{
			name: "list with every filter",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.List(ctx, &invitations.ListParams{
					Status:  invitations.StatusPending,
					Query:   "ada",
					OrderBy: "-expires_at",
					Limit:   20,
					Offset:  40,
				})
				return err
			},
			reply:  `{"data":[],"total_count":0}`,
			method: http.MethodGet, path: "/invitations",
			query: url.Values{
				"paginated": {"true"}, "status": {"pending"}, "query": {"ada"},
				"order_by": {"-expires_at"}, "limit": {"20"}, "offset": {"40"},
			},
		},
		{
			name: "revoke sends no body",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.Revoke(ctx, "inv_1")
				return err
			},
			reply:  invJSON("inv_1", "ada@example.com", "revoked"),
			method: http.MethodPost, path: "/invitations/inv_1/revoke",
		},
		{
			name: "revoke escapes the id",
			call: func(ctx context.Context, s *invitations.Service) error {
				_, err := s.Revoke(ctx, "inv/../x?y")
				return err
			},
			reply:  invJSON("inv_1", "ada@example.com", "revoked"),
			method: http.MethodPost, path: "/invitations/inv%2F..%2Fx%3Fy/revoke",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Invitations); err != nil {
				t.Fatal(err)
			}
			calls := f.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d requests, want 1", len(calls))
			}
			checkCall(t, calls[0], tt.method, tt.path, tt.query, tt.body)
		})
	}
}

func TestDecodeInvitation(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, always(http.StatusOK, invitationJSON))
	got, err := c.Invitations.Create(context.Background(), &invitations.CreateParams{EmailAddress: "ada@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	want := &invitations.Invitation{
		Object:         "invitation",
		ID:             "inv_1",
		EmailAddress:   "ada@example.com",
		PublicMetadata: json.RawMessage(`{"plan": "pro", "seats": 3}`),
		Status:         invitations.StatusPending,
		URL:            "https://accounts.example.com/sign-up?__clerk_ticket=t1",
		ExpiresAt:      clerk.Ptr(time.UnixMilli(1767225600000).UTC()),
		CreatedAt:      time.UnixMilli(1764547200000).UTC(),
		UpdatedAt:      time.UnixMilli(1764547201000).UTC(),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("invitation mismatch (-want +got):\n%s", diff)
	}
	type meta struct {
		Plan  string `json:"plan"`
		Seats int    `json:"seats"`
	}
	m, err := invitations.PublicMetadata[meta](got)
	if err != nil {
		t.Fatal(err)
	}
	if m != (meta{Plan: "pro", Seats: 3}) {
		t.Errorf("metadata = %+v", m)
	}
}

func TestDecodeRevokedListEnvelope(t *testing.T) {
	t.Parallel()
	body := `{"data":[` + invJSON("inv_2", "b@example.com", "revoked") + `],"total_count":41}`
	c, _ := newFake(t, always(http.StatusOK, body))
	page, err := c.Invitations.List(context.Background(), &invitations.ListParams{Status: invitations.StatusRevoked})
	if err != nil {
		t.Fatal(err)
	}
	if !page.HasTotal || page.TotalCount != 41 || len(page.Data) != 1 {
		t.Fatalf("page = %+v", page)
	}
	inv := page.Data[0]
	if inv.ID != "inv_2" || !inv.Revoked || inv.Status != invitations.StatusRevoked || inv.ExpiresAt != nil {
		t.Errorf("invitation = %+v", inv)
	}
}

// pager answers list requests from items, honouring limit and offset, as
// an envelope or (bare) as an array.
func pager(items []string, bare bool) func(int, call) reply {
	return func(_ int, c call) reply {
		limit, _ := strconv.Atoi(c.Query.Get("limit"))
		offset, _ := strconv.Atoi(c.Query.Get("offset"))
		end := min(offset+limit, len(items))
		var parts []string
		for _, id := range items[min(offset, len(items)):end] {
			parts = append(parts, invJSON(id, id+"@example.com", "pending"))
		}
		arr := "[" + strings.Join(parts, ",") + "]"
		if bare {
			return reply{Status: http.StatusOK, Body: arr}
		}
		return reply{Status: http.StatusOK, Body: fmt.Sprintf(`{"data":%s,"total_count":%d}`, arr, len(items))}
	}
}

func TestAllPages(t *testing.T) {
	t.Parallel()
	items := []string{"inv_1", "inv_2", "inv_3", "inv_4", "inv_5", "inv_6", "inv_7"}
	tests := []struct {
		name        string
		items       []string
		bare        bool
		wantOffsets []string
	}{
		{"envelope, last page short", items, false, []string{"", "3", "6"}},
		// An envelope whose total is reached on a full page ends without
		// asking for an empty page.
		{"envelope, total on a full page", items[:6], false, []string{"", "3"}},
		// A bare array (the API ignoring paginated=true) ends on a short
		// or empty page.
		{"bare array", items, true, []string{"", "3", "6"}},
		{"bare array, exact multiple", items[:6], true, []string{"", "3", "6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, pager(tt.items, tt.bare))
			var got []string
			for inv, err := range c.Invitations.All(context.Background(), &invitations.ListParams{
				Limit: 3, Status: invitations.StatusPending,
			}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, inv.ID)
			}
			if diff := cmp.Diff(tt.items, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			var offsets []string
			for _, c := range f.Calls() {
				offsets = append(offsets, c.Query.Get("offset"))
				if c.Query.Get("paginated") != "true" || c.Query.Get("limit") != "3" || c.Query.Get("status") != "pending" {
					t.Errorf("query = %s", c.Query.Encode())
				}
			}
			if diff := cmp.Diff(tt.wantOffsets, offsets); diff != "" {
				t.Errorf("offsets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAllStopsOnBreakAndError(t *testing.T) {
	t.Parallel()
	t.Run("break", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, pager([]string{"a", "b", "c", "d", "e"}, false))
		params := &invitations.ListParams{Limit: 2}
		n := 0
		for _, err := range c.Invitations.All(context.Background(), params) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 3 {
				break
			}
		}
		if got := len(f.Calls()); got != 2 {
			t.Errorf("%d requests, want 2", got)
		}
		if params.Limit != 2 || params.Offset != 0 {
			t.Errorf("All changed the caller's params: %+v", params)
		}
	})
	t.Run("error", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, always(http.StatusUnauthorized, errorBody("authentication_invalid", "bad key")))
		var errs int
		for inv, err := range c.Invitations.All(context.Background(), nil) {
			if inv != nil || !errors.Is(err, clerk.ErrUnauthorized) {
				t.Errorf("got %v, %v", inv, err)
			}
			errs++
		}
		if errs != 1 || len(f.Calls()) != 1 {
			t.Errorf("%d errors, %d requests; want 1, 1", errs, len(f.Calls()))
		}
	})
}

// bulkEcho answers a bulk create with one invitation per item, IDs taken
// from the addresses, so order can be checked.
func bulkEcho(failOn int) func(int, call) reply {
	return func(n int, c call) reply {
		if n == failOn {
			return reply{Status: http.StatusUnprocessableEntity, Body: errorBody("duplicate_record", "an invitation already exists")}
		}
		var in []struct {
			EmailAddress string `json:"email_address"`
		}
		if err := json.Unmarshal([]byte(c.Body), &in); err != nil {
			return reply{Status: http.StatusBadRequest, Body: errorBody("bad_body", err.Error())}
		}
		var parts []string
		for _, it := range in {
			parts = append(parts, invJSON("inv_"+strings.TrimSuffix(it.EmailAddress, "@example.com"), it.EmailAddress, "pending"))
		}
		return reply{Status: http.StatusOK, Body: "[" + strings.Join(parts, ",") + "]"}
	}
}

func bulkParams(n int) []*invitations.CreateParams {
	ps := make([]*invitations.CreateParams, n)
	for i := range ps {
		ps[i] = &invitations.CreateParams{EmailAddress: fmt.Sprintf("u%02d@example.com", i)}
	}
	return ps
}

func TestCreateManyChunks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int
		want []int
	}{
		{1, []int{1}},
		{10, []int{10}},
		{11, []int{10, 1}},
		{25, []int{10, 10, 5}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.n), func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, bulkEcho(-1))
			got, err := c.Invitations.CreateMany(context.Background(), bulkParams(tt.n))
			if err != nil {
				t.Fatal(err)
			}
			var sizes []int
			for _, call := range f.Calls() {
				var in []map[string]any
				if err := json.Unmarshal([]byte(call.Body), &in); err != nil {
					t.Fatal(err)
				}
				sizes = append(sizes, len(in))
				if call.Method != http.MethodPost || call.Path != "/invitations/bulk" {
					t.Errorf("request %s %s", call.Method, call.Path)
				}
			}
			if diff := cmp.Diff(tt.want, sizes); diff != "" {
				t.Errorf("chunk sizes (-want +got):\n%s", diff)
			}
			if len(got) != tt.n {
				t.Fatalf("%d invitations, want %d", len(got), tt.n)
			}
			for i, inv := range got {
				if want := fmt.Sprintf("u%02d@example.com", i); inv.EmailAddress != want {
					t.Errorf("result %d = %s, want %s", i, inv.EmailAddress, want)
				}
			}
		})
	}
}

// refuseEmails answers a bulk create like the API: a call holding one of
// the bad addresses is refused as a whole with 422, any other is echoed.
func refuseEmails(bad string) func(int, call) reply {
	return func(n int, c call) reply {
		if strings.Contains(c.Body, bad) {
			return reply{Status: http.StatusUnprocessableEntity, Body: errorBody("duplicate_record", "an invitation already exists")}
		}
		return bulkEcho(-1)(n, c)
	}
}

func TestCreateManyPartialFailure(t *testing.T) {
	t.Parallel()
	c, f := newFake(t, refuseEmails("u13@example.com"))
	got, err := c.Invitations.CreateMany(context.Background(), bulkParams(25))
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BulkError", err)
	}
	if !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("err does not match ErrUnprocessable: %v", err)
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || !apiErr.HasCode("duplicate_record") {
		t.Errorf("err does not unwrap to the API error: %v", err)
	}
	failed := be.Failed()
	if len(failed) != 1 || failed[0].Index != 13 || failed[0].Key != "u13@example.com" {
		t.Errorf("Failed = %+v", failed)
	}
	if diff := cmp.Diff([]int{13}, be.Unprocessed()); diff != "" {
		t.Errorf("Unprocessed (-want +got):\n%s", diff)
	}
	if len(got) != 24 || got[0].EmailAddress != "u00@example.com" || got[23].EmailAddress != "u24@example.com" {
		t.Errorf("returned %d invitations, want 24", len(got))
	}
	// Every good address is in exactly one accepted call.
	created := map[string]int{}
	for _, call := range f.Calls() {
		if !strings.Contains(call.Body, "u13@") {
			for _, p := range bulkParams(25) {
				if strings.Contains(call.Body, `"`+p.EmailAddress+`"`) {
					created[p.EmailAddress]++
				}
			}
		}
	}
	for i, p := range bulkParams(25) {
		if want := map[bool]int{true: 0, false: 1}[i == 13]; created[p.EmailAddress] != want {
			t.Errorf("%s in %d accepted calls, want %d", p.EmailAddress, created[p.EmailAddress], want)
		}
	}
	if be.Op != "Invitations.CreateMany" || !strings.Contains(err.Error(), "24 processed, 1 failed, 0 not sent") {
		t.Errorf("message = %q", err.Error())
	}
}

func TestCreateManyServerErrorIsNotSplit(t *testing.T) {
	t.Parallel()
	c, f := newFake(t, func(n int, c call) reply {
		if n == 1 {
			return reply{Status: http.StatusInternalServerError, Body: errorBody("internal", "boom")}
		}
		return bulkEcho(-1)(n, c)
	})
	got, err := c.Invitations.CreateMany(context.Background(), bulkParams(25))
	var be *clerk.BulkError
	if !errors.As(err, &be) || !errors.Is(err, clerk.ErrServer) {
		t.Fatalf("err = %v, want *BulkError matching ErrServer", err)
	}
	if n, fl, ns := len(be.Processed()), len(be.Failed()), len(be.NotSent()); n != 15 || fl != 10 || ns != 0 {
		t.Errorf("report %d/%d/%d, want 15/10/0", n, fl, ns)
	}
	if len(got) != 15 {
		t.Errorf("%d invitations, want 15", len(got))
	}
	if n := len(f.Calls()); n != 3 {
		t.Errorf("%d requests, want 3 (no split, no re-send)", n)
	}
}

func TestCreateManyStopOnError(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, refuseEmails("u13@example.com"))
	_, err := c.Invitations.CreateMany(context.Background(), bulkParams(25), clerk.WithStopOnError())
	var be *clerk.BulkError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v", err)
	}
	if n, fl, ns := len(be.Processed()), len(be.Failed()), len(be.NotSent()); n != 19 || fl != 1 || ns != 5 {
		t.Errorf("report %d/%d/%d, want 19/1/5", n, fl, ns)
	}
}

func TestBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	ps := bulkParams(15)
	ps[13].EmailAddress = " "
	withNil := bulkParams(3)
	withNil[1] = nil
	badMeta := bulkParams(2)
	badMeta[1].PublicMetadata = []string{"not", "an", "object"}
	tests := []struct {
		name  string
		field string
		call  func(context.Context, *invitations.Service) error
	}{
		{"create nil", "params", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Create(ctx, nil)
			return err
		}},
		{"create many nil ctx", "ctx", func(_ context.Context, s *invitations.Service) error {
			var nilCtx context.Context
			_, err := s.CreateMany(nilCtx, bulkParams(2))
			return err
		}},
		{"expiry not whole days", "ExpiresIn", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Create(ctx, &invitations.CreateParams{EmailAddress: "a@example.com", ExpiresIn: 36 * time.Hour})
			return err
		}},
		{"expiry too long", "ExpiresIn", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Create(ctx, &invitations.CreateParams{EmailAddress: "a@example.com", ExpiresIn: 366 * invitations.Day})
			return err
		}},
		{"negative expiry", "params[1].ExpiresIn", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.CreateMany(ctx, []*invitations.CreateParams{{EmailAddress: "a@example.com"}, {EmailAddress: "b@example.com", ExpiresIn: -invitations.Day}})
			return err
		}},
		{"create empty email", "email_address", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Create(ctx, &invitations.CreateParams{})
			return err
		}},
		{"create metadata not an object", "public_metadata", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Create(ctx, &invitations.CreateParams{EmailAddress: "a@example.com", PublicMetadata: "x"})
			return err
		}},
		{"create many empty", "params", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.CreateMany(ctx, nil)
			return err
		}},
		{"create many, blank email in second chunk", "params[13].email_address", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.CreateMany(ctx, ps)
			return err
		}},
		{"create many, nil entry", "params[1]", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.CreateMany(ctx, withNil)
			return err
		}},
		{"create many, bad metadata", "params[1].public_metadata", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.CreateMany(ctx, badMeta)
			return err
		}},
		{"revoke empty id", "invitation_id", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Revoke(ctx, "")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, nil)
			testkit.CheckRefused(t, tt.call(context.Background(), c.Invitations), tt.field, f)
		})
	}
}

func TestReplay(t *testing.T) {
	t.Parallel()
	t.Run("creates are not replayed after a 502", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, always(http.StatusBadGateway, "<html>bad gateway</html>"))
		_, err := c.Invitations.Create(context.Background(), &invitations.CreateParams{EmailAddress: "a@example.com"})
		if !errors.Is(err, clerk.ErrServer) {
			t.Errorf("err = %v", err)
		}
		_, err = c.Invitations.CreateMany(context.Background(), bulkParams(2))
		if !errors.Is(err, clerk.ErrServer) {
			t.Errorf("err = %v", err)
		}
		if n := len(f.Calls()); n != 2 {
			t.Errorf("%d requests, want 2 (one per call)", n)
		}
	})
	t.Run("revoke is replayed after a 502", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, func(n int, _ call) reply {
			if n == 0 {
				return reply{Status: http.StatusBadGateway, Body: "bad gateway"}
			}
			return reply{Status: http.StatusOK, Body: invJSON("inv_1", "a@example.com", "revoked")}
		})
		inv, err := c.Invitations.Revoke(context.Background(), "inv_1")
		if err != nil || inv.Status != invitations.StatusRevoked {
			t.Fatalf("got %+v, %v", inv, err)
		}
		if n := len(f.Calls()); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
	})
	t.Run("already revoked after a replay is success", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, func(n int, _ call) reply {
			switch n {
			case 0:
				return reply{Status: http.StatusBadGateway, Body: "bad gateway"}
			case 1:
				return reply{Status: http.StatusBadRequest, Body: errorBody("invitation_already_revoked", "already revoked")}
			}
			return reply{Status: http.StatusOK, Body: `{"data":[` + invJSON("inv_1", "a@example.com", "revoked") + `],"total_count":1}`}
		})
		inv, err := c.Invitations.Revoke(context.Background(), "inv_1")
		if err != nil || inv.ID != "inv_1" || inv.Status != invitations.StatusRevoked {
			t.Fatalf("got %+v, %v", inv, err)
		}
		calls := f.Calls()
		if len(calls) != 3 {
			t.Fatalf("%d requests, want 3", len(calls))
		}
		checkCall(t, calls[2], http.MethodGet, "/invitations",
			url.Values{"paginated": {"true"}, "query": {"inv_1"}, "status": {"revoked"}}, "")
	})
	t.Run("refusal after a replay, invitation not revoked", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, func(n int, _ call) reply {
			switch n {
			case 0:
				return reply{Status: http.StatusBadGateway, Body: "bad gateway"}
			case 1:
				return reply{Status: http.StatusBadRequest, Body: errorBody("bad", "cannot revoke")}
			}
			return reply{Status: http.StatusOK, Body: `{"data":[],"total_count":0}`}
		})
		_, err := c.Invitations.Revoke(context.Background(), "inv_1")
		if !errors.Is(err, clerk.ErrBadRequest) {
			t.Errorf("err = %v, want the refusal", err)
		}
	})
	t.Run("refusal on the first attempt is an error, no lookup", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, always(http.StatusBadRequest, errorBody("bad", "already revoked")))
		_, err := c.Invitations.Revoke(context.Background(), "inv_1")
		if !errors.Is(err, clerk.ErrBadRequest) || len(f.Calls()) != 1 {
			t.Errorf("err = %v after %d requests", err, len(f.Calls()))
		}
	})
}

func TestCreateManyKeepsInputOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		reply string
		want  []string
	}{
		{
			name: "answer reversed, case differs",
			reply: "[" + invJSON("inv_c", "C@example.com", "pending") + "," + invJSON("inv_b", "b@example.com", "pending") + "," +
				invJSON("inv_a", "a@example.com", "pending") + "]",
			want: []string{"inv_a", "inv_b", "inv_c"},
		},
		{
			name: "unmatched address keeps the API's order",
			reply: "[" + invJSON("inv_x", "x@example.com", "pending") + "," + invJSON("inv_b", "b@example.com", "pending") + "," +
				invJSON("inv_a", "a@example.com", "pending") + "]",
			want: []string{"inv_x", "inv_b", "inv_a"},
		},
		{
			name:  "fewer results than inputs keeps the API's order",
			reply: "[" + invJSON("inv_b", "b@example.com", "pending") + "," + invJSON("inv_a", "a@example.com", "pending") + "]",
			want:  []string{"inv_b", "inv_a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newFake(t, always(http.StatusOK, tt.reply))
			got, err := c.Invitations.CreateMany(context.Background(), []*invitations.CreateParams{
				{EmailAddress: "a@example.com"}, {EmailAddress: "b@example.com"}, {EmailAddress: "c@example.com"},
			})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, inv := range got {
				ids = append(ids, inv.ID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
