// Package compat proves that clerktest, the SDK's fake Backend API, works
// with clients we did not write: its tests run the official Go SDK
// (github.com/clerk/clerk-sdk-go/v2, pinned in go.mod) against
// clerktest.NewServer, and cmd/fakeserver runs a fake for the JavaScript
// suite in js/ (the official @clerk/backend). .ci/compat runs both.
//
// It is a module of its own so that the SDK's own module never depends on
// another Clerk SDK.
package compat
