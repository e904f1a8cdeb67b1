package keys

// Source is not a Service: methods without API lines are allowed.
type Source struct{}

// Key calls the API.
//
// API: GET /jwks (GetJWKS)
func (s *Source) Key() {}

// Helper calls nothing.
func (s *Source) Helper() {}
