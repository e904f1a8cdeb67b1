package reliability_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/invitations"
	"github.com/clerkgo/clerk/organizations"
	"github.com/clerkgo/clerk/sessions"
	"github.com/clerkgo/clerk/users"
)

// recorder answers every request with a fixed status and body and keeps
// what it received: the query and, for multipart uploads, the file size.
type recorder struct {
	*httptest.Server
	mu       sync.Mutex
	n        int
	query    []string
	fileSize int
	status   int
	body     []byte
}

func newRecorder(t *testing.T, status int, body []byte) *recorder {
	t.Helper()
	rec := &recorder{status: status, body: body}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		size := -1
		if mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				if p.FormName() == "file" {
					n, _ := io.Copy(io.Discard, p)
					size = int(n)
				}
			}
		}
		io.Copy(io.Discard, r.Body)
		rec.mu.Lock()
		rec.n++
		rec.query = r.URL.Query()["user_id"]
		rec.fileSize = size
		rec.mu.Unlock()
		writeJSON(w, rec.status, rec.body)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *recorder) seen() (n int, userIDs []string, fileSize int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n, r.query, r.fileSize
}

// image returns n bytes that sniff as a PNG.
func image(n int) []byte {
	b := make([]byte, n)
	copy(b, "\x89PNG\r\n\x1a\n")
	return b
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("user_%03d", i)
	}
	return out
}

