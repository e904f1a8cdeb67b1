package organizations_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/organizations"
)

// TestUnimplemented calls every method of API on Unimplemented: each one
// fails with a *NotImplementedError naming it, and each iterator yields
// that error exactly once.
func TestUnimplemented(t *testing.T) {
	t.Parallel()
	api := reflect.TypeFor[organizations.API]()
	v := reflect.ValueOf(organizations.Unimplemented{})
	if api.NumMethod() != reflect.TypeFor[*organizations.Service]().NumMethod() {
		t.Errorf("API has %d methods, *Service %d", api.NumMethod(), reflect.TypeFor[*organizations.Service]().NumMethod())
	}
	for i := range api.NumMethod() {
		name := api.Method(i).Name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn := v.MethodByName(name)
			ft := fn.Type()
			args := make([]reflect.Value, ft.NumIn())
			for j := range args {
				args[j] = reflect.Zero(ft.In(j))
			}
			args[0] = reflect.ValueOf(context.Background())
			out := fn.CallSlice(args)
			var err error
			if len(out) == 1 {
				err = yieldedErrors(t, out[0])
			} else if e, _ := out[1].Interface().(error); e != nil {
				err = e
			}
			var ni *clerk.NotImplementedError
			if !errors.As(err, &ni) || ni.Method != "Organizations."+name || !errors.Is(err, clerk.ErrNotImplemented) {
				t.Errorf("err = %v, want a NotImplementedError for Organizations.%s", err, name)
			}
		})
	}
}

// yieldedErrors ranges over an iter.Seq2 value and returns its only error;
// anything else fails the test.
func yieldedErrors(t *testing.T, seq reflect.Value) error {
	t.Helper()
	var errs []error
	yield := reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
		if !in[0].IsNil() {
			t.Error("iterator yielded an item")
		}
		e, _ := in[1].Interface().(error)
		errs = append(errs, e)
		return []reflect.Value{reflect.ValueOf(true)}
	})
	seq.Call([]reflect.Value{yield})
	if len(errs) != 1 {
		t.Fatalf("iterator yielded %d times, want once", len(errs))
	}
	return errs[0]
}

// membersDirectory is code under test: it needs only AllMemberships.
func membersDirectory(ctx context.Context, orgs organizations.API, orgID string) ([]string, error) {
	var ids []string
	for m, err := range orgs.AllMemberships(ctx, orgID, nil) {
		if err != nil {
			return nil, err
		}
		ids = append(ids, m.PublicUserData.UserID)
	}
	return ids, nil
}

// fakeOrgs overrides the one method the code under test calls; the other
// methods come from Unimplemented, so the fake keeps compiling when API
// grows.
type fakeOrgs struct {
	organizations.Unimplemented
	members []*organizations.Membership
}

func (f fakeOrgs) AllMemberships(context.Context, string, *organizations.ListMembershipsParams, ...clerk.RequestOption) iter.Seq2[*organizations.Membership, error] {
	return func(yield func(*organizations.Membership, error) bool) {
		for _, m := range f.members {
			if !yield(m, nil) {
				return
			}
		}
	}
}

func ExampleUnimplemented() {
	fake := fakeOrgs{members: []*organizations.Membership{
		{PublicUserData: &organizations.PublicUserData{UserID: "user_1"}},
		{PublicUserData: &organizations.PublicUserData{UserID: "user_2"}},
	}}
	ids, err := membersDirectory(context.Background(), fake, "org_1")
	fmt.Println(ids, err)

	// A method the fake does not override reports itself.
	_, err = fake.Get(context.Background(), "org_1")
	fmt.Println(errors.Is(err, clerk.ErrNotImplemented), err)
	// Output:
	// [user_1 user_2] <nil>
	// true clerk: Organizations.Get is not implemented by this fake
}
