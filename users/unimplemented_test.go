package users_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// TestUnimplementedCoversAPI: Unimplemented has every method of API with
// the same signature (a method added to API but not to Unimplemented fails
// here, and would break every fake that embeds it), and a fake that embeds
// it and overrides only Get is a users.API.
func TestUnimplementedCoversAPI(t *testing.T) {
	t.Parallel()
	api := reflect.TypeFor[users.API]()
	impl := reflect.TypeFor[users.Unimplemented]()
	if !impl.Implements(api) {
		t.Fatal("users.Unimplemented does not implement users.API")
	}
	for i := range api.NumMethod() {
		want := api.Method(i)
		got, ok := impl.MethodByName(want.Name)
		if !ok {
			t.Errorf("Unimplemented lacks %s", want.Name)
			continue
		}
		// got.Type has the receiver first; compare the rest.
		if got.Type.NumIn()-1 != want.Type.NumIn() || got.Type.NumOut() != want.Type.NumOut() {
			t.Errorf("%s: signature %v, want %v", want.Name, got.Type, want.Type)
		}
	}
	if n, m := impl.NumMethod(), api.NumMethod(); n != m {
		t.Errorf("Unimplemented has %d methods, API %d: every exported method must belong to API", n, m)
	}

	type getOnly struct {
		users.Unimplemented
	}
	if !reflect.TypeFor[getOnly]().Implements(api) {
		t.Error("a fake embedding Unimplemented is not a users.API")
	}
	var _ users.API = stubUsers{}
}

// TestUnimplementedFails: every method of Unimplemented returns (or, for
// an iterator, yields once) a *NotImplementedError naming the method, and
// never panics, whatever the arguments.
func TestUnimplementedFails(t *testing.T) {
	t.Parallel()
	v := reflect.ValueOf(users.Unimplemented{})
	for i := range v.NumMethod() {
		m := v.Method(i)
		name := v.Type().Method(i).Name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := make([]reflect.Value, m.Type().NumIn())
			for j := range in {
				in[j] = reflect.Zero(m.Type().In(j))
			}
			in[0] = reflect.ValueOf(context.Background())
			var out []reflect.Value
			if m.Type().IsVariadic() {
				out = m.CallSlice(in)
			} else {
				out = m.Call(in)
			}
			var errs []error
			last := out[len(out)-1]
			if last.Kind() == reflect.Func { // an iter.Seq2
				n := 0
				for it, err := range last.Seq2() {
					n++
					if !it.IsNil() {
						t.Errorf("yielded an item %v", it)
					}
					if !err.IsNil() {
						errs = append(errs, err.Interface().(error))
					}
				}
				if n != 1 {
					t.Errorf("yielded %d times, want once", n)
				}
			} else if !last.IsNil() {
				errs = append(errs, last.Interface().(error))
			}
			var ni *clerk.NotImplementedError
			if len(errs) != 1 || !errors.As(errs[0], &ni) || ni.Method != "Users."+name {
				t.Fatalf("errors %v, want one *NotImplementedError for Users.%s", errs, name)
			}
			if !errors.Is(errs[0], clerk.ErrNotImplemented) {
				t.Errorf("%v does not match ErrNotImplemented", errs[0])
			}
		})
	}
}
