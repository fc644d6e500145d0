package planfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecodeRejectsWhatIsNotPlanJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{`, "not plan JSON (tofu show -json of a saved plan)"},
		{`{"values": {}}`, "not plan JSON: no format_version"},
		{`{"format_version": "2.0"}`, "unsupported plan format_version 2.0 (expected 1.x)"},
		{`{"format_version": "1.2", "variables": {"environment": "develop"}}`, "not plan JSON"},
	} {
		var h Header
		if err := Decode([]byte(c.in), &h); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decode(%s) = %v, want %q", c.in, err, c.want)
		}
		if _, err := Parse([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) = %v, want %q", c.in, err, c.want)
		}
	}
}

func TestTarget(t *testing.T) {
	for _, c := range []struct {
		vars string
		want Target
	}{
		{`{"environment": {"value": "staging"}, "preview": {"value": ""}}`, Target{Environment: "staging"}},
		{`{"environment": {"value": "sandbox"}, "preview": {"value": "feature-x"}}`, Target{Environment: "sandbox", Preview: "feature-x"}},
		{`{"account_name": {"value": "production"}}`, Target{Environment: "production", Bootstrap: true}},
		// A plan of the root names its environment even beside an account_name.
		{`{"environment": {"value": "develop"}, "account_name": {"value": "production"}}`, Target{Environment: "develop"}},
		{`{"environment": {"value": 3}}`, Target{}},
		{`{}`, Target{}},
	} {
		var h Header
		if err := Decode([]byte(`{"format_version": "1.2", "variables": `+c.vars+`}`), &h); err != nil {
			t.Fatal(err)
		}
		if got := h.Target(); got != c.want {
			t.Errorf("Target(%s) = %+v, want %+v", c.vars, got, c.want)
		}
	}
}

func TestValues(t *testing.T) {
	var h Header
	if err := Decode([]byte(`{"format_version": "1.2", "variables": {"n": {"value": 2}, "m": {"value": {"a": true}}, "null": {"value": null}, "none": {}}}`), &h); err != nil {
		t.Fatal(err)
	}
	v := h.Values()
	if v["n"] != 2.0 || v["m"].(map[string]any)["a"] != true || v["null"] != nil || v["none"] != nil || len(v) != 4 {
		t.Errorf("Values = %#v", v)
	}
	if h.String("n") != "" || h.Value("absent") != nil {
		t.Errorf("String(n) = %q, Value(absent) = %v", h.String("n"), h.Value("absent"))
	}
}

func TestReadHeader(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadHeader(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "reading plan") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"resources": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadHeader(bad); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Errorf("a bad file is named in its error: %v", err)
	}
}

func TestLoadDecodesAReadersView(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(`{"format_version": "1.2", "resource_changes": [{"address": "aws_s3_bucket.b"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Header
		ResourceChanges []struct {
			Address string `json:"address"`
		} `json:"resource_changes"`
	}
	if err := Load(path, &v); err != nil || len(v.ResourceChanges) != 1 || v.ResourceChanges[0].Address != "aws_s3_bucket.b" {
		t.Errorf("Load = %v, %+v", err, v)
	}
	if err := os.WriteFile(path, []byte(`{"format_version": "2.0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Load(path, &v); err == nil || err.Error() != path+": unsupported plan format_version 2.0 (expected 1.x)" {
		t.Errorf("a bad plan is named in its error: %v", err)
	}
}

func TestRemainingLeavesOutDataSourcesAndDeletions(t *testing.T) {
	var p Planned
	err := Decode([]byte(`{"format_version": "1.2", "resource_changes": [
		{"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["create"], "after": {"cidr_block": "10.0.0.0/16"}, "after_unknown": {"id": true}}},
		{"address": "data.aws_region.current", "mode": "data", "type": "aws_region", "change": {"actions": ["read"], "after": {"name": "ap-southeast-1"}}},
		{"address": "aws_s3_bucket.old", "mode": "managed", "type": "aws_s3_bucket", "change": {"actions": ["delete"], "after": null}},
		{"address": "module.a.aws_sqs_queue.q[\"x\"]", "module_address": "module.a", "mode": "managed", "type": "aws_sqs_queue", "index": "x", "change": {"actions": ["no-op"], "after": {}}}
	]}`), &p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rc := range p.Remaining() {
		got = append(got, rc.Address)
	}
	if strings.Join(got, " ") != `aws_vpc.main module.a.aws_sqs_queue.q["x"]` {
		t.Fatalf("Remaining = %v", got)
	}
	r := p.Remaining()
	if r[0].Change.AfterUnknown["id"] != true || r[0].Change.After["cidr_block"] != "10.0.0.0/16" || r[1].Index != "x" || r[1].ModuleAddress != "module.a" {
		t.Errorf("decoded change = %+v / %+v", r[0], r[1])
	}
}
