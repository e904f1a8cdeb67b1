package orgdomains_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/orgdomains"
)

func TestDomainLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	org, err := c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.OrganizationDomains.Create(ctx, org.ID, &orgdomains.CreateParams{Name: "Acme.example", EnrollmentMode: orgdomains.AutomaticSuggestion})
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "acme.example" || d.OrganizationID != org.ID || d.Verified() || d.CreatedAt.IsZero() ||
		d.PublicOrganizationData == nil || d.PublicOrganizationData.Slug != org.Slug {
		t.Fatalf("created = %+v", d)
	}
	if _, err := c.OrganizationDomains.Create(ctx, org.ID, &orgdomains.CreateParams{Name: "acme.example", EnrollmentMode: orgdomains.ManualInvitation}); !errors.Is(err, clerk.ErrUnprocessable) {
		t.Errorf("duplicate domain: %v, want 422", err)
	}

	unverified := false
	page, err := c.OrganizationDomains.List(ctx, org.ID, &orgdomains.ListParams{Verified: &unverified})
	if err != nil || page.TotalCount != 1 {
		t.Fatalf("List(unverified) = %v, %v", page, err)
	}
	d, err = c.OrganizationDomains.VerifyOwnership(ctx, org.ID, d.ID)
	if err != nil || !d.Verified() || d.OwnershipVerification.VerifiedAt == nil {
		t.Fatalf("VerifyOwnership = %+v, %v", d, err)
	}
	verified := true
	all, err := c.OrganizationDomains.ListInstance(ctx, &orgdomains.ListInstanceParams{Verified: &verified, Domains: []string{"acme.example"}})
	if err != nil || all.TotalCount != 1 || all.Data[0].ID != d.ID {
		t.Fatalf("ListInstance(verified) = %+v, %v", all, err)
	}
	mode := orgdomains.AutomaticInvitation
	d, err = c.OrganizationDomains.Update(ctx, org.ID, d.ID, &orgdomains.UpdateParams{EnrollmentMode: &mode})
	if err != nil || d.EnrollmentMode != mode {
		t.Fatalf("Update = %+v, %v", d, err)
	}
	n := 0
	for got, err := range c.OrganizationDomains.AllInstance(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		_ = got
	}
	if n != 1 {
		t.Errorf("AllInstance walked %d", n)
	}
	del, err := c.OrganizationDomains.Delete(ctx, org.ID, d.ID)
	if err != nil || !del.Deleted {
		t.Fatalf("Delete = %+v, %v", del, err)
	}
	if _, err := c.OrganizationDomains.Delete(ctx, org.ID, d.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if _, err := c.OrganizationDomains.Update(ctx, "", d.ID, nil); !errors.Is(err, clerk.ErrInvalidInput) {
		t.Errorf("empty org id: %v", err)
	}
}

func ExampleService_VerifyOwnership() {
	ctx := context.Background()
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))

	org, _ := c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme"})
	d, err := c.OrganizationDomains.Create(ctx, org.ID, &orgdomains.CreateParams{
		Name: "acme.example", EnrollmentMode: orgdomains.AutomaticSuggestion,
	})
	if err != nil {
		panic(err)
	}
	d, err = c.OrganizationDomains.VerifyOwnership(ctx, org.ID, d.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Name, d.Verified())
	// Output: acme.example true
}
