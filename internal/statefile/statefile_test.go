package statefile_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/cost"
	"github.com/lookcard/infrastructure/internal/statefile"
)

const state = `{"version": 4, "outputs": {"big": {"value": 12345678901234567890}, "s": {"value": "x"}},
 "resources": [
  {"mode": "managed", "type": "aws_s3_bucket", "name": "b", "instances": [{"attributes": {"bucket": "x", "n": 1.5}}]},
  {"module": "module.m[\"k\"]", "mode": "managed", "type": "aws_iam_role", "name": "r", "instances": [{"index_key": 0, "attributes": {}}, {"index_key": 12, "attributes": {}}]},
  {"module": "module.m", "mode": "data", "type": "aws_region", "name": "this", "instances": [{"index_key": "a\"b", "attributes": {"name": "ap-southeast-1"}}]},
  {"mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{"attributes": {}}]}
 ]}`

func TestParseAddressesAsPlanJSONSpellsThem(t *testing.T) {
	st, err := statefile.Parse([]byte(state), false)
	if err != nil {
		t.Fatal(err)
	}
	want := []statefile.Instance{
		{Address: "aws_s3_bucket.b", Mode: "managed", Type: "aws_s3_bucket"},
		{Address: `module.m["k"].aws_iam_role.r[0]`, Module: `module.m["k"]`, Mode: "managed", Type: "aws_iam_role"},
		{Address: `module.m["k"].aws_iam_role.r[12]`, Module: `module.m["k"]`, Mode: "managed", Type: "aws_iam_role"},
		{Address: `module.m.data.aws_region.this["a\"b"]`, Module: "module.m", Mode: "data", Type: "aws_region"},
		{Address: "data.aws_caller_identity.me", Mode: "data", Type: "aws_caller_identity"},
	}
	if len(st.Instances) != len(want) {
		t.Fatalf("%d instances, want %d: %+v", len(st.Instances), len(want), st.Instances)
	}
	for i, w := range want {
		got := st.Instances[i]
		got.Attributes = nil
		if !reflect.DeepEqual(got, w) {
			t.Errorf("instance %d = %+v, want %+v", i, got, w)
		}
	}
	if st.Instances[0].Attributes["n"] != 1.5 || st.Outputs["s"] != "x" {
		t.Errorf("values: %v, outputs %v", st.Instances[0].Attributes, st.Outputs)
	}
}

func TestParseExactKeepsNumbers(t *testing.T) {
	st, err := statefile.Parse([]byte(state), true)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Outputs["big"]; got != json.Number("12345678901234567890") {
		t.Errorf("big output = %#v, want the exact json.Number", got)
	}
	if got := st.Instances[0].Attributes["n"]; got != json.Number("1.5") {
		t.Errorf("n = %#v, want json.Number 1.5", got)
	}
}

func TestParseRejectsWhatIsNotAStateFile(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{`, "not a state file"},
		{`{"format_version": "1.2"}`, "state format version 0, want 4"},
		{`{"version": 3, "resources": []}`, "state format version 3, want 4"},
	} {
		if _, err := statefile.Parse([]byte(c.in), false); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) = %v, want %q", c.in, err, c.want)
		}
	}
	dir := t.TempDir()
	if _, err := statefile.Read(filepath.Join(dir, "missing.tfstate"), false); err == nil || !strings.Contains(err.Error(), "reading state") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.tfstate")
	if err := os.WriteFile(bad, []byte(`{"version": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := statefile.Read(bad, false); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Errorf("a bad file is named in its error: %v", err)
	}
}

// internal/cost keeps the managed resources by address: the same values
// this reader gives.
func TestCostReadsStateAsStatefileDoes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terraform.tfstate")
	if err := os.WriteFile(path, []byte(state), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := statefile.Read(path, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{}
	for _, in := range st.Instances {
		if in.Mode == "managed" {
			want[in.Address] = in.Attributes
		}
	}
	got, err := cost.ReadState(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(map[string]map[string]any(got), want) {
		t.Errorf("cost.ReadState = %v, statefile reads %v", got, want)
	}
}
