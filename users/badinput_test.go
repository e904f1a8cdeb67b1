package users_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/users"
)

// idCalls calls every method that takes IDs, with the given user ID and
// (where there is one) the given second ID.
func idCalls(userID, otherID string) map[string]func(context.Context, users.API) error {
	return map[string]func(context.Context, users.API) error{
		"Get":            func(ctx context.Context, s users.API) error { _, err := s.Get(ctx, userID); return err },
		"Update":         func(ctx context.Context, s users.API) error { _, err := s.Update(ctx, userID, nil); return err },
		"Delete":         func(ctx context.Context, s users.API) error { _, err := s.Delete(ctx, userID); return err },
		"UpdateMetadata": func(ctx context.Context, s users.API) error { _, err := s.UpdateMetadata(ctx, userID, nil); return err },
		"ReplaceMetadata": func(ctx context.Context, s users.API) error {
			_, err := s.ReplaceMetadata(ctx, userID, nil)
			return err
		},
		"DeleteProfileImage": func(ctx context.Context, s users.API) error { _, err := s.DeleteProfileImage(ctx, userID); return err },
		"SetProfileImage": func(ctx context.Context, s users.API) error {
			_, err := s.UploadProfileImage(ctx, userID, &users.UploadProfileImageParams{File: strings.NewReader("\x89PNG")})
			return err
		},
		"VerifyPassword": func(ctx context.Context, s users.API) error {
			_, err := s.VerifyPassword(ctx, userID, &users.VerifyPasswordParams{Password: "pw"})
			return err
		},
		"RemovePassword": func(ctx context.Context, s users.API) error { _, err := s.RemovePassword(ctx, userID, nil); return err },
		"SetPasswordCompromised": func(ctx context.Context, s users.API) error {
			_, err := s.SetPasswordCompromised(ctx, userID, nil)
			return err
		},
		"UnsetPasswordCompromised": func(ctx context.Context, s users.API) error {
			_, err := s.UnsetPasswordCompromised(ctx, userID)
			return err
		},
		"VerifyTOTP": func(ctx context.Context, s users.API) error {
			_, err := s.VerifyTOTP(ctx, userID, &users.VerifyTOTPParams{Code: "123456"})
			return err
		},
		"DisableMFA":        func(ctx context.Context, s users.API) error { _, err := s.DisableMFA(ctx, userID); return err },
		"DeleteBackupCodes": func(ctx context.Context, s users.API) error { _, err := s.DeleteBackupCodes(ctx, userID); return err },
		"DeleteTOTP":        func(ctx context.Context, s users.API) error { _, err := s.DeleteTOTP(ctx, userID); return err },
		"DeletePasskey": func(ctx context.Context, s users.API) error {
			_, err := s.DeletePasskey(ctx, userID, otherID)
			return err
		},
		"DeleteWeb3Wallet": func(ctx context.Context, s users.API) error {
			_, err := s.DeleteWeb3Wallet(ctx, userID, otherID)
			return err
		},
		"DeleteExternalAccount": func(ctx context.Context, s users.API) error {
			_, err := s.DeleteExternalAccount(ctx, userID, otherID)
			return err
		},
		"ListOAuthAccessTokens": func(ctx context.Context, s users.API) error {
			_, err := s.ListOAuthAccessTokens(ctx, userID, otherID, nil)
			return err
		},
		"ListTrustedDevices": func(ctx context.Context, s users.API) error { _, err := s.ListTrustedDevices(ctx, userID); return err },
		"RevokeTrustedDevice": func(ctx context.Context, s users.API) error {
			_, err := s.RevokeTrustedDevice(ctx, userID, otherID)
			return err
		},
		"ListOrganizationMemberships": func(ctx context.Context, s users.API) error {
			_, err := s.ListOrganizationMemberships(ctx, userID, nil)
			return err
		},
		"ListOrganizationInvitations": func(ctx context.Context, s users.API) error {
			_, err := s.ListOrganizationInvitations(ctx, userID, nil)
			return err
		},
		"GetBillingSubscription": func(ctx context.Context, s users.API) error {
			_, err := s.GetBillingSubscription(ctx, userID)
			return err
		},
		"GetBillingCreditBalance": func(ctx context.Context, s users.API) error {
			_, err := s.GetBillingCreditBalance(ctx, userID)
			return err
		},
		"AdjustBillingCreditBalance": func(ctx context.Context, s users.API) error {
			_, err := s.AdjustBillingCreditBalance(ctx, userID, &billing.AdjustCreditBalanceParams{Amount: 1, Action: billing.CreditDecrease, IdempotencyKey: "k"})
			return err
		},
	}
}

// twoIDMethods maps the methods that take a second ID to the path segment
// before it.
func twoIDMethods() map[string]string {
	return map[string]string{
		"DeletePasskey": "passkeys", "DeleteWeb3Wallet": "web3_wallets", "DeleteExternalAccount": "external_accounts",
		"ListOAuthAccessTokens": "oauth_access_tokens", "RevokeTrustedDevice": "trusted_devices",
	}
}

