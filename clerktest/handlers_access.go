package clerktest

import (
	"net/http"
	"slices"
	"strings"
)

// accessRoutes routes the Organization Roles, Organization Permissions,
// Role Sets and Organization Domains operations.
func accessRoutes() map[string]op {
	return map[string]op{
		"GET /v1/organization_roles":                                                       listRoles,
		"POST /v1/organization_roles":                                                      createRole,
		"GET /v1/organization_roles/{organization_role_id}":                                getRole,
		"PATCH /v1/organization_roles/{organization_role_id}":                              updateRole,
		"DELETE /v1/organization_roles/{organization_role_id}":                             deleteRole,
		"POST /v1/organization_roles/{organization_role_id}/permissions/{permission_id}":   assignRolePermission,
		"DELETE /v1/organization_roles/{organization_role_id}/permissions/{permission_id}": removeRolePermission,
		"GET /v1/organization_permissions":                                                 listPermissions,
		"POST /v1/organization_permissions":                                                createPermission,
		"GET /v1/organization_permissions/{permission_id}":                                 getPermission,
		"PATCH /v1/organization_permissions/{permission_id}":                               updatePermission,
		"DELETE /v1/organization_permissions/{permission_id}":                              deletePermission,
		"GET /v1/role_sets":                                                                listRoleSets,
		"POST /v1/role_sets":                                                               createRoleSet,
		"GET /v1/role_sets/{role_set_key_or_id}":                                           getRoleSet,
		"PATCH /v1/role_sets/{role_set_key_or_id}":                                         updateRoleSet,
		"POST /v1/role_sets/{role_set_key_or_id}/replace":                                  replaceRoleSet,
		"POST /v1/role_sets/{role_set_key_or_id}/roles":                                    addRolesToRoleSet,
		"POST /v1/role_sets/{role_set_key_or_id}/roles/replace":                            replaceRoleInRoleSet,
		"POST /v1/organizations/{organization_id}/domains":                                 createOrgDomain,
		"GET /v1/organizations/{organization_id}/domains":                                  listOrgDomains,
		"PATCH /v1/organizations/{organization_id}/domains/{domain_id}":                    updateOrgDomain,
		"DELETE /v1/organizations/{organization_id}/domains/{domain_id}":                   deleteOrgDomain,
		"POST /v1/organizations/{organization_id}/domains/{domain_id}/verify_ownership":    verifyOrgDomain,
		"GET /v1/organization_domains":                                                     listAllOrgDomains,
	}
}

// --- permissions ---

func listPermissions(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	return listPage(r, values(a.permissions), func(p *fakePermission) int64 { return p.seq },
		func(p *fakePermission) int64 { return p.createdAt },
		func(p *fakePermission) (string, string) { return p.name, p.key },
		func(p *fakePermission) any { return p.json() })
}

type permissionBody struct {
	Name        *string `json:"name"`
	Key         *string `json:"key"`
	Description *string `json:"description"`
}

func createPermission(s *Server, r *http.Request) (any, *apiError) {
	var b permissionBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	a := s.access()
	switch {
	case deref(b.Name) == "":
		return nil, errMissing("name")
	case deref(b.Key) == "":
		return nil, errMissing("key")
	case !strings.HasPrefix(deref(b.Key), "org:") || strings.Count(deref(b.Key), ":") != 2:
		return nil, errFormat("key", "must look like org:<feature>:<action>")
	}
	for _, p := range a.permissions {
		if p.key == *b.Key {
			return nil, errTaken("key", *b.Key)
		}
	}
	now := s.nowMillis()
	p := &fakePermission{id: newID("perm"), key: *b.Key, name: *b.Name, description: deref(b.Description), typ: "user",
		seq: s.st.next(), createdAt: now, updatedAt: now}
	a.permissions[p.id] = p
	return p.json(), nil
}

func (a *accessState) permission(r *http.Request) (*fakePermission, *apiError) {
	id := r.PathValue("permission_id")
	if p := a.permissions[id]; p != nil {
		return p, nil
	}
	return nil, errNotFound("permission", id)
}

