package transport

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
)

// FormField is one plain text field of a multipart form, sent before the
// file part (for example uploader_user_id next to an organization logo).
type FormField struct {
	Name  string
	Value string
}

// MultipartFile builds a multipart/form-data body holding the given text
// fields and one file part named field, read from r. The whole file is
// buffered so that the request can be replayed (a retry after 429 must
// resend the same bytes) and so that its size is known before anything is
// sent: a file over maxBytes (when maxBytes > 0) or an empty file fails with
// an *InvalidInputError naming field. The part's Content-Type is sniffed from
// the first bytes (image/png, image/jpeg, ...), since servers that check the
// type look at that header. An empty filename becomes field.
//
// Use the results as Request.RawBody and Request.ContentType.
func MultipartFile(field, filename string, r io.Reader, maxBytes int64, fields ...FormField) (body []byte, contentType string, err error) {
	if strings.TrimSpace(field) == "" {
		return nil, "", Invalid("field", "must not be empty")
	}
	if r == nil {
		return nil, "", Invalid(field, "has no reader")
	}
	var data []byte
	if maxBytes > 0 {
		data, err = io.ReadAll(io.LimitReader(r, maxBytes+1))
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, "", fmt.Errorf("clerk: reading %s: %w", field, err)
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, "", Invalid(field, "is larger than the %d bytes the API accepts", maxBytes)
	}
	if len(data) == 0 {
		return nil, "", Invalid(field, "is empty")
	}
	if filename == "" {
		filename = field
	}

	var buf bytes.Buffer
	buf.Grow(len(data) + 512)
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := w.WriteField(f.Name, f.Value); err != nil {
			return nil, "", fmt.Errorf("clerk: building multipart form: %w", err)
		}
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, escapeQuotes(field), escapeQuotes(filename)))
	h.Set("Content-Type", http.DetectContentType(data))
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", fmt.Errorf("clerk: building multipart form: %w", err)
	}
	if _, err := part.Write(data); err != nil {
		return nil, "", fmt.Errorf("clerk: building multipart form: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, "", fmt.Errorf("clerk: building multipart form: %w", err)
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// escapeQuotes escapes a Content-Disposition parameter the way
// mime/multipart does for its own CreateFormFile.
func escapeQuotes(s string) string {
	return strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "%0D", "\n", "%0A").Replace(s)
}
