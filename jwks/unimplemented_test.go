package jwks_test

import (
	"reflect"
	"testing"

	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/jwks"
)

func TestUnimplementedAnswersEveryMethod(t *testing.T) {
	t.Parallel()
	n := testkit.CheckUnimplemented(t, jwks.Unimplemented{}, "JWKS")
	if want := reflect.TypeFor[jwks.API]().NumMethod(); n != want {
		t.Errorf("Unimplemented has %d methods, API %d", n, want)
	}
}
