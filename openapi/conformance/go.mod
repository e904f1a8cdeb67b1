module github.com/clerkgo/clerk/openapi/conformance

// kin-openapi v0.153.0 declares go 1.25; this test-only module may, the SDK
// module stays on go 1.24.
go 1.25.0

require (
	github.com/clerkgo/clerk v0.0.0
	github.com/getkin/kin-openapi v0.153.0
	github.com/google/go-cmp v0.7.0
)

require (
	github.com/go-openapi/jsonpointer v0.22.5 // indirect
	github.com/go-openapi/swag/jsonname v0.25.5 // indirect
	github.com/gorilla/mux v1.8.0 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	golang.org/x/time v0.14.0 // indirect
)

// The SDK under test is the working tree.
replace github.com/clerkgo/clerk => ../..
