package transport_test

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/clerkgo/clerk/internal/transport"
	"github.com/google/go-cmp/cmp"
)

func TestMultipartFile(t *testing.T) {
	t.Parallel()
	png := []byte("\x89PNG\r\n\x1a\n0000")
	tests := []struct {
		name     string
		field    string
		filename string
		data     []byte
		max      int64
		fields   []transport.FormField
		// want lists each part as name|filename|content-type|body.
		want    []string
		wantErr bool
	}{
		{
			name: "file with fields first", field: "file", filename: "logo.png", data: png, max: 100,
			fields: []transport.FormField{{Name: "uploader_user_id", Value: "user_1"}},
			want:   []string{"uploader_user_id||text/plain; charset=utf-8|user_1", "file|logo.png|image/png|" + string(png)},
		},
		{
			name: "no cap", field: "image", data: []byte("plain text"), max: 0,
			want: []string{"image|image|text/plain; charset=utf-8|plain text"},
		},
		{name: "at the cap", field: "file", filename: "a", data: []byte("12345"), max: 5, want: []string{"file|a|text/plain; charset=utf-8|12345"}},
		{name: "over the cap", field: "file", data: []byte("123456"), max: 5, wantErr: true},
		{name: "empty", field: "file", data: nil, max: 5, wantErr: true},
		{name: "blank field", field: " ", data: png, max: 100, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body, ct, err := transport.MultipartFile(tt.field, tt.filename, bytes.NewReader(tt.data), tt.max, tt.fields...)
			if tt.wantErr {
				if !errors.Is(err, transport.ErrInvalidInput) || body != nil {
					t.Fatalf("err = %v, body %d bytes; want ErrInvalidInput and no body", err, len(body))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mt, params, err := mime.ParseMediaType(ct)
			if err != nil || mt != "multipart/form-data" {
				t.Fatalf("content type %q: %v", ct, err)
			}
			r := multipart.NewReader(bytes.NewReader(body), params["boundary"])
			var got []string
			for {
				p, err := r.NextPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(p)
				ptype := p.Header.Get("Content-Type")
				if ptype == "" {
					ptype = "text/plain; charset=utf-8"
				}
				got = append(got, strings.Join([]string{p.FormName(), p.FileName(), ptype, string(b)}, "|"))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMultipartFileNilReader(t *testing.T) {
	t.Parallel()
	if _, _, err := transport.MultipartFile("file", "x", nil, 10); !errors.Is(err, transport.ErrInvalidInput) {
		t.Errorf("err = %v", err)
	}
}

func TestMultipartFileEscapesNames(t *testing.T) {
	t.Parallel()
	body, ct, err := transport.MultipartFile("file", "a\"b\\c\r\nd.png", strings.NewReader("x"), 10)
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(ct)
	p, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).NextPart()
	if err != nil {
		t.Fatal(err)
	}
	// CR and LF are percent-encoded, so they cannot inject headers.
	if got, want := p.FileName(), "a\"b\\c%0D%0Ad.png"; got != want {
		t.Errorf("filename = %q, want %q", got, want)
	}
}
