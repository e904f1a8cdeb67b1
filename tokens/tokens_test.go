package tokens_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/tokens"
)

const (
	signInJSON = `{"object":"sign_in_token","id":"sit_1","user_id":"user_1","status":"pending","token":"tok",
		"url":"https://accounts.example.com/sign-in?__clerk_ticket=tok","created_at":1764547200000,"updated_at":1764547200000}`
	actorJSON = `{"object":"actor_token","id":"act_1","user_id":"user_1","actor":{"sub":"user_admin"},"status":"pending",
		"token":"tok","url":"https://accounts.example.com/x","created_at":1764547200000,"updated_at":1764547200000}`
	testingJSON = `{"object":"testing_token","token":"1713877200-abc","expires_at":1764550800000}`
	agentJSON   = `{"object":"agent_task","agent_id":"agent_1","agent_task_id":"agtask_1","task_id":"agtask_1","url":"https://x.example.com/t"}`
	portalJSON  = `{"object":"admin_portal_link_token","id":"aplt_0123456789abcdef0123456789abcdef","admin_portal_link_id":"apl_1",
		"instance_id":"ins_1","organization_id":null,"it_contact_id":"it_1","scopes":["admin_portal:read"],"token":"secret",
		"revoked":false,"revocation_reason":null,"expired":false,"expiration":1764550800000.0,"created_at":1764547200000,"updated_at":1764547200000}`
	portalID = "aplt_0123456789abcdef0123456789abcdef"
)

