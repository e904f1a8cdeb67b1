package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// ObjectJSON marshals v and checks that it is a JSON object, as every
// metadata field must be. A nil v (or a nil map, slice or pointer) returns
// nil, meaning "leave the field out": sending null would clear it.
func ObjectJSON(field string, v any) (json.RawMessage, error) {
	if isNil(v) {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		if !json.Valid(raw) {
			return nil, Invalid(field, "is not valid JSON")
		}
		if !isObject(raw) {
			return nil, Invalid(field, "must be a JSON object")
		}
		return raw, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, Invalid(field, "cannot be marshalled to JSON: %v", err)
	}
	if !isObject(b) {
		return nil, Invalid(field, "must marshal to a JSON object, got %s", kindOf(b))
	}
	return b, nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

func isObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

func kindOf(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

// DecodeObject decodes a metadata field into T. Absent, empty or null
// metadata gives T's zero value, so a new user with no metadata reads as an
// empty struct rather than an error.
func DecodeObject[T any](raw json.RawMessage) (T, error) {
	var v T
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return v, nil
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("clerk: decoding metadata into %T: %w", v, err)
	}
	return v, nil
}

// Metadata is the JSON body of the metadata endpoints; nil fields are
// left out.
type Metadata struct {
	PublicMetadata  json.RawMessage `json:"public_metadata,omitempty"`
	PrivateMetadata json.RawMessage `json:"private_metadata,omitempty"`
	UnsafeMetadata  json.RawMessage `json:"unsafe_metadata,omitempty"`
}

// MetadataBody validates the three metadata fields (each must be nil or
// marshal to a JSON object) and builds the request body.
func MetadataBody(public, private, unsafe any) (*Metadata, error) {
	var m Metadata
	var err error
	if m.PublicMetadata, err = ObjectJSON("public_metadata", public); err != nil {
		return nil, err
	}
	if m.PrivateMetadata, err = ObjectJSON("private_metadata", private); err != nil {
		return nil, err
	}
	if m.UnsafeMetadata, err = ObjectJSON("unsafe_metadata", unsafe); err != nil {
		return nil, err
	}
	return &m, nil
}
