package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/compliance"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/workspace"
	"github.com/lookcard/infrastructure/policies"
)

// checkFlags are the flags of lookcard check.
type checkFlags struct {
	all                             bool
	format, plan, output, policyDir string
}

func newCheckCmd(o *options) *cobra.Command {
	var fl checkFlags
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check saved plans against the PCI DSS v4.0 and SOC 2 controls in policies/",
		Long: `check evaluates the compliance rules in policies/ (Rego; one package per
control, with its PCI DSS v4.0 requirements, SOC 2 criteria and remediation)
over the plan JSON that 'lookcard plan' saved under .lookcard/plans/
(<stack>.json, else <stack>.offline.json). It runs offline and never calls AWS.

A rule's findings are a failure (deny) or a warning (warn) depending on the
environment; policies/exceptions.yaml suppresses accepted findings until their
expiry date, and an expired exception is itself a failure.

Formats: table (people), json (tools), sarif (GitHub code scanning: one run per
environment) and html (a self-contained auditor's report with the control ×
environment matrix and the evidence for each control; use it with --all).

Exit codes: 0 no failure, 1 an error or any failing (deny) finding.`,
		Example: `  lookcard plan --env production --offline && lookcard check --env production
  lookcard check                                   # the branch's environment
  lookcard check --all --format html --output compliance.html
  lookcard check --env staging --format sarif --output lookcard.sarif
  lookcard check --plan plan.json --format json    # any saved plan JSON (tofu show -json)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rep, err := runCheck(cmd.Context(), o, &fl)
			if err != nil {
				return err
			}
			if err := writeCheckReport(cmd.OutOrStdout(), rep, fl.format, fl.output); err != nil {
				return err
			}
			if n := rep.Denies(); n > 0 {
				return fmt.Errorf("%d compliance finding(s) fail the check", n)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&fl.all, "all", false, "check every environment that has a saved plan")
	f.StringVar(&fl.format, "format", "", "output format: table, json, sarif or html (default table; json with --json)")
	f.StringVar(&fl.plan, "plan", "", "plan JSON to check instead of the saved plan of the environment")
	f.StringVarP(&fl.output, "output", "o", "", "write the report to this file instead of standard output")
	f.StringVar(&fl.policyDir, "policies", "", "policy directory (default: the repository's policies/, else the built-in copy)")
	return cmd
}

// runCheck evaluates the policies over the chosen plans.
func runCheck(ctx context.Context, o *options, fl *checkFlags) (*compliance.Report, error) {
	if fl.format == "" {
		fl.format = "table"
		if o.json {
			fl.format = "json"
		}
	}
	if !checkFormatValid(fl.format) {
		return nil, fmt.Errorf("--format %s: want one of %s", fl.format, strings.Join(compliance.Formats, ", "))
	}
	if fl.all && (o.env != "" || fl.plan != "") {
		return nil, errors.New("--all checks every saved plan: drop --env and --plan")
	}
	root, branch := o.workdir(), ""
	if g, err := gitinfo.Read(ctx, o.workdir()); err == nil {
		root, branch = g.Root, g.Branch
	} else if fl.plan == "" && o.env == "" && !fl.all {
		return nil, err
	}
	plans, err := checkPlanFiles(root, branch, o.env, fl.plan, fl.all)
	if err != nil {
		return nil, err
	}
	fsys, err := checkPolicyFS(root, fl.policyDir)
	if err != nil {
		return nil, err
	}
	pol, err := compliance.Load(ctx, fsys)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	var results []*compliance.Result
	for _, path := range plans {
		plan, err := compliance.ReadPlan(path)
		if err != nil {
			return nil, err
		}
		if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
			plan.Name = filepath.ToSlash(r)
		}
		opts := compliance.Options{Now: now, Locator: compliance.NewSourceLocator(root, plan)}
		if plan.Environment == "" {
			opts.Environment = o.env // a plan JSON without TF_VAR_environment
		}
		res, err := pol.Evaluate(ctx, plan, opts)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return compliance.NewReport(pol, results, now), nil
}

func checkFormatValid(f string) bool {
	for _, x := range compliance.Formats {
		if f == x {
			return true
		}
	}
	return false
}

// checkPlanFiles picks the plan JSON files to check.
func checkPlanFiles(root, branch, env, planPath string, all bool) ([]string, error) {
	switch {
	case planPath != "":
		return []string{planPath}, nil
	case all:
		return checkSavedPlans(root)
	}
	var t environment.Target
	var err error
	if env != "" {
		t, err = environment.ForEnvironment(env, branch)
	} else {
		t, err = environment.ForBranch(branch)
	}
	if err != nil {
		return nil, err
	}
	for _, offline := range []bool{false, true} {
		p := workspace.For(root, t.Stack(), offline).PlanJSON
		if _, err := os.Stat(p); err == nil {
			return []string{p}, nil
		}
	}
	return nil, fmt.Errorf("no saved plan for %s: run `lookcard plan --env %s` first", t.Stack(), t.Environment)
}

// checkSavedPlans lists one plan JSON per stack under .lookcard/plans, the
// online plan when there is one, ordered by environment.
func checkSavedPlans(root string) ([]string, error) {
	dir := filepath.Join(root, workspace.Dir, "plans")
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	byStack := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".meta.json") {
			continue
		}
		stack, offline := strings.CutSuffix(strings.TrimSuffix(name, ".json"), ".offline")
		if _, seen := byStack[stack]; seen && offline {
			continue
		}
		byStack[stack] = filepath.Join(dir, name)
	}
	if len(byStack) == 0 {
		return nil, fmt.Errorf("no saved plans under %s: run `lookcard plan --env <env>` for each environment first", dir)
	}
	stacks := make([]string, 0, len(byStack))
	for s := range byStack {
		stacks = append(stacks, s)
	}
	sort.Strings(stacks)
	compliance.SortEnvironments(stacks)
	out := make([]string, 0, len(stacks))
	for _, s := range stacks {
		out = append(out, byStack[s])
	}
	return out, nil
}

// checkPolicyFS is --policies, else the repository's policies/ when it has one,
// else the copy built into the binary.
func checkPolicyFS(root, dir string) (fs.FS, error) {
	if dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "main.rego")); err != nil {
			return nil, fmt.Errorf("--policies %s: no main.rego there", dir)
		}
		return os.DirFS(dir), nil
	}
	if _, err := os.Stat(filepath.Join(root, "policies", "main.rego")); err == nil {
		return os.DirFS(filepath.Join(root, "policies")), nil
	}
	return policies.FS, nil
}

func writeCheckReport(stdout io.Writer, rep *compliance.Report, format, output string) error {
	if output == "" {
		return rep.Write(stdout, format)
	}
	f, err := os.Create(output)
	if err != nil {
		return fmt.Errorf("creating %s: %w", output, err)
	}
	if err := rep.Write(f, format); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", output, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", output, err)
	}
	fmt.Fprintf(stdout, "Wrote %s (%s): %d environment(s), %d failing finding(s), %d warning(s).\n",
		output, format, len(rep.Results), rep.Denies(), rep.Warnings())
	return nil
}
