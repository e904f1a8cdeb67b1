package clerk_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/clerkgo/clerk"
)

// TestNilContextIsRefused calls every method of every service that takes
// a context with a nil one (and plausible other arguments) and checks
// that it answers an InvalidInputError, sends nothing, and never panics.
func TestNilContextIsRefused(t *testing.T) {
	t.Parallel()
	srv := newScript(t, step{status: 200, body: "{}"})
	c := newClient(t, srv.URL)
	ctxType := reflect.TypeFor[context.Context]()
	errType := reflect.TypeFor[error]()
	cv := reflect.ValueOf(c).Elem()
	methods := 0
	for i := range cv.NumField() {
		f := cv.Type().Field(i)
		svc := cv.Field(i)
		if !f.IsExported() || svc.Kind() != reflect.Pointer || svc.IsNil() {
			continue
		}
		for j := range svc.NumMethod() {
			m := svc.Method(j)
			mt := m.Type()
			if mt.NumIn() == 0 || mt.In(0) != ctxType {
				continue
			}
			name := f.Name + "." + svc.Type().Method(j).Name
			methods++
			t.Run(name, func(t *testing.T) {
				err := callWithNilContext(m, ctxType, errType)
				var ie *clerk.InvalidInputError
				if !errors.As(err, &ie) {
					t.Errorf("err = %v (%T), want an InvalidInputError", err, err)
				}
			})
		}
	}
	if methods < 200 {
		t.Errorf("only %d methods found", methods)
	}
	if n := srv.count(); n != 0 {
		t.Errorf("%d requests sent with a nil context", n)
	}
}

// callWithNilContext calls m with a nil context and a plausible value for
// each other argument, and returns the error it answered (the first one
// an iterator yields), or a panic turned into an error.
func callWithNilContext(m reflect.Value, ctxType, errType reflect.Type) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	mt := m.Type()
	in := []reflect.Value{reflect.Zero(ctxType)}
	last := mt.NumIn()
	if mt.IsVariadic() {
		last-- // no request options
	}
	for k := 1; k < last; k++ {
		in = append(in, plausible(mt.In(k)))
	}
	out := m.Call(in)
	if len(out) == 0 {
		return errors.New("no results")
	}
	res := out[len(out)-1]
	if res.Type() == errType {
		e, _ := res.Interface().(error)
		return e
	}
	// An iterator: its first pair carries the error.
	return firstIterError(out[0])
}

// firstIterError ranges over an iter.Seq2[*T, error] by reflection and
// returns the first error it yields.
func firstIterError(seq reflect.Value) error {
	if seq.Kind() != reflect.Func || seq.Type().NumIn() != 1 {
		return fmt.Errorf("result %v is neither an error nor an iterator", seq.Type())
	}
	var got error
	yield := reflect.MakeFunc(seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		got, _ = args[len(args)-1].Interface().(error)
		if got == nil {
			got = errors.New("an item before any error")
		}
		return []reflect.Value{reflect.ValueOf(false)}
	})
	seq.Call([]reflect.Value{yield})
	return got
}

// plausible returns a value of t that passes the usual checks: an ID for
// a string, one ID for a []string, an empty params struct for a pointer,
// one empty item for a slice of pointers.
func plausible(t reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.String:
		return reflect.ValueOf("x_1").Convert(t)
	case reflect.Pointer:
		return reflect.New(t.Elem())
	case reflect.Slice:
		s := reflect.MakeSlice(t, 1, 1)
		s.Index(0).Set(plausible(t.Elem()))
		return s
	}
	return reflect.Zero(t)
}
