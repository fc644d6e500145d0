package offline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// PolicyDocument is the rendered output of aws_iam_policy_document.
type PolicyDocument struct {
	Pretty   string
	Minified string
	ID       string
}

type policy struct {
	Version   string       `json:"Version,omitempty"`
	ID        string       `json:"Id,omitempty"`
	Statement []*statement `json:"Statement"`
}

type statement struct {
	Sid          string `json:"Sid,omitempty"`
	Effect       string `json:"Effect,omitempty"`
	Action       any    `json:"Action,omitempty"`
	NotAction    any    `json:"NotAction,omitempty"`
	Resource     any    `json:"Resource,omitempty"`
	NotResource  any    `json:"NotResource,omitempty"`
	Principal    any    `json:"Principal,omitempty"`
	NotPrincipal any    `json:"NotPrincipal,omitempty"`
	Condition    any    `json:"Condition,omitempty"`
}

// RenderPolicyDocument renders the configuration of an
// aws_iam_policy_document data source into IAM policy JSON, as the AWS
// provider does, so that policies reach the plan as real text that
// compliance checks can read. One-element lists collapse to a string;
// longer ones of actions, resources and principals are sorted in reverse,
// as the provider does, while condition values keep their order.
func RenderPolicyDocument(cfg tftypes.Value) (PolicyDocument, error) {
	var attrs map[string]tftypes.Value
	if err := cfg.As(&attrs); err != nil {
		return PolicyDocument{}, fmt.Errorf("reading aws_iam_policy_document: %w", err)
	}
	doc := policy{Version: str(attrs["version"]), ID: str(attrs["policy_id"])}
	if doc.Version == "" {
		doc.Version = "2012-10-17"
	}
	var merge func(src string) error
	merge = func(src string) error {
		var p struct {
			Statement json.RawMessage `json:"Statement"`
		}
		if err := json.Unmarshal([]byte(src), &p); err != nil {
			return fmt.Errorf("parsing policy document: %w", err)
		}
		var sts []*statement
		if len(p.Statement) > 0 && p.Statement[0] == '{' {
			var one statement
			if err := json.Unmarshal(p.Statement, &one); err != nil {
				return fmt.Errorf("parsing policy statement: %w", err)
			}
			sts = []*statement{&one}
		} else if err := json.Unmarshal(p.Statement, &sts); err != nil {
			return fmt.Errorf("parsing policy statements: %w", err)
		}
		for _, st := range sts {
			doc.Statement = upsert(doc.Statement, st)
		}
		return nil
	}
	for _, src := range strs(attrs["source_policy_documents"], false) {
		if err := merge(src); err != nil {
			return PolicyDocument{}, fmt.Errorf("source_policy_documents: %w", err)
		}
	}
	var blocks []tftypes.Value
	if v := attrs["statement"]; !v.IsNull() {
		if err := v.As(&blocks); err != nil {
			return PolicyDocument{}, fmt.Errorf("reading statement blocks: %w", err)
		}
	}
	for i, b := range blocks {
		st, err := renderStatement(b, doc.Version)
		if err != nil {
			return PolicyDocument{}, fmt.Errorf("statement %d: %w", i, err)
		}
		doc.Statement = upsert(doc.Statement, st)
	}
	for _, src := range strs(attrs["override_policy_documents"], false) {
		if err := merge(src); err != nil {
			return PolicyDocument{}, fmt.Errorf("override_policy_documents: %w", err)
		}
	}
	if doc.Statement == nil {
		doc.Statement = []*statement{}
	}
	pretty, err := marshal(doc, true)
	if err != nil {
		return PolicyDocument{}, err
	}
	mini, err := marshal(doc, false)
	if err != nil {
		return PolicyDocument{}, err
	}
	return PolicyDocument{Pretty: pretty, Minified: mini, ID: strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(mini))), 10)}, nil
}

func marshal(v any, indent bool) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("encoding policy: %w", err)
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// upsert replaces a statement with the same non-empty Sid, or appends.
func upsert(list []*statement, st *statement) []*statement {
	if st.Sid != "" {
		for i, cur := range list {
			if cur.Sid == st.Sid {
				list[i] = st
				return list
			}
		}
	}
	return append(list, st)
}

