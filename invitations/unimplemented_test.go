package invitations_test

import (
	"reflect"
	"testing"

	"github.com/clerkgo/clerk/internal/testkit"
	"github.com/clerkgo/clerk/invitations"
)

func TestUnimplementedAnswersEveryMethod(t *testing.T) {
	t.Parallel()
	n := testkit.CheckUnimplemented(t, invitations.Unimplemented{}, "Invitations")
	if want := reflect.TypeFor[invitations.API]().NumMethod(); n != want {
		t.Errorf("Unimplemented has %d methods, API %d", n, want)
	}
}
