package graph

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// seg is one step of a traversal: an attribute name, or an index whose key is
// kept in canonical form (a quoted string or a number; "*" for a splat).
type seg struct {
	name  string
	index bool
	key   string
}

// parseTraversal reads references and addresses as OpenTofu prints them:
// module.ecs_service["card-api"].aws_iam_role.task, aws_subnet.this[0].id,
// var.logs.retention_in_days.
func parseTraversal(s string) ([]seg, error) {
	var out []seg
	i := 0
	for i < len(s) {
		switch c := s[i]; {
		case c == '.':
			if i == 0 || i == len(s)-1 {
				return nil, fmt.Errorf("misplaced '.' in %q", s)
			}
			i++
		case c == '[':
			j, key, err := readIndex(s, i)
			if err != nil {
				return nil, err
			}
			out = append(out, seg{index: true, key: key})
			i = j
		default:
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			out = append(out, seg{name: s[i:j]})
			i = j
		}
	}
	if len(out) == 0 || out[0].index {
		return nil, fmt.Errorf("not a traversal: %q", s)
	}
	return out, nil
}

// readIndex reads "[...]" at s[i] and returns the position after it.
func readIndex(s string, i int) (int, string, error) {
	j := i + 1
	if j < len(s) && s[j] == '"' {
		k := j + 1
		for k < len(s) && s[k] != '"' {
			if s[k] == '\\' {
				k++
			}
			k++
		}
		if k >= len(s) || k+1 >= len(s) || s[k+1] != ']' {
			return 0, "", fmt.Errorf("unterminated index in %q", s)
		}
		str, err := strconv.Unquote(s[j : k+1])
		if err != nil {
			str = s[j+1 : k]
		}
		return k + 2, strconv.Quote(str), nil
	}
	k := strings.IndexByte(s[j:], ']')
	if k < 0 {
		return 0, "", fmt.Errorf("unterminated index in %q", s)
	}
	key := strings.TrimSpace(s[j : j+k])
	if key == "" {
		return 0, "", fmt.Errorf("empty index in %q", s)
	}
	return j + k + 1, key, nil
}

// step is one module call on the way to a module instance. key is the
// canonical instance key ("" when the call has neither count nor for_each);
// any is a wildcard that matches every instance.
type step struct {
	name string
	key  string
	any  bool
}

// parseModuleAddress reads module.a["x"].module.b into steps.
func parseModuleAddress(addr string) ([]step, error) {
	if addr == "" {
		return nil, nil
	}
	segs, err := parseTraversal(addr)
	if err != nil {
		return nil, err
	}
	var out []step
	for i := 0; i < len(segs); i++ {
		if segs[i].index || segs[i].name != "module" || i+1 >= len(segs) || segs[i+1].index {
			return nil, fmt.Errorf("not a module address: %q", addr)
		}
		st := step{name: segs[i+1].name}
		i++
		if i+1 < len(segs) && segs[i+1].index {
			st.key = segs[i+1].key
			i++
		}
		out = append(out, st)
	}
	return out, nil
}

// configAddress is the module's address in the configuration: the instance
// keys dropped (module.ecs_service.module.x).
func configAddress(steps []step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(s.name)
	}
	return b.String()
}

// pathKey renders steps back to module.a["x"].module.b, a wildcard as [*].
func pathKey(steps []step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(s.name)
		if s.any {
			b.WriteString("[*]")
		} else if s.key != "" {
			b.WriteByte('[')
			b.WriteString(s.key)
			b.WriteByte(']')
		}
	}
	return b.String()
}

// indexKey turns a resource_changes "index" (a JSON string or number) into
// the canonical key that parseTraversal produces for the same index.
func indexKey(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			return strconv.Quote(s)
		}
	}
	return strings.TrimSpace(string(raw))
}

// unquoteKey shows a canonical key as the bare instance key: "card-api" for
// ["card-api"], 0 for [0].
func unquoteKey(key string) string {
	if s, err := strconv.Unquote(key); err == nil {
		return s
	}
	return key
}
