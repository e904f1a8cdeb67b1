package sessions_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/sessions"
)

// Every method passes its request options to every request it sends.
func TestRequestOptionsReachEveryRequest(t *testing.T) {
	t.Parallel()
	opt := clerk.WithHeader("X-Request-Id", "req-1")
	list := `{"data":[` + sessJSON("sess_1", "active") + `],"total_count":1}`
	byUser := &sessions.ListParams{UserID: "user_1"}
	tests := []struct {
		name  string
		reply string
		call  func(context.Context, *sessions.Service) error
	}{
		{"List", list, func(ctx context.Context, s *sessions.Service) error { _, err := s.List(ctx, byUser, opt); return err }},
		{"All", list, func(ctx context.Context, s *sessions.Service) error {
			for _, err := range s.All(ctx, byUser, opt) {
				return err
			}
			return nil
		}},
		{"Get", sessionJSON, func(ctx context.Context, s *sessions.Service) error { _, err := s.Get(ctx, "sess_1", opt); return err }},
		{"Create", sessionJSON, func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Create(ctx, &sessions.CreateParams{UserID: "user_1"}, opt)
			return err
		}},
		{"Revoke", sessJSON("sess_1", "revoked"), func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Revoke(ctx, "sess_1", opt)
			return err
		}},
		{"Refresh", tokenJSON, func(ctx context.Context, s *sessions.Service) error {
			_, err := s.Refresh(ctx, "sess_1", &sessions.RefreshParams{ExpiredToken: "x", RefreshToken: "y", RequestOrigin: "https://a.example"}, opt)
			return err
		}},
		{"CreateToken", tokenJSON, func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateToken(ctx, "sess_1", nil, opt)
			return err
		}},
		{"CreateTokenFromTemplate", tokenJSON, func(ctx context.Context, s *sessions.Service) error {
			_, err := s.CreateTokenFromTemplate(ctx, "sess_1", "hasura", nil, opt)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Sessions); err != nil {
				t.Fatal(err)
			}
			calls := f.Calls()
			if len(calls) == 0 {
				t.Fatal("no request")
			}
			for _, call := range calls {
				if got := call.Header.Get("X-Request-Id"); got != "req-1" {
					t.Errorf("%s %s: X-Request-Id = %q", call.Method, call.Path, got)
				}
			}
		})
	}
}
