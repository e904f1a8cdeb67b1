package clerktest

import (
	"net/http"
	"slices"
	"sort"
	"strings"
)

// accessState holds custom roles, permissions, role sets and organization
// domains. Roles are kept in sync with state.roles (role key ->
// permission keys), which memberships and session tokens read: a role
// created through the API with custom permissions is assignable at once,
// and a member's token carries its permissions.
type accessState struct {
	permissions map[string]*fakePermission // by id
	roles       map[string]*fakeRole       // by id
	roleSets    map[string]*fakeRoleSet    // by id
	domains     map[string]*fakeDomain     // by id
}

type fakePermission struct {
	id, key, name, description, typ string
	seq, createdAt, updatedAt       int64
}

type fakeRole struct {
	id, key, name, description string
	permissionIDs              []string
	seq, createdAt, updatedAt  int64
}

type fakeRoleSet struct {
	id, key, name, description, typ string
	roleKeys                        []string
	defaultKey, creatorKey          string
	seq, createdAt, updatedAt       int64
}

type fakeDomain struct {
	id, orgID, name, mode     string
	verified, ownership       bool
	seq, createdAt, updatedAt int64
}

// access returns the access state, made on first use from the roles the
// server was configured with (the built-in ones and WithRole's).
func (s *Server) access() *accessState {
	st := s.st
	if st.acc != nil {
		return st.acc
	}
	a := &accessState{
		permissions: map[string]*fakePermission{},
		roles:       map[string]*fakeRole{},
		roleSets:    map[string]*fakeRoleSet{},
		domains:     map[string]*fakeDomain{},
	}
	st.acc = a
	now := s.nowMillis()
	keys := make([]string, 0, len(st.roles))
	for k := range st.roles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r := &fakeRole{id: newID("role"), key: k, name: roleName(k), seq: st.next(), createdAt: now, updatedAt: now}
		for _, pk := range st.roles[k] {
			r.permissionIDs = append(r.permissionIDs, a.permissionByKey(st, pk, now).id)
		}
		a.roles[r.id] = r
	}
	rs := &fakeRoleSet{
		id: newID("rs"), key: "default", name: "Default", typ: "initial", roleKeys: keys,
		defaultKey: roleMember, creatorKey: roleAdmin, seq: st.next(), createdAt: now, updatedAt: now,
	}
	a.roleSets[rs.id] = rs
	return a
}

// permissionByKey returns the permission with key, recording it first
// (system permissions and the ones WithRole named).
func (a *accessState) permissionByKey(st *state, key string, now int64) *fakePermission {
	for _, p := range a.permissions {
		if p.key == key {
			return p
		}
	}
	typ := "user"
	if strings.HasPrefix(key, "org:sys_") {
		typ = "system"
	}
	p := &fakePermission{id: newID("perm"), key: key, name: key, typ: typ, seq: st.next(), createdAt: now, updatedAt: now}
	a.permissions[p.id] = p
	return p
}

// sync writes a role's permission keys into state.roles.
func (a *accessState) sync(st *state, r *fakeRole) {
	keys := make([]string, 0, len(r.permissionIDs))
	for _, id := range r.permissionIDs {
		if p := a.permissions[id]; p != nil {
			keys = append(keys, p.key)
		}
	}
	st.roles[r.key] = keys
}

type permissionJSON struct {
	Object      string `json:"object"`
	ID          string `json:"id"`
	Name        string `json:"name"`
	Key         string `json:"key"`
	Description string `json:"description"`
	Type        string `json:"type"`
	CreatedAt   int64  `json:"created_at"`
	UpdatedAt   int64  `json:"updated_at"`
}

func (p *fakePermission) json() permissionJSON {
	return permissionJSON{Object: "permission", ID: p.id, Name: p.name, Key: p.key, Description: p.description,
		Type: p.typ, CreatedAt: p.createdAt, UpdatedAt: p.updatedAt}
}

type roleJSON struct {
	Object            string           `json:"object"`
	ID                string           `json:"id"`
	Name              string           `json:"name"`
	Key               string           `json:"key"`
	Description       *string          `json:"description"`
	IsCreatorEligible bool             `json:"is_creator_eligible"`
	Permissions       []permissionJSON `json:"permissions"`
	CreatedAt         int64            `json:"created_at"`
	UpdatedAt         int64            `json:"updated_at"`
}

