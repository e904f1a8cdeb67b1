package identity_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/identity"
)

// TestConventions: every method takes ctx first and request options last,
// and returns an error last.
func TestConventions(t *testing.T) {
	t.Parallel()
	for _, svc := range []any{
		&identity.EmailAddressService{}, &identity.PhoneNumberService{}, &identity.SignUpService{}, &identity.ClientService{},
		identity.UnimplementedEmailAddresses{}, identity.UnimplementedPhoneNumbers{}, identity.UnimplementedSignUps{}, identity.UnimplementedClients{},
	} {
		checkMethods(t, reflect.TypeOf(svc))
	}
}

func checkMethods(t *testing.T, typ reflect.Type) {
	t.Helper()
	if typ.NumMethod() == 0 {
		t.Errorf("%s has no methods", typ)
	}
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		ft := m.Type // receiver first
		name := typ.String() + "." + m.Name
		if ft.NumIn() < 3 || ft.In(1) != reflect.TypeFor[context.Context]() {
			t.Errorf("%s: ctx is not the first parameter", name)
		}
		if !ft.IsVariadic() || ft.In(ft.NumIn()-1) != reflect.TypeFor[[]core.RequestOption]() {
			t.Errorf("%s: the last parameter is not opts ...core.RequestOption", name)
		}
		if ft.NumOut() != 2 || ft.Out(1) != reflect.TypeFor[error]() {
			t.Errorf("%s: does not return (T, error)", name)
		}
	}
}
