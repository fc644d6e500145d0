package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/cost"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/planfile"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// costOptions are the flags of `lookcard cost`.
type costOptions struct {
	all     bool
	format  string
	diff    bool
	baseEnv string
	base    string
	plan    string
	maxAge  int
	record  bool
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

Each environment's monthly budget is budget.monthly_usd in its tfvars file:
cost exits non-zero when the estimate (unknowns at the high end of their
range) exceeds it. A price-driving attribute the plan leaves unknown is
resolved from the offline rehearsal's state when one exists, else shown as a
range. Price-book entries that move the estimate by more than $5 are listed
when still estimated, and warned about when checked more than --max-price-age
days ago.

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
	f.BoolVar(&co.record, "record", false, "with --all: write the totals to pricing/estimates.json for the README's environment matrix (lookcard docs)")
	f.IntVar(&co.maxAge, "max-price-age", 180, "warn about price-book entries above $5 a month checked more than this many days ago")
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
	if co.record && !co.all {
		return errors.New("--record needs --all")
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
		if err := writeBreakdowns(out, format, bds, true); err != nil {
			return err
		}
		if co.record {
			if err := recordEstimates(root, s.git.Commit, bds); err != nil {
				return err
			}
		}
		return budgetCheck(cmd.ErrOrStderr(), co, bds)
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
		if err := writeBreakdowns(out, format, []*cost.Breakdown{hb}, false); err != nil {
			return err
		}
		return budgetCheck(cmd.ErrOrStderr(), co, []*cost.Breakdown{hb})
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
	return savedPlanTarget(cmd.ErrOrStderr(), s, "")
}

// savedPlanTarget is the saved plan of env ("": the session's target) in
// the session's mode, through the session's one resolver.
func savedPlanTarget(w io.Writer, s *session, env string) (costTarget, error) {
	p, err := s.savedPlan(env)
	if err != nil {
		return costTarget{}, err
	}
	p.announce(w, s.git.Root)
	return costTarget{env: p.Meta.Environment, stack: p.Layout.Stack, plan: p.JSON()}, nil
}

// planEnvironment is the environment a plan JSON file was made for (""
// when it does not say; a plan of bootstrap/ has no usage to price).
func planEnvironment(file string) (string, error) {
	h, err := planfile.ReadHeader(file)
	if err != nil {
		return "", err
	}
	if t := h.Target(); !t.Bootstrap {
		return t.Environment, nil
	}
	return "", nil
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
	budget, err := cost.LoadBudget(root, t.env)
	if err != nil {
		return nil, err
	}
	// The offline rehearsal's state resolves what the plan leaves unknown.
	var state cost.State
	if t.stack != "" {
		if st, err := cost.ReadState(workspace.ForRehearsal(root, t.stack).StateFile); err == nil {
			state = st
		}
	}
	bd, err := cost.Estimate(cost.Input{Plan: p, Book: book, Usage: u, PlanPath: rel(root, t.plan), Environment: t.env, State: state, Budget: budget})
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

// budgetCheck warns about stale price-book entries that matter and fails
// when an estimate is over its environment's budget.
func budgetCheck(w io.Writer, co *costOptions, bds []*cost.Breakdown) error {
	var over []string
	for _, bd := range bds {
		if stale := bd.Stale(time.Now(), time.Duration(co.maxAge)*24*time.Hour); len(stale) > 0 {
			keys := make([]string, 0, len(stale))
			for _, d := range stale {
				keys = append(keys, d.Key+" (checked "+d.Checked+")")
			}
			fmt.Fprintf(w, "lookcard: warning: %s: %d price-book entries above $%.0f a month were checked more than %d days ago: %s; refresh them with `lookcard prices update --from <offer file>`\n",
				bd.Environment, len(stale), cost.DriverThreshold, co.maxAge, strings.Join(keys, ", "))
		}
		if bd.OverBudget() {
			over = append(over, fmt.Sprintf("%s %s > budget %s", bd.Environment, cost.Money(bd.MonthlyHigh), cost.Money(bd.Budget)))
		}
	}
	if len(over) > 0 {
		return fmt.Errorf("over budget: %s (budget.monthly_usd in terraform.<env>.tfvars.json)", strings.Join(over, "; "))
	}
	return nil
}

// recordEstimates writes pricing/estimates.json: each environment's total,
// its high end and its budget, for the README's environment matrix.
func recordEstimates(root, commit string, bds []*cost.Breakdown) error {
	type entry struct {
		Monthly float64 `json:"monthly"`
		High    float64 `json:"monthly_high"`
		Budget  float64 `json:"budget,omitempty"`
	}
	v := struct {
		Note         string           `json:"note"`
		Commit       string           `json:"commit"`
		Environments map[string]entry `json:"environments"`
	}{Note: "Written by `lookcard cost --all --record`; read by `lookcard docs` for the environment matrix.", Commit: commit, Environments: map[string]entry{}}
	for _, bd := range bds {
		v.Environments[bd.Environment] = entry{Monthly: math.Round(bd.Monthly*100) / 100, High: math.Round(bd.MonthlyHigh*100) / 100, Budget: bd.Budget}
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "pricing", "estimates.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("recording the estimates: %w", err)
	}
	return nil
}
