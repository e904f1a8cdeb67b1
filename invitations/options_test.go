package invitations_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/invitations"
)

// Every method passes its request options to every request it sends.
func TestRequestOptionsReachEveryRequest(t *testing.T) {
	t.Parallel()
	opt := clerk.WithHeader("X-Request-Id", "req-1")
	list := `{"data":[` + invJSON("inv_1", "a@example.com", "pending") + `],"total_count":1}`
	tests := []struct {
		name  string
		reply string
		call  func(context.Context, *invitations.Service) error
	}{
		{"Create", invitationJSON, func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Create(ctx, &invitations.CreateParams{EmailAddress: "a@example.com"}, opt)
			return err
		}},
		{"CreateMany", "[" + invJSON("inv_1", "a@example.com", "pending") + "]", func(ctx context.Context, s *invitations.Service) error {
			_, err := s.CreateMany(ctx, []*invitations.CreateParams{{EmailAddress: "a@example.com"}}, opt)
			return err
		}},
		{"List", list, func(ctx context.Context, s *invitations.Service) error {
			_, err := s.List(ctx, nil, opt)
			return err
		}},
		{"All", list, func(ctx context.Context, s *invitations.Service) error {
			for _, err := range s.All(ctx, nil, opt) {
				return err
			}
			return nil
		}},
		{"Revoke", invJSON("inv_1", "a@example.com", "revoked"), func(ctx context.Context, s *invitations.Service) error {
			_, err := s.Revoke(ctx, "inv_1", opt)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newFake(t, always(http.StatusOK, tt.reply))
			if err := tt.call(context.Background(), c.Invitations); err != nil {
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
