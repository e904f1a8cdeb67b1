package conformance_test

import (
	"encoding/json"
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// genMode says how much of a schema an instance fills.
type genMode int

const (
	// minimal fills required properties only, with null where nullable:
	// the least a server may answer.
	minimal genMode = iota
	// full fills every documented property with a non-null, non-zero
	// value, so that a field an SDK type drops shows up in a re-marshal.
	full
)

// generator builds JSON instances (maps, slices, strings, float64, bools,
// nil) that validate against a schema. It resolves $ref (kin-openapi has
// already), merges allOf, takes the first branch of oneOf/anyOf, honours
// enum, nullable, formats, patterns and numeric and length bounds. A
// schema met again below itself is filled minimally, then as null, so
// recursive schemas end.
type generator struct {
	mode genMode
	// branch picks the oneOf/anyOf alternative (clamped to the last one),
	// so that callers can visit every branch.
	branch int
	stack  []*openapi3.Schema
}

func newInstance(ref *openapi3.SchemaRef, mode genMode) any {
	return newInstanceBranch(ref, mode, 0)
}

// newInstanceBranch takes the branch-th alternative of every oneOf/anyOf
// (or its last one).
func newInstanceBranch(ref *openapi3.SchemaRef, mode genMode, branch int) any {
	g := &generator{mode: mode, branch: branch}
	return g.value(ref, false)
}

func (g *generator) depth(s *openapi3.Schema) int {
	n := 0
	for _, x := range g.stack {
		if x == s {
			n++
		}
	}
	return n
}

func (g *generator) value(ref *openapi3.SchemaRef, optional bool) any {
	if ref == nil || ref.Value == nil {
		return map[string]any{}
	}
	s := ref.Value
	mode := g.mode
	switch g.depth(s) {
	case 0:
	case 1:
		mode = minimal
	default:
		if s.Nullable {
			return nil
		}
		mode = minimal
	}
	if mode == minimal && s.Nullable && (g.mode == minimal || optional) {
		return nil
	}
	g.stack = append(g.stack, s)
	defer func() { g.stack = g.stack[:len(g.stack)-1] }()
	saved := g.mode
	g.mode = mode
	defer func() { g.mode = saved }()

	if len(s.Enum) > 0 {
		for _, e := range s.Enum {
			if e != nil {
				return e
			}
		}
		return nil
	}
	if v := flattenBranch(s, g.branch); v.object {
		return g.object(v)
	}
	// A non-object composition: the first branch decides.
	if alts := slices.Concat(s.AllOf, s.OneOf, s.AnyOf); len(alts) > 0 && s.Type.IsEmpty() {
		return g.value(alts[pick(g.branch, len(alts))], false)
	}
	switch {
	case s.Type.Is(openapi3.TypeString):
		return g.str(s)
	case s.Type.Is(openapi3.TypeInteger):
		return g.number(s, true)
	case s.Type.Is(openapi3.TypeNumber):
		return g.number(s, false)
	case s.Type.Is(openapi3.TypeBoolean):
		return true
	case s.Type.Is(openapi3.TypeArray) || (s.Type.IsEmpty() && s.Items != nil):
		n := max(int(s.MinItems), 1)
		if s.MaxItems != nil && uint64(n) > *s.MaxItems {
			n = int(*s.MaxItems)
		}
		out := make([]any, 0, n)
		for i := 0; i < n; i++ {
			out = append(out, g.value(s.Items, false))
		}
		if n > 1 && s.UniqueItems {
			// Distinct strings for unique arrays of strings.
			for i := range out {
				if str, ok := out[i].(string); ok {
					out[i] = fmt.Sprintf("%s%d", str, i)
				}
			}
		}
		return out
	default:
		return g.object(flattenBranch(s, g.branch))
	}
}

// objectView is an object schema with its allOf branches and the first
// oneOf/anyOf branch folded in, and every required list gathered (specs
// put "required" beside an allOf, or "anyOf: [{required: [a]}, ...]").
type objectView struct {
	object   bool
	props    map[string]*openapi3.SchemaRef
	order    []string
	required []string
	// open: no property is declared and extra ones are allowed.
	addl   *openapi3.SchemaRef
	open   bool
	branch int
}

func pick(branch, n int) int { return min(branch, n-1) }

// maxBranches is the largest number of oneOf/anyOf alternatives anywhere
// in a schema (at least 1), so that newInstanceBranch(0..max-1) visits
// every alternative.
func maxBranches(ref *openapi3.SchemaRef) int {
	most := 1
	seen := map[*openapi3.Schema]bool{}
	var walk func(r *openapi3.SchemaRef)
	walk = func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil || seen[r.Value] {
			return
		}
		s := r.Value
		seen[s] = true
		most = max(most, len(s.OneOf), len(s.AnyOf))
		for _, sub := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf) {
			walk(sub)
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
	}
	walk(ref)
	return most
}

