package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/lookcard/infrastructure/internal/compliance"
	"github.com/lookcard/infrastructure/policies"
)

// TestBootstrapChecked plans bootstrap/ offline for the production account
// (the state bucket, OIDC provider, deploy, plan, admin and read-only roles),
// rehearses its apply to resolve values known only after it, and requires
// the compliance rules to find no deny: the identity the pipeline rests on is
// checked like the environments. It needs the built tools (make tools) and
// the provider schemas; without them it skips unless LOOKCARD_REQUIRE_TOOLS=1.
func TestBootstrapChecked(t *testing.T) {
	if testing.Short() {
		t.Skip("plans bootstrap/ (seconds): not in -short")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	_, errTofu := os.Stat(filepath.Join(root, "bin", "tofu"))
	_, errProv := os.Stat(filepath.Join(providerDir(root), "terraform-provider-aws"))
	if errTofu != nil || errProv != nil || os.Getenv("LOOKCARD_PROVIDER_SCHEMAS") == "" {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			t.Fatal("needs bin/tofu, the offline provider (make tools) and LOOKCARD_PROVIDER_SCHEMAS")
		}
		t.Skip("needs bin/tofu, the offline provider (make tools) and LOOKCARD_PROVIDER_SCHEMAS")
	}
	ctx := context.Background()
	planPath, statePath, err := planBootstrap(ctx, &options{}, io.Discard, root, "production")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := compliance.ReadPlan(planPath)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Bootstrap || plan.Environment != "production" {
		t.Fatalf("bootstrap plan read as environment %q (bootstrap %v)", plan.Environment, plan.Bootstrap)
	}
	if err := resolveFromState(io.Discard, root, planPath, statePath, plan); err != nil {
		t.Fatal(err)
	}
	pol, err := compliance.Load(ctx, policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pol.Evaluate(ctx, plan, compliance.Options{})
	if err != nil {
		t.Fatal(err)
	}
	examined := 0
	for _, c := range res.Controls {
		examined += len(c.Passed) + len(c.Failed) + len(c.Unverified)
	}
	if ctl, _ := res.Control("LC-IAM-006"); len(ctl.Passed) == 0 {
		t.Errorf("LC-IAM-006 (CI roles through OIDC) examined no role in bootstrap/: %+v", ctl)
	}
	if ctl, _ := res.Control("LC-IAM-005"); len(ctl.Passed) == 0 {
		t.Errorf("LC-IAM-005 (admin roles require MFA) examined no role in bootstrap/: %+v", ctl)
	}
	for _, f := range res.Findings {
		t.Logf("%s %s %s: %s", f.Severity, f.RuleID, f.Address, f.Message)
	}
	if n := res.Count(compliance.Deny); n > 0 || examined == 0 {
		t.Errorf("bootstrap/ (production account): %d deny, %d resources examined", n, examined)
	}
}