func getPermission(s *Server, r *http.Request) (any, *apiError) {
	p, e := s.access().permission(r)
	if e != nil {
		return nil, e
	}
	return p.json(), nil
}

func updatePermission(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	p, e := a.permission(r)
	if e != nil {
		return nil, e
	}
	var b permissionBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if p.typ == "system" {
		return nil, newError(http.StatusForbidden, "system_permission_immutable", "cannot change a system permission",
			"System permissions cannot be changed.")
	}
	old := p.key
	if b.Name != nil {
		p.name = *b.Name
	}
	if b.Key != nil {
		p.key = *b.Key
	}
	if b.Description != nil {
		p.description = *b.Description
	}
	p.updatedAt = s.nowMillis()
	if old != p.key {
		for _, role := range a.roles {
			if slices.Contains(role.permissionIDs, p.id) {
				a.sync(s.st, role)
			}
		}
	}
	return p.json(), nil
}

func deletePermission(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	p, e := a.permission(r)
	if e != nil {
		return nil, e
	}
	if p.typ == "system" {
		return nil, newError(http.StatusForbidden, "system_permission_immutable", "cannot delete a system permission",
			"System permissions cannot be deleted.")
	}
	delete(a.permissions, p.id)
	for _, role := range a.roles {
		if slices.Contains(role.permissionIDs, p.id) {
			role.permissionIDs = removeString(role.permissionIDs, p.id)
			a.sync(s.st, role)
		}
	}
	return deletedJSON("permission", p.id), nil
}

// --- roles ---

func listRoles(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	return listPage(r, values(a.roles), func(x *fakeRole) int64 { return x.seq },
		func(x *fakeRole) int64 { return x.createdAt },
		func(x *fakeRole) (string, string) { return x.name, x.key },
		func(x *fakeRole) any { return a.roleJSON(x) })
}

type roleBody struct {
	Name                    *string   `json:"name"`
	Key                     *string   `json:"key"`
	Description             *string   `json:"description"`
	Permissions             *[]string `json:"permissions"`
	IncludeInInitialRoleSet *bool     `json:"include_in_initial_role_set"`
}

// resolvePermissions turns permission IDs or keys into IDs.
func (a *accessState) resolvePermissions(refs []string) ([]string, *apiError) {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		var found *fakePermission
		for _, p := range a.permissions {
			if p.id == ref || p.key == ref {
				found = p
				break
			}
		}
		if found == nil {
			return nil, errValue("permissions", "unknown permission "+ref)
		}
		if !slices.Contains(out, found.id) {
			out = append(out, found.id)
		}
	}
	return out, nil
}

func createRole(s *Server, r *http.Request) (any, *apiError) {
	var b roleBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	a := s.access()
	switch {
	case deref(b.Name) == "":
		return nil, errMissing("name")
	case deref(b.Key) == "":
		return nil, errMissing("key")
	case !strings.HasPrefix(*b.Key, "org:"):
		return nil, errFormat("key", "must start with org:")
	case a.roleByKey(*b.Key) != nil:
		return nil, errTaken("key", *b.Key)
	}
	var perms []string
	if b.Permissions != nil {
		var e *apiError
		if perms, e = a.resolvePermissions(*b.Permissions); e != nil {
			return nil, e
		}
	}
	now := s.nowMillis()
	role := &fakeRole{id: newID("role"), key: *b.Key, name: *b.Name, description: deref(b.Description),
		permissionIDs: perms, seq: s.st.next(), createdAt: now, updatedAt: now}
	a.roles[role.id] = role
	a.sync(s.st, role)
	if boolv(b.IncludeInInitialRoleSet) {
		for _, rs := range a.roleSets {
			if rs.typ == "initial" && !slices.Contains(rs.roleKeys, role.key) {
				rs.roleKeys = append(rs.roleKeys, role.key)
			}
		}
	}
	return a.roleJSON(role), nil
}

