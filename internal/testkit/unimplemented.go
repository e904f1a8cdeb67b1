package testkit

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/clerkgo/clerk/core"
)

// CheckUnimplemented calls every method of fake (a service's Unimplemented
// value) with zero arguments and checks that each one fails with a
// *core.NotImplementedError naming prefix+"."+method (iterators must yield
// it once). It returns how many methods it checked.
func CheckUnimplemented(t *testing.T, fake any, prefix string) int {
	t.Helper()
	v := reflect.ValueOf(fake)
	for i := 0; i < v.NumMethod(); i++ {
		m, name := v.Method(i), v.Type().Method(i).Name
		ft := m.Type()
		args := make([]reflect.Value, ft.NumIn())
		for j := range args {
			args[j] = reflect.Zero(ft.In(j))
			if ft.In(j) == reflect.TypeFor[context.Context]() {
				args[j] = reflect.ValueOf(context.Background())
			}
		}
		var out []reflect.Value
		if ft.IsVariadic() {
			out = m.CallSlice(args)
		} else {
			out = m.Call(args)
		}
		var errs []error
		last := out[len(out)-1]
		switch {
		case last.Type() == reflect.TypeFor[error]():
			if !last.IsNil() {
				errs = append(errs, last.Interface().(error))
			}
		case last.Kind() == reflect.Func:
			yt := last.Type().In(0)
			yield := reflect.MakeFunc(yt, func(in []reflect.Value) []reflect.Value {
				if e, ok := in[1].Interface().(error); ok {
					errs = append(errs, e)
				}
				return []reflect.Value{reflect.ValueOf(true)}
			})
			last.Call([]reflect.Value{yield})
		}
		var ni *core.NotImplementedError
		if len(errs) != 1 || !errors.As(errs[0], &ni) || ni.Method != prefix+"."+name || !errors.Is(errs[0], core.ErrNotImplemented) {
			t.Errorf("%s.%s: errors %v, want one *core.NotImplementedError", prefix, name, errs)
		}
	}
	return v.NumMethod()
}
