package identity_test

import (
	"context"
	"errors"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/identity"
	"github.com/clerkgo/clerk/users"
)

func newFakeAPI(t *testing.T) (*clerktest.Server, *clerk.Client) {
	t.Helper()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func findEmail(u *users.User, id string) *users.EmailAddress {
	for i := range u.EmailAddresses {
		if u.EmailAddresses[i].ID == id {
			return &u.EmailAddresses[i]
		}
	}
	return nil
}

func findPhone(u *users.User, id string) *users.PhoneNumber {
	for i := range u.PhoneNumbers {
		if u.PhoneNumbers[i].ID == id {
			return &u.PhoneNumbers[i]
		}
	}
	return nil
}

// TestEmailLifecycle: create, see it on the user, verify with the fake's
// code, make it primary, delete, and see it gone.
func TestEmailLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := newFakeAPI(t)
	ctx := context.Background()
	userID, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := c.EmailAddresses.Create(ctx, &identity.CreateEmailAddressParams{UserID: userID, EmailAddress: "ada@work.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Verified() || e.Object != "email_address" {
		t.Errorf("new address = %+v, want unverified", e)
	}
	u, err := c.Users.Get(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	if got := findEmail(u, e.ID); got == nil || got.EmailAddress != "ada@work.example.com" {
		t.Fatalf("user's addresses = %+v, want %s", u.EmailAddresses, e.ID)
	}
	if _, err := c.EmailAddresses.Create(ctx, &identity.CreateEmailAddressParams{UserID: userID, EmailAddress: "ADA@work.example.com"}); !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("duplicate address: err = %v, want 422", err)
	}

	ver, err := c.EmailAddresses.PrepareVerification(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ver.Status != identity.VerificationUnverified || ver.Strategy != "email_code" || ver.ExpireAt == nil {
		t.Errorf("prepared = %+v", ver)
	}
	_, err = c.EmailAddresses.AttemptVerification(ctx, e.ID, &identity.AttemptVerificationParams{VerificationID: ver.ID, Code: "000000"})
	var apiErr *clerk.APIError
	if !errors.Is(err, clerk.ErrBadRequest) || !errors.As(err, &apiErr) || !apiErr.HasCode("form_code_incorrect") {
		t.Errorf("wrong code: err = %v, want 400 form_code_incorrect", err)
	}
	got, err := c.EmailAddresses.Get(ctx, e.ID)
	if err != nil || got.Verification == nil || got.Verification.Status != "unverified" {
		t.Fatalf("after a wrong code: %+v, %v", got, err)
	}
	ver, err = c.EmailAddresses.AttemptVerification(ctx, e.ID, &identity.AttemptVerificationParams{VerificationID: ver.ID, Code: clerktest.VerificationCode})
	if err != nil || ver.Status != identity.VerificationVerified || *ver.Attempts != 2 {
		t.Fatalf("right code: %+v, %v", ver, err)
	}
	u, _ = c.Users.Get(ctx, userID)
	if got := findEmail(u, e.ID); got == nil || !got.Verified() {
		t.Errorf("user's address after verification = %+v, want verified", got)
	}

	yes := true
	if _, err := c.EmailAddresses.Update(ctx, e.ID, &identity.UpdateEmailAddressParams{Primary: &yes}); err != nil {
		t.Fatal(err)
	}
	u, _ = c.Users.Get(ctx, userID)
	if u.PrimaryEmailAddressID == nil || *u.PrimaryEmailAddressID != e.ID {
		t.Errorf("primary = %v, want %s", u.PrimaryEmailAddressID, e.ID)
	}

	del, err := c.EmailAddresses.Delete(ctx, e.ID)
	if err != nil || !del.Deleted || del.ID != e.ID || del.Object != "email_address" {
		t.Fatalf("Delete = %+v, %v", del, err)
	}
	u, _ = c.Users.Get(ctx, userID)
	if findEmail(u, e.ID) != nil || len(u.EmailAddresses) != 1 || u.PrimaryEmailAddressID == nil || *u.PrimaryEmailAddressID != u.EmailAddresses[0].ID {
		t.Errorf("after delete: addresses %+v, primary %v", u.EmailAddresses, u.PrimaryEmailAddressID)
	}
	if _, err := c.EmailAddresses.Get(ctx, e.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Get after delete: err = %v, want 404", err)
	}
}

// TestReplaceEmail: the user ends with the one address, primary; a
// repeated PUT keeps it.
func TestReplaceEmail(t *testing.T) {
	t.Parallel()
	srv, c := newFakeAPI(t)
	ctx := context.Background()
	userID, _ := srv.TryAddUser(clerktest.User{Email: "old@example.com"})
	p := &identity.ReplaceUserEmailAddressParams{EmailAddress: "new@example.com"}
	e, err := c.EmailAddresses.ReplaceForUser(ctx, userID, p)
	if err != nil || !e.Verified() {
		t.Fatalf("ReplaceForUser = %+v, %v", e, err)
	}
	again, err := c.EmailAddresses.ReplaceForUser(ctx, userID, p)
	if err != nil || again.ID != e.ID {
		t.Fatalf("repeated ReplaceForUser = %+v, %v; want the same id %s", again, err, e.ID)
	}
	u, _ := c.Users.Get(ctx, userID)
	if len(u.EmailAddresses) != 1 || u.EmailAddresses[0].ID != e.ID || *u.PrimaryEmailAddressID != e.ID {
		t.Errorf("addresses = %+v", u.EmailAddresses)
	}
	other, _ := srv.TryAddUser(clerktest.User{Email: "taken@example.com"})
	if _, err := c.EmailAddresses.ReplaceForUser(ctx, userID, &identity.ReplaceUserEmailAddressParams{EmailAddress: "taken@example.com"}); !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("address of %s: err = %v, want 422", other, err)
	}
}

// TestPhoneLifecycle: create, verify (failing after three wrong codes),
// reserve for MFA, delete.
func TestPhoneLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := newFakeAPI(t)
	ctx := context.Background()
	userID, _ := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	p, err := c.PhoneNumbers.Create(ctx, &identity.CreatePhoneNumberParams{UserID: userID, PhoneNumber: "+15555550100"})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := c.Users.Get(ctx, userID)
	if findPhone(u, p.ID) == nil || u.PrimaryPhoneNumberID == nil || *u.PrimaryPhoneNumberID != p.ID {
		t.Fatalf("user's numbers = %+v (primary %v)", u.PhoneNumbers, u.PrimaryPhoneNumberID)
	}
	ver, err := c.PhoneNumbers.PrepareVerification(ctx, p.ID)
	if err != nil || ver.Channel == nil || *ver.Channel != "sms" {
		t.Fatalf("PrepareVerification = %+v, %v", ver, err)
	}
	for i := range 3 {
		_, err := c.PhoneNumbers.AttemptVerification(ctx, p.ID, &identity.AttemptVerificationParams{VerificationID: ver.ID, Code: "1"})
		if !errors.Is(err, clerk.ErrBadRequest) {
			t.Fatalf("attempt %d: err = %v, want 400", i, err)
		}
	}
	got, _ := c.PhoneNumbers.Get(ctx, p.ID)
	if got.Verification == nil || got.Verification.Status != "failed" {
		t.Errorf("after 3 wrong codes: %+v", got.Verification)
	}
	if _, err := c.PhoneNumbers.AttemptVerification(ctx, p.ID, &identity.AttemptVerificationParams{VerificationID: ver.ID, Code: clerktest.VerificationCode}); !errors.Is(err, clerk.ErrBadRequest) {
		t.Errorf("right code on a failed verification: err = %v, want 400", err)
	}
	ver, _ = c.PhoneNumbers.PrepareVerification(ctx, p.ID)
	if _, err := c.PhoneNumbers.AttemptVerification(ctx, p.ID, &identity.AttemptVerificationParams{VerificationID: "ver_unknown", Code: clerktest.VerificationCode}); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("unknown verification: err = %v, want 404", err)
	}
	if _, err := c.PhoneNumbers.AttemptVerification(ctx, p.ID, &identity.AttemptVerificationParams{VerificationID: ver.ID, Code: clerktest.VerificationCode}); err != nil {
		t.Fatal(err)
	}
	yes := true
	got, err = c.PhoneNumbers.Update(ctx, p.ID, &identity.UpdatePhoneNumberParams{ReservedForSecondFactor: &yes})
	if err != nil || !got.ReservedForSecondFactor || !got.DefaultSecondFactor || !got.Verified() {
		t.Fatalf("Update = %+v, %v", got, err)
	}
	if _, err := c.PhoneNumbers.Delete(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	u, _ = c.Users.Get(ctx, userID)
	if len(u.PhoneNumbers) != 0 || u.PrimaryPhoneNumberID != nil {
		t.Errorf("after delete: %+v, primary %v", u.PhoneNumbers, u.PrimaryPhoneNumberID)
	}
	if _, err := c.PhoneNumbers.Delete(ctx, p.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("second delete: err = %v, want 404", err)
	}
}

