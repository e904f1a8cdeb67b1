// Package tokens creates and revokes the Backend API's single-purpose
// tokens: sign-in tokens, actor (impersonation) tokens, testing tokens,
// admin portal link tokens and agent tasks. Reach its services as
// client.SignInTokens, client.ActorTokens, client.TestingTokens,
// client.AdminPortalLinks and client.AgentTasks.
//
// Every create is a create: it is never replayed after it may have
// reached the server, so a failure that leaves the outcome unknown is
// reported as clerk.ErrOutcomeUnknown rather than minting a second token.
// Revokes are replay-safe. The API has no read for these tokens, so a
// revoke whose replay is refused (the first attempt revoked the token but
// its answer was lost) cannot be confirmed by reading the token back:
// AlreadyRevoked tells such a refusal apart.
package tokens
