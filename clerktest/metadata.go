package clerktest

import "encoding/json"

// mergeMetadata deep-merges patch into dst the way PATCH …/metadata does:
// objects merge key by key at any depth, a null value deletes its key,
// anything else (arrays included) replaces the old value whole.
func mergeMetadata(dst, patch map[string]any) map[string]any {
	if dst == nil {
		dst = map[string]any{}
	}
	for k, v := range patch {
		if v == nil {
			delete(dst, k)
			continue
		}
		if pv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				dst[k] = mergeMetadata(dv, pv)
				continue
			}
			// A new object: nulls inside it delete nothing, so drop them.
			dst[k] = mergeMetadata(map[string]any{}, pv)
			continue
		}
		dst[k] = cloneValue(v)
	}
	return dst
}

// cloneMetadata deep-copies a metadata object so responses never alias
// the state.
func cloneMetadata(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return cloneMetadata(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = cloneValue(e)
		}
		return out
	default:
		// Strings, json.Number, bools, nil: immutable.
		return v
	}
}

// metadataFromGo converts a Go value given to a seeder (a map, a struct)
// into the JSON object form the state keeps.
func metadataFromGo(v any) (map[string]any, error) {
	if v == nil {
		return map[string]any{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var ro rawObject
	if err := ro.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	if ro.null {
		return map[string]any{}, nil
	}
	if ro.err != "" {
		return nil, &fieldError{apiErr: errFormat("metadata", ro.err)}
	}
	return ro.obj(), nil
}
