package conformance_test

import (
	"fmt"
	"regexp"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The generator is only useful if what it makes is valid: check every
// component schema and every 2xx JSON response of the spec, in both modes.
func TestGeneratedInstancesAreValid(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	type target struct {
		name string
		ref  *openapi3.SchemaRef
	}
	var targets []target
	for name, s := range doc.Components.Schemas {
		targets = append(targets, target{"#/components/schemas/" + name, s})
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code, resp := range op.Responses.Map() {
				if len(code) != 3 || code[0] != '2' || resp.Value == nil {
					continue
				}
				if mt := resp.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					targets = append(targets, target{fmt.Sprintf("%s %s %s", method, path, code), mt.Schema})
				}
			}
			// Request bodies: the filler builds params from these.
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					targets = append(targets, target{fmt.Sprintf("%s %s request body", method, path), mt.Schema})
				}
			}
		}
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].name < targets[j].name })
	if len(targets) < 100 {
		t.Fatalf("only %d schemas found", len(targets))
	}
	for _, tg := range targets {
		for _, mode := range []genMode{minimal, full} {
			v, err := toJSONValue(newInstance(tg.ref, mode))
			if err != nil {
				t.Errorf("%s (mode %d): %v", tg.name, mode, err)
				continue
			}
			if err := tg.ref.Value.VisitJSON(v); err != nil {
				t.Errorf("%s (mode %d): generated instance is invalid: %v", tg.name, mode, err)
			}
		}
	}
}

func TestFromPattern(t *testing.T) {
	t.Parallel()
	for _, p := range []string{
		`^user_\w{27}$`, `^(ak|api_key)_[0-9A-Fa-f]{32}$`, `^[^_][A-Za-z0-9_-]*$`,
		`^oauth_(?:(?:token_)|(?:custom_))?[a-z]+$`, `^(\S(.*\S)?)?$`, `^[A-Z]{2}$`,
	} {
		s, err := fromPattern(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !regexp.MustCompile(p).MatchString(s) {
			t.Errorf("fromPattern(%q) = %q, which does not match", p, s)
		}
	}
}
