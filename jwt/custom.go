package jwt

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// decodeCustom decodes the claim set raw into v (a non-nil pointer) after
// checking, with the strict reader, that every member name that lands in a
// struct field matches its json name exactly. encoding/json matches names
// case-insensitively, so without this check a claim set carrying both
// "role" and "ROLE" could choose a field's value by order.
func decodeCustom(raw string, v any) error {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return fmt.Errorf("jwt: CustomClaims needs a pointer target, got %v", t)
	}
	r := jsonReader{s: raw}
	if err := checkNames(&r, t.Elem()); err != nil {
		return fmt.Errorf("jwt: custom claims: %w", err)
	}
	if err := r.end(); err != nil {
		return fmt.Errorf("jwt: custom claims: %w", err)
	}
	return json.Unmarshal([]byte(raw), v)
}

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// checkNames walks the next JSON value alongside the Go type it will be
// decoded into. Values of types with their own decoding, and values whose
// shape does not match the type (left for encoding/json to refuse), are
// skipped after validation.
func checkNames(r *jsonReader, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if r.isNull() {
		return nil
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return r.skipValue()
	}
	switch t.Kind() {
	case reflect.Struct:
		if r.peek() != '{' {
			return r.skipValue()
		}
		fields := jsonFields(t)
		if err := r.openObject(); err != nil {
			return err
		}
		var seen memberSet
		for first := true; ; first = false {
			name, done, err := r.nextMember(&seen, first)
			if err != nil {
				return err
			}
			if done {
				return nil
			}
			if ft, ok := fields[name]; ok {
				if err := checkNames(r, ft); err != nil {
					return err
				}
				continue
			}
			for field := range fields {
				if strings.EqualFold(field, name) {
					return fmt.Errorf("member %s matches field %s only when case is ignored",
						strconv.Quote(truncate(name, 32)), strconv.Quote(field))
				}
			}
			if err := r.skipValue(); err != nil {
				return err
			}
		}
	case reflect.Map:
		if r.peek() != '{' {
			return r.skipValue()
		}
		if err := r.openObject(); err != nil {
			return err
		}
		var seen memberSet
		for first := true; ; first = false {
			_, done, err := r.nextMember(&seen, first)
			if err != nil {
				return err
			}
			if done {
				return nil
			}
			if err := checkNames(r, t.Elem()); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if r.peek() != '[' {
			return r.skipValue()
		}
		if err := r.openArray(); err != nil {
			return err
		}
		for first := true; ; first = false {
			done, err := r.nextElement(first)
			if err != nil {
				return err
			}
			if done {
				return nil
			}
			if err := checkNames(r, t.Elem()); err != nil {
				return err
			}
		}
	}
	return r.skipValue()
}

// jsonFields returns the JSON member names a struct type decodes, with the
// type of each, following encoding/json's naming: the json tag's name, else
// the field name; "-" skips a field; untagged embedded structs are
// flattened.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := make(map[string]reflect.Type, t.NumField())
	addJSONFields(t, out, 0)
	return out
}

func addJSONFields(t reflect.Type, out map[string]reflect.Type, depth int) {
	if depth > maxJSONDepth {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addJSONFields(ft, out, depth+1)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := out[name]; !dup {
			out[name] = f.Type
		}
	}
}
