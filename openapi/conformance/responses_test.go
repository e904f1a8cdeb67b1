package conformance_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// notMapped lists the documented response fields an SDK type leaves out on
// purpose, as "<Go type> <JSON path>" with the reason. Anything else the
// spec documents must survive a decode and re-encode.
func notMapped() map[string]string {
	// The spec's JWKS schema is shared with private and symmetric keys;
	// GET /jwks serves public keys, and a verification key source has no
	// business holding secret key material even if one were sent.
	const secret = "private or symmetric key material: never kept by a public-key source"
	return map[string]string{
		"jwks.KeySet .keys[].d":  secret,
		"jwks.KeySet .keys[].p":  secret,
		"jwks.KeySet .keys[].q":  secret,
		"jwks.KeySet .keys[].dp": secret,
		"jwks.KeySet .keys[].dq": secret,
		"jwks.KeySet .keys[].qi": secret,
		"jwks.KeySet .keys[].k":  secret,
	}
}

// resultType is the resource type a method returns (T of *T, []*T,
// *pagination.Page[T] or iter.Seq2[*T, error]) and whether the answer is
// a list of them. Methods returning scalars report nil.
func resultType(ft reflect.Type) (reflect.Type, bool) {
	if ft.NumOut() == 0 {
		return nil, false
	}
	t := ft.Out(0)
	switch {
	case t.Kind() == reflect.Func && t.NumIn() == 1 && t.In(0).Kind() == reflect.Func && t.In(0).NumIn() == 2:
		return derefStruct(t.In(0).In(0)), true
	case t.Kind() == reflect.Pointer && strings.HasPrefix(t.Elem().Name(), "Page["):
		if f, ok := t.Elem().FieldByName("Data"); ok && f.Type.Kind() == reflect.Slice {
			return derefStruct(f.Type.Elem()), true
		}
	case t.Kind() == reflect.Slice:
		return derefStruct(t.Elem()), true
	default:
		return derefStruct(t), false
	}
	return nil, false
}

func derefStruct(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	return t
}

// itemSchema unwraps a list answer: a bare array, or an envelope whose
// items are under one of the keys pagination.Page reads ("data", or
// "m2m_tokens" for the M2M token list).
func itemSchema(s *openapi3.SchemaRef) *openapi3.SchemaRef {
	if s == nil || s.Value == nil {
		return nil
	}
	if s.Value.Items != nil {
		return s.Value.Items
	}
	for _, key := range []string{"data", "m2m_tokens"} {
		if d := allProperties(s.Value)[key]; d != nil && d.Value != nil && d.Value.Items != nil {
			return d.Value.Items
		}
	}
	for _, sub := range s.Value.AllOf {
		if it := itemSchema(sub); it != nil {
			return it
		}
	}
	return nil
}

// jsonPaths lists the object keys in v as paths (".a.b", ".list[].c").
func jsonPaths(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := prefix + "." + k
			out[p] = true
			jsonPaths(e, p, out)
		}
	case []any:
		for _, e := range x {
			jsonPaths(e, prefix+"[]", out)
		}
	}
}

// Response conformance: a full instance of each operation's success
// schema (every documented property, non-null) decodes into the SDK's
// type, and every field survives a re-encode.
func TestResponsesDecodeWithoutLoss(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	c := newClient(t, "https://api.clerk.com/v1", testSecretKey)
	table := tableByMethod()
	skip := notMapped()
	used := map[string]bool{}
	type key struct {
		typ    reflect.Type
		schema *openapi3.SchemaRef
	}
	done := map[key]bool{}
	for _, m := range sdkMethods(c) {
		typ, list := resultType(m.fn.Type())
		if typ == nil {
			continue
		}
		for _, row := range table[m.label()] {
			op := specOperation(doc, row.HTTPMethod, row.Path)
			if op == nil {
				continue // TestTableMatchesSpec reports it
			}
			_, schema := successResponse(op)
			if list {
				schema = itemSchema(schema)
			}
			if schema == nil {
				t.Errorf("%s (%s): the spec has no JSON schema for the answer the SDK decodes into %s", m.label(), row.OperationID, typ)
				continue
			}
			k := key{typ, schema}
			if done[k] {
				continue
			}
			done[k] = true
			if testing.Verbose() {
				t.Logf("%s (%s): checking %s", m.label(), row.OperationID, typ)
			}
			for _, miss := range lostFields(t, typ, schema) {
				id := typ.String() + " " + miss
				if _, ok := skip[id]; ok {
					used[id] = true
					continue
				}
				t.Errorf("%s (%s): documented field lost by %s: %s", m.label(), row.OperationID, typ, miss)
			}
		}
	}
	for id := range skip {
		if !used[id] {
			t.Errorf("notMapped entry %q matches no lost field: remove it", id)
		}
	}
}

