package mod

// Local is a service type of the root package.
type Local struct{}

// Ping checks the API.
//
// API: GET /ping (Ping)
func (l *Local) Ping() {}
