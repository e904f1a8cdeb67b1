package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/users"
)

// listPreview is how many users and organizations the read-only tour shows.
const listPreview = 5

// runReadOnly tours a real instance with reads only: nothing it calls
// creates, changes or deletes anything.
func runReadOnly(ctx context.Context, w io.Writer, c *clerk.Client, baseURL string) error {
	p := &printer{w: w}
	p.step("Using the Backend API at %s (CLERK_SECRET_KEY is set: read-only calls only)", baseURL)

	steps := []struct {
		name string
		run  func(context.Context, *printer, *clerk.Client) error
	}{
		{"counting users", countUsers},
		{"listing users", listUsers},
		{"listing organizations", listOrganizations},
		{"fetching the JWKS", fetchJWKS},
	}
	for _, s := range steps {
		if err := s.run(ctx, p, c); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		if p.err != nil {
			return p.err
		}
	}
	p.printf("Done. Unset CLERK_SECRET_KEY to run the full tour, writes included, on the embedded fake.\n")
	return p.err
}

func countUsers(ctx context.Context, p *printer, c *clerk.Client) error {
	n, err := c.Users.Count(ctx, &users.ListParams{})
	if err != nil {
		return err
	}
	p.step("Users.Count: the instance has %s", plural(n, "user"))
	return nil
}

func listUsers(ctx context.Context, p *printer, c *clerk.Client) error {
	page, err := c.Users.List(ctx, &users.ListParams{
		OrderBy: "-created_at",
		Limit:   listPreview,
	})
	if err != nil {
		return err
	}
	p.step("Users.List: the %s most recently created", plural(int64(len(page.Data)), "user"))
	for _, u := range page.Data {
		p.detail("- %s  %-30s created %s", u.ID, userLabel(u), day(u.CreatedAt.UnixMilli()))
	}
	return nil
}

// userLabel names a user by whatever identifier it has.
func userLabel(u *users.User) string {
	if e := u.PrimaryEmailAddress(); e != nil {
		return e.EmailAddress
	}
	if ph := u.PrimaryPhoneNumber(); ph != nil {
		return ph.PhoneNumber
	}
	if u.Username != nil {
		return *u.Username
	}
	name := strings.TrimSpace(deref(u.FirstName) + " " + deref(u.LastName))
	if name != "" {
		return name
	}
	return "(no identifier)"
}

func listOrganizations(ctx context.Context, p *printer, c *clerk.Client) error {
	page, err := c.Organizations.List(ctx, &organizations.ListParams{
		IncludeMembersCount: true,
		Limit:               listPreview,
	})
	if err != nil {
		return err
	}
	p.step("Organizations.List: %s in total; the first %d:", plural(page.TotalCount, "organization"), len(page.Data))
	for _, o := range page.Data {
		members := "? members"
		if o.MembersCount != nil {
			members = plural(int64(*o.MembersCount), "member")
		}
		p.detail("- %s  %s (slug %q), %s", o.ID, o.Name, o.Slug, members)
	}
	return nil
}

// fetchJWKS reads the keys session tokens are signed with. A verifier uses
// the same service, cached: jwt.NewVerifier(jwt.WithKeySource(c.JWKS)).
func fetchJWKS(ctx context.Context, p *printer, c *clerk.Client) error {
	set, err := c.JWKS.Get(ctx)
	if err != nil {
		return err
	}
	p.step("JWKS.Get: %s, for jwt.NewVerifier(jwt.WithKeySource(c.JWKS))", plural(int64(len(set.Keys)), "signing key"))
	for _, k := range set.Keys {
		p.detail("- kid %s  %s %s", k.KID, k.KTY, k.Alg)
	}
	return nil
}

// day formats a Unix-millisecond timestamp as a UTC date.
func day(ms int64) string {
	return time.UnixMilli(ms).UTC().Format(time.DateOnly)
}

// plural formats a count with its noun: "1 user", "3 users".
func plural(n int64, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
