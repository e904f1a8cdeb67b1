package organizations_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/organizations"
	"github.com/google/go-cmp/cmp"
)

// pngBytes starts with the PNG signature, so the part's type sniffs as
// image/png.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 32)...)

func TestUploadLogoMultipart(t *testing.T) {
	t.Parallel()
	c, rec, _ := newClient(t, always(http.StatusOK, orgJSON))
	org, err := c.Organizations.UploadLogo(context.Background(), "org_1", &organizations.UploadLogoParams{
		File: bytes.NewReader(pngBytes), Filename: "logo.png", UploaderUserID: "user_1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if org.ID != "org_1" {
		t.Errorf("org.ID = %q", org.ID)
	}
	reqs := rec.all()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPut || r.Path != "/v1/organizations/org_1/logo" || len(r.Query) != 0 {
		t.Errorf("request = %s %s?%v", r.Method, r.Path, r.Query)
	}
	mediaType, params, err := mime.ParseMediaType(r.ContentType)
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		t.Fatalf("Content-Type = %q", r.ContentType)
	}
	type part struct{ Name, Filename, Type, Data string }
	var got []part
	mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		got = append(got, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(data)})
	}
	want := []part{
		{Name: "uploader_user_id", Data: "user_1"},
		{Name: "file", Filename: "logo.png", Type: "image/png", Data: string(pngBytes)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
}

// TestUploadLogoSizeCap: 10 MB passes, one byte more is refused before
// anything is sent.
func TestUploadLogoSizeCap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{"at the cap", organizations.MaxLogoSize, false},
		{"over the cap", organizations.MaxLogoSize + 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _, mt := newClient(t, always(http.StatusOK, orgJSON))
			data := make([]byte, tt.size)
			copy(data, pngBytes)
			_, err := c.Organizations.UploadLogo(context.Background(), "org_1", &organizations.UploadLogoParams{File: bytes.NewReader(data)})
			if !tt.wantErr {
				if err != nil || mt.GetTotalCallCount() != 1 {
					t.Errorf("err = %v, %d requests; want success", err, mt.GetTotalCallCount())
				}
				return
			}
			var ie *clerk.InvalidInputError
			if !errors.As(err, &ie) || ie.Field != "file" {
				t.Errorf("err = %v, want InvalidInputError on file", err)
			}
			if n := mt.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests sent, want 0", n)
			}
		})
	}
}
