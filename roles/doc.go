// Package roles manages an instance's custom organization roles, the
// permissions they grant, and role sets (the roles an organization may
// assign). Reach the services as client.OrganizationRoles,
// client.OrganizationPermissions and client.RoleSets.
//
// A role's key ("org:billing_manager") is what memberships carry; its
// permission keys ("org:invoices:create") are what a session token of a
// member with that role grants, and what clerkhttp.RequirePermission
// checks.
package roles
