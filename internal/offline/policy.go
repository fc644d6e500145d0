package offline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"sort"
	"strconv"

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
// compliance checks can read. One-element lists collapse to a string.
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
	for _, b := range blocks {
		st, err := renderStatement(b)
		if err != nil {
			return PolicyDocument{}, err
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

func renderStatement(b tftypes.Value) (*statement, error) {
	var a map[string]tftypes.Value
	if err := b.As(&a); err != nil {
		return nil, fmt.Errorf("reading statement: %w", err)
	}
	st := &statement{
		Sid:         str(a["sid"]),
		Effect:      str(a["effect"]),
		Action:      collapse(strs(a["actions"], true)),
		NotAction:   collapse(strs(a["not_actions"], true)),
		Resource:    collapse(strs(a["resources"], true)),
		NotResource: collapse(strs(a["not_resources"], true)),
	}
	if st.Effect == "" {
		st.Effect = "Allow"
	}
	var err error
	if st.Principal, err = principals(a["principals"]); err != nil {
		return nil, err
	}
	if st.NotPrincipal, err = principals(a["not_principals"]); err != nil {
		return nil, err
	}
	if st.Condition, err = conditions(a["condition"]); err != nil {
		return nil, err
	}
	return st, nil
}

func principals(v tftypes.Value) (any, error) {
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
		sort.Strings(ids)
		out[typ] = collapse(ids)
	}
	return out, nil
}

func conditions(v tftypes.Value) (any, error) {
	blocks, err := elems(v)
	if err != nil || len(blocks) == 0 {
		return nil, err
	}
	out := map[string]map[string]any{}
	for _, b := range blocks {
		var a map[string]tftypes.Value
		if err := b.As(&a); err != nil {
			return nil, fmt.Errorf("reading condition: %w", err)
		}
		test := str(a["test"])
		if out[test] == nil {
			out[test] = map[string]any{}
		}
		out[test][str(a["variable"])] = collapse(strs(a["values"], false))
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
		sort.Strings(out)
	}
	return out
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
