// Package planfile is the one reader of a saved plan's JSON (`tofu show -json
// <planfile>`, as `lookcard plan` saves it): it checks that a document is plan
// JSON of a format the tooling reads, with one wording for what is not, and
// answers "which environment is this plan for" once.
//
// The documents are large (megabytes), so each reader decodes the file once,
// with Decode, into a view that embeds Header. Cost and the AWS rules read
// the planned values and share Planned; compliance hands the whole document
// to Rego; the graph keeps the raw values because it masks them before
// anything can print them. Readers that want the typed terraform-json plan
// (the plan summary, review) use Parse.
package planfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Header is the part of plan JSON every reader checks: the format version
// and the root module's variables.
type Header struct {
	FormatVersion string              `json:"format_version"`
	Variables     map[string]Variable `json:"variables"`
}

// Variable is one root variable's value as the plan recorded it.
type Variable struct {
	Value json.RawMessage `json:"value"`
}

// Checker is a decoded plan view that embeds Header.
type Checker interface{ Check() error }

// Check reports whether the document is plan JSON of format 1.x.
func (h *Header) Check() error {
	if h.FormatVersion == "" {
		return errors.New("not plan JSON: no format_version (expected the output of tofu show -json <saved plan>)")
	}
	if major, _, _ := strings.Cut(h.FormatVersion, "."); major != "1" {
		return fmt.Errorf("unsupported plan format_version %s (expected 1.x)", h.FormatVersion)
	}
	return nil
}

// Value is a root variable's value decoded as encoding/json decodes into any
// (numbers are float64); nil when the plan does not have it.
func (h *Header) Value(name string) any {
	var v any
	if raw, ok := h.Variables[name]; ok && len(raw.Value) > 0 {
		_ = json.Unmarshal(raw.Value, &v)
	}
	return v
}

// String is a root variable's value when it is a string, else "".
func (h *Header) String(name string) string {
	s, _ := h.Value(name).(string)
	return s
}

// Values is every root variable's value (see Value).
func (h *Header) Values() map[string]any {
	out := make(map[string]any, len(h.Variables))
	for k := range h.Variables {
		out[k] = h.Value(k)
	}
	return out
}

// Target says which environment a plan is for.
type Target struct {
	// Environment is the plan's TF_VAR_environment; for a plan of
	// bootstrap/, which has none, its account_name.
	Environment string
	// Preview is the sandbox preview's name (TF_VAR_preview), "" otherwise.
	Preview string
	// Bootstrap marks a plan of bootstrap/.
	Bootstrap bool
}

// Target answers "which environment is this plan for" from its variables.
func (h *Header) Target() Target {
	t := Target{Environment: h.String("environment"), Preview: h.String("preview")}
	if _, ok := h.Variables["account_name"]; ok && t.Environment == "" {
		t.Environment, t.Bootstrap = h.String("account_name"), true
	}
	return t
}

// Planned is the view of plan JSON that reads planned values: the header and
// each resource's change with its after values decoded. A reader that needs
// more (outputs, prior state) embeds it in its own struct.
type Planned struct {
	Header
	ResourceChanges []ResourceChange `json:"resource_changes"`
}

// ResourceChange is one resource instance's planned change.
type ResourceChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Mode          string `json:"mode"`
	Type          string `json:"type"`
	Name          string `json:"name"`
	Index         any    `json:"index"` // string or number (float64); nil without count/for_each
	Change        struct {
		Actions      []string       `json:"actions"`
		After        map[string]any `json:"after"`
		AfterUnknown map[string]any `json:"after_unknown"` // true where known only after apply
	} `json:"change"`
}

// Remaining is the managed resources as the plan leaves them, in plan
// order: data sources and resources being destroyed (no after) are left out.
func (p *Planned) Remaining() []ResourceChange {
	var out []ResourceChange
	for _, rc := range p.ResourceChanges {
		if rc.Mode == "managed" && rc.Change.After != nil {
			out = append(out, rc)
		}
	}
	return out
}

// Read reads a plan JSON file.
func Read(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading plan: %w", err)
	}
	return b, nil
}

// Decode decodes plan JSON into v (a view that embeds Header) and checks it.
func Decode(b []byte, v Checker) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("not plan JSON (tofu show -json of a saved plan): %w", err)
	}
	return v.Check()
}

// Load reads a plan JSON file and decodes it into v (see Decode); an error
// names the file.
func Load(path string, v Checker) error {
	b, err := Read(path)
	if err != nil {
		return err
	}
	if err := Decode(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadHeader reads only the header of a plan JSON file (its target, say).
func ReadHeader(path string) (*Header, error) {
	var h Header
	if err := Load(path, &h); err != nil {
		return nil, err
	}
	return &h, nil
}

// Parse decodes plan JSON into terraform-json's typed plan, after the same
// checks as Decode.
func Parse(b []byte) (*tfjson.Plan, error) {
	var h Header
	if err := Decode(b, &h); err != nil {
		return nil, err
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("not plan JSON (tofu show -json of a saved plan): %w", err)
	}
	return &p, nil
}
