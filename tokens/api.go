package tokens

import (
	"context"

	"github.com/clerkgo/clerk/core"
)

// SignInTokenAPI is every operation of SignInTokenService, so that code
// using it can be tested against a fake (embed UnimplementedSignInTokens).
type SignInTokenAPI interface {
	Create(ctx context.Context, params *CreateSignInTokenParams, opts ...core.RequestOption) (*SignInToken, error)
	Revoke(ctx context.Context, signInTokenID string, opts ...core.RequestOption) (*SignInToken, error)
}

// ActorTokenAPI is every operation of ActorTokenService (embed
// UnimplementedActorTokens in a fake).
type ActorTokenAPI interface {
	Create(ctx context.Context, params *CreateActorTokenParams, opts ...core.RequestOption) (*ActorToken, error)
	Revoke(ctx context.Context, actorTokenID string, opts ...core.RequestOption) (*ActorToken, error)
}

// TestingTokenAPI is every operation of TestingTokenService (embed
// UnimplementedTestingTokens in a fake).
type TestingTokenAPI interface {
	Create(ctx context.Context, opts ...core.RequestOption) (*TestingToken, error)
}

// AdminPortalLinkAPI is every operation of AdminPortalLinkService (embed
// UnimplementedAdminPortalLinks in a fake).
type AdminPortalLinkAPI interface {
	Create(ctx context.Context, params *CreateAdminPortalLinkParams, opts ...core.RequestOption) (*AdminPortalLinkToken, error)
	Revoke(ctx context.Context, tokenID string, params *RevokeAdminPortalLinkParams, opts ...core.RequestOption) (*AdminPortalLinkToken, error)
}

// AgentTaskAPI is every operation of AgentTaskService (embed
// UnimplementedAgentTasks in a fake).
type AgentTaskAPI interface {
	Create(ctx context.Context, params *CreateAgentTaskParams, opts ...core.RequestOption) (*AgentTask, error)
	Revoke(ctx context.Context, agentTaskID string, opts ...core.RequestOption) (*AgentTask, error)
}

var (
	_ SignInTokenAPI     = (*SignInTokenService)(nil)
	_ ActorTokenAPI      = (*ActorTokenService)(nil)
	_ TestingTokenAPI    = (*TestingTokenService)(nil)
	_ AdminPortalLinkAPI = (*AdminPortalLinkService)(nil)
	_ AgentTaskAPI       = (*AgentTaskService)(nil)

	_ SignInTokenAPI     = UnimplementedSignInTokens{}
	_ ActorTokenAPI      = UnimplementedActorTokens{}
	_ TestingTokenAPI    = UnimplementedTestingTokens{}
	_ AdminPortalLinkAPI = UnimplementedAdminPortalLinks{}
	_ AgentTaskAPI       = UnimplementedAgentTasks{}
)

func unimplemented(method string) error { return &core.NotImplementedError{Method: method} }

// UnimplementedSignInTokens answers every SignInTokenAPI method with a
// *core.NotImplementedError. Embed it in a test fake and override what the
// code under test calls; the fake keeps compiling when methods are added.
type UnimplementedSignInTokens struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedSignInTokens) Create(context.Context, *CreateSignInTokenParams, ...core.RequestOption) (*SignInToken, error) {
	return nil, unimplemented("SignInTokens.Create")
}

// Revoke returns a *core.NotImplementedError.
func (UnimplementedSignInTokens) Revoke(context.Context, string, ...core.RequestOption) (*SignInToken, error) {
	return nil, unimplemented("SignInTokens.Revoke")
}

// UnimplementedActorTokens answers every ActorTokenAPI method with a
// *core.NotImplementedError; embed it in a test fake.
type UnimplementedActorTokens struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedActorTokens) Create(context.Context, *CreateActorTokenParams, ...core.RequestOption) (*ActorToken, error) {
	return nil, unimplemented("ActorTokens.Create")
}

// Revoke returns a *core.NotImplementedError.
func (UnimplementedActorTokens) Revoke(context.Context, string, ...core.RequestOption) (*ActorToken, error) {
	return nil, unimplemented("ActorTokens.Revoke")
}

// UnimplementedTestingTokens answers every TestingTokenAPI method with a
// *core.NotImplementedError; embed it in a test fake.
type UnimplementedTestingTokens struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedTestingTokens) Create(context.Context, ...core.RequestOption) (*TestingToken, error) {
	return nil, unimplemented("TestingTokens.Create")
}

// UnimplementedAdminPortalLinks answers every AdminPortalLinkAPI method
// with a *core.NotImplementedError; embed it in a test fake.
type UnimplementedAdminPortalLinks struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedAdminPortalLinks) Create(context.Context, *CreateAdminPortalLinkParams, ...core.RequestOption) (*AdminPortalLinkToken, error) {
	return nil, unimplemented("AdminPortalLinks.Create")
}

// Revoke returns a *core.NotImplementedError.
func (UnimplementedAdminPortalLinks) Revoke(context.Context, string, *RevokeAdminPortalLinkParams, ...core.RequestOption) (*AdminPortalLinkToken, error) {
	return nil, unimplemented("AdminPortalLinks.Revoke")
}

// UnimplementedAgentTasks answers every AgentTaskAPI method with a
// *core.NotImplementedError; embed it in a test fake.
type UnimplementedAgentTasks struct{}

// Create returns a *core.NotImplementedError.
func (UnimplementedAgentTasks) Create(context.Context, *CreateAgentTaskParams, ...core.RequestOption) (*AgentTask, error) {
	return nil, unimplemented("AgentTasks.Create")
}

// Revoke returns a *core.NotImplementedError.
func (UnimplementedAgentTasks) Revoke(context.Context, string, ...core.RequestOption) (*AgentTask, error) {
	return nil, unimplemented("AgentTasks.Revoke")
}
