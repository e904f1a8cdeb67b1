package openapi

import "fmt"

// Operation is one row of the operation table.
type Operation struct {
	// Service is the clerk.Client field of the service, e.g. "Users".
	Service string
	// Method is the Go method, e.g. "UpdateMetadata".
	Method string
	// HTTPMethod is upper case, e.g. "PATCH".
	HTTPMethod string
	// Path is the spec's path template, e.g. "/users/{user_id}/metadata".
	Path string
	// OperationID is the spec's operationId, e.g. "UpdateUserMetadata".
	OperationID string
}

// String formats o as "Users.UpdateMetadata: PATCH /users/{user_id}/metadata (UpdateUserMetadata)".
func (o Operation) String() string {
	return fmt.Sprintf("%s.%s: %s %s (%s)", o.Service, o.Method, o.HTTPMethod, o.Path, o.OperationID)
}
