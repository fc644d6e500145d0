package cost

import (
	"encoding/json"
	"fmt"
	"os"
)

// State is the attribute values of a state file (the offline rehearsal's
// .lookcard/rehearsal/<stack>/terraform.tfstate) by resource address: what
// a plan leaves unknown, a rehearsal apply has resolved.
type State map[string]map[string]any

// ReadState reads a Terraform/OpenTofu state file (format version 4).
func ReadState(file string) (State, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading state: %w", err)
	}
	var raw struct {
		Version   int `json:"version"`
		Resources []struct {
			Module    string `json:"module"`
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				IndexKey   any            `json:"index_key"`
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a state file: %w", file, err)
	}
	if raw.Version != 4 {
		return nil, fmt.Errorf("%s: unsupported state version %d (expected 4)", file, raw.Version)
	}
	s := State{}
	for _, r := range raw.Resources {
		if r.Mode != "managed" {
			continue
		}
		base := r.Type + "." + r.Name
		if r.Module != "" {
			base = r.Module + "." + base
		}
		for _, in := range r.Instances {
			addr := base
			switch k := in.IndexKey.(type) {
			case string:
				addr += fmt.Sprintf("[%q]", k)
			case float64:
				addr += fmt.Sprintf("[%d]", int(k))
			}
			s[addr] = in.Attributes
		}
	}
	return s, nil
}
