// Package statefile is the one reader of a state file's values (format
// version 4, as OpenTofu and Terraform write terraform.tfstate): an offline
// rehearsal's state resolves what a plan knows only after apply, for the
// compliance rules and the AWS rules alike. It answers "what is the address
// of this resource instance" once, as plan JSON spells it.
package statefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
)

// Instance is one resource instance of the state.
type Instance struct {
	// Address is the instance's address as plan JSON spells it
	// (module.a.aws_x.y["k"], data.aws_z.w[0]).
	Address string
	// Module is the module instance address, "" for the root.
	Module string
	// Mode is "managed" or "data".
	Mode       string
	Type       string
	Attributes map[string]any
}

// State is what a state file holds: its resource instances, in the file's
// order, and the root module's output values.
type State struct {
	Instances []Instance
	Outputs   map[string]any
}

type stateJSON struct {
	Version int `json:"version"`
	Outputs map[string]struct {
		Value any `json:"value"`
	} `json:"outputs"`
	Resources []struct {
		Module    string `json:"module"`
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			IndexKey   json.RawMessage `json:"index_key"`
			Attributes map[string]any  `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// Read reads a state file; see Parse.
func Read(path string, exact bool) (*State, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading state: %w", err)
	}
	st, err := Parse(src, exact)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// Parse decodes a state file's JSON. Numbers in values decode as float64,
// or, when exact, as json.Number (kept exactly as the engine wrote them).
func Parse(src []byte, exact bool) (*State, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	if exact {
		dec.UseNumber()
	}
	var raw stateJSON
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("not a state file: %w", err)
	}
	if raw.Version != 4 {
		return nil, fmt.Errorf("state format version %d, want 4", raw.Version)
	}
	st := &State{Outputs: make(map[string]any, len(raw.Outputs))}
	for name, o := range raw.Outputs {
		st.Outputs[name] = o.Value
	}
	for _, r := range raw.Resources {
		base := r.Type + "." + r.Name
		if r.Mode == "data" {
			base = "data." + base
		}
		if r.Module != "" {
			base = r.Module + "." + base
		}
		for _, in := range r.Instances {
			st.Instances = append(st.Instances, Instance{
				Address:    base + indexSuffix(in.IndexKey),
				Module:     r.Module,
				Mode:       r.Mode,
				Type:       r.Type,
				Attributes: in.Attributes,
			})
		}
	}
	return st, nil
}

// indexSuffix is the address suffix of an instance's index_key: ["k"] for
// a for_each key, [0] for a count index, "" for none.
func indexSuffix(key json.RawMessage) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(key))
	dec.UseNumber()
	if len(key) == 0 || dec.Decode(&v) != nil {
		return ""
	}
	switch k := v.(type) {
	case string:
		return "[" + strconv.Quote(k) + "]"
	case json.Number:
		return "[" + k.String() + "]"
	}
	return ""
}
