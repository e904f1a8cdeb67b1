// Package core holds the few types every service of the SDK shares: the
// error types and sentinels (APIError, InvalidInputError, ErrNotFound, ...),
// per-call request options (RequestOption), the deleted-object answer
// (DeletedObject), the bulk-call report (BulkError) and the typed metadata
// patch (MetadataPatch).
//
// The root package clerk re-exports every one of them under the same name
// (clerk.APIError is core.APIError), so application code imports clerk and
// the service packages it uses; core is where the types are defined and
// documented, so that services can return them without importing the root.
package core
