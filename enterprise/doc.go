// Package enterprise manages enterprise SSO connections (SAML and OIDC),
// their test runs, and the directories (SCIM provisioning) that sync users
// and group memberships from an identity provider, with their API keys
// and group-to-role mappings. Reach the services as
// client.EnterpriseConnections, client.Directories and
// client.SCIMDirectories (the older name of the same resource, kept by
// the API).
package enterprise
