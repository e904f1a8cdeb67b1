package transport

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// MaxFilterValues is the API's limit on the values of one list filter.
const MaxFilterValues = 100

// EncodeQuery turns a params struct (or pointer to one) into query values
// using `query:"name"` tags. Supported field types: string, bool, ints,
// time.Time (sent as Unix milliseconds; the zero time is unset), pointers
// to those, and []string (repeated keys, no "[]"). Nil pointers,
// empty strings, nil slices and zero-valued non-pointer ints are left out;
// so is offset=0, which clients never send. A []string with more than 100
// values fails with an *InvalidInputError before any request.
func EncodeQuery(params any) (url.Values, error) {
	q := url.Values{}
	if err := AppendQuery(q, params); err != nil {
		return nil, err
	}
	return q, nil
}

// AppendQuery adds the tagged fields of params to q.
func AppendQuery(q url.Values, params any) error {
	if params == nil {
		return nil
	}
	return appendStruct(q, reflect.ValueOf(params))
}

// appendStruct walks reflect values rather than interfaces, so embedded
// structs work when they are unexported or the params were passed by value
// (Interface and Addr would panic on those).
func appendStruct(q url.Values, v reflect.Value) error {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return Invalid("params", "unsupported query params type %s", v.Type())
	}
	for _, f := range queryFields(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if f.embedded {
			if err := appendStruct(q, fv); err != nil {
				return err
			}
			continue
		}
		if err := addValue(q, f.name, fv); err != nil {
			return err
		}
	}
	return nil
}

func addValue(q url.Values, name string, fv reflect.Value) error {
	if fv.Type() == timeType || (fv.Kind() == reflect.Pointer && fv.Type().Elem() == timeType) {
		// Instants are Unix milliseconds on the wire; the zero time is unset.
		for fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				return nil
			}
			fv = fv.Elem()
		}
		if t := fv.Interface().(time.Time); !t.IsZero() {
			q.Add(name, strconv.FormatInt(t.UnixMilli(), 10))
		}
		return nil
	}
	if fv.Kind() == reflect.Pointer {
		if fv.IsNil() {
			return nil
		}
		fv = fv.Elem()
		// A pointer means "set": send even zero values (except offset=0).
		if name == "offset" && fv.CanInt() && fv.Int() == 0 {
			return nil
		}
		q.Add(name, scalar(fv))
		return nil
	}
	switch fv.Kind() {
	case reflect.Slice:
		n := fv.Len()
		if n > MaxFilterValues {
			return Invalid(name, "has %d values; the API accepts at most %d", n, MaxFilterValues)
		}
		for i := 0; i < n; i++ {
			q.Add(name, scalar(fv.Index(i)))
		}
	case reflect.String:
		if fv.Len() > 0 {
			q.Add(name, fv.String())
		}
	case reflect.Bool:
		if fv.Bool() {
			q.Add(name, "true")
		}
	default:
		if fv.CanInt() && fv.Int() != 0 {
			q.Add(name, strconv.FormatInt(fv.Int(), 10))
		}
		if fv.CanUint() && fv.Uint() != 0 {
			q.Add(name, strconv.FormatUint(fv.Uint(), 10))
		}
	}
	return nil
}

func scalar(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	}
	if v.CanInt() {
		return strconv.FormatInt(v.Int(), 10)
	}
	if v.CanUint() {
		return strconv.FormatUint(v.Uint(), 10)
	}
	return ""
}

var timeType = reflect.TypeFor[time.Time]()

type queryField struct {
	name     string
	index    []int
	embedded bool
}

// queryFields lists the tagged fields of t. It is recomputed per call on
// purpose: params structs are small and a package-level cache would be
// global state.
func queryFields(t reflect.Type) []queryField {
	var fs []queryField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("query")
		if sf.Anonymous && !ok && sf.Type.Kind() == reflect.Struct {
			fs = append(fs, queryField{index: sf.Index, embedded: true})
			continue
		}
		if !ok || tag == "-" || !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		fs = append(fs, queryField{name: name, index: sf.Index})
	}
	return fs
}
