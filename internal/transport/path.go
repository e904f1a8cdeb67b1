package transport

import (
	"net/url"
	"strings"
)

// Path fills a spec path template such as "/users/{user_id}/metadata" with
// ids, in order. Each id is trimmed of nothing and escaped as exactly one
// path segment, so "a/b", ".." or "x?y" can never change the route. An empty
// or blank id fails with an *InvalidInputError naming the placeholder.
func Path(template string, ids ...string) (string, error) {
	var b strings.Builder
	b.Grow(len(template) + 16)
	rest := template
	for i := 0; ; i++ {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			if i != len(ids) {
				return "", Invalid("path", "template %q takes %d ids, got %d", template, i, len(ids))
			}
			b.WriteString(rest)
			return b.String(), nil
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return "", Invalid("path", "unterminated placeholder in %q", template)
		}
		name := rest[open+1 : open+end]
		if i >= len(ids) {
			return "", Invalid("path", "template %q takes more than %d ids", template, len(ids))
		}
		if err := ValidateID(name, ids[i]); err != nil {
			return "", err
		}
		b.WriteString(rest[:open])
		b.WriteString(escapeSegment(ids[i]))
		rest = rest[open+end+1:]
	}
}

// ValidateID refuses empty and blank identifiers.
func ValidateID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return Invalid(field, "must not be empty")
	}
	return nil
}

// escapeSegment escapes one path segment; "." and ".." are escaped too, since
// url.PathEscape leaves them alone and they would be resolved as dot segments.
func escapeSegment(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(s)
}