// TestLimits: inputs over the API's limits fail with a clear
// ErrInvalidInput before anything is sent, inputs at the limit go through
// whole, and answers over the client's size cap fail with
// ErrResponseTooLarge instead of filling memory.
func TestLimits(t *testing.T) {
	t.Parallel()
	org := []byte(`{"object":"organization","id":"org_1","name":"Acme","slug":"acme","has_image":true,"public_metadata":{},"created_at":1,"updated_at":1}`)
	user := userJSON(&fakeUser{ID: "user_1"}, 1)
	tests := []struct {
		name   string
		body   []byte
		status int
		opts   []clerk.Option
		call   func(ctx context.Context, c *clerk.Client) error
		// sent: whether a request must reach the server.
		sent bool
		// wantIn: the error must match ErrInvalidInput and name this.
		wantIn string
		want   func(t *testing.T, rec *recorder, err error)
	}{
		{
			name: "logo of exactly 10 MiB is sent whole", body: org, sent: true,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Organizations.UploadLogo(ctx, "org_1", &organizations.UploadLogoParams{File: bytes.NewReader(image(organizations.MaxLogoSize))})
				return err
			},
			want: func(t *testing.T, rec *recorder, err error) {
				if _, _, size := rec.seen(); size != organizations.MaxLogoSize || err != nil {
					t.Errorf("server got a %d-byte file, err %v", size, err)
				}
			},
		},
		{
			name: "logo one byte over 10 MiB", body: org, wantIn: "larger than",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Organizations.UploadLogo(ctx, "org_1", &organizations.UploadLogoParams{File: bytes.NewReader(image(organizations.MaxLogoSize + 1))})
				return err
			},
		},
		{
			name: "endless logo stream", body: org, wantIn: "larger than",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Organizations.UploadLogo(ctx, "org_1", &organizations.UploadLogoParams{File: io.MultiReader(bytes.NewReader(image(8)), zeros{})})
				return err
			},
		},
		{
			name: "profile image of exactly 10 MiB is sent whole", body: user, sent: true,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.UploadProfileImage(ctx, "user_1", &users.UploadProfileImageParams{File: bytes.NewReader(image(users.MaxProfileImageSize))})
				return err
			},
			want: func(t *testing.T, rec *recorder, err error) {
				if _, _, size := rec.seen(); size != users.MaxProfileImageSize || err != nil {
					t.Errorf("server got a %d-byte file, err %v", size, err)
				}
			},
		},
		{
			name: "profile image one byte over 10 MiB", body: user, wantIn: "larger than",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.UploadProfileImage(ctx, "user_1", &users.UploadProfileImageParams{File: bytes.NewReader(image(users.MaxProfileImageSize + 1))})
				return err
			},
		},
		{
			name: "empty profile image", body: user, wantIn: "empty",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.UploadProfileImage(ctx, "user_1", &users.UploadProfileImageParams{File: strings.NewReader("")})
				return err
			},
		},
		{
			name: "100 filter values are sent as 100 repeated keys", body: []byte(`[]`), sent: true,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.List(ctx, &users.ListParams{UserIDs: ids(100)})
				return err
			},
			want: func(t *testing.T, rec *recorder, err error) {
				if _, got, _ := rec.seen(); len(got) != 100 || err != nil {
					t.Errorf("server got %d user_id values, err %v", len(got), err)
				}
			},
		},
		{
			name: "101 filter values on Users.List", body: []byte(`[]`), wantIn: "at most 100",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.List(ctx, &users.ListParams{UserIDs: ids(101)})
				return err
			},
		},
		{
			name: "250 filter values on Users.Count", body: []byte(`{"total_count":1}`), wantIn: "at most 100",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Count(ctx, &users.ListParams{EmailAddresses: ids(250)})
				return err
			},
		},
		{
			name: "101 filter values on Users.All (prefetching)", body: []byte(`[]`), wantIn: "at most 100",
			call: func(ctx context.Context, c *clerk.Client) error {
				for _, err := range c.Users.All(ctx, &users.ListParams{UserIDs: ids(101)}, clerk.WithPrefetch(4)) {
					return err
				}
				return nil
			},
		},
		{
			name: "101 filter values on Organizations.All", body: []byte(`{"data":[],"total_count":0}`), wantIn: "at most 100",
			call: func(ctx context.Context, c *clerk.Client) error {
				for _, err := range c.Organizations.All(ctx, &organizations.ListParams{UserIDs: ids(101)}) {
					return err
				}
				return nil
			},
		},
		{
			name: "bulk invitations with nothing in them", body: []byte(`[]`), wantIn: "params",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Invitations.CreateMany(ctx, nil)
				return err
			},
		},
		{
			name: "bulk invitations with one bad entry among 25", body: []byte(`[]`), wantIn: "params[24].email_address",
			call: func(ctx context.Context, c *clerk.Client) error {
				ps := make([]*invitations.CreateParams, 25)
				for i := range ps {
					ps[i] = &invitations.CreateParams{EmailAddress: fmt.Sprintf("a%d@example.com", i)}
				}
				ps[24].EmailAddress = " "
				_, err := c.Invitations.CreateMany(ctx, ps)
				return err
			},
		},
		{
			name: "session list without a user or client", body: []byte(`[]`), wantIn: "UserID",
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Sessions.List(ctx, &sessions.ListParams{})
				return err
			},
		},
		{
			name: "answer over the client's size cap", body: bytes.Repeat([]byte(" "), 4096), sent: true,
			opts: []clerk.Option{clerk.WithMaxResponseSize(1024)},
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Get(ctx, "user_1")
				return err
			},
			want: func(t *testing.T, rec *recorder, err error) {
				var ae *clerk.APIError
				if !errors.Is(err, clerk.ErrResponseTooLarge) || !errors.As(err, &ae) || ae.StatusCode != 200 {
					t.Errorf("error %v, want ErrResponseTooLarge on a 200", err)
				}
			},
		},
		{
			name: "3 MiB error body: kept capped at 1 MiB", status: 404, body: bytes.Repeat([]byte("x"), 3<<20), sent: true,
			call: func(ctx context.Context, c *clerk.Client) error {
				_, err := c.Users.Get(ctx, "user_1")
				return err
			},
			want: func(t *testing.T, rec *recorder, err error) {
				var ae *clerk.APIError
				if !errors.As(err, &ae) || !errors.Is(err, clerk.ErrNotFound) || len(ae.Body) != 1<<20 {
					t.Errorf("error %v, want a 404 with its body capped at 1 MiB", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status := tt.status
			if status == 0 {
				status = 200
			}
			rec := newRecorder(t, status, tt.body)
			c, tr := newClient(t, rec.URL, tt.opts...)
			defer tr.CloseIdleConnections()
			err := tt.call(context.Background(), c)
			n, _, _ := rec.seen()
			if tt.sent != (n > 0) {
				t.Errorf("%d requests sent; want a request: %v", n, tt.sent)
			}
			if tt.wantIn != "" {
				if !errors.Is(err, clerk.ErrInvalidInput) || !strings.Contains(err.Error(), tt.wantIn) {
					t.Errorf("error %v, want ErrInvalidInput naming %q", err, tt.wantIn)
				}
			}
			if tt.want != nil {
				tt.want(t, rec, err)
			}
		})
	}
}

// zeros is an endless reader.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