func (a *accessState) roleJSON(r *fakeRole) roleJSON {
	out := roleJSON{Object: "role", ID: r.id, Name: r.name, Key: r.key, Permissions: []permissionJSON{},
		CreatedAt: r.createdAt, UpdatedAt: r.updatedAt}
	if r.description != "" {
		out.Description = strp(r.description)
	}
	manage := false
	for _, id := range r.permissionIDs {
		if p := a.permissions[id]; p != nil {
			out.Permissions = append(out.Permissions, p.json())
			manage = manage || p.key == "org:sys_memberships:manage"
		}
	}
	out.IsCreatorEligible = manage
	return out
}

type roleSetItemJSON struct {
	Object       string  `json:"object"`
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Key          string  `json:"key"`
	Description  *string `json:"description"`
	MembersCount *int64  `json:"members_count"`
	HasMembers   *bool   `json:"has_members"`
	CreatedAt    int64   `json:"created_at"`
	UpdatedAt    int64   `json:"updated_at"`
}

type roleSetJSON struct {
	Object           string            `json:"object"`
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	Key              string            `json:"key"`
	Description      *string           `json:"description"`
	Roles            []roleSetItemJSON `json:"roles"`
	DefaultRole      *roleSetItemJSON  `json:"default_role"`
	CreatorRole      *roleSetItemJSON  `json:"creator_role"`
	Type             string            `json:"type"`
	RoleSetMigration any               `json:"role_set_migration"`
	CreatedAt        int64             `json:"created_at"`
	UpdatedAt        int64             `json:"updated_at"`
}

func (a *accessState) roleByKey(key string) *fakeRole {
	for _, r := range a.roles {
		if r.key == key {
			return r
		}
	}
	return nil
}

func (a *accessState) roleSetItem(key string) *roleSetItemJSON {
	r := a.roleByKey(key)
	if r == nil {
		return nil
	}
	item := &roleSetItemJSON{Object: "role_set_item", ID: r.id, Name: r.name, Key: r.key, CreatedAt: r.createdAt, UpdatedAt: r.updatedAt}
	if r.description != "" {
		item.Description = strp(r.description)
	}
	return item
}

func (a *accessState) roleSetJSON(rs *fakeRoleSet) roleSetJSON {
	out := roleSetJSON{Object: "role_set", ID: rs.id, Name: rs.name, Key: rs.key, Type: rs.typ, Roles: []roleSetItemJSON{},
		DefaultRole: a.roleSetItem(rs.defaultKey), CreatorRole: a.roleSetItem(rs.creatorKey),
		CreatedAt: rs.createdAt, UpdatedAt: rs.updatedAt}
	if rs.description != "" {
		out.Description = strp(rs.description)
	}
	for _, k := range rs.roleKeys {
		if item := a.roleSetItem(k); item != nil {
			out.Roles = append(out.Roles, *item)
		}
	}
	return out
}

// listPage answers a {data,total_count} page of records matching query
// by name or key, newest first (or by name/key/created_at).
func listPage[T any](r *http.Request, items []T, seq func(T) int64, created func(T) int64, text func(T) (string, string), out func(T) any) (any, *apiError) {
	q := r.URL.Query()
	p, e := parsePage(q)
	if e != nil {
		return nil, e
	}
	o, e := parseOrder(q, "-created_at", "created_at", "name", "key")
	if e != nil {
		return nil, e
	}
	query := strings.ToLower(q.Get("query"))
	kept := items[:0:0]
	for _, it := range items {
		name, key := text(it)
		if query == "" || contains(strings.ToLower(name), query) || contains(strings.ToLower(key), query) {
			kept = append(kept, it)
		}
	}
	sortBy(kept, o, func(it T, field string) sortKey {
		name, key := text(it)
		switch field {
		case "name":
			return sortKey{s: strp(name), seq: seq(it)}
		case "key":
			return sortKey{s: strp(key), seq: seq(it)}
		}
		return sortKey{n: i64p(created(it)), seq: seq(it)}
	})
	pg := paginate(kept, p)
	data := make([]any, 0, len(pg))
	for _, it := range pg {
		data = append(data, out(it))
	}
	return envelope[any]{Data: data, TotalCount: int64(len(kept))}, nil
}

func values[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func removeString(s []string, v string) []string {
	return slices.DeleteFunc(s, func(x string) bool { return x == v })
}
