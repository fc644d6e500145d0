package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/cost"
	"github.com/lookcard/infrastructure/internal/environment"
)

// costOptions are the flags of `lookcard cost`.
type costOptions struct {
	all     bool
	format  string
	diff    bool
	baseEnv string
	base    string
	plan    string
}

func newCostCmd(o *options) *cobra.Command {
	co := &costOptions{}
	cmd := &cobra.Command{
		Use:   "cost",
		Short: "Estimate an environment's monthly cost offline from its saved plan (or diff two plans)",
		Long: `cost prices the plan that 'lookcard plan' saved for an environment
(.lookcard/plans/<stack>.json online, <stack>.offline.json offline: the
session's mode; refused unless made from the current commit) with the reviewed
price book pricing/<region>.yaml and the usage assumptions
pricing/usage.<env>.yaml — no pricing service, no credentials.

The report gives the monthly total, split into hourly (provisioned, fixed by
the plan) and usage-based (from the usage file) costs, by cost driver, module,
ECS cluster, service and resource, with the arithmetic of every line. Resource
types with no charge of their own are listed as free (reviewed in the price
book); any other resource the estimator cannot price is listed loudly as NOT
PRICED and left out of the total — never silently zero.

--diff compares against a base plan — another environment's saved plan
(--base-env) or any plan JSON (--base, e.g. the main branch's plan in a pull
request) — per resource and in total, like 'infracost diff'.`,
		Example: `  lookcard cost                              # the branch's environment
  lookcard cost --env production
  lookcard cost --all                        # all five environments and their total
  lookcard cost --env develop --format html > develop-cost.html
  lookcard cost --env staging --diff --base-env production
  lookcard cost --env develop --diff --base main-develop.json   # a pull request against main's plan
  lookcard cost --plan /tmp/plan.json --env develop --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCost(cmd, o, co)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&co.all, "all", false, "estimate all five environments and their total")
	f.StringVar(&co.format, "format", "table", "output: table, json or html (--json is the same as --format json)")
	f.BoolVar(&co.diff, "diff", false, "show the change in cost against a base plan (--base-env or --base)")
	f.StringVar(&co.baseEnv, "base-env", "", "with --diff: the environment whose saved plan is the base")
	f.StringVar(&co.base, "base", "", "with --diff: a plan JSON file to use as the base")
	f.StringVar(&co.plan, "plan", "", "price this plan JSON instead of the environment's saved plan")
	return cmd
}

// costTarget is one plan to price and the environment whose usage applies.
type costTarget struct {
	env, stack, plan string
}

func runCost(cmd *cobra.Command, o *options, co *costOptions) error {
	format := co.format
	if o.json {
		format = "json"
	}
	switch format {
	case "table", "json", "html":
	default:
		return fmt.Errorf("unknown --format %q: use table, json or html", format)
	}
	if (co.baseEnv != "" || co.base != "") && !co.diff {
		return errors.New("--base-env and --base need --diff")
	}
	if co.diff && (co.baseEnv == "") == (co.base == "") {
		return errors.New("--diff needs exactly one of --base-env ENV or --base PLAN.json")
	}
	if co.all && (co.diff || co.plan != "") {
		return errors.New("--all cannot be combined with --diff or --plan")
	}
	root, err := costRoot(o.workdir())
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()

	var s *session
	if co.all || co.plan == "" || co.baseEnv != "" {
		if s, err = resolve(cmd.Context(), o); err != nil {
			return err
		}
	}
	if co.all {
		var bds []*cost.Breakdown
		for _, env := range environment.Names {
			t, err := savedPlanTarget(cmd.ErrOrStderr(), s, env)
			if err != nil {
				return err
			}
			bd, err := estimate(root, t)
			if err != nil {
				return err
			}
			bds = append(bds, bd)
		}
		return writeBreakdowns(out, format, bds, true)
	}

	head, err := headTarget(cmd, o, co, s)
	if err != nil {
		return err
	}
	hb, err := estimate(root, head)
	if err != nil {
		return err
	}
	if !co.diff {
		return writeBreakdowns(out, format, []*cost.Breakdown{hb}, false)
	}
	var base costTarget
	if co.baseEnv != "" {
		if !environment.IsEnvironment(co.baseEnv) {
			return fmt.Errorf("unknown --base-env %q: use one of %s", co.baseEnv, strings.Join(environment.Names, ", "))
		}
		if base, err = savedPlanTarget(cmd.ErrOrStderr(), s, co.baseEnv); err != nil {
			return err
		}
	} else {
		base = costTarget{plan: co.base}
		if base.env, err = planEnvironment(co.base); err != nil {
			return err
		}
		if base.env == "" {
			base.env = head.env
		}
	}
	bb, err := estimate(root, base)
	if err != nil {
		return fmt.Errorf("base: %w", err)
	}
	d := cost.Compare(bb, hb)
	switch format {
	case "json":
		return cost.WriteJSON(out, d)
	case "html":
		return errors.New("--diff writes table or json, not html")
	}
	return cost.WriteDiffTable(out, d)
}

// headTarget resolves the plan to price: --plan, or the environment's
// (--env, else the branch's) saved plan.
func headTarget(cmd *cobra.Command, o *options, co *costOptions, s *session) (costTarget, error) {
	if co.plan != "" {
		env := o.env
		if env == "" {
			var err error
			if env, err = planEnvironment(co.plan); err != nil {
				return costTarget{}, err
			}
		}
		if env == "" {
			return costTarget{}, fmt.Errorf("%s does not say its environment: pass --env", co.plan)
		}
		if !environment.IsEnvironment(env) {
			return costTarget{}, fmt.Errorf("unknown environment %q: use one of %s", env, strings.Join(environment.Names, ", "))
		}
		return costTarget{env: env, plan: co.plan}, nil
	}
	p, err := lookupPlan(s.git, s.target, s.offline)
	if err != nil {
		return costTarget{}, err
	}
	p.announce(cmd.ErrOrStderr(), s.git.Root)
	return costTarget{env: s.target.Environment, stack: s.target.Stack(), plan: p.JSON()}, nil
}

// savedPlanTarget is the saved plan of an environment (not a preview) in
// the session's mode, through the readers' one lookup.
func savedPlanTarget(w io.Writer, s *session, env string) (costTarget, error) {
	t, err := environment.ForEnvironment(env, s.git.Branch)
	if err != nil {
		return costTarget{}, err
	}
	p, err := lookupPlan(s.git, t, s.offline)
	if err != nil {
		return costTarget{}, err
	}
	p.announce(w, s.git.Root)
	return costTarget{env: env, stack: t.Stack(), plan: p.JSON()}, nil
}

// planEnvironment reads the environment variable a plan was made with.
func planEnvironment(file string) (string, error) {
	p, err := cost.ReadPlan(file)
	if err != nil {
		return "", err
	}
	return p.Variable("environment"), nil
}

func estimate(root string, t costTarget) (*cost.Breakdown, error) {
	p, err := cost.ReadPlan(t.plan)
	if err != nil {
		return nil, err
	}
	region := p.Variable("aws_region")
	if region == "" {
		region = "ap-southeast-1"
	}
	book, err := cost.LoadPriceBook(filepath.Join(root, "pricing", region+".yaml"))
	if err != nil {
		return nil, err
	}
	u, err := cost.LoadUsage(cost.UsagePath(root, t.env))
	if err != nil {
		return nil, err
	}
	bd, err := cost.Estimate(cost.Input{Plan: p, Book: book, Usage: u, PlanPath: rel(root, t.plan), Environment: t.env})
	if err != nil {
		return nil, err
	}
	bd.PriceBook, bd.UsageFile = rel(root, bd.PriceBook), rel(root, bd.UsageFile)
	return bd, nil
}

func writeBreakdowns(w io.Writer, format string, bds []*cost.Breakdown, summary bool) error {
	switch format {
	case "json":
		if summary {
			return cost.WriteJSON(w, bds)
		}
		return cost.WriteJSON(w, bds[0])
	case "html":
		return cost.WriteHTML(w, bds)
	}
	for i, bd := range bds {
		if i > 0 {
			fmt.Fprintln(w, "\n"+strings.Repeat("═", 100)+"\n")
		}
		if err := cost.WriteTable(w, bd); err != nil {
			return err
		}
	}
	if summary {
		fmt.Fprintln(w, "\n"+strings.Repeat("═", 100)+"\n")
		return cost.WriteSummary(w, bds)
	}
	return nil
}

// costRoot is the repository directory holding pricing/: the working
// directory or its nearest parent that has one.
func costRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "pricing")); err == nil && fi.IsDir() {
			return d, nil
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no pricing/ directory in %s or its parents: run lookcard cost inside the repository (or pass -C)", abs)
		}
	}
}

func rel(root, p string) string {
	if p == "" {
		return p
	}
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
