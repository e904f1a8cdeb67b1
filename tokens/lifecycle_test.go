package tokens_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/tokens"
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

// checkRevokedTwice asserts the second revoke's refusal.
func checkRevokedTwice(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, clerk.ErrBadRequest) || !tokens.AlreadyRevoked(err) {
		t.Errorf("second revoke: err = %v, want a 400 AlreadyRevoked recognises", err)
	}
}

func TestSignInAndActorTokenLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := newFakeAPI(t)
	ctx := context.Background()
	userID, _ := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})
	adminID, _ := srv.TryAddUser(clerktest.User{Email: "admin@example.com"})

	sit, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: userID, ExpiresIn: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sit.ID, "sit_") || sit.Token == "" || sit.URL == nil || sit.Status != tokens.StatusPending || sit.UserID != userID {
		t.Errorf("sign-in token = %+v", sit)
	}
	got, err := c.SignInTokens.Revoke(ctx, sit.ID)
	if err != nil || got.Status != tokens.StatusRevoked || got.Token != "" {
		t.Fatalf("Revoke = %+v, %v", got, err)
	}
	_, err = c.SignInTokens.Revoke(ctx, sit.ID)
	checkRevokedTwice(t, err)
	if _, err := c.SignInTokens.Revoke(ctx, "sit_missing"); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("unknown token: err = %v, want 404", err)
	}
	if _, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: "user_missing"}); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("unknown user: err = %v, want 404", err)
	}

	act, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: userID, Actor: map[string]any{"sub": adminID}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(act.ID, "act_") || act.Token == "" || !strings.Contains(string(act.Actor), adminID) {
		t.Errorf("actor token = %+v", act)
	}
	got2, err := c.ActorTokens.Revoke(ctx, act.ID)
	if err != nil || got2.Status != tokens.StatusRevoked {
		t.Fatalf("Revoke = %+v, %v", got2, err)
	}
	_, err = c.ActorTokens.Revoke(ctx, act.ID)
	checkRevokedTwice(t, err)
}

func TestTestingAgentAndPortalTokens(t *testing.T) {
	t.Parallel()
	srv, c := newFakeAPI(t)
	ctx := context.Background()
	userID, _ := srv.TryAddUser(clerktest.User{Email: "ada@example.com"})

	tt, err := c.TestingTokens.Create(ctx)
	if err != nil || tt.Token == "" || !tt.ExpiresAt.After(time.Now()) {
		t.Fatalf("testing token = %+v, %v", tt, err)
	}

	params := &tokens.CreateAgentTaskParams{OnBehalfOf: tokens.AgentTaskOnBehalfOf{Identifier: "ada@example.com"},
		Permissions: tokens.AllPermissions, AgentName: "travel-bot", TaskDescription: "book a flight", RedirectURL: "https://app.example.com/done"}
	t1, err := c.AgentTasks.Create(ctx, params)
	if err != nil {
		t.Fatal(err)
	}
	params.OnBehalfOf = tokens.AgentTaskOnBehalfOf{UserID: userID}
	t2, err := c.AgentTasks.Create(ctx, params)
	if err != nil {
		t.Fatal(err)
	}
	if t1.AgentID != t2.AgentID || t1.AgentTaskID == t2.AgentTaskID || t1.URL == "" {
		t.Errorf("tasks %+v and %+v: want one agent id, two task ids", t1, t2)
	}
	if _, err := c.AgentTasks.Revoke(ctx, t1.AgentTaskID); err != nil {
		t.Fatal(err)
	}
	_, err = c.AgentTasks.Revoke(ctx, t1.AgentTaskID)
	checkRevokedTwice(t, err)
	params.OnBehalfOf = tokens.AgentTaskOnBehalfOf{Identifier: "nobody@example.com"}
	if _, err := c.AgentTasks.Create(ctx, params); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("unknown identifier: err = %v, want 404", err)
	}

	orgID, _ := srv.TryAddOrganization(clerktest.Organization{Name: "Acme"})
	pt, err := c.AdminPortalLinks.Create(ctx, &tokens.CreateAdminPortalLinkParams{OrganizationID: orgID, Scopes: []string{"admin_portal:read"}, ExpiresIn: 2 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pt.ID, "aplt_") || pt.Token == "" || pt.Revoked || pt.Expiration == nil ||
		pt.Expiration.Sub(pt.CreatedAt) != 2*time.Hour || pt.OrganizationID == nil || *pt.OrganizationID != orgID {
		t.Errorf("portal token = %+v", pt)
	}
	rv, err := c.AdminPortalLinks.Revoke(ctx, pt.ID, &tokens.RevokeAdminPortalLinkParams{RevocationReason: "rotated"})
	if err != nil || !rv.Revoked || rv.RevocationReason == nil || *rv.RevocationReason != "rotated" || rv.Token != "" {
		t.Fatalf("Revoke = %+v, %v", rv, err)
	}
	_, err = c.AdminPortalLinks.Revoke(ctx, pt.ID, nil)
	checkRevokedTwice(t, err)
}
