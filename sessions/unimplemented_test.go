package sessions_test

import (
	"reflect"
	"testing"

	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/sessions"
)

func TestUnimplementedAnswersEveryMethod(t *testing.T) {
	t.Parallel()
	n := testkit.CheckUnimplemented(t, sessions.Unimplemented{}, "Sessions")
	if want := reflect.TypeFor[sessions.API]().NumMethod(); n != want {
		t.Errorf("Unimplemented has %d methods, API %d", n, want)
	}
}
