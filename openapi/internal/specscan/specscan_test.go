package specscan_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/openapi/internal/specscan"
)

func TestParse(t *testing.T) {
	t.Parallel()
	const doc = `openapi: 3.0.3
info:
  title: x
  description: |-
    paths:
      /not/a/path:
        get:
          operationId: Nope
paths:
  /public/thing:
    get:
      operationId: GetThing
      security: []
      description: |-
        A block scalar that looks like YAML:
        post:
          operationId: Fake
      tags:
        - Things
      parameters:
        - name: q
          deprecated: true
          in: query
  /aws_credentials: {}
  '/users/{user_id}':
    parameters:
      - name: user_id
        in: path
    patch:
      operationId: "UpdateUser"   # a comment
      deprecated: true
      tags: [Users, 'Allow-list / Block-list']
      summary: a folded plain scalar
        that continues here: and looks like a key
    delete:
      operationId: DeleteUser
      tags:
      - Users
      - "Odd \"quoted\" tag"
  /empty:
    get:
      operationId: NoTags
components:
  schemas:
    Thing:
      type: object
`
	got, err := specscan.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []specscan.Operation{
		{Path: "/public/thing", Method: "GET", OperationID: "GetThing", Tags: []string{"Things"}},
		{Path: "/users/{user_id}", Method: "PATCH", OperationID: "UpdateUser", Tags: []string{"Users", "Allow-list / Block-list"}, Deprecated: true},
		{Path: "/users/{user_id}", Method: "DELETE", OperationID: "DeleteUser", Tags: []string{"Users", `Odd "quoted" tag`}},
		{Path: "/empty", Method: "GET", OperationID: "NoTags"},
	}
	if diff := cmp.Diff(want, got.Operations); diff != "" {
		t.Errorf("Parse mismatch (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc, want string
	}{
		{"no paths", "openapi: 3.0.3\ninfo:\n  title: x\n", "no top-level paths"},
		{"tab indentation", "paths:\n\t/x:\n", "tab indentation"},
		{"ref path item", "paths:\n  /x:\n    $ref: '#/x'\n", "$ref path items"},
		{"not a path", "paths:\n  x:\n    get:\n      operationId: A\n", "is not a path"},
		{"bad indentation", "paths:\n  /x:\n    get:\n      operationId: A\n     tags: []\n", "unexpected indentation"},
		{"unterminated quote", "paths:\n  /x:\n    get:\n      operationId: 'A\n", "unterminated"},
		{"block tags with a mapping", "paths:\n  /x:\n    get:\n      tags:\n        - a: b\n", "sequence of scalars"},
		{"multi-line flow tags", "paths:\n  /x:\n    get:\n      tags: [a,\n        b]\n", "one-line flow sequence"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := specscan.Parse(strings.NewReader(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// No input makes the scanner panic, whatever its shape.
func FuzzParse(f *testing.F) {
	f.Add("paths:\n  /x:\n    get:\n      operationId: A\n      tags: [a, 'b']\n")
	f.Add("paths:\n- a\n-\n  - b: c\n")
	f.Add("paths:\n  \"/x\\u0041\":\n    post: {}\n")
	f.Fuzz(func(t *testing.T, doc string) {
		_, _ = specscan.Parse(strings.NewReader(doc))
	})
}
