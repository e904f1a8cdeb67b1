package bans_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/bans"
)

// Every method passes its request options to every request it sends.
func TestRequestOptionsReachEveryRequest(t *testing.T) {
	t.Parallel()
	opt := clerk.WithHeader("X-Request-Id", "req-1")
	tests := []struct {
		name  string
		reply string
		call  func(context.Context, *bans.Service) error
	}{
		{"Ban", userJSON("user_1", true, false), func(ctx context.Context, s *bans.Service) error { _, err := s.Ban(ctx, "user_1", opt); return err }},
		{"Unban", userJSON("user_1", false, false), func(ctx context.Context, s *bans.Service) error { _, err := s.Unban(ctx, "user_1", opt); return err }},
		{"Lock", userJSON("user_1", false, true), func(ctx context.Context, s *bans.Service) error { _, err := s.Lock(ctx, "user_1", opt); return err }},
		{"Unlock", userJSON("user_1", false, false), func(ctx context.Context, s *bans.Service) error { _, err := s.Unlock(ctx, "user_1", opt); return err }},
		{"BanMany", usersJSON([]string{"user_1"}, true), func(ctx context.Context, s *bans.Service) error {
			_, err := s.BanMany(ctx, []string{"user_1"}, opt)
			return err
		}},
		{"UnbanMany", usersJSON([]string{"user_1"}, false), func(ctx context.Context, s *bans.Service) error {
			_, err := s.UnbanMany(ctx, []string{"user_1"}, opt)
			return err
		}},
		{"ListAllowlistIdentifiers", `{"data":[],"total_count":0}`, func(ctx context.Context, s *bans.Service) error {
			_, err := s.ListAllowlistIdentifiers(ctx, nil, opt)
			return err
		}},
		{"AllAllowlistIdentifiers", `{"data":[],"total_count":0}`, func(ctx context.Context, s *bans.Service) error {
			for _, err := range s.AllAllowlistIdentifiers(ctx, nil, opt) {
				return err
			}
			return nil
		}},
		{"CreateAllowlistIdentifier", allowJSON, func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateAllowlistIdentifier(ctx, &bans.CreateAllowlistIdentifierParams{Identifier: "a@example.com"}, opt)
			return err
		}},
		{"DeleteAllowlistIdentifier", deletedJSON, func(ctx context.Context, s *bans.Service) error {
			_, err := s.DeleteAllowlistIdentifier(ctx, "alid_1", opt)
			return err
		}},
		{"ListBlocklistIdentifiers", `{"data":[],"total_count":0}`, func(ctx context.Context, s *bans.Service) error {
			_, err := s.ListBlocklistIdentifiers(ctx, opt)
			return err
		}},
		{"AllBlocklistIdentifiers", `{"data":[],"total_count":0}`, func(ctx context.Context, s *bans.Service) error {
			for _, err := range s.AllBlocklistIdentifiers(ctx, opt) {
				return err
			}
			return nil
		}},
		{"CreateBlocklistIdentifier", blockJSON, func(ctx context.Context, s *bans.Service) error {
			_, err := s.CreateBlocklistIdentifier(ctx, &bans.CreateBlocklistIdentifierParams{Identifier: "b@example.com"}, opt)
			return err
		}},
		{"DeleteBlocklistIdentifier", deletedJSON, func(ctx context.Context, s *bans.Service) error {
			_, err := s.DeleteBlocklistIdentifier(ctx, "blid_1", opt)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Bans); err != nil {
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
