module github.com/clerkgo/clerk/clerktest/compat

go 1.24.0

require (
	github.com/clerk/clerk-sdk-go/v2 v2.4.2
	github.com/clerkgo/clerk v0.0.0
	github.com/google/go-cmp v0.7.0
)

require (
	github.com/go-jose/go-jose/v3 v3.0.4 // indirect
	golang.org/x/crypto v0.19.0 // indirect
)

// The fake under test is the working tree.
replace github.com/clerkgo/clerk => ../..
