package sessions_test

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
	"github.com/clerkgo/clerk/sessions"
	"github.com/google/go-cmp/cmp"
)

const sessionJSON = `{
	"object": "session",
	"id": "sess_1",
	"user_id": "user_1",
	"client_id": "client_1",
	"actor": {"sub": "user_admin", "iss": "https://dashboard.clerk.com"},
	"status": "active",
	"last_active_organization_id": "org_1",
	"last_active_at": 1764547300000,
	"latest_activity": {
		"object": "session_activity",
		"id": "sess_activity_1",
		"device_type": "Macintosh",
		"is_mobile": false,
		"browser_name": "Firefox",
		"browser_version": "140.0",
		"ip_address": "203.0.113.7",
		"city": "Athens",
		"country": "GR"
	},
	"expire_at": 1765152000000,
	"abandon_at": 1767139200000,
	"updated_at": 1764547300000,
	"created_at": 1764547200000,
	"tasks": [{"key": "choose-organization"}]
}`

func sessJSON(id, status string) string {
	return fmt.Sprintf(`{"object":"session","id":%q,"user_id":"user_1","client_id":"client_1","actor":null,"status":%q,
		"last_active_organization_id":null,"last_active_at":1764547300000,"latest_activity":null,
		"expire_at":1765152000000,"abandon_at":1767139200000,"updated_at":1764547300000,"created_at":1764547200000,"tasks":null}`, id, status)
}

const tokenJSON = `{"object":"token","jwt":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2ln"}`

func TestRequestShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		call   func(context.Context, *sessions.Service) error
		reply  string
		method string
		path   string
		query  url.Values
		body   string
	}{
		{
			name: "list by user",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.List(ctx, &sessions.ListParams{UserID: "user_1"})
				return err
			},
			reply:  `{"data":[],"total_count":0}`,
			method: http.MethodGet, path: "/sessions",
			query: url.Values{"paginated": {"true"}, "user_id": {"user_1"}},
		},
		{
			name: "list with every filter",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.List(ctx, &sessions.ListParams{
					UserID: "user_1", ClientID: "client_1",
					Status: sessions.StatusActive, Limit: 50, Offset: 100,
				})
				return err
			},
			reply:  `{"data":[],"total_count":0}`,
			method: http.MethodGet, path: "/sessions",
			query: url.Values{
				"paginated": {"true"}, "user_id": {"user_1"}, "client_id": {"client_1"},
				"status": {"active"}, "limit": {"50"}, "offset": {"100"},
			},
		},
		{
			name: "get",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.Get(ctx, "sess_1")
				return err
			},
			reply:  sessionJSON,
			method: http.MethodGet, path: "/sessions/sess_1",
		},
		{
			name: "get escapes the id",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.Get(ctx, "..")
				return err
			},
			reply:  sessionJSON,
			method: http.MethodGet, path: "/sessions/%2E%2E",
		},
		{
			name: "create",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.Create(ctx, &sessions.CreateParams{UserID: "user_1"})
				return err
			},
			reply:  sessionJSON,
			method: http.MethodPost, path: "/sessions",
			body: `{"user_id":"user_1"}`,
		},
		{
			name: "create with organization",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.Create(ctx, &sessions.CreateParams{UserID: "user_1", ActiveOrganizationID: "org_1"})
				return err
			},
			reply:  sessionJSON,
			method: http.MethodPost, path: "/sessions",
			body: `{"user_id":"user_1","active_organization_id":"org_1"}`,
		},
		{
			name: "revoke sends no body",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.Revoke(ctx, "sess_1")
				return err
			},
			reply:  sessJSON("sess_1", "revoked"),
			method: http.MethodPost, path: "/sessions/sess_1/revoke",
		},
		{
			name: "refresh",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.Refresh(ctx, "sess_1", &sessions.RefreshParams{
					ExpiredToken: "old.jwt.x", RefreshToken: "rt_1", RequestOrigin: "https://app.example.com",
					RequestHeaders:       http.Header{"User-Agent": {"Firefox"}, "Accept": {"a", "b"}},
					Format:               sessions.RefreshFormatCookie,
					RequestOriginatingIP: "203.0.113.7",
				})
				return err
			},
			reply:  `{"object":"cookies","cookies":["__session=x; Path=/"]}`,
			method: http.MethodPost, path: "/sessions/sess_1/refresh",
			body: `{"expired_token":"old.jwt.x","refresh_token":"rt_1","request_origin":"https://app.example.com",
				"request_headers":{"User-Agent":["Firefox"],"Accept":["a","b"]},"format":"cookie",
				"request_originating_ip":"203.0.113.7"}`,
		},
		{
			name: "create token, defaults",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.CreateToken(ctx, "sess_1", nil)
				return err
			},
			reply:  tokenJSON,
			method: http.MethodPost, path: "/sessions/sess_1/tokens",
			body: `{}`,
		},
		{
			name: "create token with lifetime",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.CreateToken(ctx, "sess_1", &sessions.CreateTokenParams{ExpiresIn: 600 * time.Second})
				return err
			},
			reply:  tokenJSON,
			method: http.MethodPost, path: "/sessions/sess_1/tokens",
			body: `{"expires_in_seconds":600}`,
		},
		{
			name: "create token from template",
			call: func(ctx context.Context, s *sessions.Service) error {
				_, err := s.CreateTokenFromTemplate(ctx, "sess_1", "custom hasura/v2", &sessions.CreateTokenParams{ExpiresIn: 60 * time.Second})
				return err
			},
			reply:  tokenJSON,
			method: http.MethodPost, path: "/sessions/sess_1/tokens/custom%20hasura%2Fv2",
			body: `{"expires_in_seconds":60}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Sessions); err != nil {
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

func TestDecodeSession(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, always(http.StatusOK, sessionJSON))
	got, err := c.Sessions.Get(context.Background(), "sess_1")
	if err != nil {
		t.Fatal(err)
	}
	want := &sessions.Session{
		Object:                   "session",
		ID:                       "sess_1",
		UserID:                   "user_1",
		ClientID:                 "client_1",
		Actor:                    json.RawMessage(`{"sub": "user_admin", "iss": "https://dashboard.clerk.com"}`),
		Status:                   sessions.StatusActive,
		LastActiveOrganizationID: "org_1",
		LastActiveAt:             ms(1764547300000),
		LatestActivity: &sessions.Activity{
			Object: "session_activity", ID: "sess_activity_1", DeviceType: "Macintosh",
			BrowserName: "Firefox", BrowserVersion: "140.0", IPAddress: "203.0.113.7", City: "Athens", Country: "GR",
		},
		ExpireAt:  ms(1765152000000),
		AbandonAt: ms(1767139200000),
		UpdatedAt: ms(1764547300000),
		CreatedAt: ms(1764547200000),
		Tasks:     []sessions.Task{{Key: "choose-organization"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("session mismatch (-want +got):\n%s", diff)
	}

	c, _ = newFake(t, always(http.StatusOK, sessJSON("sess_2", "ended")))
	got, err = c.Sessions.Get(context.Background(), "sess_2")
	if err != nil {
		t.Fatal(err)
	}
	if got.LatestActivity != nil || got.LastActiveOrganizationID != "" || got.Tasks != nil || string(got.Actor) != "null" {
		t.Errorf("null fields decoded as %+v", got)
	}
}

func TestDecodeTokenAndRefresh(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, always(http.StatusOK, tokenJSON))
	tok, err := c.Sessions.CreateToken(context.Background(), "sess_1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&sessions.Token{Object: "token", JWT: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2ln"}, tok); diff != "" {
		t.Errorf("token (-want +got):\n%s", diff)
	}
	params := &sessions.RefreshParams{ExpiredToken: "e", RefreshToken: "r", RequestOrigin: "https://app.example.com"}
	res, err := c.Sessions.Refresh(context.Background(), "sess_1", params)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&sessions.RefreshResult{Object: "token", JWT: tok.JWT}, res); diff != "" {
		t.Errorf("refresh as token (-want +got):\n%s", diff)
	}
	c, _ = newFake(t, always(http.StatusOK, `{"object":"cookies","cookies":["__session=a; Path=/","__client_uat=1; Path=/"]}`))
	res, err = c.Sessions.Refresh(context.Background(), "sess_1", params)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&sessions.RefreshResult{Object: "cookies", Cookies: []string{"__session=a; Path=/", "__client_uat=1; Path=/"}}, res); diff != "" {
		t.Errorf("refresh as cookies (-want +got):\n%s", diff)
	}
}

// pager answers list requests from ids, honouring limit and offset, as an
// envelope or (bare) as an array.
func pager(ids []string, bare bool) func(int, call) reply {
	return func(_ int, c call) reply {
		limit, _ := strconv.Atoi(c.Query.Get("limit"))
		offset, _ := strconv.Atoi(c.Query.Get("offset"))
		var parts []string
		for _, id := range ids[min(offset, len(ids)):min(offset+limit, len(ids))] {
			parts = append(parts, sessJSON(id, "active"))
		}
		arr := "[" + strings.Join(parts, ",") + "]"
		if bare {
			return reply{Status: http.StatusOK, Body: arr}
		}
		return reply{Status: http.StatusOK, Body: fmt.Sprintf(`{"data":%s,"total_count":%d}`, arr, len(ids))}
	}
}

func TestAllPages(t *testing.T) {
	t.Parallel()
	ids := []string{"sess_1", "sess_2", "sess_3", "sess_4", "sess_5"}
	tests := []struct {
		name        string
		bare        bool
		wantOffsets []string
	}{
		{"envelope", false, []string{"", "2", "4"}},
		{"bare array", true, []string{"", "2", "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, pager(ids, tt.bare))
			var got []string
			for s, err := range c.Sessions.All(context.Background(), &sessions.ListParams{ClientID: "client_1", Limit: 2}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s.ID)
			}
			if diff := cmp.Diff(ids, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			var offsets []string
			for _, c := range f.Calls() {
				offsets = append(offsets, c.Query.Get("offset"))
				if c.Query.Get("paginated") != "true" || c.Query.Get("client_id") != "client_1" || c.Query.Get("limit") != "2" {
					t.Errorf("query = %s", c.Query.Encode())
				}
			}
			if diff := cmp.Diff(tt.wantOffsets, offsets); diff != "" {
				t.Errorf("offsets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListTotal(t *testing.T) {
	t.Parallel()
	c, _ := newFake(t, always(http.StatusOK, `{"data":[`+sessJSON("sess_1", "active")+`],"total_count":12}`))
	page, err := c.Sessions.List(context.Background(), &sessions.ListParams{UserID: "user_1", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !page.HasTotal || page.TotalCount != 12 || len(page.Data) != 1 || page.Data[0].ID != "sess_1" {
		t.Errorf("page = %+v", page)
	}
}

func TestBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		field string
		call  func(context.Context, *sessions.Service) error
	}{
		{"list nil params", "params", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.List(ctx, nil)
			return err
		}},
		{"list without user or client", "params", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.List(ctx, &sessions.ListParams{Status: sessions.StatusActive})
			return err
		}},
		{"list blank user", "user_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.List(ctx, &sessions.ListParams{UserID: " "})
			return err
		}},
		{"list blank client", "client_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.List(ctx, &sessions.ListParams{UserID: "user_1", ClientID: "  "})
			return err
		}},
		{"all without user or client", "params", func(ctx context.Context, s *sessions.Service) error {
			for _, err := range s.All(ctx, &sessions.ListParams{}) {
				return err
			}
			return nil
		}},
		{"get empty id", "session_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Get(ctx, "")
			return err
		}},
		{"revoke empty id", "session_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Revoke(ctx, "")
			return err
		}},
		{"create nil", "params", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Create(ctx, nil)
			return err
		}},
		{"create empty user", "user_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Create(ctx, &sessions.CreateParams{})
			return err
		}},
		{"create blank organization", "active_organization_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Create(ctx, &sessions.CreateParams{UserID: "user_1", ActiveOrganizationID: " "})
			return err
		}},
		{"token empty session", "session_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateToken(ctx, "", nil)
			return err
		}},
		{"token negative lifetime", "ExpiresIn", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateToken(ctx, "sess_1", &sessions.CreateTokenParams{ExpiresIn: -1 * time.Second})
			return err
		}},
		{"token lifetime not whole seconds", "ExpiresIn", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateTokenFromTemplate(ctx, "sess_1", "hasura", &sessions.CreateTokenParams{ExpiresIn: 1500 * time.Millisecond})
			return err
		}},
		{"template token empty session", "session_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateTokenFromTemplate(ctx, "", "hasura", nil)
			return err
		}},
		{"template token empty template", "template_name", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateTokenFromTemplate(ctx, "sess_1", " ", nil)
			return err
		}},
		{"refresh empty session", "session_id", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "", &sessions.RefreshParams{ExpiredToken: "e", RefreshToken: "r", RequestOrigin: "o"})
			return err
		}},
		{"refresh nil params", "params", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "sess_1", nil)
			return err
		}},
		{"refresh without expired token", "expired_token", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "sess_1", &sessions.RefreshParams{RefreshToken: "r", RequestOrigin: "o"})
			return err
		}},
		{"refresh without refresh token", "refresh_token", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "sess_1", &sessions.RefreshParams{ExpiredToken: "e", RequestOrigin: "o"})
			return err
		}},
		{"refresh without origin", "request_origin", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "sess_1", &sessions.RefreshParams{ExpiredToken: "e", RefreshToken: "r"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, nil)
			testkit.CheckRefused(t, tt.call(context.Background(), c.Sessions), tt.field, f)
		})
	}
}

func TestReplay(t *testing.T) {
	t.Parallel()
	notReplayed := []struct {
		name string
		call func(context.Context, *sessions.Service) error
	}{
		{"create", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Create(ctx, &sessions.CreateParams{UserID: "user_1"})
			return err
		}},
		{"create token", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateToken(ctx, "sess_1", nil)
			return err
		}},
		{"create template token", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateTokenFromTemplate(ctx, "sess_1", "hasura", nil)
			return err
		}},
		{"refresh", func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "sess_1", &sessions.RefreshParams{ExpiredToken: "e", RefreshToken: "r", RequestOrigin: "o"})
			return err
		}},
	}
	for _, tt := range notReplayed {
		t.Run(tt.name+" is not replayed after a 500", func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusInternalServerError, errorBody("internal", "boom")))
			if err := tt.call(context.Background(), c.Sessions); !errors.Is(err, clerk.ErrServer) {
				t.Errorf("err = %v", err)
			}
			if n := len(f.Calls()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
	t.Run("get and revoke are replayed after a 500", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, func(n int, c call) reply {
			if n%2 == 0 {
				return reply{Status: http.StatusInternalServerError, Body: errorBody("internal", "boom")}
			}
			return reply{Status: http.StatusOK, Body: sessJSON("sess_1", "revoked")}
		})
		if _, err := c.Sessions.Get(context.Background(), "sess_1"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Sessions.Revoke(context.Background(), "sess_1"); err != nil {
			t.Fatal(err)
		}
		if n := len(f.Calls()); n != 4 {
			t.Errorf("%d requests, want 4", n)
		}
	})
	t.Run("already revoked after a replay is success", func(t *testing.T) {
		t.Parallel()
		c, f := newFake(t, func(n int, c call) reply {
			switch n {
			case 0:
				return reply{Status: http.StatusServiceUnavailable, Body: "unavailable"}
			case 1:
				return reply{Status: http.StatusBadRequest, Body: errorBody("session_already_revoked", "already revoked")}
			}
			return reply{Status: http.StatusOK, Body: sessJSON("sess_1", "revoked")}
		})
		s, err := c.Sessions.Revoke(context.Background(), "sess_1")
		if err != nil || s.Status != sessions.StatusRevoked {
			t.Fatalf("got %+v, %v", s, err)
		}
		calls := f.Calls()
		if len(calls) != 3 {
			t.Fatalf("%d requests, want 3", len(calls))
		}
		checkCall(t, calls[2], http.MethodGet, "/sessions/sess_1", nil, "")
	})
	t.Run("refusal after a replay, session still active", func(t *testing.T) {
		t.Parallel()
		c, _ := newFake(t, func(n int, c call) reply {
			switch n {
			case 0:
				return reply{Status: http.StatusServiceUnavailable, Body: "unavailable"}
			case 1:
				return reply{Status: http.StatusUnprocessableEntity, Body: errorBody("bad", "cannot revoke")}
			}
			return reply{Status: http.StatusOK, Body: sessJSON("sess_1", "active")}
		})
		if _, err := c.Sessions.Revoke(context.Background(), "sess_1"); !errors.Is(err, clerk.ErrUnprocessable) {
			t.Errorf("err = %v, want the refusal", err)
		}
	})
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }
