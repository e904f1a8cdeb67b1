package sessions_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/clerktest"
	"github.com/clerkgo/clerk/clerktest/clerktestclient"
	"github.com/clerkgo/clerk/sessions"
)

func TestOnClerktest(t *testing.T) {
	t.Parallel()
	srv := clerktest.NewServer(t)
	c := clerktestclient.New(t, srv)
	ctx := context.Background()
	uid := srv.AddUser(clerktest.User{Email: "ada@example.com"})
	sid := srv.AddSession(uid, "")
	other := srv.AddSession(uid, "")

	t.Run("list and get decode instants", func(t *testing.T) {
		page, err := c.Sessions.List(ctx, &sessions.ListParams{UserID: uid, Status: sessions.StatusActive})
		if err != nil {
			t.Fatal(err)
		}
		if page.TotalCount != 2 || len(page.Data) != 2 {
			t.Fatalf("page = %+v", page)
		}
		s, err := c.Sessions.Get(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		if s.CreatedAt.IsZero() || !s.ExpireAt.After(s.CreatedAt) || time.Since(s.CreatedAt) > time.Minute {
			t.Errorf("instants: created %v, expires %v", s.CreatedAt, s.ExpireAt)
		}
	})
	t.Run("token lifetime", func(t *testing.T) {
		tok, err := c.Sessions.CreateToken(ctx, sid, &sessions.CreateTokenParams{ExpiresIn: 10 * time.Minute})
		if err != nil || tok.JWT == "" {
			t.Fatalf("token %v, %v", tok, err)
		}
		last := srv.Requests()[len(srv.Requests())-1]
		if string(last.Body) != `{"expires_in_seconds":600}` {
			t.Errorf("body %s", last.Body)
		}
	})
	t.Run("refresh", func(t *testing.T) {
		expired := srv.NewSessionToken(uid, clerktest.WithSessionID(sid), clerktest.WithIssuedAt(time.Now().Add(-time.Hour)))
		params := &sessions.RefreshParams{ExpiredToken: expired, RefreshToken: "rt", RequestOrigin: "https://app.example.com"}
		res, err := c.Sessions.Refresh(ctx, sid, params)
		if err != nil || res.Object != "token" || res.JWT == "" {
			t.Fatalf("refresh = %+v, %v", res, err)
		}
		params.Format = sessions.RefreshFormatCookie
		res, err = c.Sessions.Refresh(ctx, sid, params)
		if err != nil || res.Object != "cookies" || len(res.Cookies) != 1 {
			t.Fatalf("cookie refresh = %+v, %v", res, err)
		}
		// The token belongs to another session: fall back to the handshake.
		if _, err := c.Sessions.Refresh(ctx, other, params); !errors.Is(err, clerk.ErrUnauthorized) {
			t.Errorf("err = %v, want ErrUnauthorized", err)
		}
	})
}
