package machines_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/machines"
)

// A machine creates an M2M token with its own secret key; the machine it
// calls verifies the token.
func ExampleM2MTokenService_Create() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	ledger, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: "ledger"})
	if err != nil {
		log.Fatal(err)
	}
	invoicer, err := c.Machines.Create(ctx, &machines.CreateMachineParams{Name: "invoicer", ScopedMachines: []string{ledger.ID}})
	if err != nil {
		log.Fatal(err)
	}

	// On the invoicer: its secret key is the bearer of this call.
	tok, err := c.M2MTokens.Create(ctx, nil, machines.WithMachineSecret(invoicer.SecretKey))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("token:", strings.HasPrefix(tok.Token, "mt_"))

	// On the ledger: verify what the invoicer sent, with the ledger's own
	// key (the token must be scoped to the ledger).
	got, err := c.M2MTokens.Verify(ctx, tok.Token, machines.WithMachineSecret(ledger.SecretKey))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("from invoicer:", got.Subject == invoicer.ID)
	fmt.Println("may call ledger:", len(got.Scopes) == 1 && got.Scopes[0] == ledger.ID)

	if _, err := c.M2MTokens.Revoke(ctx, tok.ID, &machines.RevokeParams{Reason: "done"}); err != nil {
		log.Fatal(err)
	}
	_, err = c.M2MTokens.Verify(ctx, tok.Token)
	fmt.Println("after revoke:", errors.Is(err, clerk.ErrNotFound))
	// Output:
	// token: true
	// from invoicer: true
	// may call ledger: true
	// after revoke: true
}

// An API key a user made for a script is verified by the server the script
// calls; a Verifier picks the operation from the token's prefix.
func ExampleAPIKeyService_Verify() {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	key, err := c.APIKeys.Create(ctx, &machines.CreateAPIKeyParams{
		Name: "nightly export", Subject: "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", Scopes: []string{"export:read"},
	})
	if err != nil {
		log.Fatal(err)
	}

	got, err := c.APIKeys.Verify(ctx, key.Secret)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Name, got.Scopes)

	v := machines.NewVerifier(c.APIKeys, c.M2MTokens, c.OAuthAccessTokens)
	vt, err := v.Verify(ctx, key.Secret)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(vt.Kind, vt.OrgID)

	if _, err := c.APIKeys.Revoke(ctx, key.ID, nil); err != nil {
		log.Fatal(err)
	}
	_, err = v.Verify(ctx, key.Secret)
	fmt.Println("after revoke:", errors.Is(err, clerk.ErrNotFound))
	// Output:
	// nightly export [export:read]
	// api_key org_2xhFjEI5X2qWRvtV13BzSj8H6Dk
	// after revoke: true
}
