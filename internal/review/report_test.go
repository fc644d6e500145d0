package review

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/compliance"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current saved plan")

// realPlan is develop's saved offline plan (.lookcard/plans), which `make
// test` writes before the Go tests run; without it the test skips, unless
// LOOKCARD_REQUIRE_TOOLS=1.
func realPlan(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(repoRoot, ".lookcard", "plans", "develop.offline.json")
	b, err := os.ReadFile(path)
	if err != nil {
		requireTool(t, "no saved offline plan of develop at "+path+": run `bin/lookcard plan --env develop --offline`")
	}
	return b
}

// upgradeOf turns develop's plan of its database and cache (module.aurora
// and module.redis) from an empty state into the plan of a realistic change
// on an environment where that plan was applied: every resource exists
// (no-op, before = after, values AWS assigns filled in), and the change
//   - renames module.redis to module.cache without a moved block (each
//     resource destroyed and created: the replication group and the engine
//     log group are guarded, the slow-log group is allowed below),
//   - sizes the new cache up (cache.t4g.micro to cache.t4g.small) and keeps
//     its slow log one day (a retention finding),
//   - raises Aurora's maximum capacity from 4 to 8 ACU (an update).
func upgradeOf(t *testing.T, develop []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(develop))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var out []any
	for _, x := range doc["resource_changes"].([]any) {
		rc := x.(map[string]any)
		ch := rc["change"].(map[string]any)
		// Only the two modules the change touches (and the subnet groups
		// their rules check them against): the golden files then change
		// with those, not with every change to the plan.
		m, _ := rc["module_address"].(string)
		if rc["mode"] != "managed" || m != "module.redis" && m != "module.aurora" && !strings.HasSuffix(rc["type"].(string), "_subnet_group") {
			continue
		}
		after := known(ch["after"], ch["after_unknown"])
		ch["before"], ch["after"], ch["actions"], ch["after_unknown"] = after, after, []any{"no-op"}, map[string]any{}
		switch {
		case rc["module_address"] == "module.redis":
			ch["actions"], ch["after"] = []any{"delete"}, nil
			moved := map[string]any{}
			for k, v := range rc {
				moved[k] = v
			}
			moved["address"] = strings.Replace(rc["address"].(string), "module.redis", "module.cache", 1)
			moved["module_address"] = "module.cache"
			values := map[string]any{}
			for k, v := range after {
				values[k] = v
			}
			if rc["type"] == "aws_elasticache_replication_group" {
				values["node_type"] = "cache.t4g.small"
			}
			if strings.Contains(rc["address"].(string), "slow-log") {
				values["retention_in_days"] = json.Number("1")
			}
			moved["change"] = map[string]any{"actions": []any{"create"}, "before": nil, "after": values, "after_unknown": map[string]any{}}
			out = append(out, rc, moved)
			continue
		case rc["address"] == "module.aurora.aws_rds_cluster.this":
			values := map[string]any{}
			for k, v := range after {
				values[k] = v
			}
			values["serverlessv2_scaling_configuration"] = []any{map[string]any{"max_capacity": json.Number("8"), "min_capacity": json.Number("0.5")}}
			ch["after"], ch["actions"] = values, []any{"update"}
		}
		out = append(out, rc)
	}
	doc["resource_changes"] = out
	doc["output_changes"] = map[string]any{}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// known fills the top-level values a plan from an empty state leaves
// unknown, as an applied state would hold them.
func known(after, unknown any) map[string]any {
	values := map[string]any{}
	for k, v := range after.(map[string]any) {
		values[k] = v
	}
	u, _ := unknown.(map[string]any)
	for k, v := range u {
		if v == true {
			values[k] = "simulated-" + k
		}
	}
	return values
}