func TestRequests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name, path, body, reply string
		status                  int
		call                    func(c *clerk.Client) (any, error)
		check                   func(t *testing.T, v any)
	}{
		{
			name: "SignInTokens.Create", path: "/sign_in_tokens", reply: signInJSON,
			body: `{"user_id":"user_1","expires_in_seconds":600,"org_id":"org_1"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: "user_1", ExpiresIn: 10 * time.Minute, OrgID: "org_1"})
			},
			check: func(t *testing.T, v any) {
				tok := v.(*tokens.SignInToken)
				if tok.Token != "tok" || tok.URL == nil || tok.Status != tokens.StatusPending || !tok.CreatedAt.Equal(time.UnixMilli(1764547200000)) {
					t.Errorf("token = %+v", tok)
				}
			},
		},
		{
			name: "SignInTokens.Revoke", path: "/sign_in_tokens/sit_1/revoke", reply: signInJSON,
			call: func(c *clerk.Client) (any, error) { return c.SignInTokens.Revoke(ctx, "sit_1") },
		},
		{
			name: "ActorTokens.Create", path: "/actor_tokens", reply: actorJSON,
			body: `{"user_id":"user_1","actor":{"sub":"user_admin","name":"Support"},"expires_in_seconds":120,"session_max_duration_in_seconds":900}`,
			call: func(c *clerk.Client) (any, error) {
				return c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: "user_1",
					Actor: map[string]string{"sub": "user_admin", "name": "Support"}, ExpiresIn: 2 * time.Minute, SessionMaxDuration: 15 * time.Minute})
			},
			check: func(t *testing.T, v any) {
				tok := v.(*tokens.ActorToken)
				if string(tok.Actor) != `{"sub":"user_admin"}` || tok.URL == "" || tok.UpdatedAt.IsZero() {
					t.Errorf("token = %+v", tok)
				}
			},
		},
		{
			name: "ActorTokens.Revoke", path: "/actor_tokens/act_1/revoke", reply: actorJSON,
			call: func(c *clerk.Client) (any, error) { return c.ActorTokens.Revoke(ctx, "act_1") },
		},
		{
			name: "TestingTokens.Create", path: "/testing_tokens", reply: testingJSON,
			call: func(c *clerk.Client) (any, error) { return c.TestingTokens.Create(ctx) },
			check: func(t *testing.T, v any) {
				tok := v.(*tokens.TestingToken)
				if tok.Token != "1713877200-abc" || !tok.ExpiresAt.Equal(time.UnixMilli(1764550800000)) {
					t.Errorf("token = %+v", tok)
				}
			},
		},
		{
			name: "AgentTasks.Create", path: "/agents/tasks", reply: agentJSON,
			body: `{"on_behalf_of":{"identifier":"ada@example.com"},"permissions":"*","agent_name":"bot","task_description":"book","redirect_url":"https://app.example.com/done"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.AgentTasks.Create(ctx, &tokens.CreateAgentTaskParams{OnBehalfOf: tokens.AgentTaskOnBehalfOf{Identifier: "ada@example.com"},
					Permissions: tokens.AllPermissions, AgentName: "bot", TaskDescription: "book", RedirectURL: "https://app.example.com/done"})
			},
			check: func(t *testing.T, v any) {
				if task := v.(*tokens.AgentTask); task.AgentTaskID != "agtask_1" || task.URL == "" {
					t.Errorf("task = %+v", task)
				}
			},
		},
		{
			name: "AgentTasks.Revoke", path: "/agents/tasks/agtask_1/revoke", reply: agentJSON,
			call: func(c *clerk.Client) (any, error) { return c.AgentTasks.Revoke(ctx, "agtask_1") },
		},
		{
			name: "AdminPortalLinks.Create", path: "/admin_portal_link_tokens", reply: portalJSON, status: http.StatusCreated,
			body: `{"it_contact_id":"it_1","scopes":["admin_portal:read"],"seconds_until_expiration":3600}`,
			call: func(c *clerk.Client) (any, error) {
				return c.AdminPortalLinks.Create(ctx, &tokens.CreateAdminPortalLinkParams{ITContactID: "it_1", Scopes: []string{"admin_portal:read"}, ExpiresIn: time.Hour})
			},
			check: func(t *testing.T, v any) {
				tok := v.(*tokens.AdminPortalLinkToken)
				if tok.ID != portalID || tok.Token != "secret" || tok.Expiration == nil || !tok.Expiration.Equal(time.UnixMilli(1764550800000)) || tok.OrganizationID != nil {
					t.Errorf("token = %+v", tok)
				}
			},
		},
		{
			name: "AdminPortalLinks.Create nil", path: "/admin_portal_link_tokens", reply: portalJSON, status: http.StatusCreated, body: `{}`,
			call: func(c *clerk.Client) (any, error) { return c.AdminPortalLinks.Create(ctx, nil) },
		},
		{
			name: "AdminPortalLinks.Revoke", path: "/admin_portal_link_tokens/" + portalID + "/revoke", reply: portalJSON,
			body: `{"revocation_reason":"left the company"}`,
			call: func(c *clerk.Client) (any, error) {
				return c.AdminPortalLinks.Revoke(ctx, portalID, &tokens.RevokeAdminPortalLinkParams{RevocationReason: "left the company"})
			},
		},
		{
			name: "AdminPortalLinks.Revoke nil", path: "/admin_portal_link_tokens/" + portalID + "/revoke", reply: portalJSON, body: `{}`,
			call: func(c *clerk.Client) (any, error) { return c.AdminPortalLinks.Revoke(ctx, portalID, nil) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status := tt.status
			if status == 0 {
				status = http.StatusOK
			}
			c, f := testkit.NewFake(t, testkit.Always(status, tt.reply))
			v, err := tt.call(c)
			if err != nil {
				t.Fatal(err)
			}
			calls := f.Calls()
			if len(calls) != 1 {
				t.Fatalf("%d calls, want 1", len(calls))
			}
			testkit.CheckCall(t, calls[0], http.MethodPost, tt.path, nil, tt.body)
			if tt.check != nil {
				tt.check(t, v)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	okTask := func() *tokens.CreateAgentTaskParams {
		return &tokens.CreateAgentTaskParams{OnBehalfOf: tokens.AgentTaskOnBehalfOf{UserID: "user_1"}, Permissions: tokens.AllPermissions,
			AgentName: "bot", TaskDescription: "d", RedirectURL: "https://app.example.com"}
	}
	tests := []struct {
		name, field string
		call        func(c *clerk.Client) error
	}{
		{"SignInTokens.Create nil", "params", func(c *clerk.Client) error { _, err := c.SignInTokens.Create(ctx, nil); return err }},
		{"SignInTokens.Create no user", "user_id", func(c *clerk.Client) error {
			_, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{})
			return err
		}},
		{"SignInTokens.Create sub-second", "expires_in_seconds", func(c *clerk.Client) error {
			_, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: "user_1", ExpiresIn: time.Millisecond})
			return err
		}},
		{"SignInTokens.Create negative", "expires_in_seconds", func(c *clerk.Client) error {
			_, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: "user_1", ExpiresIn: -time.Hour})
			return err
		}},
		{"SignInTokens.Revoke", "sign_in_token_id", func(c *clerk.Client) error { _, err := c.SignInTokens.Revoke(ctx, ""); return err }},
		{"ActorTokens.Create no actor", "actor", func(c *clerk.Client) error {
			_, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: "user_1"})
			return err
		}},
		{"ActorTokens.Create actor not an object", "actor", func(c *clerk.Client) error {
			_, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: "user_1", Actor: "user_admin"})
			return err
		}},
		{"ActorTokens.Create actor without sub", "actor", func(c *clerk.Client) error {
			_, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: "user_1", Actor: map[string]any{"sub": 7}})
			return err
		}},
		{"ActorTokens.Create session duration", "session_max_duration_in_seconds", func(c *clerk.Client) error {
			_, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: "user_1", Actor: map[string]any{"sub": "a"}, SessionMaxDuration: -1})
			return err
		}},
		{"ActorTokens.Revoke", "actor_token_id", func(c *clerk.Client) error { _, err := c.ActorTokens.Revoke(ctx, " "); return err }},
		{"AgentTasks.Create nil", "params", func(c *clerk.Client) error { _, err := c.AgentTasks.Create(ctx, nil); return err }},
		{"AgentTasks.Create both", "on_behalf_of", func(c *clerk.Client) error {
			p := okTask()
			p.OnBehalfOf.Identifier = "ada@example.com"
			_, err := c.AgentTasks.Create(ctx, p)
			return err
		}},
		{"AgentTasks.Create neither", "on_behalf_of", func(c *clerk.Client) error {
			p := okTask()
			p.OnBehalfOf.UserID = ""
			_, err := c.AgentTasks.Create(ctx, p)
			return err
		}},
		{"AgentTasks.Create permissions", "permissions", func(c *clerk.Client) error {
			p := okTask()
			p.Permissions = ""
			_, err := c.AgentTasks.Create(ctx, p)
			return err
		}},
		{"AgentTasks.Create redirect", "redirect_url", func(c *clerk.Client) error {
			p := okTask()
			p.RedirectURL = ""
			_, err := c.AgentTasks.Create(ctx, p)
			return err
		}},
		{"AgentTasks.Revoke", "agent_task_id", func(c *clerk.Client) error { _, err := c.AgentTasks.Revoke(ctx, ""); return err }},
		{"AdminPortalLinks.Create too long", "seconds_until_expiration", func(c *clerk.Client) error {
			_, err := c.AdminPortalLinks.Create(ctx, &tokens.CreateAdminPortalLinkParams{ExpiresIn: 25 * time.Hour})
			return err
		}},
		{"AdminPortalLinks.Create empty scope", "scopes", func(c *clerk.Client) error {
			_, err := c.AdminPortalLinks.Create(ctx, &tokens.CreateAdminPortalLinkParams{Scopes: []string{""}})
			return err
		}},
		{"AdminPortalLinks.Revoke", "adminPortalLinkTokenID", func(c *clerk.Client) error {
			_, err := c.AdminPortalLinks.Revoke(ctx, "", nil)
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

// TestReplay: creates are never replayed after a 502; revokes are.
func TestReplay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		replay bool
		reply  string
		call   func(c *clerk.Client) error
	}{
		{"SignInTokens.Create", false, signInJSON, func(c *clerk.Client) error {
			_, err := c.SignInTokens.Create(ctx, &tokens.CreateSignInTokenParams{UserID: "user_1"})
			return err
		}},
		{"ActorTokens.Create", false, actorJSON, func(c *clerk.Client) error {
			_, err := c.ActorTokens.Create(ctx, &tokens.CreateActorTokenParams{UserID: "user_1", Actor: map[string]any{"sub": "a"}})
			return err
		}},
		{"TestingTokens.Create", false, testingJSON, func(c *clerk.Client) error { _, err := c.TestingTokens.Create(ctx); return err }},
		{"AdminPortalLinks.Create", false, portalJSON, func(c *clerk.Client) error { _, err := c.AdminPortalLinks.Create(ctx, nil); return err }},
		{"AgentTasks.Create", false, agentJSON, func(c *clerk.Client) error {
			_, err := c.AgentTasks.Create(ctx, &tokens.CreateAgentTaskParams{OnBehalfOf: tokens.AgentTaskOnBehalfOf{UserID: "user_1"},
				Permissions: "*", AgentName: "a", TaskDescription: "d", RedirectURL: "https://x.example.com"})
			return err
		}},
		{"SignInTokens.Revoke", true, signInJSON, func(c *clerk.Client) error { _, err := c.SignInTokens.Revoke(ctx, "sit_1"); return err }},
		{"ActorTokens.Revoke", true, actorJSON, func(c *clerk.Client) error { _, err := c.ActorTokens.Revoke(ctx, "act_1"); return err }},
		{"AgentTasks.Revoke", true, agentJSON, func(c *clerk.Client) error { _, err := c.AgentTasks.Revoke(ctx, "agtask_1"); return err }},
		{"AdminPortalLinks.Revoke", true, portalJSON, func(c *clerk.Client) error {
			_, err := c.AdminPortalLinks.Revoke(ctx, portalID, nil)
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

func TestAlreadyRevoked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"cannot be revoked", &clerk.APIError{StatusCode: 400, Errors: []clerk.ErrorDetail{{Code: "sign_in_token_cannot_be_revoked"}}}, true},
		{"other 400", &clerk.APIError{StatusCode: 400, Errors: []clerk.ErrorDetail{{Code: "form_param_missing"}}}, false},
		{"404", &clerk.APIError{StatusCode: 404, Errors: []clerk.ErrorDetail{{Code: "actor_token_cannot_be_revoked"}}}, false},
		{"nil", nil, false},
		{"plain", errors.New("x"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tokens.AlreadyRevoked(tt.err); got != tt.want {
				t.Errorf("AlreadyRevoked = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var errs []error
	_, err := tokens.UnimplementedSignInTokens{}.Create(ctx, nil)
	errs = append(errs, err)
	_, err = tokens.UnimplementedActorTokens{}.Revoke(ctx, "act_1")
	errs = append(errs, err)
	_, err = tokens.UnimplementedTestingTokens{}.Create(ctx)
	errs = append(errs, err)
	_, err = tokens.UnimplementedAdminPortalLinks{}.Revoke(ctx, portalID, nil)
	errs = append(errs, err)
	_, err = tokens.UnimplementedAgentTasks{}.Create(ctx, nil)
	errs = append(errs, err)
	for i, err := range errs {
		var nie *clerk.NotImplementedError
		if !errors.Is(err, clerk.ErrNotImplemented) || !errors.As(err, &nie) || nie.Method == "" {
			t.Errorf("%d: err = %v, want a NotImplementedError", i, err)
		}
	}
}

// TestRevokeRefusedReplay: the first attempt's answer is lost (502) and the
// replay is refused because the token is already revoked; the caller can
// tell that apart.
func TestRevokeRefusedReplay(t *testing.T) {
	t.Parallel()
	c, f := testkit.NewFake(t, func(n int, _ testkit.Call) testkit.Reply {
		if n == 0 {
			return testkit.Reply{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"}
		}
		return testkit.Reply{Status: http.StatusBadRequest, Body: testkit.ErrorBody("sign_in_token_cannot_be_revoked", "already revoked")}
	})
	_, err := c.SignInTokens.Revoke(context.Background(), "sit_1")
	var apiErr *clerk.APIError
	if !errors.As(err, &apiErr) || apiErr.Attempts != 2 || !tokens.AlreadyRevoked(err) || len(f.Calls()) != 2 {
		t.Errorf("err = %v after %d calls, want a refused replay AlreadyRevoked recognises", err, len(f.Calls()))
	}
}