func flattenBranch(s *openapi3.Schema, branch int) *objectView {
	v := &objectView{props: map[string]*openapi3.SchemaRef{}, branch: branch}
	v.collect(s, 0)
	v.open = len(v.props) == 0 && v.open
	return v
}

func (v *objectView) collect(s *openapi3.Schema, depth int) {
	if s == nil || depth > 8 {
		return
	}
	if s.Type.Is(openapi3.TypeObject) || len(s.Properties) > 0 {
		v.object = true
	}
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		// A later allOf branch refines an earlier one ("status: enum
		// [revoked]" over the resource's status), so it wins.
		if _, ok := v.props[name]; !ok {
			v.order = append(v.order, name)
		}
		v.props[name] = s.Properties[name]
	}
	v.required = append(v.required, s.Required...)
	if ap := s.AdditionalProperties; depth == 0 && (ap.Schema != nil || ap.Has == nil || *ap.Has) {
		v.open, v.addl = true, ap.Schema
	}
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			v.collect(sub.Value, depth+1)
		}
	}
	for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		if len(alts) > 0 {
			if alt := alts[pick(v.branch, len(alts))]; alt.Value != nil {
				v.collect(alt.Value, depth+1)
			}
		}
	}
}

func (g *generator) object(v *objectView) map[string]any {
	out := map[string]any{}
	for _, name := range v.order {
		req := slices.Contains(v.required, name)
		if g.mode == full || req {
			out[name] = g.value(v.props[name], !req)
		}
	}
	for _, name := range v.required {
		if _, ok := out[name]; !ok {
			// Required but never declared (a spec slip): any value will do.
			out[name] = "x"
		}
	}
	if g.mode == full && v.open {
		if v.addl != nil {
			out["key"] = g.value(v.addl, false)
		} else {
			out["key"] = "value"
		}
	}
	return out
}

func (g *generator) str(s *openapi3.Schema) string {
	// A documented default or example is the most realistic value
	// ("-created_at" for an order_by).
	for _, v := range []any{s.Default, s.Example} {
		if str, ok := v.(string); ok && s.VisitJSON(str) == nil {
			return str
		}
	}
	var v string
	switch s.Format {
	case "date-time":
		v = "2026-05-12T10:00:00Z"
	case "date":
		v = "2026-05-12"
	case "email":
		v = "ada@example.com"
	case "uri", "url":
		v = "https://example.com/x"
	default:
		if s.Pattern != "" {
			// The pattern's shortest match, unless the length bounds
			// refuse it (^(\S(.*\S)?)?$ with minLength 3 matches "").
			if p, err := fromPattern(s.Pattern); err == nil && s.VisitJSON(p) == nil {
				return p
			}
		}
		v = "x"
		if g.mode == full {
			v = "value"
		}
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}

func (g *generator) number(s *openapi3.Schema, integer bool) float64 {
	v := 1.0
	if !integer {
		v = 1.5
	}
	if s.Min != nil && v < *s.Min {
		v = *s.Min
		if s.ExclusiveMin.IsTrue() {
			v++
		}
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
		if s.ExclusiveMax.IsTrue() {
			v--
		}
	}
	return v
}

// fromPattern returns a string the regular expression matches: the first
// alternative, the minimum repetition, a plain character of each class.
func fromPattern(pattern string) (string, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			b.WriteString(string(re.Rune))
		case syntax.OpCharClass:
			b.WriteRune(pickRune(re.Rune))
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			b.WriteByte('a')
		case syntax.OpCapture:
			walk(re.Sub[0])
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				walk(sub)
			}
		case syntax.OpAlternate:
			walk(re.Sub[0])
		case syntax.OpPlus:
			walk(re.Sub[0])
		case syntax.OpRepeat:
			for i := 0; i < re.Min; i++ {
				walk(re.Sub[0])
			}
		}
		// Star, Quest, anchors and empty match add nothing.
	}
	walk(re)
	return b.String(), nil
}

// pickRune prefers a letter or digit inside the class's ranges.
func pickRune(ranges []rune) rune {
	for _, want := range []rune{'a', 'A', '0', 'b', 'x'} {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= want && want <= ranges[i+1] {
				return want
			}
		}
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := max(ranges[i], 0x21); r <= ranges[i+1] && r < 0x7f; r++ {
			return r
		}
	}
	if len(ranges) > 0 {
		return ranges[0]
	}
	return 'a'
}

// toJSONValue normalizes an instance the way a JSON decoder would see it
// (numbers as float64), for schema validation.
func toJSONValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	err = json.Unmarshal(b, &out)
	return out, err
}