// TestGoldenReport reviews the change above on develop's real plan and
// compares the Markdown and JSON reports with testdata/golden (rewrite
// them with -update after a deliberate change of the report or the plan).
func TestGoldenReport(t *testing.T) {
	head := upgradeOf(t, realPlan(t))
	base, err := BaseView(head)
	if err != nil {
		t.Fatal(err)
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(head, &plan); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pol, err := compliance.Load(ctx, os.DirFS(filepath.Join(repoRoot, "policies")))
	if err != nil {
		t.Fatal(err)
	}
	a := Assessor{Root: repoRoot, Policies: pol, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	cd, err := a.CostDiff("develop", base, head)
	if err != nil {
		t.Fatal(err)
	}
	bf, err := a.Findings(ctx, "develop", "base", base)
	if err != nil {
		t.Fatal(err)
	}
	hf, err := a.Findings(ctx, "develop", "head", head)
	if err != nil {
		t.Fatal(err)
	}
	r := Build(Input{
		Environment: "develop", Stack: "develop", Mode: "Offline upgrade rehearsal (golden test).",
		Base: Ref{Ref: "origin/develop", Commit: "1111111111111111111111111111111111111111"},
		Head: Ref{Ref: "HEAD", Commit: "2222222222222222222222222222222222222222"},
		Plan: &plan, Cost: cd, BaseFindings: bf, HeadFindings: hf, Checked: true,
		AllowDestroy: []string{`module.redis.aws_cloudwatch_log_group.this["slow-log"]`},
	})

	// What the golden files must show, whatever they hold.
	if !r.Failed() || len(r.Guarded) != 2 {
		t.Errorf("want the replication group and the engine log group guarded, got %v", r.Guarded)
	}
	if r.Counts[Update] != 1 || r.Counts[Create] != 7 || r.Counts[Destroy] != 7 {
		t.Errorf("counts = %v, want 7 created, 7 destroyed, 1 updated", r.Counts)
	}
	if r.Cost == nil || r.Cost.Delta <= 0 {
		t.Errorf("a larger cache node must cost more: %+v", r.Cost)
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	golden(t, "develop.review.md", r.Markdown())
	golden(t, "develop.review.json", js.String())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the report (go test ./internal/review -run TestGoldenReport -update, then review the diff):\n%s", path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}

// TestBaseView: the base's view keeps every resource at its prior value
// (a moved one under the head's address), drops what the head creates,
// and holds outputs at their prior values.
func TestBaseView(t *testing.T) {
	head := `{"format_version": "1.2", "resource_changes": [
	  {"address": "aws_s3_bucket.new", "mode": "managed", "type": "aws_s3_bucket", "change": {"actions": ["create"], "before": null, "after": {"bucket": "n"}, "after_unknown": {"arn": true}}},
	  {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "change": {"actions": ["update"], "before": {"deletion_window_in_days": 7}, "after": {"deletion_window_in_days": 30}, "after_unknown": {}}},
	  {"address": "aws_sqs_queue.b", "previous_address": "aws_sqs_queue.a", "mode": "managed", "type": "aws_sqs_queue", "change": {"actions": ["no-op"], "before": {"name": "q"}, "after": {"name": "q"}, "after_unknown": {}}}],
	  "output_changes": {"old": {"actions": ["no-op"], "before": "x", "after": "x"}, "new": {"actions": ["create"], "before": null, "after_unknown": true}},
	  "planned_values": {"root_module": {}}}`
	b, err := BaseView([]byte(head))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ResourceChanges []struct {
			Address         string `json:"address"`
			PreviousAddress string `json:"previous_address"`
			Change          struct {
				Actions []string       `json:"actions"`
				After   map[string]any `json:"after"`
			} `json:"change"`
		} `json:"resource_changes"`
		OutputChanges map[string]any `json:"output_changes"`
		PlannedValues any            `json:"planned_values"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.ResourceChanges) != 2 || got.ResourceChanges[0].Address != "aws_kms_key.k" || got.ResourceChanges[1].Address != "aws_sqs_queue.b" {
		t.Fatalf("resources = %+v, want the key and the moved queue (under its new address), not the new bucket", got.ResourceChanges)
	}
	if w := got.ResourceChanges[0].Change.After["deletion_window_in_days"]; w != float64(7) {
		t.Errorf("the key's base value is %v, want its prior 7", w)
	}
	if got.ResourceChanges[1].PreviousAddress != "" || got.ResourceChanges[0].Change.Actions[0] != "no-op" {
		t.Errorf("want no-ops without previous addresses: %+v", got.ResourceChanges)
	}
	if _, ok := got.OutputChanges["new"]; ok || got.PlannedValues != nil {
		t.Errorf("outputs %v / planned_values %v: the head's new output and planned values must not be in the base", got.OutputChanges, got.PlannedValues)
	}
}
