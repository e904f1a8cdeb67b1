// Package svixcompat checks the webhooks package and clerktest's webhook
// delivery against the Svix Go library (github.com/svix/svix-webhooks/go),
// which Clerk's webhooks are signed with, and benchmarks verification
// against it. It is a nested module so that the SDK itself does not depend
// on Svix; it holds tests only.
package svixcompat