func renderStatement(b tftypes.Value, version string) (*statement, error) {
	var a map[string]tftypes.Value
	if err := b.As(&a); err != nil {
		return nil, fmt.Errorf("reading statement: %w", err)
	}
	resources, err := policyVars(strs(a["resources"], true), version)
	if err != nil {
		return nil, fmt.Errorf("resources: %w", err)
	}
	notResources, err := policyVars(strs(a["not_resources"], true), version)
	if err != nil {
		return nil, fmt.Errorf("not_resources: %w", err)
	}
	st := &statement{
		Sid:         str(a["sid"]),
		Effect:      str(a["effect"]),
		Action:      collapse(strs(a["actions"], true)),
		NotAction:   collapse(strs(a["not_actions"], true)),
		Resource:    collapse(resources),
		NotResource: collapse(notResources),
	}
	if st.Effect == "" {
		st.Effect = "Allow"
	}
	if st.Principal, err = principals(a["principals"], version); err != nil {
		return nil, fmt.Errorf("principals: %w", err)
	}
	if st.NotPrincipal, err = principals(a["not_principals"], version); err != nil {
		return nil, fmt.Errorf("not_principals: %w", err)
	}
	if st.Condition, err = conditions(a["condition"], version); err != nil {
		return nil, fmt.Errorf("condition: %w", err)
	}
	return st, nil
}

// policyVarEscape is the provider's escape for IAM policy variables:
// "&{aws:username}" in the configuration, where "${...}" would be HCL
// interpolation, renders as "${aws:username}".
var policyVarEscape = strings.NewReplacer("&{", "${")

// policyVars applies policyVarEscape to list in place. Version 2008-10-17
// has no policy variables, so the provider rejects the escape there.
func policyVars(list []string, version string) ([]string, error) {
	for i, s := range list {
		if version == "2008-10-17" && strings.Contains(s, "&{") {
			return nil, fmt.Errorf("found &{ sequence in (%s), which is not supported in document version 2008-10-17", s)
		}
		list[i] = policyVarEscape.Replace(s)
	}
	return list, nil
}

func principals(v tftypes.Value, version string) (any, error) {
	blocks, err := elems(v)
	if err != nil || len(blocks) == 0 {
		return nil, err
	}
	out := map[string]any{}
	merged := map[string][]string{}
	for _, b := range blocks {
		var a map[string]tftypes.Value
		if err := b.As(&a); err != nil {
			return nil, fmt.Errorf("reading principals: %w", err)
		}
		typ := str(a["type"])
		merged[typ] = append(merged[typ], strs(a["identifiers"], true)...)
	}
	if ids, ok := merged["*"]; ok && len(merged) == 1 && len(ids) == 1 && ids[0] == "*" {
		return "*", nil
	}
	for typ, ids := range merged {
		// Sorted before the escape is applied, as the provider does.
		reverseSort(ids)
		if ids, err = policyVars(ids, version); err != nil {
			return nil, err
		}
		out[typ] = collapse(ids)
	}
	return out, nil
}

func conditions(v tftypes.Value, version string) (any, error) {
	blocks, err := elems(v)
	if err != nil || len(blocks) == 0 {
		return nil, err
	}
	// Blocks with the same test and variable add to one list of values.
	merged := map[string]map[string][]string{}
	for _, b := range blocks {
		var a map[string]tftypes.Value
		if err := b.As(&a); err != nil {
			return nil, fmt.Errorf("reading condition: %w", err)
		}
		values, err := policyVars(strs(a["values"], false), version)
		if err != nil {
			return nil, fmt.Errorf("values: %w", err)
		}
		test, variable := str(a["test"]), str(a["variable"])
		if merged[test] == nil {
			merged[test] = map[string][]string{}
		}
		merged[test][variable] = append(merged[test][variable], values...)
	}
	out := map[string]map[string]any{}
	for test, vars := range merged {
		out[test] = map[string]any{}
		for variable, values := range vars {
			if values == nil {
				values = []string{} // an empty list renders as [], not null
			}
			if len(values) == 1 {
				out[test][variable] = values[0]
			} else {
				out[test][variable] = values
			}
		}
	}
	return out, nil
}

func elems(v tftypes.Value) ([]tftypes.Value, error) {
	if v.IsNull() || !v.IsKnown() {
		return nil, nil
	}
	var out []tftypes.Value
	if err := v.As(&out); err != nil {
		return nil, fmt.Errorf("reading collection: %w", err)
	}
	return out, nil
}

func str(v tftypes.Value) string {
	if v.IsNull() || !v.IsKnown() {
		return ""
	}
	var s string
	_ = v.As(&s)
	return s
}

func strs(v tftypes.Value, sorted bool) []string {
	vals, _ := elems(v)
	out := make([]string, 0, len(vals))
	for _, e := range vals {
		out = append(out, str(e))
	}
	if sorted {
		reverseSort(out)
	}
	return out
}

// reverseSort orders a list as the provider's policyDecodeConfigStringList
// does: sort.Reverse(sort.StringSlice(...)).
func reverseSort(list []string) {
	sort.Sort(sort.Reverse(sort.StringSlice(list)))
}

func collapse(list []string) any {
	switch len(list) {
	case 0:
		return nil
	case 1:
		return list[0]
	}
	return list
}
