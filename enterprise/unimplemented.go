package enterprise

import (
	"context"
	"iter"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
	"github.com/clerkgo/clerk/pagination"
)

// UnimplementedConnections is embedded by fakes of ConnectionAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedConnections struct{}

var _ ConnectionAPI = UnimplementedConnections{}

// List is not implemented.
func (UnimplementedConnections) List(context.Context, *ListConnectionsParams, ...core.RequestOption) (*pagination.Page[Connection], error) {
	return nil, transport.NotImplemented("EnterpriseConnections.List")
}

// All yields a not-implemented error.
func (UnimplementedConnections) All(context.Context, *ListConnectionsParams, ...core.RequestOption) iter.Seq2[*Connection, error] {
	return transport.NotImplementedSeq[Connection]("EnterpriseConnections.All")
}

// Get is not implemented.
func (UnimplementedConnections) Get(context.Context, string, ...core.RequestOption) (*Connection, error) {
	return nil, transport.NotImplemented("EnterpriseConnections.Get")
}

// Create is not implemented.
func (UnimplementedConnections) Create(context.Context, *CreateConnectionParams, ...core.RequestOption) (*Connection, error) {
	return nil, transport.NotImplemented("EnterpriseConnections.Create")
}

// Update is not implemented.
func (UnimplementedConnections) Update(context.Context, string, *UpdateConnectionParams, ...core.RequestOption) (*Connection, error) {
	return nil, transport.NotImplemented("EnterpriseConnections.Update")
}

// Delete is not implemented.
func (UnimplementedConnections) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("EnterpriseConnections.Delete")
}

// ListTestRuns is not implemented.
func (UnimplementedConnections) ListTestRuns(context.Context, string, *ListTestRunsParams, ...core.RequestOption) (*pagination.Page[TestRun], error) {
	return nil, transport.NotImplemented("EnterpriseConnections.ListTestRuns")
}

// AllTestRuns yields a not-implemented error.
func (UnimplementedConnections) AllTestRuns(context.Context, string, *ListTestRunsParams, ...core.RequestOption) iter.Seq2[*TestRun, error] {
	return transport.NotImplementedSeq[TestRun]("EnterpriseConnections.AllTestRuns")
}

// CreateTestRun is not implemented.
func (UnimplementedConnections) CreateTestRun(context.Context, string, ...core.RequestOption) (*TestRunURL, error) {
	return nil, transport.NotImplemented("EnterpriseConnections.CreateTestRun")
}

// UnimplementedDirectories is embedded by fakes of DirectoryAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedDirectories struct{}

var _ DirectoryAPI = UnimplementedDirectories{}

// List is not implemented.
func (UnimplementedDirectories) List(context.Context, *ListDirectoriesParams, ...core.RequestOption) (*pagination.Page[Directory], error) {
	return nil, transport.NotImplemented("Directories.List")
}

// All yields a not-implemented error.
func (UnimplementedDirectories) All(context.Context, *ListDirectoriesParams, ...core.RequestOption) iter.Seq2[*Directory, error] {
	return transport.NotImplementedSeq[Directory]("Directories.All")
}

// Get is not implemented.
func (UnimplementedDirectories) Get(context.Context, string, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("Directories.Get")
}

// Create is not implemented.
func (UnimplementedDirectories) Create(context.Context, *CreateDirectoryParams, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("Directories.Create")
}

// Update is not implemented.
func (UnimplementedDirectories) Update(context.Context, string, *UpdateDirectoryParams, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("Directories.Update")
}

// Delete is not implemented.
func (UnimplementedDirectories) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("Directories.Delete")
}

// RotateAPIKey is not implemented.
func (UnimplementedDirectories) RotateAPIKey(context.Context, string, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("Directories.RotateAPIKey")
}

// ListGroupRoleMappings is not implemented.
func (UnimplementedDirectories) ListGroupRoleMappings(context.Context, string, ...core.RequestOption) (*pagination.Page[GroupRoleMapping], error) {
	return nil, transport.NotImplemented("Directories.ListGroupRoleMappings")
}