func (a *accessState) role(r *http.Request) (*fakeRole, *apiError) {
	id := r.PathValue("organization_role_id")
	if x := a.roles[id]; x != nil {
		return x, nil
	}
	return nil, errNotFound("role", id)
}

func getRole(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	role, e := a.role(r)
	if e != nil {
		return nil, e
	}
	return a.roleJSON(role), nil
}

func updateRole(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	role, e := a.role(r)
	if e != nil {
		return nil, e
	}
	var b roleBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.IncludeInInitialRoleSet != nil {
		return nil, errUnknownParam("include_in_initial_role_set")
	}
	if b.Key != nil && *b.Key != role.key {
		if a.roleByKey(*b.Key) != nil {
			return nil, errTaken("key", *b.Key)
		}
		s.st.renameRole(role.key, *b.Key)
		for _, rs := range a.roleSets {
			for i, k := range rs.roleKeys {
				if k == role.key {
					rs.roleKeys[i] = *b.Key
				}
			}
		}
		role.key = *b.Key
	}
	if b.Name != nil {
		role.name = *b.Name
	}
	if b.Description != nil {
		role.description = *b.Description
	}
	if b.Permissions != nil {
		perms, e := a.resolvePermissions(*b.Permissions)
		if e != nil {
			return nil, e
		}
		role.permissionIDs = perms
	}
	role.updatedAt = s.nowMillis()
	a.sync(s.st, role)
	return a.roleJSON(role), nil
}

// renameRole moves a role key in state.roles and on every membership.
func (st *state) renameRole(from, to string) {
	st.roles[to] = st.roles[from]
	delete(st.roles, from)
	for _, m := range st.memberships {
		if m.role == from {
			m.role = to
		}
	}
}

func deleteRole(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	role, e := a.role(r)
	if e != nil {
		return nil, e
	}
	for _, m := range s.st.memberships {
		if m.role == role.key {
			return nil, newError(http.StatusConflict, "role_in_use", "role is in use",
				"The role "+role.key+" is assigned to members and cannot be deleted.")
		}
	}
	for _, rs := range a.roleSets {
		if slices.Contains(rs.roleKeys, role.key) && (rs.defaultKey == role.key || rs.creatorKey == role.key) {
			return nil, newError(http.StatusConflict, "role_in_use", "role is in use",
				"The role "+role.key+" is the default or creator role of a role set.")
		}
	}
	delete(a.roles, role.id)
	delete(s.st.roles, role.key)
	for _, rs := range a.roleSets {
		rs.roleKeys = removeString(rs.roleKeys, role.key)
	}
	return deletedJSON("role", role.id), nil
}

func assignRolePermission(s *Server, r *http.Request) (any, *apiError) {
	return changeRolePermission(s, r, true)
}

func removeRolePermission(s *Server, r *http.Request) (any, *apiError) {
	return changeRolePermission(s, r, false)
}

func changeRolePermission(s *Server, r *http.Request, add bool) (any, *apiError) {
	a := s.access()
	role, e := a.role(r)
	if e != nil {
		return nil, e
	}
	p, e := a.permission(r)
	if e != nil {
		return nil, e
	}
	has := slices.Contains(role.permissionIDs, p.id)
	switch {
	case add && has:
		return nil, newError(http.StatusBadRequest, "permission_already_assigned", "permission already assigned",
			"The role already has the permission "+p.key+".")
	case !add && !has:
		return nil, errNotFound("permission assignment", p.id)
	case add:
		role.permissionIDs = append(role.permissionIDs, p.id)
	default:
		role.permissionIDs = removeString(role.permissionIDs, p.id)
	}
	role.updatedAt = s.nowMillis()
	a.sync(s.st, role)
	return a.roleJSON(role), nil
}

// --- role sets ---

