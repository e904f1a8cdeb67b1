package users_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
	"github.com/google/go-cmp/cmp"
)

// pngHeader is the start of a PNG file: enough for content sniffing.
var pngHeader = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

func TestSetProfileImageSendsMultipart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, filename, wantFilename string
		data                         []byte
		wantType                     string
	}{
		{"png", "avatar.png", "avatar.png", pngHeader, "image/png"},
		{"default filename", "", "file", []byte("GIF89a......"), "image/gif"},
		{"quotes in filename", `a"b.jpg`, `a"b.jpg`, []byte("\xff\xd8\xff\xe0JFIF"), "image/jpeg"},
		{"exactly the cap", "big.bin", "big.bin", bytes.Repeat([]byte{0}, users.MaxProfileImageSize), "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t, 0, ok(smallUser("user_1")))
			u, err := c.Users.UploadProfileImage(context.Background(), "user_1", &users.UploadProfileImageParams{
				File: bytes.NewReader(tt.data), Filename: tt.filename,
			})
			if err != nil || u.ID != "user_1" {
				t.Fatalf("SetProfileImage = %v, %v", u, err)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("sent %d requests", len(reqs))
			}
			r := reqs[0]
			if r.Method != "POST" || r.Path != "/users/user_1/profile_image" {
				t.Errorf("request %s %s", r.Method, r.Path)
			}
			mediaType, params, err := mime.ParseMediaType(r.ContentType)
			if err != nil || mediaType != "multipart/form-data" {
				t.Fatalf("Content-Type %q: %v", r.ContentType, err)
			}
			mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
			part, err := mr.NextPart()
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(part)
			meta := []string{part.FormName(), part.FileName(), part.Header.Get("Content-Type")}
			if diff := cmp.Diff([]string{"file", tt.wantFilename, tt.wantType}, meta); diff != "" {
				t.Errorf("part (-want +got):\n%s", diff)
			}
			if !bytes.Equal(got, tt.data) {
				t.Errorf("file bytes differ: got %d bytes, want %d", len(got), len(tt.data))
			}
			if _, err := mr.NextPart(); err != io.EOF {
				t.Errorf("extra part after the file: %v", err)
			}
		})
	}
}

func TestSetProfileImageTooLargeSendsNothing(t *testing.T) {
	t.Parallel()
	c, f := newClient(t, 0)
	// An endless reader: the size check must stop reading at the cap.
	_, err := c.Users.UploadProfileImage(context.Background(), "user_1", &users.UploadProfileImageParams{File: endless{}})
	if !errors.Is(err, clerk.ErrInvalidInput) {
		t.Errorf("err = %v, want ErrInvalidInput", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("sent %d requests", n)
	}
}

func TestSetProfileImageReadError(t *testing.T) {
	t.Parallel()
	c, f := newClient(t, 0)
	boom := errors.New("disk on fire")
	_, err := c.Users.UploadProfileImage(context.Background(), "user_1", &users.UploadProfileImageParams{File: failing{boom}})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the reader's error", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("sent %d requests", n)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }
