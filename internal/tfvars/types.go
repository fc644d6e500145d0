package tfvars

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// CheckTypes refuses a key, at any depth, that the root module's variables
// (declared in the .tf files of rootDir) do not have: the engine would
// ignore a misspelt object attribute silently and keep its default. Each
// problem names its path and the nearest valid key. Values are otherwise
// left to the engine's own type conversion. A root with no variable
// declared (not a configuration) is not checked.
func CheckTypes(rootDir, path string, vars map[string]any) error {
	decl, err := Declared(rootDir)
	if err != nil {
		return err
	}
	if len(decl) == 0 {
		return nil
	}
	top := make(map[string]cty.Type, len(decl))
	for k, v := range decl {
		top[k] = v.Type
	}
	var problems []string
	walkObject(vars, top, "", "variable", &problems)
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("%s has %d unknown key(s), which the engine would ignore (keeping the default): %s; fix the spelling",
		filepath.Base(path), len(problems), strings.Join(problems, "; "))
}

func walkObject(v map[string]any, attrs map[string]cty.Type, at, what string, problems *[]string) {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := join(at, k)
		t, ok := attrs[k]
		if !ok {
			msg := fmt.Sprintf("%s: no such %s", p, what)
			if near := nearest(k, attrs); near != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", near)
			}
			*problems = append(*problems, msg)
			continue
		}
		walk(v[k], t, p, problems)
	}
}

func walk(v any, t cty.Type, at string, problems *[]string) {
	switch {
	case t == cty.DynamicPseudoType || v == nil:
		return
	case t.IsObjectType():
		if m, ok := v.(map[string]any); ok {
			walkObject(m, t.AttributeTypes(), at, "attribute", problems)
		}
	case t.IsMapType():
		if m, ok := v.(map[string]any); ok {
			for k, e := range m {
				walk(e, t.ElementType(), join(at, k), problems)
			}
		}
	case t.IsListType() || t.IsSetType():
		if l, ok := v.([]any); ok {
			for i, e := range l {
				walk(e, t.ElementType(), at+"["+strconv.Itoa(i)+"]", problems)
			}
		}
	case t.IsTupleType():
		if l, ok := v.([]any); ok {
			for i, e := range l {
				if i < len(t.TupleElementTypes()) {
					walk(e, t.TupleElementTypes()[i], at+"["+strconv.Itoa(i)+"]", problems)
				}
			}
		}
	}
}

func join(at, k string) string {
	if at == "" {
		return k
	}
	return at + "." + k
}

// nearest is the valid key closest to k by edit distance, when it is close
// enough to be a plausible typo.
func nearest(k string, attrs map[string]cty.Type) string {
	best, bestD := "", -1
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if d := distance(k, n); bestD < 0 || d < bestD {
			best, bestD = n, d
		}
	}
	if bestD < 0 || bestD > max(2, len(k)/3) {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
