package graph

import (
	"bytes"
	"encoding/json"
)

// What the page shows in place of a sensitive or an unknown value.
const (
	Sensitive = "(sensitive)"
	Unknown   = "(known after apply)"
)

// plannedValue is the value a node shows: after (unknown parts marked) for
// every action but a deletion, which shows before. Sensitive parts are
// replaced with Sensitive: the plan's *_sensitive mirrors the value, true
// marking a sensitive subtree, at any depth.
func plannedValue(value, unknown, sensitive json.RawMessage) (any, error) {
	v, err := decode(value)
	if err != nil {
		return nil, err
	}
	return plannedDecoded(v, unknown, sensitive)
}

// plannedDecoded is plannedValue of a value already decoded (it is not modified).
func plannedDecoded(v any, unknown, sensitive json.RawMessage) (any, error) {
	u, err := decode(unknown)
	if err != nil {
		return nil, err
	}
	s, err := decode(sensitive)
	if err != nil {
		return nil, err
	}
	return mask(markUnknown(v, u), s), nil
}

func decode(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// mask replaces every value marked true in sens. A marked attribute missing
// from v (null and omitted) is shown as sensitive too.
func mask(v, sens any) any {
	switch s := sens.(type) {
	case bool:
		if s {
			return Sensitive
		}
		return v
	case map[string]any:
		vm, ok := v.(map[string]any)
		if !ok {
			if v == nil {
				return nil
			}
			// Shapes disagree: hide the whole value rather than guess.
			if anyTrue(s) {
				return Sensitive
			}
			return v
		}
		out := make(map[string]any, len(vm))
		for k, val := range vm {
			out[k] = mask(val, s[k])
		}
		for k, sv := range s {
			if _, ok := vm[k]; !ok && sv == true {
				out[k] = Sensitive
			}
		}
		return out
	case []any:
		vl, ok := v.([]any)
		if !ok {
			if v == nil {
				return nil
			}
			if anyTrue(s) {
				return Sensitive
			}
			return v
		}
		out := make([]any, len(vl))
		for i, val := range vl {
			var sv any
			if i < len(s) {
				sv = s[i]
			}
			out[i] = mask(val, sv)
		}
		return out
	}
	return v
}

func anyTrue(s any) bool {
	switch x := s.(type) {
	case bool:
		return x
	case map[string]any:
		for _, v := range x {
			if anyTrue(v) {
				return true
			}
		}
	case []any:
		for _, v := range x {
			if anyTrue(v) {
				return true
			}
		}
	}
	return false
}

// markUnknown puts Unknown wherever after_unknown says true.
func markUnknown(v, unk any) any {
	switch u := unk.(type) {
	case bool:
		if u {
			return Unknown
		}
		return v
	case map[string]any:
		vm, _ := v.(map[string]any)
		if vm == nil && len(u) == 0 {
			return v
		}
		out := make(map[string]any, len(vm)+len(u))
		for k, val := range vm {
			out[k] = val
		}
		for k, uv := range u {
			nv := markUnknown(vm[k], uv)
			if _, had := vm[k]; had || nv != nil {
				out[k] = nv
			}
		}
		if vm == nil && len(out) == 0 {
			return v
		}
		return out
	case []any:
		vl, _ := v.([]any)
		n := max(len(vl), len(u))
		out := make([]any, n)
		for i := 0; i < n; i++ {
			var val, uv any
			if i < len(vl) {
				val = vl[i]
			}
			if i < len(u) {
				uv = u[i]
			}
			out[i] = markUnknown(val, uv)
		}
		return out
	}
	return v
}
