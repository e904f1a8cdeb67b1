package identity_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/identity"
	"github.com/clerkgo/clerk/internal/testkit"
)

const (
	emailJSON = `{"id":"idn_1","object":"email_address","email_address":"ada@example.com","reserved":false,
		"verification":{"object":"verification_otp","status":"unverified","strategy":"email_code","attempts":0,"expire_at":1764547800000},
		"linked_to":[],"created_at":1764547200000,"updated_at":1764547200000}`
	phoneJSON = `{"id":"idn_2","object":"phone_number","phone_number":"+15555550100","reserved":false,
		"reserved_for_second_factor":false,"default_second_factor":false,"verification":null,
		"linked_to":[],"created_at":1764547200000,"updated_at":1764547200000}`
	verificationJSON = `{"object":"verification_otp","id":"ver_1","status":"verified","strategy":"email_code",
		"attempts":1,"expire_at":1764547800000,"channel":null}`
	deletedJSON = `{"object":"email_address","id":"idn_1","deleted":true}`
	signUpJSON  = `{"object":"sign_up_attempt","id":"sua_1","status":"missing_requirements","required_fields":["email_address"],
		"optional_fields":[],"missing_fields":[],"unverified_fields":["email_address"],
		"verifications":{"email_address":{"next_action":"needs_prepare","supported_strategies":["email_code"]},
		"phone_number":null,"web3_wallet":null,"external_account":null},
		"username":null,"email_address":"ada@example.com","phone_number":null,"web3_wallet":null,"password_enabled":false,
		"first_name":null,"last_name":null,"custom_action":true,"external_id":"ext_1","created_session_id":null,
		"created_user_id":null,"abandon_at":1764633600000,"legal_accepted_at":null}`
	clientJSON = `{"object":"client","id":"client_1","session_ids":["sess_1"],"sessions":[{"object":"session","id":"sess_1",
		"user_id":"user_1","client_id":"client_1","status":"active","last_active_at":1764547300000,"expire_at":1765152000000,
		"abandon_at":1767139200000,"updated_at":1764547300000,"created_at":1764547200000}],"sign_in_id":null,"sign_up_id":null,
		"last_active_session_id":"sess_1","last_authentication_strategy":null,"updated_at":1764547300000,"created_at":1764547200000}`
)

