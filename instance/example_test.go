package instance_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/instance"
)

// exampleClient starts a fake and returns a client on it.
func exampleClient() (*clerk.Client, func()) {
	srv, err := clerktest.Start()
	if err != nil {
		log.Fatal(err)
	}
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	return c, srv.Close
}

// Settings updates return the new settings; the GET reads them back.
func ExampleService_UpdateProtect() {
	c, stop := exampleClient()
	defer stop()
	ctx := context.Background()
	if _, err := c.Instance.UpdateProtect(ctx, &instance.UpdateProtectParams{RulesEnabled: clerk.Ptr(true)}); err != nil {
		log.Fatal(err)
	}
	p, err := c.Instance.GetProtect(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("rules enabled:", p.RulesEnabled)
	// Output: rules enabled: true
}

// A satellite domain, then a check of its proxy.
func ExampleDomainService_Create() {
	c, stop := exampleClient()
	defer stop()
	ctx := context.Background()
	d, err := c.Domains.Create(ctx, &instance.CreateDomainParams{Name: "shop.example.com"})
	if err != nil {
		log.Fatal(err)
	}
	check, err := c.ProxyChecks.Verify(ctx, &instance.VerifyProxyParams{DomainID: d.ID, ProxyURL: "https://shop.example.com/__clerk"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Name, d.IsSatellite, check.Successful)
	// Output: shop.example.com true true
}

// Redirect URLs of a native app, walked with All (newest first).
func ExampleRedirectURLService_All() {
	c, stop := exampleClient()
	defer stop()
	ctx := context.Background()
	for _, u := range []string{"my-app://oauth-callback", "https://example.com/callback"} {
		if _, err := c.RedirectURLs.Create(ctx, &instance.CreateRedirectURLParams{URL: u}); err != nil {
			log.Fatal(err)
		}
	}
	for r, err := range c.RedirectURLs.All(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(r.URL)
	}
	// Output:
	// https://example.com/callback
	// my-app://oauth-callback
}

// A template's claims, shortcodes included, end up in the session tokens
// minted from it.
func ExampleJWTTemplateService_Create() {
	c, stop := exampleClient()
	defer stop()
	ctx := context.Background()
	t, err := c.JWTTemplates.Create(ctx, &instance.CreateJWTTemplateParams{
		Name:     "hasura",
		Claims:   map[string]any{"https://hasura.io/jwt/claims": map[string]any{"x-hasura-default-role": "user"}, "uid": "{{user.id}}"},
		Lifetime: 5 * time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Name, t.Lifetime)
	// Output: hasura 5m0s
}
