package users_test

import (
	"context"
	"errors"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

func TestVerifyPasswordOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		reply    reply
		want     bool
		wantErrs []error // every one must match; none means no error
	}{
		{name: "match", reply: ok(`{"verified":true}`), want: true},
		{name: "wrong password, bare 422", reply: status(422, ""), want: false},
		{name: "wrong password, 422 with body", reply: status(422, `{"errors":[{"code":"incorrect_password","message":"x"}]}`), want: false},
		{name: "no password set", reply: status(400, ""), wantErrs: []error{users.ErrNoPassword, clerk.ErrBadRequest}},
		{name: "unknown user", reply: status(404, ""), wantErrs: []error{clerk.ErrNotFound}},
		{name: "locked out", reply: status(423, `{"errors":[{"code":"user_locked","message":"locked"}]}`), wantErrs: []error{clerk.ErrLocked}},
		{name: "server error", reply: status(500, `{"errors":[{"code":"internal","message":"x"}]}`), wantErrs: []error{clerk.ErrServer}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// Retries are on: a non-replayable POST must still go out once.
			c, f := newClient(t, 2, tt.reply)
			got, err := c.Users.VerifyPassword(context.Background(), "user_1", &users.VerifyPasswordParams{Password: "pw"})
			if got != tt.want {
				t.Errorf("verified = %v, want %v", got, tt.want)
			}
			checkErrs(t, err, tt.wantErrs)
			if n := len(f.requests()); n != 1 {
				t.Errorf("sent %d requests, want 1", n)
			}
		})
	}
}

func TestVerifyTOTPOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		reply    reply
		want     *users.TOTPVerification
		wantErrs []error
	}{
		{name: "totp", reply: ok(`{"verified":true,"code_type":"totp"}`), want: &users.TOTPVerification{Verified: true, CodeType: "totp"}},
		{name: "backup code", reply: ok(`{"verified":true,"code_type":"backup_code"}`), want: &users.TOTPVerification{Verified: true, CodeType: "backup_code"}},
		{name: "wrong code", reply: status(422, ""), want: &users.TOTPVerification{}},
		{name: "no totp", reply: status(400, ""), wantErrs: []error{users.ErrNoTOTP, clerk.ErrBadRequest}},
		{name: "unknown user", reply: status(404, ""), wantErrs: []error{clerk.ErrNotFound}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 2, tt.reply)
			got, err := c.Users.VerifyTOTP(context.Background(), "user_1", &users.VerifyTOTPParams{Code: "123456"})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			checkErrs(t, err, tt.wantErrs)
			if n := len(f.requests()); n != 1 {
				t.Errorf("sent %d requests, want 1", n)
			}
		})
	}
}

func checkErrs(t *testing.T, err error, want []error) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Errorf("err = %v, want nil", err)
		}
		return
	}
	for _, w := range want {
		if !errors.Is(err, w) {
			t.Errorf("err = %v, want it to match %v", err, w)
		}
	}
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) {
		t.Errorf("err %v does not carry a *clerk.APIError", err)
	}
}
