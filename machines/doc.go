// Package machines manages machine authentication: machines and the
// scopes that let one call another (client.Machines), machine-to-machine
// tokens (client.M2MTokens), API keys (client.APIKeys), and the
// verification of OAuth access tokens the instance issued
// (client.OAuthAccessTokens).
//
// Verifying a token per request is what clerkhttp does for you: it checks
// JWT-format machine tokens locally and sends opaque ones (mt_, ak_,
// oat_) to the verify operations here through a Verifier, with a cache.
package machines
