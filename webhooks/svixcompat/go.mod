module github.com/clerkgo/clerk/webhooks/svixcompat

go 1.24.0

require github.com/clerkgo/clerk v0.0.0

require (
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	github.com/svix/svix-webhooks v1.44.0
	gopkg.in/validator.v2 v2.0.1 // indirect
)

replace github.com/clerkgo/clerk => ../..
