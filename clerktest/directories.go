package clerktest

import (
	"net/http"
	"slices"
)

// dirKind says which of the two paths of directories a request used: the
// object names in the answer and the path parameter follow it.
type dirKind struct {
	object, mappingObject, param string
}

type dirOp func(s *Server, r *http.Request, k dirKind) (any, *apiError)

func directoryOp(f dirOp) op {
	k := dirKind{object: "directory", mappingObject: "directory_group_role_mapping", param: "directory_id"}
	return func(s *Server, r *http.Request) (any, *apiError) { return f(s, r, k) }
}

func scimOp(f dirOp) op {
	k := dirKind{object: "scim_directory", mappingObject: "scim_group_role_mapping", param: "scim_directory_id"}
	return func(s *Server, r *http.Request) (any, *apiError) { return f(s, r, k) }
}

type directoryJSON struct {
	Object                  string            `json:"object"`
	ID                      string            `json:"id"`
	Name                    string            `json:"name"`
	EnterpriseConnectionID  *string           `json:"enterprise_connection_id"`
	EndpointURL             string            `json:"endpoint_url"`
	Provider                string            `json:"provider"`
	Enabled                 bool              `json:"enabled"`
	GroupRoleMappingEnabled bool              `json:"group_role_mapping_enabled"`
	AttributeMapping        map[string]string `json:"attribute_mapping"`
	CustomAttributes        []map[string]any  `json:"custom_attributes"`
	APIKey                  *string           `json:"api_key"`
	CreatedAt               int64             `json:"created_at"`
	UpdatedAt               int64             `json:"updated_at"`
}

// json renders a directory; the API key is shown only when withKey (on
// create and rotate), as the API shows it once.
func (d *fakeDirectory) json(k dirKind, withKey bool) directoryJSON {
	out := directoryJSON{Object: k.object, ID: d.id, Name: d.name, EndpointURL: "https://api.clerk.example/scim/v2/" + d.id,
		Provider: d.provider, Enabled: d.enabled, GroupRoleMappingEnabled: d.mappingEnabled,
		AttributeMapping: map[string]string{}, CustomAttributes: []map[string]any{}, CreatedAt: d.createdAt, UpdatedAt: d.updatedAt}
	for k, v := range d.attributeMapping {
		out.AttributeMapping[k] = v
	}
	if d.connectionID != "" {
		out.EnterpriseConnectionID = strp(d.connectionID)
	}
	if withKey {
		out.APIKey = strp(d.apiKey)
	}
	return out
}

type groupRoleMappingJSON struct {
	Object                    string    `json:"object"`
	ID                        string    `json:"id"`
	DirectoryID               string    `json:"directory_id"`
	SCIMDirectoryID           string    `json:"scim_directory_id"`
	DirectoryGroupID          string    `json:"directory_group_id"`
	SCIMGroupID               string    `json:"scim_group_id"`
	DirectoryGroupDisplayName string    `json:"directory_group_display_name"`
	SCIMGroupDisplayName      string    `json:"scim_group_display_name"`
	Role                      *roleJSON `json:"role,omitempty"`
	Precedence                int64     `json:"precedence"`
	CreatedAt                 int64     `json:"created_at"`
	UpdatedAt                 int64     `json:"updated_at"`
}

func (s *Server) mappingJSON(d *fakeDirectory, m *fakeGroupRoleMapping, k dirKind) groupRoleMappingJSON {
	group := m.directoryGroupID
	if group == "" {
		group = m.scimGroupID
	}
	out := groupRoleMappingJSON{Object: k.mappingObject, ID: m.id, DirectoryID: d.id, SCIMDirectoryID: d.id,
		DirectoryGroupID: group, SCIMGroupID: group, DirectoryGroupDisplayName: m.displayName, SCIMGroupDisplayName: m.displayName,
		Precedence: m.precedence, CreatedAt: m.createdAt, UpdatedAt: m.updatedAt}
	a := s.access()
	if role := a.roles[m.roleID]; role != nil {
		j := a.roleJSON(role)
		out.Role = &j
	}
	return out
}

type directoryBody struct {
	EnterpriseConnectionID  *string            `json:"enterprise_connection_id"`
	Name                    *string            `json:"name"`
	Provider                *string            `json:"provider"`
	Enabled                 *bool              `json:"enabled"`
	AttributeMapping        map[string]*string `json:"attribute_mapping"`
	GroupRoleMappingEnabled *bool              `json:"group_role_mapping_enabled"`
	GroupRoleMappings       *[]mappingBody     `json:"group_role_mappings"`
}

type mappingBody struct {
	DirectoryGroupID          *string `json:"directory_group_id"`
	SCIMGroupID               *string `json:"scim_group_id"`
	DirectoryGroupDisplayName *string `json:"directory_group_display_name"`
	SCIMGroupDisplayName      *string `json:"scim_group_display_name"`
	RoleID                    *string `json:"role_id"`
	Precedence                *int64  `json:"precedence"`
}

func (s *Server) newMapping(b mappingBody, now int64) (*fakeGroupRoleMapping, *apiError) {
	if deref(b.RoleID) == "" {
		return nil, errMissing("role_id")
	}
	if s.access().roles[*b.RoleID] == nil {
		return nil, errValue("role_id", "unknown role "+*b.RoleID)
	}
	if deref(b.DirectoryGroupID) == "" && deref(b.SCIMGroupID) == "" {
		return nil, errMissing("scim_group_id")
	}
	name := deref(b.DirectoryGroupDisplayName)
	if name == "" {
		name = deref(b.SCIMGroupDisplayName)
	}
	return &fakeGroupRoleMapping{id: newID("grm"), directoryGroupID: deref(b.DirectoryGroupID), scimGroupID: deref(b.SCIMGroupID),
		displayName: name, roleID: *b.RoleID, precedence: deref(b.Precedence), createdAt: now, updatedAt: now}, nil
}

