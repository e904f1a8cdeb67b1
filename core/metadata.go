package core

import (
	"encoding/json"
	"fmt"
)

// MetadataPatch is a metadata merge built from a typed value plus explicit
// sets and deletes. Give it as the metadata of any UpdateMetadata call
// (users, organizations, memberships, ...): the API deep-merges the object
// it marshals to.
//
// A struct tagged omitempty leaves its zero fields out of a merge, so on
// its own it can never store false, 0 or "", and it can never remove a
// key. Set stores a value even when it is zero; Delete sends null, which
// removes the key:
//
//	patch := clerk.PatchMetadata(AppPublic{Plan: "pro"}).
//		Set("beta", false).   // stored although false is omitempty's zero
//		Delete("legacy_plan") // removed
//	_, err := c.Users.UpdateMetadata(ctx, id, &users.MetadataParams{PublicMetadata: patch})
//
// Keys are top-level names; a nested change sets the nested object (the
// API merges it deeply). A later Set or Delete of a key overrides an
// earlier one and the base value's field of the same name.
type MetadataPatch struct {
	base any
	ops  []patchOp
}

type patchOp struct {
	key    string
	value  any
	delete bool
}

// PatchMetadata starts a patch from base: a struct or map that marshals to
// a JSON object, or nil for a patch of Set and Delete only.
func PatchMetadata(base any) *MetadataPatch { return &MetadataPatch{base: base} }

// Set stores value under key, even when value is a zero value.
func (p *MetadataPatch) Set(key string, value any) *MetadataPatch {
	p.ops = append(p.ops, patchOp{key: key, value: value})
	return p
}

// Delete removes keys from the stored metadata.
func (p *MetadataPatch) Delete(keys ...string) *MetadataPatch {
	for _, k := range keys {
		p.ops = append(p.ops, patchOp{key: k, delete: true})
	}
	return p
}

// MarshalJSON renders the merge object: the base value's fields, then
// every Set and Delete (as null) in order.
func (p *MetadataPatch) MarshalJSON() ([]byte, error) {
	obj := map[string]json.RawMessage{}
	if p.base != nil {
		b, err := json.Marshal(p.base)
		if err != nil {
			return nil, err
		}
		if string(b) != "null" {
			if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
				return nil, fmt.Errorf("clerk: metadata patch base is not a JSON object (%.40s)", b)
			}
		}
	}
	for _, op := range p.ops {
		if op.delete {
			obj[op.key] = json.RawMessage("null")
			continue
		}
		b, err := json.Marshal(op.value)
		if err != nil {
			return nil, fmt.Errorf("clerk: metadata patch key %q: %w", op.key, err)
		}
		obj[op.key] = b
	}
	return json.Marshal(obj)
}