func TestBlankIDsSendNothing(t *testing.T) {
	t.Parallel()
	for _, blank := range []string{"", " ", "\t\n"} {
		for _, which := range []string{"user", "other"} {
			userID, otherID := blank, blank
			if which == "other" {
				userID, otherID = "user_1", blank
			}
			for name, call := range idCalls(userID, otherID) {
				if which == "other" {
					if _, ok := twoIDMethods()[name]; !ok {
						continue
					}
				}
				t.Run(fmt.Sprintf("%s/%s=%q", name, which, blank), func(t *testing.T) {
					t.Parallel()
					c, f := newClient(t, 0)
					err := call(context.Background(), c.Users)
					if !errors.Is(err, clerk.ErrInvalidInput) {
						t.Errorf("err = %v, want ErrInvalidInput", err)
					}
					var ie *clerk.InvalidInputError
					if !errors.As(err, &ie) {
						t.Errorf("err %T is not *clerk.InvalidInputError", err)
					}
					if n := len(f.requests()); n != 0 {
						t.Errorf("sent %d requests, want 0", n)
					}
				})
			}
		}
	}
}

func TestHostileIDsStayOneSegment(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, escaped string }{
		{"a/b", "a%2Fb"},
		{"..", "%2E%2E"},
		{".", "%2E"},
		{"x?y=1", "x%3Fy=1"},
		{"u#frag", "u%23frag"},
		{"../../organizations", "..%2F..%2Forganizations"},
	}
	for _, tt := range tests {
		for name, call := range idCalls(tt.id, "other_1") {
			t.Run(name+"/"+tt.id, func(t *testing.T) {
				t.Parallel()
				c, f := newClient(t, 0, ok(`{}`))
				// A body of {} decodes into every answer type well enough;
				// only the request matters here.
				_ = call(context.Background(), c.Users)
				reqs := f.requests()
				if len(reqs) != 1 {
					t.Fatalf("sent %d requests, want 1", len(reqs))
				}
				want := "/users/" + tt.escaped
				p := reqs[0].Path
				if p != want && !strings.HasPrefix(p, want+"/") {
					t.Errorf("path = %q, want it to start with %q", p, want)
				}
				if len(reqs[0].Query) != 0 {
					t.Errorf("id leaked into the query: %v", reqs[0].Query)
				}
			})
		}
	}
	t.Run("second id", func(t *testing.T) {
		t.Parallel()
		for name, seg := range twoIDMethods() {
			c, f := newClient(t, 0, ok(`{}`))
			_ = idCalls("user_1", "a/../b?c")[name](context.Background(), c.Users)
			want := "/users/user_1/" + seg + "/a%2F..%2Fb%3Fc"
			if reqs := f.requests(); len(reqs) != 1 || reqs[0].Path != want {
				t.Errorf("%s: requests %+v, want path %s", name, reqs, want)
			}
		}
	})
}

func TestBadMetadataSendsNothing(t *testing.T) {
	t.Parallel()
	bad := map[string]any{
		"string":       "admin",
		"number":       42,
		"array":        []string{"a"},
		"bool":         true,
		"raw array":    raw(`[1]`),
		"raw invalid":  raw(`{"a":`),
		"raw null":     raw(`null`),
		"unmarshalble": map[string]any{"f": func() {}},
	}
	for name, v := range bad {
		for _, field := range []string{"public", "private", "unsafe"} {
			params := &users.MetadataParams{}
			cp := &users.CreateParams{}
			switch field {
			case "public":
				params.PublicMetadata, cp.PublicMetadata = v, v
			case "private":
				params.PrivateMetadata, cp.PrivateMetadata = v, v
			default:
				params.UnsafeMetadata, cp.UnsafeMetadata = v, v
			}
			t.Run(name+"/"+field, func(t *testing.T) {
				t.Parallel()
				c, f := newClient(t, 0)
				ctx := context.Background()
				_, err1 := c.Users.UpdateMetadata(ctx, "user_1", params)
				_, err2 := c.Users.ReplaceMetadata(ctx, "user_1", params)
				_, err3 := c.Users.Create(ctx, cp)
				for i, err := range []error{err1, err2, err3} {
					if !errors.Is(err, clerk.ErrInvalidInput) {
						t.Errorf("call %d: err = %v, want ErrInvalidInput", i, err)
					}
				}
				if n := len(f.requests()); n != 0 {
					t.Errorf("sent %d requests, want 0", n)
				}
			})
		}
	}
}

