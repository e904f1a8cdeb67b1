package compat_test

// These tests drive the official Go SDK (clerk-sdk-go v2) against the fake.
// Most build per-package clients from a BackendConfig, which holds no global
// state; TestGlobalBackend uses clerk.SetKey/SetBackend, the SDK's package
// level configuration, and so no test here calls t.Parallel.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clerk/clerk-sdk-go/v2"
	"github.com/clerk/clerk-sdk-go/v2/allowlistidentifier"
	"github.com/clerk/clerk-sdk-go/v2/blocklistidentifier"
	"github.com/clerk/clerk-sdk-go/v2/invitation"
	"github.com/clerk/clerk-sdk-go/v2/jwks"
	"github.com/clerk/clerk-sdk-go/v2/jwt"
	"github.com/clerk/clerk-sdk-go/v2/organization"
	"github.com/clerk/clerk-sdk-go/v2/organizationinvitation"
	"github.com/clerk/clerk-sdk-go/v2/organizationmembership"
	"github.com/clerk/clerk-sdk-go/v2/session"
	"github.com/clerk/clerk-sdk-go/v2/user"
	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/clerktest"
)

// config points the Go SDK at srv. The fake's URL already ends in /v1,
// like clerk.APIURL.
func config(srv *clerktest.Server) *clerk.ClientConfig {
	return &clerk.ClientConfig{BackendConfig: clerk.BackendConfig{
		HTTPClient: srv.Client(),
		URL:        clerk.String(srv.URL),
		Key:        clerk.String(srv.SecretKey),
	}}
}

func raw(s string) *json.RawMessage {
	m := json.RawMessage(s)
	return &m
}

// jsonEqual compares two JSON documents by value.
func jsonEqual(t *testing.T, what string, got json.RawMessage, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v in %s", what, err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad want: %v", what, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// apiError asserts err is the Go SDK's API error with status and code.
func apiError(t *testing.T, err error, status int, code string) {
	t.Helper()
	var apiErr *clerk.APIErrorResponse
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not a *clerk.APIErrorResponse", err, err)
	}
	if apiErr.HTTPStatusCode != status {
		t.Errorf("status %d, want %d", apiErr.HTTPStatusCode, status)
	}
	if len(apiErr.Errors) == 0 || apiErr.Errors[0].Code != code {
		t.Errorf("errors %+v, want code %q", apiErr.Errors, code)
	}
	if apiErr.TraceID == "" {
		t.Error("no clerk_trace_id in the error")
	}
}

func primaryEmail(u *clerk.User) string {
	for _, e := range u.EmailAddresses {
		if u.PrimaryEmailAddressID != nil && e.ID == *u.PrimaryEmailAddressID {
			return e.EmailAddress
		}
	}
	return ""
}

func TestUsers(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	users := user.NewClient(config(srv))

	u, err := users.Create(ctx, &user.CreateParams{
		EmailAddresses:  &[]string{"ada@example.com"},
		FirstName:       clerk.String("Ada"),
		LastName:        clerk.String("Lovelace"),
		Username:        clerk.String("ada"),
		ExternalID:      clerk.String("ext_1"),
		Password:        clerk.String("correct horse battery staple"),
		PublicMetadata:  raw(`{"plan":"pro","nested":{"a":1,"b":2}}`),
		PrivateMetadata: raw(`{"stripe":"cus_1"}`),
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !strings.HasPrefix(u.ID, "user_") || u.Object != "user" {
		t.Errorf("id %q object %q", u.ID, u.Object)
	}
	if got := primaryEmail(u); got != "ada@example.com" {
		t.Errorf("primary email %q", got)
	}
	if u.EmailAddresses[0].Verification == nil || u.EmailAddresses[0].Verification.Status != "verified" {
		t.Errorf("verification %+v", u.EmailAddresses[0].Verification)
	}
	if !u.PasswordEnabled || u.Banned || u.Locked || *u.FirstName != "Ada" || *u.ExternalID != "ext_1" {
		t.Errorf("user %+v", u)
	}
	if u.CreatedAt < 1e12 {
		t.Errorf("created_at %d is not Unix milliseconds", u.CreatedAt)
	}
	jsonEqual(t, "public metadata", u.PublicMetadata, `{"plan":"pro","nested":{"a":1,"b":2}}`)

	_, err = users.Create(ctx, &user.CreateParams{EmailAddresses: &[]string{"ada@example.com"}})
	apiError(t, err, http.StatusUnprocessableEntity, "form_identifier_exists")

	got, err := users.Get(ctx, u.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got.ID != u.ID || primaryEmail(got) != "ada@example.com" || *got.Username != "ada" {
		t.Errorf("Get: %+v", got)
	}

	var made []string
	for i := range 3 {
		m, err := users.Create(ctx, &user.CreateParams{EmailAddresses: &[]string{fmt.Sprintf("list%d@example.com", i)}})
		if err != nil {
			t.Fatalf("Create %d: %v", i, err)
		}
		made = append(made, m.ID)
	}

	list, err := users.List(ctx, &user.ListParams{})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if list.TotalCount != 4 || len(list.Users) != 4 {
		t.Fatalf("List: total %d, %d users", list.TotalCount, len(list.Users))
	}
	if list.Users[0].ID != made[2] || list.Users[3].ID != u.ID {
		t.Errorf("List is not newest first: %v", ids(list.Users))
	}

	// The SDK sends limit, offset and order_by to /users/count too.
	page, err := users.List(ctx, &user.ListParams{
		ListParams:     clerk.ListParams{Limit: clerk.Int64(2), Offset: clerk.Int64(1)},
		OrderBy:        clerk.String("+created_at"),
		EmailAddresses: []string{"list0@example.com", "list1@example.com", "list2@example.com"},
	})
	if err != nil {
		t.Fatalf("List page: %v", err)
	}
	if page.TotalCount != 3 || !slices.Equal(ids(page.Users), made[1:]) {
		t.Errorf("List page: total %d, %v, want 3, %v", page.TotalCount, ids(page.Users), made[1:])
	}

	count, err := users.Count(ctx, &user.ListParams{Query: clerk.String("list")})
	if err != nil || count.TotalCount != 3 || count.Object != "total_count" {
		t.Errorf("Count: %+v, %v", count, err)
	}

	merged, err := users.UpdateMetadata(ctx, u.ID, &user.UpdateMetadataParams{
		PublicMetadata:  raw(`{"nested":{"b":null,"c":3},"plan":null,"added":"yes"}`),
		PrivateMetadata: raw(`{"extra":true}`),
	})
	if err != nil {
		t.Fatalf("UpdateMetadata: %v", err)
	}
	jsonEqual(t, "merged public metadata", merged.PublicMetadata, `{"nested":{"a":1,"c":3},"added":"yes"}`)
	jsonEqual(t, "merged private metadata", merged.PrivateMetadata, `{"stripe":"cus_1","extra":true}`)

	steps := []struct {
		name         string
		do           func(context.Context, string) (*clerk.User, error)
		banned, lock bool
	}{
		{"Ban", users.Ban, true, false},
		{"Unban", users.Unban, false, false},
		{"Lock", users.Lock, false, true},
		{"Unlock", users.Unlock, false, false},
	}
	for _, st := range steps {
		got, err := st.do(ctx, u.ID)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got.Banned != st.banned || got.Locked != st.lock {
			t.Errorf("%s: banned %v locked %v", st.name, got.Banned, got.Locked)
		}
	}

	vp, err := users.VerifyPassword(ctx, &user.VerifyPasswordParams{UserID: u.ID, Password: "correct horse battery staple"})
	if err != nil || !vp.Verified {
		t.Errorf("VerifyPassword: %+v, %v", vp, err)
	}

	del, err := users.Delete(ctx, u.ID)
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if del.ID != u.ID || !del.Deleted || del.Object != "user" {
		t.Errorf("Delete: %+v", del)
	}
	_, err = users.Get(ctx, u.ID)
	apiError(t, err, http.StatusNotFound, "resource_not_found")
}

func ids(us []*clerk.User) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

func TestOrganizations(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	cfg := config(srv)
	orgs := organization.NewClient(cfg)
	mems := organizationmembership.NewClient(cfg)
	invs := organizationinvitation.NewClient(cfg)
	users := user.NewClient(cfg)

	owner, err := srv.TryAddUser(clerktest.User{Email: "owner@example.com", FirstName: "Olive"})
	if err != nil {
		t.Fatal(err)
	}
	member, err := srv.TryAddUser(clerktest.User{Email: "member@example.com", FirstName: "Milo"})
	if err != nil {
		t.Fatal(err)
	}

	org, err := orgs.Create(ctx, &organization.CreateParams{
		Name:                  clerk.String("Acme Inc"),
		Slug:                  clerk.String("acme"),
		CreatedBy:             clerk.String(owner),
		MaxAllowedMemberships: clerk.Int64(10),
		PublicMetadata:        raw(`{"tier":"gold"}`),
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !strings.HasPrefix(org.ID, "org_") || org.Name != "Acme Inc" || org.Slug != "acme" || org.MaxAllowedMemberships != 10 {
		t.Errorf("Create: %+v", org)
	}
	if org.CreatedBy != owner {
		t.Errorf("created_by %v", org.CreatedBy)
	}
	jsonEqual(t, "org public metadata", org.PublicMetadata, `{"tier":"gold"}`)

	bySlug, err := orgs.GetWithParams(ctx, "acme", &organization.GetParams{IncludeMembersCount: clerk.Bool(true)})
	if err != nil {
		t.Fatalf("Get by slug: %v", err)
	}
	if bySlug.ID != org.ID || bySlug.MembersCount == nil || *bySlug.MembersCount != 1 {
		t.Errorf("Get by slug: %+v", bySlug)
	}

	if _, err := orgs.Create(ctx, &organization.CreateParams{Name: clerk.String("Other"), CreatedBy: clerk.String(owner)}); err != nil {
		t.Fatalf("Create other: %v", err)
	}
	list, err := orgs.List(ctx, &organization.ListParams{Query: clerk.String("acme")})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if list.TotalCount != 1 || len(list.Organizations) != 1 || list.Organizations[0].ID != org.ID {
		t.Errorf("List query: %+v", list)
	}
	all, err := orgs.List(ctx, &organization.ListParams{ListParams: clerk.ListParams{Limit: clerk.Int64(1)}})
	if err != nil || all.TotalCount != 2 || len(all.Organizations) != 1 {
		t.Errorf("List limit 1: %+v, %v", all, err)
	}

	m, err := mems.Create(ctx, &organizationmembership.CreateParams{
		OrganizationID: org.ID, UserID: clerk.String(member), Role: clerk.String("org:member"),
	})
	if err != nil {
		t.Fatalf("membership Create: %v", err)
	}
	if !strings.HasPrefix(m.ID, "orgmem_") || m.Role != "org:member" || m.Organization == nil || m.Organization.ID != org.ID {
		t.Errorf("membership Create: %+v", m)
	}
	if m.PublicUserData == nil || m.PublicUserData.UserID != member || m.PublicUserData.Identifier != "member@example.com" {
		t.Errorf("public_user_data %+v", m.PublicUserData)
	}
	_, err = mems.Create(ctx, &organizationmembership.CreateParams{
		OrganizationID: org.ID, UserID: clerk.String(member), Role: clerk.String("org:member"),
	})
	apiError(t, err, http.StatusBadRequest, "already_a_member_in_organization")

	ml, err := mems.List(ctx, &organizationmembership.ListParams{OrganizationID: org.ID})
	if err != nil {
		t.Fatalf("membership List: %v", err)
	}
	roles := map[string]string{}
	for _, m := range ml.OrganizationMemberships {
		roles[m.PublicUserData.UserID] = m.Role
	}
	if ml.TotalCount != 2 || !cmp.Equal(roles, map[string]string{owner: "org:admin", member: "org:member"}) {
		t.Errorf("membership List: total %d roles %v", ml.TotalCount, roles)
	}
	admins, err := mems.List(ctx, &organizationmembership.ListParams{OrganizationID: org.ID, Roles: []string{"org:admin"}})
	if err != nil || admins.TotalCount != 1 {
		t.Errorf("membership List role filter: %+v, %v", admins, err)
	}

	um, err := users.ListOrganizationMemberships(ctx, member, &user.ListOrganizationMembershipsParams{})
	if err != nil || um.TotalCount != 1 || um.OrganizationMemberships[0].Organization.ID != org.ID {
		t.Errorf("user memberships: %+v, %v", um, err)
	}

	up, err := mems.Update(ctx, &organizationmembership.UpdateParams{OrganizationID: org.ID, UserID: member, Role: clerk.String("org:admin")})
	if err != nil || up.Role != "org:admin" {
		t.Errorf("membership Update: %+v, %v", up, err)
	}

	inv, err := invs.Create(ctx, &organizationinvitation.CreateParams{
		OrganizationID: org.ID,
		EmailAddress:   clerk.String("new@example.com"),
		Role:           clerk.String("org:member"),
		InviterUserID:  clerk.String(owner),
		PublicMetadata: raw(`{"from":"compat"}`),
	})
	if err != nil {
		t.Fatalf("invitation Create: %v", err)
	}
	if !strings.HasPrefix(inv.ID, "orginv_") || inv.EmailAddress != "new@example.com" || inv.Status != "pending" ||
		inv.OrganizationID != org.ID || inv.Role != "org:member" {
		t.Errorf("invitation Create: %+v", inv)
	}
	il, err := invs.List(ctx, &organizationinvitation.ListParams{OrganizationID: org.ID, Statuses: &[]string{"pending"}})
	if err != nil || il.TotalCount != 1 || il.OrganizationInvitations[0].ID != inv.ID {
		t.Errorf("invitation List: %+v, %v", il, err)
	}
	rv, err := invs.Revoke(ctx, &organizationinvitation.RevokeParams{OrganizationID: org.ID, ID: inv.ID, RequestingUserID: clerk.String(owner)})
	if err != nil || rv.Status != "revoked" {
		t.Errorf("invitation Revoke: %+v, %v", rv, err)
	}

	dm, err := mems.Delete(ctx, &organizationmembership.DeleteParams{OrganizationID: org.ID, UserID: member})
	if err != nil || dm.PublicUserData == nil || dm.PublicUserData.UserID != member {
		t.Errorf("membership Delete: %+v, %v", dm, err)
	}

	del, err := orgs.Delete(ctx, org.ID)
	if err != nil || !del.Deleted || del.ID != org.ID {
		t.Errorf("Delete: %+v, %v", del, err)
	}
	_, err = orgs.Get(ctx, org.ID)
	apiError(t, err, http.StatusNotFound, "resource_not_found")
}

func TestInvitations(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	invs := invitation.NewClient(config(srv))

	inv, err := invs.Create(ctx, &invitation.CreateParams{
		EmailAddress:   "invitee@example.com",
		PublicMetadata: raw(`{"source":"compat"}`),
		Notify:         clerk.Bool(false),
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !strings.HasPrefix(inv.ID, "inv_") || inv.EmailAddress != "invitee@example.com" || inv.Status != "pending" {
		t.Errorf("Create: %+v", inv)
	}
	jsonEqual(t, "invitation metadata", inv.PublicMetadata, `{"source":"compat"}`)

	_, err = invs.Create(ctx, &invitation.CreateParams{EmailAddress: "invitee@example.com"})
	var apiErr *clerk.APIErrorResponse
	if !errors.As(err, &apiErr) || apiErr.Errors[0].Code != "duplicate_record" {
		t.Errorf("duplicate Create: %v", err)
	}

	bulk, err := invs.BulkCreate(ctx, &invitation.BulkCreateParams{Invitations: []*invitation.CreateParams{
		{EmailAddress: "b1@example.com"}, {EmailAddress: "b2@example.com"},
	}})
	if err != nil || len(bulk.Invitations) != 2 {
		t.Fatalf("BulkCreate: %+v, %v", bulk, err)
	}

	list, err := invs.List(ctx, &invitation.ListParams{OrderBy: clerk.String("email_address")})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var emails []string
	for _, i := range list.Invitations {
		emails = append(emails, i.EmailAddress)
	}
	if list.TotalCount != 3 || !slices.Equal(emails, []string{"b1@example.com", "b2@example.com", "invitee@example.com"}) {
		t.Errorf("List: total %d %v", list.TotalCount, emails)
	}

	rv, err := invs.Revoke(ctx, inv.ID)
	if err != nil || rv.Status != "revoked" || !rv.Revoked {
		t.Errorf("Revoke: %+v, %v", rv, err)
	}
	revoked, err := invs.List(ctx, &invitation.ListParams{Statuses: []string{"revoked"}})
	if err != nil || revoked.TotalCount != 1 || revoked.Invitations[0].ID != inv.ID {
		t.Errorf("List revoked: %+v, %v", revoked, err)
	}
}

func TestSessionsAndTokens(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	cfg := config(srv)
	sessions := session.NewClient(cfg)
	keys := jwks.NewClient(cfg)

	uid, err := srv.TryAddUser(clerktest.User{Email: "s@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := srv.TryAddUser(clerktest.User{Email: "o@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.TryAddSession(other, ""); err != nil {
		t.Fatal(err)
	}

	sess, err := sessions.Create(ctx, &session.CreateParams{UserID: uid})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if !strings.HasPrefix(sess.ID, "sess_") || sess.UserID != uid || sess.Status != "active" || !strings.HasPrefix(sess.ClientID, "client_") {
		t.Errorf("Create: %+v", sess)
	}

	list, err := sessions.List(ctx, &session.ListParams{UserID: clerk.String(uid)})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if list.TotalCount != 1 || len(list.Sessions) != 1 || list.Sessions[0].ID != sess.ID {
		t.Errorf("List: %+v", list)
	}

	tok, err := sessions.CreateToken(ctx, &session.CreateTokenParams{ID: sess.ID})
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	claims, err := jwt.Verify(ctx, &jwt.VerifyParams{Token: tok.JWT, JWKSClient: keys})
	if err != nil {
		t.Fatalf("Verify (JWKS from the fake): %v", err)
	}
	// (The SDK reports Version 1 for any token without an active
	// organization, whatever its "v" claim says.)
	if claims.Subject != uid || claims.SessionID != sess.ID || claims.Issuer != srv.Issuer() {
		t.Errorf("claims %+v", claims)
	}

	rv, err := sessions.Revoke(ctx, &session.RevokeParams{ID: sess.ID})
	if err != nil || rv.Status != "revoked" {
		t.Errorf("Revoke: %+v, %v", rv, err)
	}
}

func TestJWTVerify(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	keys := jwks.NewClient(config(srv))

	uid, err := srv.TryAddUser(clerktest.User{Email: "j@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	orgID, err := srv.TryAddOrganization(clerktest.Organization{Name: "Acme", Slug: "acme", CreatedBy: uid})
	if err != nil {
		t.Fatal(err)
	}

	set, err := keys.Get(ctx, &jwks.GetParams{})
	if err != nil {
		t.Fatalf("jwks Get: %v", err)
	}
	if len(set.Keys) != 1 || set.Keys[0].KeyID != srv.KeyID() || set.Keys[0].Algorithm != "RS256" || set.Keys[0].Use != "sig" {
		t.Fatalf("jwks: %+v", set.Keys)
	}
	jwk := set.Keys[0]

	perms := []string{"org:invoices:create", "org:invoices:read", "org:team:manage"}
	orgToken := srv.NewSessionToken(uid, clerktest.WithOrg(orgID, "org:admin", perms...),
		clerktest.WithAuthorizedParty("https://app.example.com"))

	t.Run("org claims via JWKS client", func(t *testing.T) {
		claims, err := jwt.Verify(ctx, &jwt.VerifyParams{
			Token:                  orgToken,
			JWKSClient:             keys,
			AuthorizedPartyHandler: func(azp string) bool { return azp == "https://app.example.com" },
		})
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		if claims.Version != 2 || claims.Subject != uid || claims.ActiveOrganizationID != orgID || claims.ActiveOrganizationSlug != "acme" ||
			claims.ActiveOrganizationRole != "org:admin" {
			t.Errorf("claims %+v", claims.Claims)
		}
		got := slices.Clone(claims.ActiveOrganizationPermissions)
		slices.Sort(got)
		if !slices.Equal(got, perms) {
			t.Errorf("permissions %v, want %v", got, perms)
		}
		if !claims.HasPermission("org:team:manage") || claims.HasPermission("org:team:read") || !claims.HasRole("org:admin") {
			t.Error("HasPermission/HasRole disagree with the token")
		}
	})

	cases := []struct {
		name    string
		token   string
		jwk     *clerk.JSONWebKey
		wantErr bool
	}{
		{"given JWK", srv.NewSessionToken(uid), jwk, false},
		{"expired", srv.NewSessionToken(uid, clerktest.WithExpiry(-time.Minute)), jwk, true},
		{"not yet valid", srv.NewSessionToken(uid, clerktest.WithIssuedAt(time.Now().Add(time.Hour))), jwk, true},
		{"tampered", tamper(t, srv.NewSessionToken(uid)), jwk, true},
		{"other fake's key", clerktest.NewServer(t).NewSessionToken(uid), jwk, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			claims, err := jwt.Verify(ctx, &jwt.VerifyParams{Token: tc.token, JWK: tc.jwk})
			if (err != nil) != tc.wantErr {
				t.Fatalf("Verify: err %v, want error %v", err, tc.wantErr)
			}
			if err == nil && claims.Subject != uid {
				t.Errorf("sub %q", claims.Subject)
			}
		})
	}
}

// tamper swaps the payload's subject, keeping the signature.
func tamper(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q", token)
	}
	u, err := jwt.Decode(context.Background(), &jwt.DecodeParams{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	payload, err := json.Marshal(map[string]any{"sub": "user_other", "iss": u.Issuer, "exp": *u.Expiry, "nbf": *u.NotBefore, "iat": *u.IssuedAt})
	if err != nil {
		t.Fatal(err)
	}
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return strings.Join(parts, ".")
}

func TestAllowAndBlocklist(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	cfg := config(srv)
	allow := allowlistidentifier.NewClient(cfg)
	block := blocklistidentifier.NewClient(cfg)

	a, err := allow.Create(ctx, &allowlistidentifier.CreateParams{Identifier: clerk.String("a@example.com"), Notify: clerk.Bool(false)})
	if err != nil {
		t.Fatalf("allowlist Create: %v", err)
	}
	if a.Identifier != "a@example.com" || a.IdentifierType != "email_address" || a.Object != "allowlist_identifier" {
		t.Errorf("allowlist Create: %+v", a)
	}
	al, err := allow.List(ctx, &allowlistidentifier.ListParams{})
	if err != nil || al.TotalCount != 1 || al.AllowlistIdentifiers[0].ID != a.ID {
		t.Errorf("allowlist List: %+v, %v", al, err)
	}
	ad, err := allow.Delete(ctx, a.ID)
	if err != nil || !ad.Deleted || ad.ID != a.ID {
		t.Errorf("allowlist Delete: %+v, %v", ad, err)
	}

	b, err := block.Create(ctx, &blocklistidentifier.CreateParams{Identifier: clerk.String("b@example.com")})
	if err != nil {
		t.Fatalf("blocklist Create: %v", err)
	}
	if b.Identifier != "b@example.com" || b.IdentifierType != "email_address" || b.Object != "blocklist_identifier" {
		t.Errorf("blocklist Create: %+v", b)
	}
	bl, err := block.List(ctx, &blocklistidentifier.ListParams{})
	if err != nil || bl.TotalCount != 1 || bl.BlocklistIdentifiers[0].ID != b.ID {
		t.Errorf("blocklist List: %+v, %v", bl, err)
	}
	bd, err := block.Delete(ctx, b.ID)
	if err != nil || !bd.Deleted {
		t.Errorf("blocklist Delete: %+v, %v", bd, err)
	}
}

// TestGlobalBackend uses the SDK the way its README shows: clerk.SetKey and
// package-level functions, jwt.Verify fetching the JWKS through the default
// backend. It restores the global backend when done.
func TestGlobalBackend(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	clerk.SetKey(srv.SecretKey)
	clerk.SetBackend(clerk.NewBackend(&clerk.BackendConfig{HTTPClient: srv.Client(), URL: clerk.String(srv.URL)}))
	t.Cleanup(func() {
		clerk.SetBackend(nil)
		clerk.SetKey("")
	})

	u, err := user.Create(ctx, &user.CreateParams{EmailAddresses: &[]string{"global@example.com"}})
	if err != nil {
		t.Fatalf("user.Create: %v", err)
	}
	got, err := user.Get(ctx, u.ID)
	if err != nil || primaryEmail(got) != "global@example.com" {
		t.Fatalf("user.Get: %+v, %v", got, err)
	}
	list, err := user.List(ctx, &user.ListParams{})
	if err != nil || list.TotalCount != 1 {
		t.Errorf("user.List: %+v, %v", list, err)
	}
	s, err := session.Create(ctx, &session.CreateParams{UserID: u.ID})
	if err != nil {
		t.Fatalf("session.Create: %v", err)
	}
	sl, err := session.List(ctx, &session.ListParams{UserID: clerk.String(u.ID), Status: clerk.String("active")})
	if err != nil || sl.TotalCount != 1 || sl.Sessions[0].ID != s.ID {
		t.Errorf("session.List: %+v, %v", sl, err)
	}

	claims, err := jwt.Verify(ctx, &jwt.VerifyParams{Token: srv.NewSessionToken(u.ID, clerktest.WithSessionID(s.ID))})
	if err != nil {
		t.Fatalf("jwt.Verify through the default backend: %v", err)
	}
	if claims.Subject != u.ID || claims.SessionID != s.ID {
		t.Errorf("claims %+v", claims)
	}
}

// TestUpdatesAndCrossLists covers the Go SDK's update calls and the lists
// that cross resources (a user's invitations, users by organization).
func TestUpdatesAndCrossLists(t *testing.T) {
	srv := clerktest.NewServer(t)
	ctx := context.Background()
	cfg := config(srv)
	users := user.NewClient(cfg)
	orgs := organization.NewClient(cfg)
	invs := organizationinvitation.NewClient(cfg)

	owner, err := srv.TryAddUser(clerktest.User{Email: "owner@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	invitee, err := srv.TryAddUser(clerktest.User{Email: "invitee@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	org, err := orgs.Create(ctx, &organization.CreateParams{Name: clerk.String("Acme"), CreatedBy: clerk.String(owner)})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	u, err := users.Update(ctx, owner, &user.UpdateParams{
		FirstName: clerk.String("Olive"), Username: clerk.String("olive"), ExternalID: clerk.String("ext_olive"),
	})
	if err != nil {
		t.Fatalf("user Update: %v", err)
	}
	if *u.FirstName != "Olive" || *u.Username != "olive" || *u.ExternalID != "ext_olive" {
		t.Errorf("user Update: %+v", u)
	}
	mfa, err := users.DeleteMFA(ctx, &user.DeleteMFAParams{ID: owner})
	if err != nil || mfa.UserID != owner {
		t.Errorf("DeleteMFA: %+v, %v", mfa, err)
	}

	o, err := orgs.Update(ctx, org.ID, &organization.UpdateParams{Name: clerk.String("Acme Two"), MaxAllowedMemberships: clerk.Int64(5)})
	if err != nil || o.Name != "Acme Two" || o.MaxAllowedMemberships != 5 {
		t.Errorf("org Update: %+v, %v", o, err)
	}
	if _, err := orgs.UpdateMetadata(ctx, org.ID, &organization.UpdateMetadataParams{PublicMetadata: raw(`{"a":{"b":1}}`)}); err != nil {
		t.Fatalf("org UpdateMetadata: %v", err)
	}
	o, err = orgs.UpdateMetadata(ctx, org.ID, &organization.UpdateMetadataParams{PublicMetadata: raw(`{"a":{"c":2}}`)})
	if err != nil {
		t.Fatalf("org UpdateMetadata: %v", err)
	}
	jsonEqual(t, "org metadata", o.PublicMetadata, `{"a":{"b":1,"c":2}}`)

	inv, err := invs.Create(ctx, &organizationinvitation.CreateParams{
		OrganizationID: org.ID, EmailAddress: clerk.String("invitee@example.com"), Role: clerk.String("org:member"),
		InviterUserID: clerk.String(owner),
	})
	if err != nil {
		t.Fatalf("invitation Create: %v", err)
	}
	got, err := invs.Get(ctx, &organizationinvitation.GetParams{OrganizationID: org.ID, ID: inv.ID})
	if err != nil || got.EmailAddress != "invitee@example.com" {
		t.Errorf("invitation Get: %+v, %v", got, err)
	}
	all, err := invs.ListFromInstance(ctx, &organizationinvitation.ListFromInstanceParams{Statuses: &[]string{"pending"}})
	if err != nil || all.TotalCount != 1 || all.OrganizationInvitations[0].ID != inv.ID {
		t.Errorf("ListFromInstance: %+v, %v", all, err)
	}
	mine, err := users.ListOrganizationInvitations(ctx, &user.ListOrganizationInvitationsParams{UserID: invitee, Statuses: &[]string{"pending"}})
	if err != nil || mine.TotalCount != 1 || mine.OrganizationInvitations[0].ID != inv.ID {
		t.Errorf("user ListOrganizationInvitations: %+v, %v", mine, err)
	}

	members, err := users.List(ctx, &user.ListParams{OrganizationIDs: []string{org.ID}})
	if err != nil || members.TotalCount != 1 || members.Users[0].ID != owner {
		t.Errorf("users by organization: %+v, %v", members, err)
	}
	byUser, err := orgs.List(ctx, &organization.ListParams{UserIDs: []string{owner}, IncludeMembersCount: clerk.Bool(true)})
	if err != nil || byUser.TotalCount != 1 || byUser.Organizations[0].ID != org.ID ||
		byUser.Organizations[0].MembersCount == nil || *byUser.Organizations[0].MembersCount != 1 {
		t.Errorf("organizations by user: %+v, %v", byUser, err)
	}
	none, err := orgs.List(ctx, &organization.ListParams{UserIDs: []string{invitee}})
	if err != nil || none.TotalCount != 0 {
		t.Errorf("organizations of a non-member: %+v, %v", none, err)
	}
}
