package users_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// TestReplayRules checks which operations are sent again after a 500, an
// answer that may follow a processed request.
func TestReplayRules(t *testing.T) {
	t.Parallel()
	fail := status(500, `{"errors":[{"code":"internal","message":"x"}]}`)
	tests := []struct {
		name     string
		call     func(context.Context, users.API) error
		replayed bool
	}{
		{"Create", func(ctx context.Context, s users.API) error { _, err := s.Create(ctx, nil); return err }, false},
		{"SetProfileImage", func(ctx context.Context, s users.API) error {
			_, err := s.UploadProfileImage(ctx, "user_1", &users.UploadProfileImageParams{File: strings.NewReader("GIF89a")})
			return err
		}, false},
		{"Get", func(ctx context.Context, s users.API) error { _, err := s.Get(ctx, "user_1"); return err }, true},
		{"Update", func(ctx context.Context, s users.API) error { _, err := s.Update(ctx, "user_1", nil); return err }, false},
		{"UpdateMetadata", func(ctx context.Context, s users.API) error {
			_, err := s.UpdateMetadata(ctx, "user_1", &users.MetadataParams{PublicMetadata: map[string]any{"a": 1}})
			return err
		}, true},
		{"ReplaceMetadata", func(ctx context.Context, s users.API) error {
			_, err := s.ReplaceMetadata(ctx, "user_1", &users.MetadataParams{PublicMetadata: map[string]any{}})
			return err
		}, true},
		{"RemovePassword", func(ctx context.Context, s users.API) error {
			_, err := s.RemovePassword(ctx, "user_1", nil)
			return err
		}, false},
		{"SetPasswordCompromised", func(ctx context.Context, s users.API) error {
			_, err := s.SetPasswordCompromised(ctx, "user_1", nil)
			return err
		}, false},
		{"AdjustBillingCreditBalance", func(ctx context.Context, s users.API) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "user_1", &billing.AdjustCreditBalanceParams{Amount: 5, Action: billing.CreditIncrease, IdempotencyKey: "k1"})
			return err
		}, true},
		{"DisableMFA", func(ctx context.Context, s users.API) error { _, err := s.DisableMFA(ctx, "user_1"); return err }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 1, fail, ok(`{}`))
			err := tt.call(context.Background(), c.Users)
			reqs := f.requests()
			if tt.replayed {
				if err != nil || len(reqs) != 2 {
					t.Errorf("err = %v after %d requests; want success after 2", err, len(reqs))
				}
				if len(reqs) == 2 && string(reqs[0].Body) != string(reqs[1].Body) {
					t.Errorf("replay changed the body: %s vs %s", reqs[0].Body, reqs[1].Body)
				}
				return
			}
			if err == nil || len(reqs) != 1 {
				t.Errorf("err = %v after %d requests; want the 500 after 1", err, len(reqs))
			}
		})
	}
}

// TestDeleteReplayFindsNothing: a 404 to a replayed delete means the first
// attempt worked.
func TestDeleteReplayFindsNothing(t *testing.T) {
	t.Parallel()
	fail := status(502, "<html>bad gateway</html>")
	gone := status(404, `{"errors":[{"code":"resource_not_found","message":"not found"}]}`)
	tests := []struct {
		name string
		call func(context.Context, users.API) (*clerk.DeletedObject, error)
		want *clerk.DeletedObject
	}{
		{"Delete", func(ctx context.Context, s users.API) (*clerk.DeletedObject, error) { return s.Delete(ctx, "user_1") },
			&clerk.DeletedObject{Object: "user", ID: "user_1", Deleted: true}},
		{"DeletePasskey", func(ctx context.Context, s users.API) (*clerk.DeletedObject, error) {
			return s.DeletePasskey(ctx, "user_1", "idn_pk")
		}, &clerk.DeletedObject{Object: "passkey", ID: "idn_pk", Deleted: true}},
		{"DeleteWeb3Wallet", func(ctx context.Context, s users.API) (*clerk.DeletedObject, error) {
			return s.DeleteWeb3Wallet(ctx, "user_1", "idn_w")
		}, &clerk.DeletedObject{Object: "web3_wallet", ID: "idn_w", Deleted: true}},
		{"DeleteExternalAccount", func(ctx context.Context, s users.API) (*clerk.DeletedObject, error) {
			return s.DeleteExternalAccount(ctx, "user_1", "eac_1")
		}, &clerk.DeletedObject{Object: "external_account", ID: "eac_1", Deleted: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 1, fail, gone)
			got, err := tt.call(context.Background(), c.Users)
			if err != nil {
				t.Fatalf("err = %v, want success", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			if n := len(f.requests()); n != 2 {
				t.Errorf("sent %d requests, want 2", n)
			}
		})
	}
	t.Run("first-attempt 404 stays an error", func(t *testing.T) {
		t.Parallel()
		c, _ := newClient(t, 1, gone)
		if _, err := c.Users.Delete(context.Background(), "user_1"); !errors.Is(err, clerk.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}
