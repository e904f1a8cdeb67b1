package tokens_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/clerktest/clerktestclient"
	"github.com/clerkgo/clerk/tokens"
)

// Mint a one-hour sign-in link for a user, then revoke it; a second
// revoke is refused.
func ExampleSignInTokenService_Create() {
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

	tok, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: userID, ExpiresIn: time.Hour})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tok.Status, tok.URL != nil)

	tok, err = c.SignInTokens.Revoke(ctx, tok.ID)
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.SignInTokens.Revoke(ctx, tok.ID)
	fmt.Println(tok.Status, tokens.AlreadyRevoked(err))
	// Output:
	// pending true
	// revoked true
}

// Let a support agent impersonate a user for at most ten minutes.
func ExampleActorTokenService_Create() {
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

	tok, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{
		UserID:             userID,
		Actor:              map[string]string{"sub": "user_support_1"},
		ExpiresIn:          5 * time.Minute,
		SessionMaxDuration: 10 * time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tok.Status, string(tok.Actor))
	// Output: pending {"sub":"user_support_1"}
}

// Get a testing token for end-to-end tests of a development instance.
func ExampleTestingTokenService_Create() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	tok, err := c.TestingTokens.Create(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tok.Token != "", tok.ExpiresAt.After(time.Now()))
	// Output: true true
}

// Send an organization's IT contact a link into the admin portal.
func ExampleAdminPortalLinkService_Create() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	orgID, err := srv.TryAddOrganization(clerktest.Organization{Name: "Acme"})
	if err != nil {
		log.Fatal(err)
	}

	tok, err := c.AdminPortalLinks.Create(ctx, &tokens.CreateAdminPortalLinkParams{
		OrganizationID: orgID,
		ITContactID:    "it-contact-7",
		ExpiresIn:      24 * time.Hour,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(tok.ID, "aplt_"), tok.Expiration.Sub(tok.CreatedAt), tok.Revoked)
	// Output: true 24h0m0s false
}

// Let an agent act for a user, found by email address.
func ExampleAgentTaskService_Create() {
	srv, c, err := clerktestclient.Start() // your code: clerk.NewClient(os.Getenv("CLERK_SECRET_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	if _, err := srv.TryAddUser(clerktest.User{Email: "ada@example.com"}); err != nil {
		log.Fatal(err)
	}

	task, err := c.AgentTasks.Create(ctx, &tokens.CreateAgentTaskParams{
		OnBehalfOf:      tokens.AgentTaskOnBehalfOf{Identifier: "ada@example.com"},
		Permissions:     tokens.AllPermissions,
		AgentName:       "travel-bot",
		TaskDescription: "Book the flight to Lisbon",
		RedirectURL:     "https://app.example.com/trips",
	})
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.AgentTasks.Revoke(ctx, task.AgentTaskID)
	fmt.Println(task.URL != "", err == nil, errors.Is(err, clerk.ErrNotFound))
	// Output: true true false
}
