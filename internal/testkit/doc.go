// Package testkit is the scaffolding the SDK's own tests share: a client
// on a recording httpmock transport (Mock, Fake), a scripted httptest
// server (ScriptServer), JSON comparisons, and a few small helpers.
//
// Only _test.go files import it. It is internal, so it is no part of the
// public API; users test their code with package clerktest instead.
package testkit