// TestSignUpsAndClients reads and updates a seeded sign-up, and reads and
// verifies the client of a session.
func TestSignUpsAndClients(t *testing.T) {
	t.Parallel()
	srv, c := newFakeAPI(t)
	ctx := context.Background()
	suID, err := srv.AddSignUp(clerktest.SignUp{EmailAddress: "guest@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	ext, yes := "legacy-42", true
	su, err := c.SignUps.Update(ctx, suID, &identity.UpdateSignUpParams{ExternalID: &ext, CustomAction: &yes})
	if err != nil || su.ExternalID == nil || *su.ExternalID != ext || !su.CustomAction {
		t.Fatalf("Update = %+v, %v", su, err)
	}
	su, err = c.SignUps.Get(ctx, suID)
	if err != nil || su.Status != identity.SignUpMissingRequirements || *su.EmailAddress != "guest@example.com" || su.AbandonAt.IsZero() {
		t.Fatalf("Get = %+v, %v", su, err)
	}
	if _, err := c.SignUps.Get(ctx, "sua_missing"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("unknown sign-up: err = %v, want 404", err)
	}

	userID, _ := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	sessID, err := srv.TryAddSession(userID, "")
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.Sessions.Get(ctx, sessID)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := c.Clients.Get(ctx, sess.ClientID)
	if err != nil || cl.ID != sess.ClientID || len(cl.SessionIDs) != 1 || cl.SessionIDs[0] != sess.ID || cl.LastActiveSessionID == nil {
		t.Fatalf("Get = %+v, %v", cl, err)
	}
	tok, err := srv.MintSessionToken(userID, clerktest.WithSessionID(sess.ID))
	if err != nil {
		t.Fatal(err)
	}
	cl, err = c.Clients.Verify(ctx, &identity.VerifyClientParams{Token: tok})
	if err != nil || cl.ID != sess.ClientID {
		t.Fatalf("Verify = %+v, %v", cl, err)
	}
	if _, err := c.Clients.Verify(ctx, &identity.VerifyClientParams{Token: tok + "x"}); !errors.Is(err, clerk.ErrBadRequest) {
		t.Errorf("tampered token: err = %v, want 400", err)
	}
	if _, err := c.Clients.Get(ctx, "client_missing"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("unknown client: err = %v, want 404", err)
	}
}
