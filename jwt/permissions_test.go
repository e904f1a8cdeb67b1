package jwt

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeOrgPermissions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		fea, per, fpm string
		want          []string
	}{
		// The six vectors of LESSONS.md.
		{"vector 1", "o:reports,o:billing,u:dashboard", "read,manage", "3,1",
			[]string{"org:reports:read", "org:reports:manage", "org:billing:read"}},
		{"vector 2", "o:dashboard,o:impersonation", "read,manage", "3,2",
			[]string{"org:dashboard:read", "org:dashboard:manage", "org:impersonation:manage"}},
		{"vector 3: user features skipped", "u:profile,o:dashboard,o:impersonation", "read,manage", "3,2",
			[]string{"org:dashboard:read", "org:dashboard:manage", "org:impersonation:manage"}},
		{"vector 4: ou scope", "ou:shared,o:x", "a,b,c", "5,7",
			[]string{"org:shared:a", "org:shared:c", "org:x:a", "org:x:b", "org:x:c"}},
		{"vector 5: extra high bits ignored", "o:x", "a,b", "7", []string{"org:x:a", "org:x:b"}},
		{"vector 6a: zero mask", "o:x", "a,b", "0", nil},
		{"vector 6b: malformed mask", "o:x", "a,b", "zz", nil},

		// Edges.
		{"uo scope", "uo:x", "a", "1", []string{"org:x:a"}},
		{"one malformed mask voids all", "o:x,o:y", "a", "1,z", nil},
		{"negative mask", "o:x", "a", "-1", nil},
		{"plus sign", "o:x", "a", "+1", nil},
		{"space in mask", "o:x", "a", " 1", nil},
		{"empty mask", "o:x,o:y", "a", "1,", nil},
		{"empty fpm", "o:x", "a", "", nil},
		{"empty per", "o:x", "", "1", nil},
		{"empty fea", "", "a", "1", nil},
		{"fewer masks than features", "o:x,o:y", "a", "1", []string{"org:x:a"}},
		{"more masks than features", "o:x", "a", "1,1", []string{"org:x:a"}},
		// A malformed fea entry voids every permission: never a partial set.
		{"feature without scope", "x,o:y", "a", "1", nil},
		{"unknown scope", "z:x,o:y", "a", "1", nil},
		{"empty feature name", "o:,o:y", "a", "1,1", nil},
		{"empty fea entry", "o:x,,o:y", "a", "1,1", nil},
		{"colon in feature", "o:x:y", "a", "1", nil},
		{"empty permission name grants nothing", "o:x", "a,,c", "7", []string{"org:x:a", "org:x:c"}},
		{"leading zeros", "o:x", "a,b", "002", []string{"org:x:b"}},
		{"mask beyond 64 bits keeps its low bits", "o:x", "a,b", "18446744073709551619", []string{"org:x:a", "org:x:b"}}, // 2^64 + 3
		{"64th permission", "o:x", strings.Repeat("p,", 63) + "last", "9223372036854775808", []string{"org:x:last"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := decodeOrgPermissions(tt.fea, tt.per, tt.fpm)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decodeOrgPermissions(%q, %q, %q) (-want +got):\n%s", tt.fea, tt.per, tt.fpm, diff)
			}
		})
	}
}

// TestPermissionsInToken runs the vectors through a signed v2 token.
func TestPermissionsInToken(t *testing.T) {
	t.Parallel()
	v := newTestVerifier(t)
	tok := mintRS256(t, with(v2Claims(),
		"fea", "u:profile,o:dashboard,o:impersonation",
		"o", map[string]any{"id": "org_1", "rol": "member", "per": "read,manage", "fpm": "3,2"}))
	c, err := v.Verify(t.Context(), tok)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"org:dashboard:read", "org:dashboard:manage", "org:impersonation:manage"}
	if diff := cmp.Diff(want, c.OrgPermissions); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	if !c.HasPermission("org:impersonation:manage") || c.HasPermission("org:impersonation:read") {
		t.Error("HasPermission disagrees with the decoded permissions")
	}
	if !c.HasRole("org:member") {
		t.Errorf("role = %q, want org:member", c.OrgRole)
	}
}

func TestSplitList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{",", nil},
		{"a", []string{"a"}},
		{"a,,b,", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitList(tt.in)); diff != "" {
			t.Errorf("splitList(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
