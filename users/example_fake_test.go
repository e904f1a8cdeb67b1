package users_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/clerkgo/clerk"
	"github.com/clerkgo/clerk/users"
)

// displayName is application code under test: it depends on users.API, the
// interface *users.Service satisfies, not on the concrete client.
func displayName(ctx context.Context, svc users.API, userID string) string {
	u, err := svc.Get(ctx, userID)
	if err != nil {
		return "unknown user"
	}
	if u.FirstName != nil {
		return *u.FirstName
	}
	return u.ID
}

// stubUsers embeds users.Unimplemented, so it satisfies users.API (and
// keeps satisfying it when methods are added), and overrides only the
// method the code under test calls. Any other method fails with a
// *clerk.NotImplementedError naming it.
type stubUsers struct {
	users.Unimplemented
	byID map[string]*users.User
}

func (f stubUsers) Get(_ context.Context, id string, _ ...clerk.RequestOption) (*users.User, error) {
	if u, ok := f.byID[id]; ok {
		return u, nil
	}
	return nil, &clerk.APIError{StatusCode: 404}
}

// Fake the Users service in unit tests through its interface, with no HTTP
// at all: embed Unimplemented and override what the code under test calls.
func ExampleUnimplemented() {
	fake := stubUsers{byID: map[string]*users.User{
		"user_1": {ID: "user_1", FirstName: clerk.Ptr("Ada")},
	}}
	ctx := context.Background()
	fmt.Println(displayName(ctx, fake, "user_1"))
	fmt.Println(displayName(ctx, fake, "user_2"))

	// A method the fake does not override says so.
	_, err := fake.Delete(ctx, "user_1")
	var ni *clerk.NotImplementedError
	fmt.Println(errors.As(err, &ni), ni.Method)
	// Output:
	// Ada
	// unknown user
	// true Users.Delete
}
