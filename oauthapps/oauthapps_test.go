package oauthapps_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/oauthapps"
)

func TestApplicationLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := clerktest.NewServer(t)
	c, err := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	app, err := c.OAuthApplications.Create(ctx, &oauthapps.CreateParams{Name: "Reports", RedirectURIs: []string{"https://reports.example/cb"}, Scopes: "profile email"})
	if err != nil {
		t.Fatal(err)
	}
	if app.ClientSecret == "" || app.ClientID == "" || app.CreatedAt.IsZero() || len(app.RedirectURIs) != 1 {
		t.Fatalf("created = %+v", app)
	}
	got, err := c.OAuthApplications.Get(ctx, app.ID)
	if err != nil || got.ClientSecret != "" {
		t.Fatalf("Get = %+v, %v (the secret is shown on create and rotate only)", got, err)
	}
	rotated, err := c.OAuthApplications.RotateSecret(ctx, app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rotated.ClientSecret == "" || rotated.ClientSecret == app.ClientSecret {
		t.Errorf("rotated secret %q, old %q: want a new one", rotated.ClientSecret, app.ClientSecret)
	}
	if cur := srv.OAuthApplicationSecret(app.ID); cur != rotated.ClientSecret {
		t.Errorf("the fake keeps %q; the old secret must be gone", cur)
	}
	withLogo, err := c.OAuthApplications.UploadLogo(ctx, app.ID, &oauthapps.UploadLogoParams{File: bytes.NewReader(tinyPNG), Filename: "logo.png"})
	if err != nil || withLogo.ClientImageURL == "" {
		t.Fatalf("UploadLogo = %+v, %v", withLogo, err)
	}
	if _, err := c.OAuthApplications.UploadLogo(ctx, app.ID, &oauthapps.UploadLogoParams{File: bytes.NewReader(make([]byte, oauthapps.MaxLogoSize+1))}); !errors.Is(err, clerk.ErrInvalidInput) {
		t.Errorf("oversized logo: %v", err)
	}
	if err := c.OAuthApplications.RevokeToken(ctx, app.ID, &oauthapps.RevokeTokenParams{Token: "oat_123"}); err != nil {
		t.Errorf("RevokeToken: %v", err)
	}
	name := "Reports v2"
	if got, err := c.OAuthApplications.Update(ctx, app.ID, &oauthapps.UpdateParams{Name: &name}); err != nil || got.Name != name {
		t.Errorf("Update = %+v, %v", got, err)
	}
	page, err := c.OAuthApplications.List(ctx, &oauthapps.ListParams{NameQuery: "v2"})
	if err != nil || page.TotalCount != 1 {
		t.Errorf("List = %+v, %v", page, err)
	}
	if del, err := c.OAuthApplications.Delete(ctx, app.ID); err != nil || !del.Deleted {
		t.Errorf("Delete = %+v, %v", del, err)
	}
	if _, err := c.OAuthApplications.RotateSecret(ctx, app.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("rotate after delete: %v", err)
	}
	if err := c.OAuthApplications.RevokeToken(ctx, "oa_1", nil); !errors.Is(err, clerk.ErrInvalidInput) {
		t.Errorf("nil revoke params: %v", err)
	}
}

var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

// Rotating an OAuth application's client secret: store the new one from
// the answer, the API never shows it again.
func ExampleService_RotateSecret() {
	ctx := context.Background()
	srv, err := clerktest.Start() // in a test: clerktest.NewServer(t)
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	c, _ := clerk.NewClient(srv.SecretKey, clerk.WithBaseURL(srv.URL))

	app, err := c.OAuthApplications.Create(ctx, &oauthapps.CreateParams{Name: "Reports"})
	if err != nil {
		panic(err)
	}
	rotated, err := c.OAuthApplications.RotateSecret(ctx, app.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(rotated.ClientSecret != app.ClientSecret)
	// Output: true
}
