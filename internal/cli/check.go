package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/compliance"
	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/workspace"
	"github.com/lookcard/infrastructure/policies"
)

// checkFlags are the flags of lookcard check.
type checkFlags struct {
	all, bootstrap                         bool
	format, plan, output, policyDir, state string
}

func newCheckCmd(o *options) *cobra.Command {
	var fl checkFlags
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check saved plans against the PCI DSS v4.0 and SOC 2 controls in policies/",
		Long: `check evaluates the compliance rules in policies/ (Rego; one package per
control, with its PCI DSS v4.0 requirements, SOC 2 criteria and remediation)
over the plan JSON that 'lookcard plan' saved under .lookcard/plans/
(<stack>.json online, <stack>.offline.json offline: the session's mode; it
must be of the current commit). It runs offline and never calls AWS.

A rule's findings are a failure (deny) or a warning (warn) depending on the
environment; policies/exceptions.yaml suppresses accepted findings until their
expiry date, and an expired exception is itself a failure.

Formats: table (people), json (tools), sarif (GitHub code scanning: one run per
environment) and html (a self-contained auditor's report with the control ×
environment matrix and the evidence for each control; use it with --all).

Fail closed: a value a rule needs but the plan computes only at apply time
(a policy document embedding ARNs, container definitions) is read from the
stack's offline rehearsal state (.lookcard/rehearsal/<stack>/terraform.tfstate,
which 'lookcard apply --env E --offline' writes) when that state is not older
than the plan, or from --state; what is still unknown is a finding of its
own: a failure in production and staging, a warning elsewhere.

--bootstrap also plans bootstrap/ (state bucket, OIDC provider, the deploy,
plan, admin and read-only roles) offline for the environment's account, or
every account with --all, rehearses its apply into a throw-away local state
to resolve its unknowns, and checks it as bootstrap-<env>.

Exit codes: 0 no failure, 1 an error or any failing (deny) finding.`,
		Example: `  lookcard plan --env production --offline && lookcard check --env production
  lookcard check                                   # the branch's environment
  lookcard check --all --format html --output compliance.html
  lookcard check --env staging --format sarif --output lookcard.sarif
  lookcard check --plan plan.json --format json    # any saved plan JSON (tofu show -json)
  lookcard apply --env production --offline && lookcard check --env production --bootstrap`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rep, err := runCheck(cmd.Context(), o, &fl, cmd.ErrOrStderr())
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
	f.BoolVar(&fl.bootstrap, "bootstrap", false, "also plan bootstrap/ offline for the environment's account (every account with --all) and check it")
	f.StringVar(&fl.state, "state", "", "state file whose values resolve the plan's unknowns (default: the stack's offline rehearsal state when it is not older than the plan)")
	f.StringVar(&fl.policyDir, "policies", "", "policy directory (default: the repository's policies/, else the built-in copy)")
	return cmd
}

// runCheck evaluates the policies over the chosen plans.
func runCheck(ctx context.Context, o *options, fl *checkFlags, stderr io.Writer) (*compliance.Report, error) {
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
	if fl.bootstrap && fl.plan != "" {
		return nil, errors.New("--bootstrap plans bootstrap/ for the environment's account: drop --plan (check a saved bootstrap plan with --plan alone)")
	}
	if fl.state != "" && fl.all {
		return nil, errors.New("--state resolves one environment's plan: drop --all")
	}
	root := o.workdir()
	var plans []string
	states := map[string]string{} // plan -> the state that resolves it
	if fl.plan != "" {
		if g, err := gitinfo.Read(ctx, o.workdir()); err == nil {
			root = g.Root
		}
		plans = []string{fl.plan}
	} else {
		s, err := resolve(ctx, o)
		if err != nil {
			return nil, err
		}
		root = s.git.Root
		if plans, err = checkPlanFiles(stderr, s, fl.all); err != nil {
			return nil, err
		}
		if fl.bootstrap {
			accounts := []string{s.target.Environment}
			if fl.all {
				accounts = compliance.Environments
			}
			for _, env := range accounts {
				p, st, err := planBootstrap(ctx, o, stderr, root, env)
				if err != nil {
					return nil, err
				}
				plans = append(plans, p)
				states[p] = st
			}
		}
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
		state := fl.state
		if st, ok := states[path]; ok {
			state = st
		}
		if err := resolveFromState(stderr, root, path, state, plan); err != nil {
			return nil, err
		}
		res, err := pol.Evaluate(ctx, plan, opts)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return compliance.NewReport(pol, results, now), nil
}

// resolveFromState fills the plan's unknown values from a state: --state,
// else the stack's offline rehearsal state when it is at least as new as
// the plan (an older one may describe other code).
func resolveFromState(w io.Writer, root, planPath, explicit string, plan *compliance.Plan) error {
	path := explicit
	if path == "" {
		if plan.Environment == "" || plan.Preview != "" || plan.Bootstrap {
			return nil
		}
		cand := workspace.ForRehearsal(root, plan.Environment).StateFile
		ok, why := compliance.UsableState(cand, planPath)
		if !ok {
			if why != "" {
				fmt.Fprintf(w, "Not reading %s: %s; run `lookcard apply --env %s --offline` to resolve values computed at apply time.\n",
					rel(root, cand), why, plan.Environment)
			}
			return nil
		}
		path = cand
	}
	state, err := compliance.ReadState(path)
	if err != nil {
		return fmt.Errorf("--state: %w", err)
	}
	name := rel(root, path)
	resolved, remaining, err := plan.Resolve(name, state)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Resolved values computed at apply time in %d resource(s) from %s; %d still hold other values computed at apply time (a rule that needs one reports it as unverified).\n", resolved, name, remaining)
	return nil
}

func checkFormatValid(f string) bool {
	for _, x := range compliance.Formats {
		if f == x {
			return true
		}
	}
	return false
}

// checkPlanFiles picks the saved plan JSON files to check, through the
// session's one resolver: its target, or (--all) every stack with a saved
// plan of the session's mode.
func checkPlanFiles(w io.Writer, s *session, all bool) ([]string, error) {
	plans := []savedPlan{}
	if all {
		var err error
		if plans, err = s.savedPlans(w); err != nil {
			return nil, err
		}
	} else {
		p, err := s.savedPlan("")
		if err != nil {
			return nil, err
		}
		plans = append(plans, p)
	}
	out := make([]string, 0, len(plans))
	for _, p := range plans {
		p.announce(w, s.git.Root)
		out = append(out, p.JSON())
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
