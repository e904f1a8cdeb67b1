package main

import (
	"fmt"
	"io"
	"time"

	"github.com/clerkgo/clerk/clerktest"
)

// demoTokenLifetime is how long the printed tokens stay valid (the output
// says "an hour"). Real session tokens live 60 seconds and the frontend
// refreshes them; the demo's last long enough to read the output and paste
// the curl lines.
const demoTokenLifetime = time.Hour

// The demo's machines: this service (unless TEAMS_MACHINE_ID names
// another), and a billing job that may call it.
const (
	demoMachineID      = "mch_demo_teams"
	demoBillingMachine = "mch_demo_billing"
)

// demo is the seeded state of the demo: who is who, and their tokens.
type demo struct {
	acme, globex      string
	ada, grace, linus demoUser
	// billing is the billing job's M2M token, scoped to service, this
	// service's machine (see mintMachineToken).
	billing, service string
}

// demoUser is one seeded user with a session token minted by the fake.
type demoUser struct {
	id, token string
}

// seedDemo fills the fake with two organizations and three users and mints
// a session token for each user, issued for origin:
//
//   - Ada: admin of Acme Inc., with org:members:manage (may ban)
//   - Grace: member of Acme Inc.
//   - Linus: admin of Globex, which Grace is not part of
func seedDemo(fake *clerktest.Server, origin string) (*demo, error) {
	var d demo
	var err error
	seedUser := func(u clerktest.User) string {
		if err != nil {
			return ""
		}
		var id string
		id, err = fake.TryAddUser(u)
		return id
	}
	d.ada.id = seedUser(clerktest.User{Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace",
		PublicMetadata: map[string]any{"role": roleManager}})
	d.grace.id = seedUser(clerktest.User{Email: "grace@example.com", FirstName: "Grace", LastName: "Hopper",
		PublicMetadata: map[string]any{"role": roleViewer}})
	d.linus.id = seedUser(clerktest.User{Email: "linus@example.com", FirstName: "Linus", LastName: "Torvalds"})
	if err != nil {
		return nil, err
	}
	// CreatedBy makes the user the organization's first admin.
	if d.acme, err = fake.TryAddOrganization(clerktest.Organization{Name: "Acme Inc.", CreatedBy: d.ada.id}); err != nil {
		return nil, err
	}
	if d.globex, err = fake.TryAddOrganization(clerktest.Organization{Name: "Globex", CreatedBy: d.linus.id}); err != nil {
		return nil, err
	}
	if _, err = fake.TryAddMembership(d.acme, d.grace.id, "org:member"); err != nil {
		return nil, err
	}

	mint := func(u *demoUser, orgID, role string, perms ...string) {
		if err != nil {
			return
		}
		u.token, err = fake.MintSessionToken(u.id,
			clerktest.WithOrg(orgID, role, perms...),
			clerktest.WithAuthorizedParty(origin),
			clerktest.WithExpiry(demoTokenLifetime))
	}
	mint(&d.ada, d.acme, roleAdmin, permManageMembers)
	mint(&d.grace, d.acme, "org:member")
	mint(&d.linus, d.globex, roleAdmin)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// mintMachineToken mints the billing job's M2M token: a JWT signed by the
// fake, as Clerk mints them for a machine allowed to call machineID (this
// service), scoped to it.
func (d *demo) mintMachineToken(fake *clerktest.Server, machineID string) error {
	tok, err := fake.MintM2MToken(demoBillingMachine, []string{machineID}, clerktest.WithExpiry(demoTokenLifetime))
	if err != nil {
		return err
	}
	d.billing, d.service = tok, machineID
	return nil
}

// printCurls writes the tokens and a short tour of the API as curl lines,
// ready to paste into another terminal.
func (d *demo) printCurls(w io.Writer, base, apiURL string) {
	auth := func(who string) string { return `-H "Authorization: Bearer $` + who + `"` }
	const jsonType = `-H 'Content-Type: application/json'`
	fmt.Fprintf(w, `
No CLERK_SECRET_KEY: running on the fake Backend API at %s.
Seeded: Ada (admin of Acme Inc., may ban members), Grace (member of Acme Inc.),
Linus (admin of Globex). Their session tokens, valid for an hour
(real ones last 60 s and the frontend refreshes them), and the M2M token
of a billing job (machine %s) scoped to this service (machine %s):

ADA='%s'
GRACE='%s'
LINUS='%s'
BILLING='%s'

Then try, in the same shell:

# Ada's profile (from the Backend API) and active organization (from the token)
curl -s %s/me %s
# Acme's members, streamed; Ada is an admin
curl -s %s/teams/current/members %s
# Grace is not an admin: 403
curl -s %s/teams/current/members %s
# Grace creates a team and becomes its admin
curl -s -X POST %s/teams %s %s -d '{"name":"Grace Labs"}'
# Ada makes Grace an editor (public_metadata.role)
curl -s -X PATCH %s/users/%s/role %s %s -d '{"role":"editor"}'
# Linus may not: Grace is not in his organization (403)
curl -s -X PATCH %s/users/%s/role %s %s -d '{"role":"viewer","org_id":"%s"}'
# Ada bans Grace
curl -s -X POST %s/users/%s/ban %s %s
# The billing job reads every team's seats (a machine route)
curl -s %s/reports/usage %s
# Machine routes refuse session tokens, even an admin's: 401
curl -s %s/reports/usage %s
# and user routes refuse machine tokens: 401
curl -s %s/me %s
# Signed out: 401
curl -s %s/me

`, apiURL, demoBillingMachine, d.service, d.ada.token, d.grace.token, d.linus.token, d.billing,
		base, auth("ADA"),
		base, auth("ADA"),
		base, auth("GRACE"),
		base, auth("GRACE"), jsonType,
		base, d.grace.id, auth("ADA"), jsonType,
		base, d.grace.id, auth("LINUS"), jsonType, d.acme,
		base, d.grace.id, auth("ADA"), jsonType,
		base, auth("BILLING"),
		base, auth("ADA"),
		base, auth("BILLING"),
		base)
}