// TestRequests checks each method's request (method, path, body) and that
// the answer decodes.
func TestRequests(t *testing.T) {
	t.Parallel()
	yes := true
	tests := []struct {
		name, method, path, body, reply string
		call                            func(c *clerk.Client) (any, error)
		check                           func(t *testing.T, v any)
	}{
		{
			name: "EmailAddresses.Create", method: http.MethodPost, path: "/email_addresses", reply: emailJSON,
			body: `{"user_id":"user_1","email_address":"ada@example.com","primary":true}`,
			call: func(c *clerk.Client) (any, error) {
				return c.EmailAddresses.Create(context.Background(), &identity.CreateEmailAddressParams{UserID: "user_1", EmailAddress: "ada@example.com", Primary: &yes})
			},
		},
		{
			name: "EmailAddresses.Get", method: http.MethodGet, path: "/email_addresses/idn_1", reply: emailJSON,
			call: func(c *clerk.Client) (any, error) { return c.EmailAddresses.Get(context.Background(), "idn_1") },
		},
		{
			name: "EmailAddresses.Update", method: http.MethodPatch, path: "/email_addresses/idn_1", reply: emailJSON,
			body: `{"verified":true,"notify_primary_email_address_changed":true}`,
			call: func(c *clerk.Client) (any, error) {
				return c.EmailAddresses.Update(context.Background(), "idn_1", &identity.UpdateEmailAddressParams{Verified: &yes, NotifyPrimaryEmailAddressChanged: true})
			},
		},
		{
			name: "EmailAddresses.Update nil", method: http.MethodPatch, path: "/email_addresses/idn_1", reply: emailJSON, body: `{}`,
			call: func(c *clerk.Client) (any, error) { return c.EmailAddresses.Update(context.Background(), "idn_1", nil) },
		},
		{
			name: "EmailAddresses.Delete", method: http.MethodDelete, path: "/email_addresses/idn_1", reply: deletedJSON,
			call: func(c *clerk.Client) (any, error) { return c.EmailAddresses.Delete(context.Background(), "idn_1") },
		},
		{
			name: "EmailAddresses.PrepareVerification", method: http.MethodPost, path: "/email_addresses/idn_1/prepare_verification", reply: verificationJSON,
			call: func(c *clerk.Client) (any, error) {
				return c.EmailAddresses.PrepareVerification(context.Background(), "idn_1")
			},
		},
		{
			name: "EmailAddresses.AttemptVerification", method: http.MethodPost, path: "/email_addresses/idn_1/attempt_verification", reply: verificationJSON,
			body: `{"verification_id":"ver_1","code":"424242"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.EmailAddresses.AttemptVerification(context.Background(), "idn_1", &identity.AttemptVerificationParams{VerificationID: "ver_1", Code: "424242"})
			},
			check: func(t *testing.T, v any) {
				ver := v.(*identity.Verification)
				if ver.ID != "ver_1" || ver.Status != identity.VerificationVerified || ver.Attempts == nil || *ver.Attempts != 1 ||
					ver.ExpireAt == nil || !ver.ExpireAt.Equal(time.UnixMilli(1764547800000)) || ver.Channel != nil {
					t.Errorf("verification = %+v", ver)
				}
			},
		},
		{
			name: "EmailAddresses.ReplaceForUser", method: http.MethodPut, path: "/users/user_1/email_address", reply: emailJSON,
			body: `{"email_address":"ada@example.com","identification_status":"reserved"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.EmailAddresses.ReplaceForUser(context.Background(), "user_1", &identity.ReplaceUserEmailAddressParams{EmailAddress: "ada@example.com", IdentificationStatus: identity.IdentificationReserved})
			},
		},
		{
			name: "PhoneNumbers.Create", method: http.MethodPost, path: "/phone_numbers", reply: phoneJSON,
			body: `{"user_id":"user_1","phone_number":"+15555550100","verified":true,"reserved_for_second_factor":true}`,
			call: func(c *clerk.Client) (any, error) {
				return c.PhoneNumbers.Create(context.Background(), &identity.CreatePhoneNumberParams{UserID: "user_1", PhoneNumber: "+15555550100", Verified: true, ReservedForSecondFactor: true})
			},
		},
		{
			name: "PhoneNumbers.Get", method: http.MethodGet, path: "/phone_numbers/idn_2", reply: phoneJSON,
			call: func(c *clerk.Client) (any, error) { return c.PhoneNumbers.Get(context.Background(), "idn_2") },
		},
		{
			name: "PhoneNumbers.Update", method: http.MethodPatch, path: "/phone_numbers/idn_2", reply: phoneJSON,
			body: `{"primary":true,"reserved_for_second_factor":true}`,
			call: func(c *clerk.Client) (any, error) {
				return c.PhoneNumbers.Update(context.Background(), "idn_2", &identity.UpdatePhoneNumberParams{Primary: &yes, ReservedForSecondFactor: &yes})
			},
		},
		{
			name: "PhoneNumbers.Delete", method: http.MethodDelete, path: "/phone_numbers/idn_2", reply: `{"object":"phone_number","id":"idn_2","deleted":true}`,
			call: func(c *clerk.Client) (any, error) { return c.PhoneNumbers.Delete(context.Background(), "idn_2") },
		},
		{
			name: "PhoneNumbers.PrepareVerification", method: http.MethodPost, path: "/phone_numbers/idn_2/prepare_verification", reply: verificationJSON,
			call: func(c *clerk.Client) (any, error) {
				return c.PhoneNumbers.PrepareVerification(context.Background(), "idn_2")
			},
		},
		{
			name: "PhoneNumbers.AttemptVerification", method: http.MethodPost, path: "/phone_numbers/idn_2/attempt_verification", reply: verificationJSON,
			body: `{"verification_id":"ver_1","code":"111111"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.PhoneNumbers.AttemptVerification(context.Background(), "idn_2", &identity.AttemptVerificationParams{VerificationID: "ver_1", Code: "111111"})
			},
		},
		{
			name: "PhoneNumbers.ReplaceForUser", method: http.MethodPut, path: "/users/user_1/phone_number", reply: phoneJSON,
			body: `{"phone_number":"+15555550100"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.PhoneNumbers.ReplaceForUser(context.Background(), "user_1", &identity.ReplaceUserPhoneNumberParams{PhoneNumber: "+15555550100"})
			},
		},
		{
			name: "SignUps.Get", method: http.MethodGet, path: "/sign_ups/sua_1", reply: signUpJSON,
			call: func(c *clerk.Client) (any, error) { return c.SignUps.Get(context.Background(), "sua_1") },
			check: func(t *testing.T, v any) {
				su := v.(*identity.SignUp)
				if su.Status != identity.SignUpMissingRequirements || !su.AbandonAt.Equal(time.UnixMilli(1764633600000)) ||
					su.LegalAcceptedAt != nil || su.Verifications.EmailAddress == nil ||
					su.Verifications.EmailAddress.NextAction != "needs_prepare" || su.Verifications.PhoneNumber != nil {
					t.Errorf("sign-up = %+v", su)
				}
			},
		},
		{
			name: "SignUps.Update", method: http.MethodPatch, path: "/sign_ups/sua_1", reply: signUpJSON,
			body: `{"external_id":"ext_1","custom_action":true}`,
			call: func(c *clerk.Client) (any, error) {
				ext := "ext_1"
				return c.SignUps.Update(context.Background(), "sua_1", &identity.UpdateSignUpParams{ExternalID: &ext, CustomAction: &yes})
			},
		},
		{
			name: "Clients.Get", method: http.MethodGet, path: "/clients/client_1", reply: clientJSON,
			call: func(c *clerk.Client) (any, error) { return c.Clients.Get(context.Background(), "client_1") },
			check: func(t *testing.T, v any) {
				cl := v.(*identity.Client)
				if cl.ID != "client_1" || len(cl.Sessions) != 1 || cl.Sessions[0].ID != "sess_1" ||
					!cl.CreatedAt.Equal(time.UnixMilli(1764547200000)) || *cl.LastActiveSessionID != "sess_1" {
					t.Errorf("client = %+v", cl)
				}
			},
		},
		{
			name: "Clients.Verify", method: http.MethodPost, path: "/clients/verify", reply: clientJSON,
			body: `{"token":"eyJ.x.y"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.Clients.Verify(context.Background(), &identity.VerifyClientParams{Token: "eyJ.x.y"})
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, testkit.Always(http.StatusOK, tt.reply))
			v, err := tt.call(c)
			if err != nil {
				t.Fatal(err)
			}
			calls := f.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d calls, want 1", len(calls))
			}
			testkit.CheckCall(t, calls[0], tt.method, tt.path, nil, tt.body)
			if tt.check != nil {
				tt.check(t, v)
			}
		})
	}
}

// TestEmailDecode checks the users.EmailAddress the service returns.
func TestEmailDecode(t *testing.T) {
	t.Parallel()
	c, _ := testkit.NewFake(t, testkit.Always(http.StatusOK, emailJSON))
	e, err := c.EmailAddresses.Get(context.Background(), "idn_1")
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "idn_1" || e.EmailAddress != "ada@example.com" || e.Verification == nil || e.Verification.Status != "unverified" || e.Verified() {
		t.Errorf("email = %+v", e)
	}
}

// TestBadInput checks that bad input is refused before any request.
func TestBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name, field string
		call        func(c *clerk.Client) error
	}{
		{"EmailAddresses.Create nil", "params", func(c *clerk.Client) error { _, err := c.EmailAddresses.Create(ctx, nil); return err }},
		{"EmailAddresses.Create no user", "user_id", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.Create(ctx, &identity.CreateEmailAddressParams{EmailAddress: "a@example.com"})
			return err
		}},
		{"EmailAddresses.Create no address", "email_address", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.Create(ctx, &identity.CreateEmailAddressParams{UserID: "user_1"})
			return err
		}},
		{"EmailAddresses.Get", "email_address_id", func(c *clerk.Client) error { _, err := c.EmailAddresses.Get(ctx, " "); return err }},
		{"EmailAddresses.Update", "email_address_id", func(c *clerk.Client) error { _, err := c.EmailAddresses.Update(ctx, "", nil); return err }},
		{"EmailAddresses.Delete", "email_address_id", func(c *clerk.Client) error { _, err := c.EmailAddresses.Delete(ctx, ""); return err }},
		{"EmailAddresses.PrepareVerification", "email_address_id", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.PrepareVerification(ctx, "")
			return err
		}},
		{"EmailAddresses.AttemptVerification nil", "params", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.AttemptVerification(ctx, "idn_1", nil)
			return err
		}},
		{"EmailAddresses.AttemptVerification no code", "code", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.AttemptVerification(ctx, "idn_1", &identity.AttemptVerificationParams{VerificationID: "ver_1"})
			return err
		}},
		{"EmailAddresses.AttemptVerification no id", "email_address_id", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.AttemptVerification(ctx, "", &identity.AttemptVerificationParams{VerificationID: "ver_1", Code: "1"})
			return err
		}},
		{"EmailAddresses.ReplaceForUser status", "identification_status", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.ReplaceForUser(ctx, "user_1", &identity.ReplaceUserEmailAddressParams{EmailAddress: "a@example.com", IdentificationStatus: "maybe"})
			return err
		}},
		{"EmailAddresses.ReplaceForUser user", "user_id", func(c *clerk.Client) error {
			_, err := c.EmailAddresses.ReplaceForUser(ctx, "", &identity.ReplaceUserEmailAddressParams{EmailAddress: "a@example.com"})
			return err
		}},
		{"PhoneNumbers.Create no number", "phone_number", func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.Create(ctx, &identity.CreatePhoneNumberParams{UserID: "user_1"})
			return err
		}},
		{"PhoneNumbers.Get", "phone_number_id", func(c *clerk.Client) error { _, err := c.PhoneNumbers.Get(ctx, ""); return err }},
		{"PhoneNumbers.Update", "phone_number_id", func(c *clerk.Client) error { _, err := c.PhoneNumbers.Update(ctx, "", nil); return err }},
		{"PhoneNumbers.Delete", "phone_number_id", func(c *clerk.Client) error { _, err := c.PhoneNumbers.Delete(ctx, ""); return err }},
		{"PhoneNumbers.PrepareVerification", "phone_number_id", func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.PrepareVerification(ctx, "")
			return err
		}},
		{"PhoneNumbers.AttemptVerification", "verification_id", func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.AttemptVerification(ctx, "idn_2", &identity.AttemptVerificationParams{Code: "1"})
			return err
		}},
		{"PhoneNumbers.ReplaceForUser nil", "params", func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.ReplaceForUser(ctx, "user_1", nil)
			return err
		}},
		{"SignUps.Get", "id", func(c *clerk.Client) error { _, err := c.SignUps.Get(ctx, ""); return err }},
		{"SignUps.Update", "id", func(c *clerk.Client) error { _, err := c.SignUps.Update(ctx, "", nil); return err }},
		{"Clients.Get", "client_id", func(c *clerk.Client) error { _, err := c.Clients.Get(ctx, ""); return err }},
		{"Clients.Verify", "token", func(c *clerk.Client) error {
			_, err := c.Clients.Verify(ctx, &identity.VerifyClientParams{})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, nil)
			testkit.CheckRefused(t, tt.call(c), tt.field, f)
		})
	}
}

// TestReplay checks the retry table: creates, sends and attempts are not
// replayed after a 502; reads, PUTs and Verify are.
func TestReplay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		replay bool
		reply  string
		call   func(c *clerk.Client) error
	}{
		{"EmailAddresses.Create", false, emailJSON, func(c *clerk.Client) error {
			_, err := c.EmailAddresses.Create(ctx, &identity.CreateEmailAddressParams{UserID: "user_1", EmailAddress: "a@example.com"})
			return err
		}},
		{"PhoneNumbers.Create", false, phoneJSON, func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.Create(ctx, &identity.CreatePhoneNumberParams{UserID: "user_1", PhoneNumber: "+15555550100"})
			return err
		}},
		{"EmailAddresses.PrepareVerification", false, verificationJSON, func(c *clerk.Client) error {
			_, err := c.EmailAddresses.PrepareVerification(ctx, "idn_1")
			return err
		}},
		{"PhoneNumbers.AttemptVerification", false, verificationJSON, func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.AttemptVerification(ctx, "idn_2", &identity.AttemptVerificationParams{VerificationID: "v", Code: "1"})
			return err
		}},
		{"EmailAddresses.Get", true, emailJSON, func(c *clerk.Client) error { _, err := c.EmailAddresses.Get(ctx, "idn_1"); return err }},
		{"PhoneNumbers.ReplaceForUser", true, phoneJSON, func(c *clerk.Client) error {
			_, err := c.PhoneNumbers.ReplaceForUser(ctx, "user_1", &identity.ReplaceUserPhoneNumberParams{PhoneNumber: "+15555550100"})
			return err
		}},
		{"Clients.Verify", true, clientJSON, func(c *clerk.Client) error {
			_, err := c.Clients.Verify(ctx, &identity.VerifyClientParams{Token: "t"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := testkit.NewFake(t, func(n int, _ testkit.Call) testkit.Reply {
				if n == 0 {
					return testkit.Reply{Status: http.StatusBadGateway, Body: testkit.ErrorBody("bad_gateway", "upstream")}
				}
				return testkit.Reply{Status: http.StatusOK, Body: tt.reply}
			})
			err := tt.call(c)
			n := len(f.Calls())
			if tt.replay {
				if err != nil || n != 2 {
					t.Errorf("err = %v after %d calls, want success after 2", err, n)
				}
				return
			}
			if !errors.Is(err, clerk.ErrServer) || n != 1 {
				t.Errorf("err = %v after %d calls, want ErrServer after 1", err, n)
			}
		})
	}
}

// TestDeleteReplayedNotFound: a delete whose replay finds nothing left
// counts as done.
func TestDeleteReplayedNotFound(t *testing.T) {
	t.Parallel()
	c, f := testkit.NewFake(t, func(n int, _ testkit.Call) testkit.Reply {
		if n == 0 {
			return testkit.Reply{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"}
		}
		return testkit.Reply{Status: http.StatusNotFound, Body: testkit.ErrorBody("resource_not_found", "not found")}
	})
	del, err := c.PhoneNumbers.Delete(context.Background(), "idn_2")
	if err != nil || !del.Deleted || del.ID != "idn_2" || del.Object != "phone_number" || len(f.Calls()) != 2 {
		t.Errorf("Delete = %+v, %v after %d calls", del, err, len(f.Calls()))
	}
}

// TestUnimplemented checks the embeddable fakes.
func TestUnimplemented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	errs := []error{}
	_, err := identity.UnimplementedEmailAddresses{}.Get(ctx, "idn_1")
	errs = append(errs, err)
	_, err = identity.UnimplementedPhoneNumbers{}.Create(ctx, nil)
	errs = append(errs, err)
	_, err = identity.UnimplementedSignUps{}.Update(ctx, "sua_1", nil)
	errs = append(errs, err)
	_, err = identity.UnimplementedClients{}.Verify(ctx, nil)
	errs = append(errs, err)
	for i, err := range errs {
		var nie *clerk.NotImplementedError
		if !errors.Is(err, clerk.ErrNotImplemented) || !errors.As(err, &nie) || nie.Method == "" {
			t.Errorf("%d: err = %v, want a NotImplementedError", i, err)
		}
	}
}
