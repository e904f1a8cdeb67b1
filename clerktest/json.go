package clerktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// writeJSON writes v with exactly "Content-Type: application/json" (no
// charset): the official JavaScript SDK parses a body as JSON only then.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(`{"errors":[{"code":"internal_clerk_error","message":"internal error","long_message":"the fake could not encode its answer"}],"meta":{}}`)
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// decodeBody decodes a JSON request body into v, refusing fields the
// operation does not define (form_param_unknown, as the real API answers
// for body schemas with additionalProperties: false) and values of the
// wrong type. An empty body or "null" leaves v untouched, for the calls
// whose body is optional.
func decodeBody(r *http.Request, v any) *apiError {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return errMalformed(err.Error())
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return errMalformed("trailing data after the JSON value")
	}
	return nil
}

func decodeError(err error) *apiError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		field := typeErr.Field
		if field == "" {
			return errMalformed(fmt.Sprintf("expected %s, got %s", typeErr.Type, typeErr.Value))
		}
		return errFormat(field, fmt.Sprintf("expected %s, got %s", typeErr.Type, typeErr.Value))
	}
	var fieldErr *fieldError
	if errors.As(err, &fieldErr) {
		return fieldErr.apiErr
	}
	const unknown = "json: unknown field "
	if msg := err.Error(); strings.HasPrefix(msg, unknown) {
		return errUnknownParam(strings.Trim(strings.TrimPrefix(msg, unknown), `"`))
	}
	return errMalformed(err.Error())
}

// fieldError carries an apiError out of a custom UnmarshalJSON.
type fieldError struct{ apiErr *apiError }

func (e *fieldError) Error() string { return e.apiErr.Error() }

// opt is a request field that tells apart "absent", "null" and a value:
// PATCH bodies clear nullable fields with null and leave absent ones alone.
type opt[T any] struct {
	set, null bool
	v         T
}

// UnmarshalJSON is called only when the key is present, null included.
func (o *opt[T]) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(bytes.TrimSpace(b)) == "null" {
		o.null = true
		return nil
	}
	return json.Unmarshal(b, &o.v)
}

// ptr returns the value as a pointer: nil when absent or null.
func (o opt[T]) ptr() *T {
	if !o.set || o.null {
		return nil
	}
	v := o.v
	return &v
}

// rawObject is a request field that must be a JSON object when present
// (metadata). Null is recorded so each operation can decide.
type rawObject struct {
	set, null bool
	v         map[string]any
	err       string
}

func (o *rawObject) UnmarshalJSON(b []byte) error {
	o.set = true
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		o.null = true
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		o.err = "must be a JSON object"
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		o.err = err.Error()
		return nil
	}
	o.v = m
	return nil
}

// check validates a metadata field: an object, or (when nullable) null.
func (o *rawObject) check(param string, nullable bool) *apiError {
	if !o.set {
		return nil
	}
	if o.err != "" {
		return errFormat(param, o.err)
	}
	if o.null && !nullable {
		return errFormat(param, "must be a JSON object, not null")
	}
	return nil
}

// obj returns the decoded object, or an empty one when absent or null.
func (o *rawObject) obj() map[string]any {
	if o.v == nil {
		return map[string]any{}
	}
	return o.v
}