func listRoleSets(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	return listPage(r, values(a.roleSets), func(x *fakeRoleSet) int64 { return x.seq },
		func(x *fakeRoleSet) int64 { return x.createdAt },
		func(x *fakeRoleSet) (string, string) { return x.name, x.key },
		func(x *fakeRoleSet) any { return a.roleSetJSON(x) })
}

type roleSetBody struct {
	Name           *string   `json:"name"`
	Key            *string   `json:"key"`
	Description    *string   `json:"description"`
	DefaultRoleKey *string   `json:"default_role_key"`
	CreatorRoleKey *string   `json:"creator_role_key"`
	Type           *string   `json:"type"`
	Roles          *[]string `json:"roles"`
}

func (a *accessState) checkRoleKeys(param string, keys ...string) *apiError {
	for _, k := range keys {
		if a.roleByKey(k) == nil {
			return errValue(param, "unknown role "+k)
		}
	}
	return nil
}

func createRoleSet(s *Server, r *http.Request) (any, *apiError) {
	var b roleSetBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	a := s.access()
	switch {
	case deref(b.Name) == "":
		return nil, errMissing("name")
	case deref(b.DefaultRoleKey) == "":
		return nil, errMissing("default_role_key")
	case deref(b.CreatorRoleKey) == "":
		return nil, errMissing("creator_role_key")
	case b.Roles == nil || len(*b.Roles) == 0:
		return nil, errMissing("roles")
	}
	if e := a.checkRoleKeys("roles", *b.Roles...); e != nil {
		return nil, e
	}
	if !slices.Contains(*b.Roles, *b.DefaultRoleKey) || !slices.Contains(*b.Roles, *b.CreatorRoleKey) {
		return nil, errValue("roles", "must include the default and creator roles")
	}
	key := deref(b.Key)
	if key == "" {
		key = strings.ToLower(strings.ReplaceAll(*b.Name, " ", "_"))
	}
	for _, rs := range a.roleSets {
		if rs.key == key {
			return nil, errTaken("key", key)
		}
	}
	typ := deref(b.Type)
	if typ == "" {
		typ = "custom"
	}
	now := s.nowMillis()
	rs := &fakeRoleSet{id: newID("rs"), key: key, name: *b.Name, description: deref(b.Description), typ: typ,
		roleKeys: slices.Clone(*b.Roles), defaultKey: *b.DefaultRoleKey, creatorKey: *b.CreatorRoleKey,
		seq: s.st.next(), createdAt: now, updatedAt: now}
	a.roleSets[rs.id] = rs
	return a.roleSetJSON(rs), nil
}

func (a *accessState) roleSet(r *http.Request) (*fakeRoleSet, *apiError) {
	ref := r.PathValue("role_set_key_or_id")
	for _, rs := range a.roleSets {
		if rs.id == ref || rs.key == ref {
			return rs, nil
		}
	}
	return nil, errNotFound("role set", ref)
}

func getRoleSet(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	rs, e := a.roleSet(r)
	if e != nil {
		return nil, e
	}
	return a.roleSetJSON(rs), nil
}

func updateRoleSet(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	rs, e := a.roleSet(r)
	if e != nil {
		return nil, e
	}
	var b roleSetBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.Roles != nil {
		return nil, errUnknownParam("roles")
	}
	for _, k := range []*string{b.DefaultRoleKey, b.CreatorRoleKey} {
		if k != nil && !slices.Contains(rs.roleKeys, *k) {
			return nil, errValue("default_role_key", "role "+*k+" is not in the role set")
		}
	}
	if b.Name != nil {
		rs.name = *b.Name
	}
	if b.Key != nil {
		rs.key = *b.Key
	}
	if b.Description != nil {
		rs.description = *b.Description
	}
	if b.Type != nil {
		rs.typ = *b.Type
	}
	if b.DefaultRoleKey != nil {
		rs.defaultKey = *b.DefaultRoleKey
	}
	if b.CreatorRoleKey != nil {
		rs.creatorKey = *b.CreatorRoleKey
	}
	rs.updatedAt = s.nowMillis()
	return a.roleSetJSON(rs), nil
}