func createDirectory(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	var b directoryBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	switch {
	case deref(b.EnterpriseConnectionID) == "":
		return nil, errMissing("enterprise_connection_id")
	case s.enterprise().connections[*b.EnterpriseConnectionID] == nil:
		return nil, errValue("enterprise_connection_id", "unknown enterprise connection "+*b.EnterpriseConnectionID)
	case deref(b.Provider) == "":
		return nil, errMissing("provider")
	}
	now := s.nowMillis()
	d := &fakeDirectory{id: newID("dir"), name: deref(b.Name), connectionID: *b.EnterpriseConnectionID, provider: *b.Provider,
		enabled: true, apiKey: "scim_" + randomString(32), seq: s.st.next(), createdAt: now, updatedAt: now,
		attributeMapping: map[string]string{"user_name": "userName", "email_address": "emails[primary eq true].value"}}
	if d.name == "" {
		d.name = *b.Provider + " directory"
	}
	if b.GroupRoleMappings != nil {
		for _, mb := range *b.GroupRoleMappings {
			m, e := s.newMapping(mb, now)
			if e != nil {
				return nil, e
			}
			d.mappings = append(d.mappings, m)
		}
		d.mappingEnabled = len(d.mappings) > 0
	}
	s.enterprise().directories[d.id] = d
	return d.json(k, true), nil
}

func (s *Server) directory(r *http.Request, k dirKind) (*fakeDirectory, *apiError) {
	id := r.PathValue(k.param)
	if d := s.enterprise().directories[id]; d != nil {
		return d, nil
	}
	return nil, errNotFound(k.object, id)
}

func getDirectory(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	return d.json(k, false), nil
}

func updateDirectory(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	var b directoryBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.EnterpriseConnectionID != nil || b.GroupRoleMappings != nil {
		return nil, errUnknownParam("enterprise_connection_id")
	}
	if b.Name != nil {
		d.name = *b.Name
	}
	if b.Provider != nil {
		d.provider = *b.Provider
	}
	if b.Enabled != nil {
		d.enabled = *b.Enabled
	}
	if b.GroupRoleMappingEnabled != nil {
		d.mappingEnabled = *b.GroupRoleMappingEnabled
	}
	for field, path := range b.AttributeMapping {
		if path == nil {
			delete(d.attributeMapping, field)
		} else {
			d.attributeMapping[field] = *path
		}
	}
	d.updatedAt = s.nowMillis()
	return d.json(k, false), nil
}

func deleteDirectory(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	delete(s.enterprise().directories, d.id)
	return deletedObject{Object: k.object, ID: d.id, Deleted: true}, nil
}

// rotateDirectoryKey replaces the API key: the old one is gone.
func rotateDirectoryKey(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	d.apiKey = "scim_" + randomString(32)
	d.updatedAt = s.nowMillis()
	return d.json(k, true), nil
}

func listDirectories(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	p, e := parsePage(r.URL.Query())
	if e != nil {
		return nil, e
	}
	items := values(s.enterprise().directories)
	sortBy(items, ordering{field: "created_at", desc: true}, func(d *fakeDirectory, _ string) sortKey {
		return sortKey{n: i64p(d.createdAt), seq: d.seq}
	})
	pg := paginate(items, p)
	data := make([]directoryJSON, 0, len(pg))
	for _, d := range pg {
		data = append(data, d.json(k, false))
	}
	return envelope[directoryJSON]{Data: data, TotalCount: int64(len(items))}, nil
}

func (s *Server) mappingsPage(d *fakeDirectory, k dirKind) envelope[groupRoleMappingJSON] {
	data := make([]groupRoleMappingJSON, 0, len(d.mappings))
	for _, m := range d.mappings {
		data = append(data, s.mappingJSON(d, m, k))
	}
	return envelope[groupRoleMappingJSON]{Data: data, TotalCount: int64(len(data))}
}

func listGroupRoleMappings(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	return s.mappingsPage(d, k), nil
}

func createGroupRoleMapping(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	var b mappingBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	m, e := s.newMapping(b, s.nowMillis())
	if e != nil {
		return nil, e
	}
	d.mappings = append(d.mappings, m)
	return s.mappingJSON(d, m, k), nil
}

type replaceMappingsBody struct {
	Mappings *[]mappingBody `json:"mappings"`
}

func replaceGroupRoleMappings(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	var b replaceMappingsBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Mappings == nil {
		return nil, errMissing("mappings")
	}
	now := s.nowMillis()
	next := make([]*fakeGroupRoleMapping, 0, len(*b.Mappings))
	for _, mb := range *b.Mappings {
		m, e := s.newMapping(mb, now)
		if e != nil {
			return nil, e
		}
		next = append(next, m)
	}
	d.mappings = next
	return s.mappingsPage(d, k), nil
}

func deleteGroupRoleMapping(s *Server, r *http.Request, k dirKind) (any, *apiError) {
	d, e := s.directory(r, k)
	if e != nil {
		return nil, e
	}
	id := r.PathValue("mapping_id")
	i := slices.IndexFunc(d.mappings, func(m *fakeGroupRoleMapping) bool { return m.id == id })
	if i < 0 {
		return nil, errNotFound("group role mapping", id)
	}
	d.mappings = slices.Delete(d.mappings, i, i+1)
	return deletedObject{Object: k.mappingObject, ID: id, Deleted: true}, nil
}
