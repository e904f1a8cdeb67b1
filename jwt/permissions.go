package jwt

import (
	"strings"
)

// maxPermissionBits is the number of permission names a mask can address.
// Masks are read modulo 2^64, which keeps their low 64 bits exact.
const maxPermissionBits = 64

// decodeOrgPermissions derives the organization permissions of a v2 session
// token from its "fea" claim and the "per" and "fpm" members of its "o"
// claim:
//
//   - the organization features are the entries of fea whose scope is "o",
//     "ou" or "uo", in order ("u" entries are skipped);
//   - per is a comma list of permission names;
//   - fpm is a comma list of decimal bitmasks, the k-th for the k-th
//     organization feature; bit j (least significant first) set grants
//     "org:<feature>:<per[j]>".
//
// Bits beyond the permission names are ignored, as are features without a
// mask. It fails closed: if any mask is not a plain decimal number, or any
// entry of fea is not "<scope>:<feature>" with a known scope and a
// non-empty feature, the token grants no permissions at all (never a
// partial set). Names and features that are empty grant
// nothing.
func decodeOrgPermissions(fea, per, fpm string) []string {
	if fea == "" || per == "" || fpm == "" {
		return nil
	}
	var names [maxPermissionBits]string
	nNames := 0
	for rest, more := per, true; more && nNames < len(names); {
		names[nNames], rest, more = strings.Cut(rest, ",")
		nNames++
	}
	// Validate every feature and every mask before granting anything: a
	// malformed entry would shift which mask goes with which feature.
	for rest, more := fea, true; more; {
		var entry string
		entry, rest, more = strings.Cut(rest, ",")
		scope, feature, ok := strings.Cut(entry, ":")
		if !ok || feature == "" || strings.IndexByte(feature, ':') >= 0 {
			return nil
		}
		switch scope {
		case "o", "u", "ou", "uo":
		default:
			return nil
		}
	}
	for rest, more := fpm, true; more; {
		var m string
		m, rest, more = strings.Cut(rest, ",")
		if _, ok := parseMask(m); !ok {
			return nil
		}
	}
	// Two passes: size the output, then fill one backing string.
	count, size := 0, 0
	forEachGrant(fea, fpm, names[:nNames], func(feature, name string) {
		count++
		size += len("org:") + len(feature) + 1 + len(name)
	})
	if count == 0 {
		return nil
	}
	var b strings.Builder
	b.Grow(size)
	ends := make([]int, 0, count)
	forEachGrant(fea, fpm, names[:nNames], func(feature, name string) {
		b.WriteString("org:")
		b.WriteString(feature)
		b.WriteByte(':')
		b.WriteString(name)
		ends = append(ends, b.Len())
	})
	all := b.String()
	out := make([]string, count)
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end
	}
	return out
}

// forEachGrant calls fn for every (feature, permission name) pair granted by
// the masks; masks must have been validated.
func forEachGrant(fea, fpm string, names []string, fn func(feature, name string)) {
	masks := fpm
	moreMasks := true
	for rest, more := fea, true; more && moreMasks; {
		var entry string
		entry, rest, more = strings.Cut(rest, ",")
		scope, feature, ok := strings.Cut(entry, ":")
		if !ok || (scope != "o" && scope != "ou" && scope != "uo") {
			continue
		}
		var m string
		m, masks, moreMasks = strings.Cut(masks, ",")
		mask, _ := parseMask(m)
		if feature == "" {
			continue
		}
		for j, name := range names {
			if mask&(1<<uint(j)) != 0 && name != "" {
				fn(feature, name)
			}
		}
	}
}

// parseMask parses a non-empty string of decimal digits modulo 2^64.
func parseMask(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// splitList splits a comma list into its non-empty items, which share the
// input's memory.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, ",") + 1
	out := make([]string, 0, n)
	for rest, more := s, true; more; {
		var item string
		item, rest, more = strings.Cut(rest, ",")
		if item != "" {
			out = append(out, item)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out[:len(out):len(out)]
}