func TestTooManyFilterValuesSendsNothing(t *testing.T) {
	t.Parallel()
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("user_%d", i)
	}
	params := map[string]*users.ListParams{
		"user_id":          {UserIDs: many},
		"email_address":    {EmailAddresses: many},
		"phone_number":     {PhoneNumbers: many},
		"external_id":      {ExternalIDs: many},
		"username":         {Usernames: many},
		"web3_wallet":      {Web3Wallets: many},
		"organization_id":  {OrganizationIDs: many},
		"provider_user_id": {ProviderUserIDs: many},
	}
	for name, p := range params {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0)
			ctx := context.Background()
			_, err1 := c.Users.List(ctx, p)
			_, err2 := c.Users.Count(ctx, p)
			var err3 error
			n := 0
			for _, err := range c.Users.All(ctx, p) {
				err3 = err
				n++
			}
			for i, err := range []error{err1, err2, err3} {
				if !errors.Is(err, clerk.ErrInvalidInput) || !strings.Contains(err.Error(), name) {
					t.Errorf("call %d: err = %v, want ErrInvalidInput naming %s", i, err, name)
				}
			}
			if n != 1 {
				t.Errorf("All yielded %d times, want 1", n)
			}
			if k := len(f.requests()); k != 0 {
				t.Errorf("sent %d requests, want 0", k)
			}
		})
	}
	t.Run("100 values are fine", func(t *testing.T) {
		t.Parallel()
		c, f := newClient(t, 0, ok(`[]`))
		if _, err := c.Users.List(context.Background(), &users.ListParams{UserIDs: many[:100]}); err != nil {
			t.Fatal(err)
		}
		if got := len(f.requests()[0].Query["user_id"]); got != 100 {
			t.Errorf("sent %d user_id values, want 100", got)
		}
	})
}

func TestOtherBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	calls := map[string]func(context.Context, users.API) error{
		"VerifyPassword nil params": func(ctx context.Context, s users.API) error {
			_, err := s.VerifyPassword(ctx, "user_1", nil)
			return err
		},
		"VerifyPassword empty": func(ctx context.Context, s users.API) error {
			_, err := s.VerifyPassword(ctx, "user_1", &users.VerifyPasswordParams{})
			return err
		},
		"VerifyTOTP blank": func(ctx context.Context, s users.API) error {
			_, err := s.VerifyTOTP(ctx, "user_1", &users.VerifyTOTPParams{Code: "  "})
			return err
		},
		"VerifyTOTP nil": func(ctx context.Context, s users.API) error {
			_, err := s.VerifyTOTP(ctx, "user_1", nil)
			return err
		},
		"SetProfileImage nil params": func(ctx context.Context, s users.API) error {
			_, err := s.UploadProfileImage(ctx, "user_1", nil)
			return err
		},
		"SetProfileImage nil file": func(ctx context.Context, s users.API) error {
			_, err := s.UploadProfileImage(ctx, "user_1", &users.UploadProfileImageParams{Filename: "a.png"})
			return err
		},
		"SetProfileImage empty file": func(ctx context.Context, s users.API) error {
			_, err := s.UploadProfileImage(ctx, "user_1", &users.UploadProfileImageParams{File: strings.NewReader("")})
			return err
		},
		"AdjustBillingCreditBalance nil": func(ctx context.Context, s users.API) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "user_1", nil)
			return err
		},
		"AdjustBillingCreditBalance no key": func(ctx context.Context, s users.API) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "user_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: billing.CreditIncrease, IdempotencyKey: " "})
			return err
		},
		"AdjustBillingCreditBalance zero amount": func(ctx context.Context, s users.API) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "user_1", &billing.AdjustCreditBalanceParams{Amount: 0, Action: billing.CreditIncrease, IdempotencyKey: "k"})
			return err
		},
		"AdjustBillingCreditBalance bad action": func(ctx context.Context, s users.API) error {
			_, err := s.AdjustBillingCreditBalance(ctx, "user_1", &billing.AdjustCreditBalanceParams{Amount: 1, Action: "add", IdempotencyKey: "k"})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0)
			if err := call(context.Background(), c.Users); !errors.Is(err, clerk.ErrInvalidInput) {
				t.Errorf("err = %v, want ErrInvalidInput", err)
			}
			if n := len(f.requests()); n != 0 {
				t.Errorf("sent %d requests, want 0", n)
			}
		})
	}
}

func TestCursorMisuseSendsNothing(t *testing.T) {
	t.Parallel()
	params := map[string]*users.ListParams{
		"other ordering": {StartingAfter: "user_1", OrderBy: "username"},
		"with offset":    {StartingAfter: "user_1", Offset: 10},
	}
	for name, p := range params {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0)
			_, err1 := c.Users.List(context.Background(), p)
			var err2 error
			for _, err := range c.Users.All(context.Background(), p) {
				err2 = err
			}
			for i, err := range []error{err1, err2} {
				if !errors.Is(err, clerk.ErrInvalidInput) {
					t.Errorf("call %d: err = %v, want ErrInvalidInput", i, err)
				}
			}
			if n := len(f.requests()); n != 0 {
				t.Errorf("sent %d requests", n)
			}
		})
	}
}