// CreateGroupRoleMapping is not implemented.
func (UnimplementedDirectories) CreateGroupRoleMapping(context.Context, string, *CreateGroupRoleMappingParams, ...core.RequestOption) (*GroupRoleMapping, error) {
	return nil, transport.NotImplemented("Directories.CreateGroupRoleMapping")
}

// ReplaceGroupRoleMappings is not implemented.
func (UnimplementedDirectories) ReplaceGroupRoleMappings(context.Context, string, *ReplaceGroupRoleMappingsParams, ...core.RequestOption) ([]*GroupRoleMapping, error) {
	return nil, transport.NotImplemented("Directories.ReplaceGroupRoleMappings")
}

// DeleteGroupRoleMapping is not implemented.
func (UnimplementedDirectories) DeleteGroupRoleMapping(context.Context, string, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("Directories.DeleteGroupRoleMapping")
}

// UnimplementedSCIMDirectories is embedded by fakes of SCIMDirectoryAPI: every method it does not
// override returns a *core.NotImplementedError, and the fake keeps
// compiling when methods are added.
type UnimplementedSCIMDirectories struct{}

var _ SCIMDirectoryAPI = UnimplementedSCIMDirectories{}

// List is not implemented.
func (UnimplementedSCIMDirectories) List(context.Context, *ListDirectoriesParams, ...core.RequestOption) (*pagination.Page[Directory], error) {
	return nil, transport.NotImplemented("SCIMDirectories.List")
}

// All yields a not-implemented error.
func (UnimplementedSCIMDirectories) All(context.Context, *ListDirectoriesParams, ...core.RequestOption) iter.Seq2[*Directory, error] {
	return transport.NotImplementedSeq[Directory]("SCIMDirectories.All")
}

// Get is not implemented.
func (UnimplementedSCIMDirectories) Get(context.Context, string, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("SCIMDirectories.Get")
}

// Create is not implemented.
func (UnimplementedSCIMDirectories) Create(context.Context, *CreateSCIMDirectoryParams, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("SCIMDirectories.Create")
}

// Update is not implemented.
func (UnimplementedSCIMDirectories) Update(context.Context, string, *UpdateDirectoryParams, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("SCIMDirectories.Update")
}

// Delete is not implemented.
func (UnimplementedSCIMDirectories) Delete(context.Context, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("SCIMDirectories.Delete")
}

// RotateAPIKey is not implemented.
func (UnimplementedSCIMDirectories) RotateAPIKey(context.Context, string, ...core.RequestOption) (*Directory, error) {
	return nil, transport.NotImplemented("SCIMDirectories.RotateAPIKey")
}

// ListGroupRoleMappings is not implemented.
func (UnimplementedSCIMDirectories) ListGroupRoleMappings(context.Context, string, ...core.RequestOption) (*pagination.Page[GroupRoleMapping], error) {
	return nil, transport.NotImplemented("SCIMDirectories.ListGroupRoleMappings")
}

// CreateGroupRoleMapping is not implemented.
func (UnimplementedSCIMDirectories) CreateGroupRoleMapping(context.Context, string, *CreateSCIMGroupRoleMappingParams, ...core.RequestOption) (*GroupRoleMapping, error) {
	return nil, transport.NotImplemented("SCIMDirectories.CreateGroupRoleMapping")
}

// ReplaceGroupRoleMappings is not implemented.
func (UnimplementedSCIMDirectories) ReplaceGroupRoleMappings(context.Context, string, *ReplaceSCIMGroupRoleMappingsParams, ...core.RequestOption) ([]*GroupRoleMapping, error) {
	return nil, transport.NotImplemented("SCIMDirectories.ReplaceGroupRoleMappings")
}

// DeleteGroupRoleMapping is not implemented.
func (UnimplementedSCIMDirectories) DeleteGroupRoleMapping(context.Context, string, string, ...core.RequestOption) (*core.DeletedObject, error) {
	return nil, transport.NotImplemented("SCIMDirectories.DeleteGroupRoleMapping")
}
