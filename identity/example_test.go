package identity_test

import (
	"context"
	"fmt"
	"log"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/clerktest/clerktestclient"
	"github.com/clerkgo/clerk/identity"
)

// Add an email address to a user and verify it with the code the user
// received (the fake's code is always clerktest.VerificationCode).
func ExampleEmailAddressService_AttemptVerification() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	userID, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	if err != nil {
		log.Fatal(err)
	}

	e, err := c.EmailAddresses.Create(ctx, &identity.CreateEmailAddressParams{UserID: userID, EmailAddress: "ada@work.example.com"})
	if err != nil {
		log.Fatal(err)
	}
	v, err := c.EmailAddresses.PrepareVerification(ctx, e.ID)
	if err != nil {
		log.Fatal(err)
	}
	v, err = c.EmailAddresses.AttemptVerification(ctx, e.ID, &identity.AttemptVerificationParams{
		VerificationID: v.ID,
		Code:           clerktest.VerificationCode,
	})
	if err != nil {
		log.Fatal(err)
	}
	e, err = c.EmailAddresses.Get(ctx, e.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(v.Status, e.EmailAddress, e.Verified())
	// Output: verified ada@work.example.com true
}

// Give a user a verified phone number reserved for multi-factor
// authentication.
func ExamplePhoneNumberService_Create() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	userID, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	if err != nil {
		log.Fatal(err)
	}

	p, err := c.PhoneNumbers.Create(ctx, &identity.CreatePhoneNumberParams{
		UserID:                  userID,
		PhoneNumber:             "+15555550100",
		Verified:                true,
		ReservedForSecondFactor: true,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.PhoneNumber, p.Verified(), p.ReservedForSecondFactor, p.DefaultSecondFactor)
	// Output: +15555550100 true true true
}

// Attach your own ID to a sign-up in progress; the user it creates
// inherits it.
func ExampleSignUpService_Update() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	signUpID, err := srv.AddSignUp(clerktest.SignUp{EmailAddress: "guest@example.com"})
	if err != nil {
		log.Fatal(err)
	}

	su, err := c.SignUps.Update(ctx, signUpID, &identity.UpdateSignUpParams{ExternalID: clerk.Ptr("legacy-42")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(su.Status, *su.EmailAddress, *su.ExternalID)
	// Output: missing_requirements guest@example.com legacy-42
}

// Verify a client token and list the client's sessions.
func ExampleClientService_Verify() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	userID, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	sessionID, err := srv.TryAddSession(userID, "")
	if err != nil {
		log.Fatal(err)
	}
	token, err := srv.MintSessionToken(userID, clerktest.WithSessionID(sessionID))
	if err != nil {
		log.Fatal(err)
	}

	cl, err := c.Clients.Verify(ctx, &identity.VerifyClientParams{Token: token})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(cl.Sessions), cl.Sessions[0].ID == sessionID, *cl.LastActiveSessionID == sessionID)
	// Output: 1 true true
}
