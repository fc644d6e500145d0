package catalog

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// CheckDuplicates refuses a catalog in which any mapping, at any depth,
// names a key twice: the engine's yamldecode keeps the last one silently,
// so a second "card-api:" would quietly replace the first service.
func CheckDuplicates(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading service catalog %s: %w", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("parsing service catalog %s: %w", path, err)
	}
	var dups []string
	walkDuplicates(&doc, "", &dups)
	if len(dups) > 0 {
		return fmt.Errorf("service catalog %s defines %s; remove or rename the duplicate (the engine would keep only the last)", path, strings.Join(dups, "; "))
	}
	return nil
}

func walkDuplicates(n *yaml.Node, at string, dups *[]string) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for i, c := range n.Content {
			p := at
			if n.Kind == yaml.SequenceNode {
				p = fmt.Sprintf("%s[%d]", at, i)
			}
			walkDuplicates(c, p, dups)
		}
	case yaml.MappingNode:
		first := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if at != "" {
				p = at + "." + k.Value
			}
			if line, seen := first[k.Value]; seen {
				what := fmt.Sprintf("key %s", p)
				if at == "services" {
					what = fmt.Sprintf("service %q", k.Value)
				}
				*dups = append(*dups, fmt.Sprintf("%s twice (line %d and line %d)", what, line, k.Line))
				continue
			}
			first[k.Value] = k.Line
			walkDuplicates(v, p, dups)
		}
	}
}