// Round trip: what json.Marshal makes of a decoded answer decodes back
// into an equal value, so SDK types can be cached or logged as JSON and
// read again (a type whose UnmarshalJSON reads only the wire shape would
// refuse its own encoding).
func TestResponsesSurviveJSONRoundTrip(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	c := newClient(t, "https://api.clerk.com/v1", testSecretKey)
	table := tableByMethod()
	done := map[reflect.Type]bool{}
	for _, m := range sdkMethods(c) {
		typ, list := resultType(m.fn.Type())
		if typ == nil || done[typ] {
			continue
		}
		for _, row := range table[m.label()] {
			op := specOperation(doc, row.HTTPMethod, row.Path)
			if op == nil {
				continue
			}
			_, schema := successResponse(op)
			if list {
				schema = itemSchema(schema)
			}
			if schema == nil {
				continue // TestResponsesDecodeWithoutLoss reports it
			}
			done[typ] = true
			for branch := range maxBranches(schema) {
				in, err := json.Marshal(newInstanceBranch(schema, full, branch))
				if err != nil {
					t.Fatal(err)
				}
				first := reflect.New(typ)
				if err := json.Unmarshal(in, first.Interface()); err != nil {
					continue // TestResponsesDecodeWithoutLoss reports it
				}
				out, err := json.Marshal(first.Interface())
				if err != nil {
					t.Errorf("%s (%s): %s does not encode: %v", m.label(), row.OperationID, typ, err)
					continue
				}
				second := reflect.New(typ)
				if err := json.Unmarshal(out, second.Interface()); err != nil {
					t.Errorf("%s (%s): %s does not decode its own JSON: %v", m.label(), row.OperationID, typ, err)
					continue
				}
				if !reflect.DeepEqual(first.Interface(), second.Interface()) {
					t.Errorf("%s (%s): %s changes in a JSON round trip:\n%s\n%s", m.label(), row.OperationID, typ, in, out)
				}
			}
		}
	}
	if len(done) == 0 {
		t.Fatal("no response type was checked")
	}
}

// lostFields decodes full instances of schema (one per oneOf/anyOf
// alternative) into a new typ and returns the JSON paths that did not come
// back out, sorted.
func lostFields(t *testing.T, typ reflect.Type, schema *openapi3.SchemaRef) []string {
	t.Helper()
	want, got := map[string]bool{}, map[string]bool{}
	for branch := range maxBranches(schema) {
		in, err := json.Marshal(newInstanceBranch(schema, full, branch))
		if err != nil {
			t.Fatal(err)
		}
		v := reflect.New(typ)
		if err := json.Unmarshal(in, v.Interface()); err != nil {
			return []string{fmt.Sprintf("(decode error: %v)", err)}
		}
		out, err := json.Marshal(v.Interface())
		if err != nil {
			return []string{fmt.Sprintf("(encode error: %v)", err)}
		}
		var a, b any
		_ = json.Unmarshal(in, &a)
		_ = json.Unmarshal(out, &b)
		jsonPaths(a, "", want)
		jsonPaths(b, "", got)
	}
	if testing.Verbose() {
		t.Logf("  %d documented paths, %d after re-encode", len(want), len(got))
	}
	var lost []string
	for p := range want {
		if !got[p] {
			lost = append(lost, p)
		}
	}
	sort.Strings(lost)
	// Report a lost object once, not each of its fields.
	var top []string
	for _, p := range lost {
		if len(top) > 0 && strings.HasPrefix(p, top[len(top)-1]+".") || len(top) > 0 && strings.HasPrefix(p, top[len(top)-1]+"[]") {
			continue
		}
		top = append(top, p)
	}
	return top
}

// The loss check itself: a type that drops fields is caught, and the
// lost objects are reported once.
func TestLostFieldsCatchesDroppedFields(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	schema := doc.Components.Schemas["User"]
	if schema == nil {
		t.Fatal("the spec has no User schema")
	}
	type trimmed struct {
		ID     string `json:"id"`
		Object string `json:"object"`
	}
	lost := lostFields(t, reflect.TypeFor[trimmed](), schema)
	for _, want := range []string{".email_addresses", ".first_name", ".public_metadata"} {
		found := false
		for _, l := range lost {
			found = found || l == want
		}
		if !found {
			t.Errorf("lostFields did not report %s; got %v", want, lost)
		}
	}
	for _, l := range lost {
		if l == ".id" || l == ".object" || strings.HasPrefix(l, ".email_addresses.") || strings.HasPrefix(l, ".email_addresses[]") {
			t.Errorf("lostFields reported %s, which survives or sits under a reported object", l)
		}
	}
}
