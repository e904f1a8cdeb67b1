package organizations_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/billing"
	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/organizations"
)

// validParams returns a params value each method accepts without an input
// error (required fields set), by its type.
func validParams(t reflect.Type) reflect.Value {
	switch t {
	case reflect.TypeFor[*organizations.CreateParams]():
		return reflect.ValueOf(&organizations.CreateParams{Name: "Acme"})
	case reflect.TypeFor[*organizations.CreateMembershipParams]():
		return reflect.ValueOf(&organizations.CreateMembershipParams{UserID: "user_1", Role: "org:member"})
	case reflect.TypeFor[*organizations.UpdateMembershipParams]():
		return reflect.ValueOf(&organizations.UpdateMembershipParams{Role: "org:admin"})
	case reflect.TypeFor[*organizations.CreateInvitationParams]():
		return reflect.ValueOf(&organizations.CreateInvitationParams{EmailAddress: "a@x.io", Role: "org:member"})
	case reflect.TypeFor[[]*organizations.CreateInvitationParams]():
		return reflect.ValueOf(bulkInputs(2))
	case reflect.TypeFor[*organizations.UploadLogoParams]():
		return reflect.ValueOf(&organizations.UploadLogoParams{File: strings.NewReader("\x89PNG\r\n\x1a\n")})
	case reflect.TypeFor[*billing.AdjustCreditBalanceParams]():
		return reflect.ValueOf(&billing.AdjustCreditBalanceParams{Amount: 1, Action: billing.CreditIncrease, IdempotencyKey: "k"})
	}
	if t.Kind() == reflect.Pointer {
		return reflect.New(t.Elem())
	}
	return reflect.Zero(t)
}

// TestEveryMethodPassesOptions calls every method of *Service with a
// header option and a query option: each request it sends carries both,
// iterators included.
func TestEveryMethodPassesOptions(t *testing.T) {
	t.Parallel()
	st := reflect.TypeFor[*organizations.Service]()
	for i := range st.NumMethod() {
		name := st.Method(i).Name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := testkit.NewMock(func(int, *http.Request, testkit.Call) testkit.Reply {
				return testkit.Reply{Status: http.StatusOK, Body: `{"data":[],"total_count":0}`}
			})
			c := testkit.NewClient(t, m)
			fn := reflect.ValueOf(c.Organizations).MethodByName(name)
			ft := fn.Type()
			if !ft.IsVariadic() || ft.In(ft.NumIn()-1) != reflect.TypeFor[[]clerk.RequestOption]() {
				t.Fatalf("%s does not end in opts ...clerk.RequestOption", name)
			}
			args := make([]reflect.Value, ft.NumIn())
			args[0] = reflect.ValueOf(context.Background())
			for j := 1; j < len(args)-1; j++ {
				if ft.In(j).Kind() == reflect.String {
					args[j] = reflect.ValueOf("org_1")
					continue
				}
				args[j] = validParams(ft.In(j))
			}
			args[len(args)-1] = reflect.ValueOf([]clerk.RequestOption{clerk.WithHeader("X-Call", name), clerk.WithQuery("trace", name)})
			out := fn.CallSlice(args)
			if len(out) == 1 {
				yieldedAll(out[0])
			} else if err, _ := out[len(out)-1].Interface().(error); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			calls := m.Calls()
			if len(calls) == 0 {
				t.Fatal("no request sent")
			}
			for _, call := range calls {
				if call.Header.Get("X-Call") != name || strings.Join(call.Query["trace"], ",") != name {
					t.Errorf("%s %s: header %q, query %v; want the call's options", call.Method, call.Path, call.Header.Get("X-Call"), call.Query["trace"])
				}
			}
		})
	}
}

// yieldedAll ranges over an iter.Seq2 value to its end.
func yieldedAll(seq reflect.Value) {
	yield := reflect.MakeFunc(seq.Type().In(0), func([]reflect.Value) []reflect.Value {
		return []reflect.Value{reflect.ValueOf(true)}
	})
	seq.Call([]reflect.Value{yield})
}