type replaceRoleSetBody struct {
	DestRoleSetKey       *string           `json:"dest_role_set_key"`
	ReassignmentMappings map[string]string `json:"reassignment_mappings"`
}

// replaceRoleSet moves members of roles the destination lacks to the
// mapped role (or the destination's default role) and deletes the set.
func replaceRoleSet(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	rs, e := a.roleSet(r)
	if e != nil {
		return nil, e
	}
	var b replaceRoleSetBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if deref(b.DestRoleSetKey) == "" {
		return nil, errMissing("dest_role_set_key")
	}
	var dest *fakeRoleSet
	for _, x := range a.roleSets {
		if x.key == *b.DestRoleSetKey || x.id == *b.DestRoleSetKey {
			dest = x
		}
	}
	if dest == nil || dest == rs {
		return nil, errValue("dest_role_set_key", "unknown or same role set "+*b.DestRoleSetKey)
	}
	for _, m := range s.st.memberships {
		if slices.Contains(rs.roleKeys, m.role) && !slices.Contains(dest.roleKeys, m.role) {
			to := b.ReassignmentMappings[m.role]
			if to == "" {
				to = dest.defaultKey
			}
			m.role = to
		}
	}
	delete(a.roleSets, rs.id)
	return deletedJSON("role_set", rs.id), nil
}

type addRolesBody struct {
	RoleKeys       *[]string `json:"role_keys"`
	DefaultRoleKey *string   `json:"default_role_key"`
	CreatorRoleKey *string   `json:"creator_role_key"`
}

func addRolesToRoleSet(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	rs, e := a.roleSet(r)
	if e != nil {
		return nil, e
	}
	var b addRolesBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	if b.RoleKeys == nil || len(*b.RoleKeys) == 0 {
		return nil, errMissing("role_keys")
	}
	if e := a.checkRoleKeys("role_keys", *b.RoleKeys...); e != nil {
		return nil, e
	}
	for _, k := range *b.RoleKeys {
		if !slices.Contains(rs.roleKeys, k) {
			rs.roleKeys = append(rs.roleKeys, k)
		}
	}
	if b.DefaultRoleKey != nil {
		rs.defaultKey = *b.DefaultRoleKey
	}
	if b.CreatorRoleKey != nil {
		rs.creatorKey = *b.CreatorRoleKey
	}
	rs.updatedAt = s.nowMillis()
	return a.roleSetJSON(rs), nil
}

type replaceRoleBody struct {
	RoleKey   *string `json:"role_key"`
	ToRoleKey *string `json:"to_role_key"`
}

func replaceRoleInRoleSet(s *Server, r *http.Request) (any, *apiError) {
	a := s.access()
	rs, e := a.roleSet(r)
	if e != nil {
		return nil, e
	}
	var b replaceRoleBody
	if e := decodeBody(r, &b); e != nil {
		return nil, e
	}
	from, to := deref(b.RoleKey), deref(b.ToRoleKey)
	switch {
	case from == "":
		return nil, errMissing("role_key")
	case to == "":
		return nil, errMissing("to_role_key")
	case !slices.Contains(rs.roleKeys, from):
		return nil, errValue("role_key", "role "+from+" is not in the role set")
	}
	if e := a.checkRoleKeys("to_role_key", to); e != nil {
		return nil, e
	}
	rs.roleKeys = removeString(rs.roleKeys, from)
	if !slices.Contains(rs.roleKeys, to) {
		rs.roleKeys = append(rs.roleKeys, to)
	}
	if rs.defaultKey == from {
		rs.defaultKey = to
	}
	if rs.creatorKey == from {
		rs.creatorKey = to
	}
	for _, m := range s.st.memberships {
		if m.role == from {
			m.role = to
		}
	}
	rs.updatedAt = s.nowMillis()
	return a.roleSetJSON(rs), nil
}

func deletedJSON(object, id string) deletedObject {
	return deletedObject{Object: object, ID: id, Deleted: true}
}
