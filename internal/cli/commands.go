package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/plansummary"
)

// header is the first line of every engine-driving command: it says where
// the command runs, and OFFLINE loudly when it does.
func header(w io.Writer, s *session, verb string) {
	if s.offline {
		fmt.Fprintf(w, "%s %s of %s (stack %s, branch %s): %s; using the offline provider, nothing can be applied.\n",
			console.For(w).Warn("OFFLINE"), verb, s.target.Environment, s.target.Stack(), s.target.Branch, s.why)
		return
	}
	fmt.Fprintf(w, "%s of %s (stack %s, branch %s, state s3://…/%s) with %s.\n",
		strings.ToUpper(verb[:1])+verb[1:], s.target.Environment, s.target.Stack(), s.target.Branch, s.target.StateKey, s.why)
}

func newEnvCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "env",
		Short: "Show the resolved environment: branch, state key, var file, online or offline, tool versions",
		Example: `  lookcard env
  lookcard env --env production --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := resolve(cmd.Context(), o)
			if err != nil {
				return err
			}
			info := map[string]any{
				"branch": s.target.Branch, "environment": s.target.Environment, "stack": s.target.Stack(),
				"preview": s.target.Preview, "state_key": s.target.StateKey, "var_file": s.target.VarFile,
				"commit": s.git.ShortCommit(), "dirty": s.git.Dirty, "offline": s.offline, "credentials": s.why,
				"backend_config": BackendConfig(s.target),
			}
			if e, err := engine.Locate(cmd.Context(), s.git.Root); err == nil {
				info["engine"] = e.String()
				info["backend_config"] = BackendConfig(s.target, e)
			} else {
				info["engine"] = "unavailable: " + err.Error()
			}
			if d, err := engine.SchemaDir(o.schemas); err == nil {
				info["schemas"] = d
			} else {
				info["schemas"] = "unavailable: " + err.Error()
			}
			out := cmd.OutOrStdout()
			if o.json {
				return writeJSON(out, info)
			}
			for _, k := range []string{"branch", "environment", "stack", "preview", "state_key", "var_file", "commit", "dirty", "offline", "credentials", "engine", "schemas", "backend_config"} {
				fmt.Fprintf(out, "%-15s %v\n", k, info[k])
			}
			return nil
		},
	}
}

func newInitCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:     "init",
		Short:   "Install modules and providers and configure the S3 backend for the branch's state key",
		Example: "  lookcard init\n  lookcard init --env staging",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := start(cmd, o, "init")
			if err != nil {
				return err
			}
			return s.init(cmd.Context())
		},
	}
}

// start resolves, prints the header and prepares the engine.
func start(cmd *cobra.Command, o *options, verb string) (*session, error) {
	s, err := resolve(cmd.Context(), o)
	if err != nil {
		return nil, err
	}
	out := cmd.OutOrStdout()
	if o.json {
		out = cmd.ErrOrStderr()
	}
	header(out, s, verb)
	if err := s.prepare(cmd.Context(), o, verb, out, cmd.ErrOrStderr()); err != nil {
		return nil, err
	}
	return s, nil
}

// startInit is start followed by init (providers, modules, backend).
func startInit(cmd *cobra.Command, o *options, verb string) (*session, error) {
	s, err := start(cmd, o, verb)
	if err != nil {
		return nil, err
	}
	if err := s.init(cmd.Context()); err != nil {
		return nil, err
	}
	return s, nil
}

func newPlanCmd(o *options) *cobra.Command {
	var detailed, firstApply bool
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Plan an environment and save the plan (offline when no AWS credentials are configured)",
		Long: `plan runs init and plan for the environment, saves the plan and its JSON
under .lookcard/plans/, and prints a summary per module with any destruction
or replacement of stateful resources first.`,
		Example: `  lookcard plan
  lookcard plan --env production --offline
  lookcard plan --json --detailed-exitcode`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			ctx := cmd.Context()
			s, err := startInit(cmd, o, "plan")
			if err != nil {
				return err
			}
			// This run owns the stack's plan files: the previous set goes
			// now, and a new set exists only if this run succeeds (its
			// metadata, which every reader requires, is written last).
			discardPlan(s)
			defer func() {
				if err != nil && !errors.Is(err, errChanges) {
					discardPlan(s)
					planFailed(cmd, o, s, ctx.Err() != nil)
				}
			}()
			opts := []tfexec.PlanOption{tfexec.Out(s.layout.PlanFile), tfexec.VarFile(s.varFile())}
			for _, v := range s.vars() {
				opts = append(opts, tfexec.Var(v))
			}
			if firstApply {
				for _, t := range FirstApplyTargets {
					opts = append(opts, tfexec.Target(t))
				}
			}
			_, err = s.tf.Plan(ctx, opts...)
			s.flush()
			if err != nil {
				if ctx.Err() != nil {
					return interrupted("plan of "+s.target.Stack(), false)
				}
				return fmt.Errorf("plan of %s failed: %w", s.target.Stack(), err)
			}
			p, err := s.showPlan(ctx)
			if err != nil {
				return err
			}
			if !s.offline && !firstApply && createsServices(p) {
				if err := requireImages(ctx, s); err != nil {
					discardPlan(s)
					return fmt.Errorf("%w; the plan was not saved", err)
				}
			}
			if err := savePlan(s, p); err != nil {
				return err
			}
			sum := plansummary.Summarize(p)
			out := cmd.OutOrStdout()
			if o.json {
				if err := writeJSON(out, map[string]any{
					"environment": s.target.Environment, "stack": s.target.Stack(), "offline": s.offline,
					"plan_file": s.layout.PlanFile, "plan_json": s.layout.PlanJSON, "summary": sum,
				}); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(out, "\nSaved %s plan of %s from commit %s: %s (JSON: %s)\n", modeName(s.offline), s.target.Stack(), s.git.ShortCommit(), s.layout.PlanFile, s.layout.PlanJSON)
				if err := sum.Write(out); err != nil {
					return err
				}
				if s.bodyPath != "" {
					fmt.Fprintf(out, "\nThe full plan is in %s (lookcard plan --full prints it here).\n", rel(s.git.Root, s.bodyPath))
				}
				if s.offline {
					// The banner of the first line has scrolled away by now.
					fmt.Fprintf(out, "\n%s: this plan was made with the offline provider (%s); it cannot be applied.\n", console.For(out).Warn("OFFLINE"), s.why)
				}
			}
			if detailed && sum.HasChanges() {
				return errChanges
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&detailed, "detailed-exitcode", false, "exit 2 when the plan has changes")
	cmd.Flags().BoolVar(&o.full, "full", false, "on a terminal, print the whole plan instead of writing it to .lookcard/plans/<stack>.txt")
	cmd.Flags().BoolVar(&firstApply, "first-apply", false, "plan only the ECR repositories (and what they need), the first step of a fresh environment: push images, then plan everything")
	return cmd
}

// planMeta records what a saved plan was made from, for apply's checks.
type planMeta struct {
	Environment string    `json:"environment"`
	Stack       string    `json:"stack"`
	Branch      string    `json:"branch"`
	Commit      string    `json:"commit"`
	Dirty       bool      `json:"dirty"`
	Offline     bool      `json:"offline"`
	Destroy     bool      `json:"destroy,omitempty"` // a destroy plan (lookcard destroy), saved as <stack>.destroy.*
	Created     time.Time `json:"created"`
}

// planFailed ends a failed plan's standard output with a line that cannot
// be mistaken for success, after whatever partial plan the engine printed.
func planFailed(cmd *cobra.Command, o *options, s *session, interrupted bool) {
	out := cmd.OutOrStdout()
	if o.json {
		out = cmd.ErrOrStderr()
	}
	s.flush()
	what := "PLAN FAILED"
	if interrupted {
		what = "PLAN INTERRUPTED"
	}
	fmt.Fprintf(out, "\n%s — nothing saved: %s has no saved plan now; nothing was changed.\n", console.For(out).Danger(what), s.target.Stack())
}

func metaPath(planFile string) string { return strings.TrimSuffix(planFile, ".tfplan") + ".meta.json" }

func savePlan(s *session, p *tfjson.Plan) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding plan JSON: %w", err)
	}
	if err := writeAtomic(s.layout.PlanJSON, b); err != nil {
		return err
	}
	m := planMeta{Environment: s.target.Environment, Stack: s.target.Stack(), Branch: s.target.Branch,
		Commit: s.git.Commit, Dirty: s.git.Dirty, Offline: s.offline, Destroy: s.destroy, Created: time.Now().UTC()}
	mb, _ := json.MarshalIndent(m, "", "  ")
	return writeAtomic(metaPath(s.layout.PlanFile), mb)
}

// writeAtomic replaces path in one step, so that a reader (the cost, check
// and graph commands, possibly running alongside) never sees half a file.
func writeAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}

// MaxPlanAge is how old a saved plan may be when applied to production.
const MaxPlanAge = time.Hour

func newApplyCmd(o *options) *cobra.Command {
	var autoApprove, destroy bool
	var allowDestroy []string
	cmd := &cobra.Command{
		Use:   "apply",
		Short: "Apply the saved plan of the current commit and environment",
		Long: `apply applies only the plan that 'lookcard plan' saved for this environment,
made from the current commit.

With --offline it rehearses instead: the whole environment is applied into a
local state under .lookcard/work/<stack>/ through the offline provider, so
preconditions, postconditions and checks that need values known only after
apply are evaluated. Nothing is created in AWS and no S3 state is touched. Destroying or replacing
a stateful resource (databases, tables, buckets, keys, secrets, log groups)
is refused unless --allow-destroy names it. Production also requires the
production branch, a clean working tree, a plan younger than an hour, and
typing the environment name (or --auto-approve with CI=true).`,
		Example: `  lookcard plan --env develop && lookcard apply --env develop
  lookcard apply --env production --offline     # rehearsal into local state only
  lookcard apply --allow-destroy module.data.aws_dynamodb_table.this["old"]`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := resolve(ctx, o)
			if err != nil {
				return err
			}
			if o.offline {
				return applyOffline(cmd, o, s, false)
			}
			if o.json {
				return errors.New("--json is not supported by lookcard apply (its output is the engine's); drop --json; nothing was changed")
			}
			if s.offline {
				return fmt.Errorf("apply needs AWS credentials (%s): configure them (AWS_PROFILE=%s or OIDC in CI), then plan and apply again; or rehearse with --offline, which applies into a local state under .lookcard/ only; nothing was changed", s.why, engine.DefaultProfile)
			}
			if destroy {
				s.destroy, s.layout = true, destroyLayout(s.layout)
			}
			if err := checkSavedPlan(s, time.Now()); err != nil {
				return fmt.Errorf("%w; nothing was changed", err)
			}
			verb := "apply"
			if destroy {
				verb = "apply of the DESTROY plan"
			}
			header(cmd.OutOrStdout(), s, verb)
			if err := s.prepare(ctx, o, "apply", cmd.OutOrStdout(), cmd.ErrOrStderr()); err != nil {
				return err
			}
			p, err := s.showPlan(ctx)
			if err != nil {
				return err
			}
			sum := plansummary.Summarize(p)
			if err := checkDestroys(sum, allowDestroy); err != nil {
				return err
			}
			// What is applied is exactly this saved plan: show it before asking.
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "\nThe saved plan %s (commit %.12s):\n", rel(s.git.Root, s.layout.PlanFile), s.git.Commit)
			if err := sum.Write(out); err != nil {
				return err
			}
			if destroy {
				fmt.Fprintf(out, "\nIt destroys these %d resources:\n", len(sum.Changes))
				for _, c := range sum.Changes {
					fmt.Fprintf(out, "  %-8s %s\n", strings.ToUpper(string(c.Action)), c.Address)
				}
				fmt.Fprintf(out, "\n%s: this plan DESTROYS the resources of %s listed above.\n", console.For(out).Danger("DESTROY"), s.target.Stack())
			}
			if err := confirm(cmd, s, autoApprove); err != nil {
				return err
			}
			if err := s.init(ctx); err != nil {
				return err
			}
			defer s.flush()
			if err := s.tf.Apply(ctx, tfexec.DirOrPlan(s.layout.PlanFile)); err != nil {
				if ctx.Err() != nil {
					return interrupted("apply of "+s.target.Stack(), true)
				}
				return fmt.Errorf("apply of %s failed: %w", s.target.Stack(), err)
			}
			// A plan is applied once: the engine refuses it as stale anyway.
			discardPlan(s)
			return nil
		},
	}
	cmd.Flags().BoolVar(&autoApprove, "auto-approve", false, "skip the confirmation (production: only with CI=true)")
	cmd.Flags().BoolVar(&destroy, "destroy", false, "apply the destroy plan that `lookcard destroy` saved (<stack>.destroy.tfplan) instead of the plan")
	cmd.Flags().StringArrayVar(&allowDestroy, "allow-destroy", nil, "address of a stateful resource that may be destroyed or replaced (repeatable)")
	return cmd
}

// checkSavedPlan enforces that the saved plan belongs to this commit and
// environment, was made online, and (production) is fresh, on the
// production branch and from a clean tree.
func checkSavedPlan(s *session, now time.Time) error {
	b, err := os.ReadFile(metaPath(s.layout.PlanFile))
	if err != nil {
		if s.destroy {
			return fmt.Errorf("no saved destroy plan for %s: run `lookcard destroy --env %s` first", s.target.Stack(), s.target.Environment)
		}
		return fmt.Errorf("no saved plan for %s: run `lookcard plan --env %s` first", s.target.Stack(), s.target.Environment)
	}
	var m planMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("saved plan metadata is unreadable (%v): plan again", err)
	}
	switch {
	case m.Offline:
		return errors.New("the saved plan was made offline and cannot be applied: plan again with AWS credentials")
	case m.Destroy != s.destroy && m.Destroy:
		return fmt.Errorf("the saved plan of %s is a DESTROY plan: apply it with `lookcard apply --destroy`, or plan again", s.target.Stack())
	case m.Destroy != s.destroy:
		return fmt.Errorf("the saved destroy plan of %s is not marked as one: run `lookcard destroy --env %s` again", s.target.Stack(), s.target.Environment)
	case m.Environment != s.target.Environment || m.Stack != s.target.Stack():
		return fmt.Errorf("the saved plan is for %s, not %s: plan again", m.Stack, s.target.Stack())
	case m.Commit != s.git.Commit:
		return fmt.Errorf("the saved plan was made from commit %.12s but HEAD is %.12s: plan again", m.Commit, s.git.Commit)
	}
	if s.target.Environment != "production" {
		return nil
	}
	switch {
	case s.target.Branch != "production":
		return fmt.Errorf("production is applied from the production branch only (this is %q)", s.target.Branch)
	case s.git.Dirty || m.Dirty:
		return errors.New("production is applied from a clean working tree only: commit or stash your changes, then plan again")
	case now.Sub(m.Created) > MaxPlanAge:
		return fmt.Errorf("the saved production plan is %s old (limit %s): plan again", now.Sub(m.Created).Round(time.Minute), MaxPlanAge)
	}
	return nil
}

func checkDestroys(sum plansummary.Summary, allowed []string) error {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	var refused []string
	for _, c := range sum.Dangerous {
		if !ok[c.Address] {
			refused = append(refused, fmt.Sprintf("%s (%s)", c.Address, c.Action))
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("the plan would destroy or replace stateful resources: %s; name each with --allow-destroy <address> if that is intended; nothing was changed", strings.Join(refused, ", "))
	}
	return nil
}

func confirm(cmd *cobra.Command, s *session, autoApprove bool) error {
	if s.target.Environment != "production" {
		if autoApprove {
			return nil
		}
	} else if autoApprove {
		if os.Getenv("CI") != "true" {
			return errors.New("--auto-approve is accepted for production only in CI (CI=true); type the environment name instead")
		}
		return nil
	}
	what := "apply this plan"
	if s.destroy {
		what = "DESTROY " + s.target.Stack()
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Type %q to %s: ", s.target.Environment, what)
	line, err := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
	if err != nil && line == "" {
		return errors.New("no confirmation given; nothing was changed")
	}
	if strings.TrimSpace(line) != s.target.Environment {
		return errors.New("confirmation did not match; nothing was changed")
	}
	return nil
}

func newRefreshCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:     "refresh",
		Short:   "Update the state from the real infrastructure (online only)",
		Example: "  lookcard refresh --env develop",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := resolve(ctx, o)
			if err != nil {
				return err
			}
			if s.offline {
				return fmt.Errorf("refresh reads real infrastructure and cannot run offline (%s); nothing was changed", s.why)
			}
			header(cmd.OutOrStdout(), s, "refresh")
			if err := s.prepare(ctx, o, "refresh", cmd.OutOrStdout(), cmd.ErrOrStderr()); err != nil {
				return err
			}
			if err := s.init(ctx); err != nil {
				return err
			}
			defer s.flush()
			opts := []tfexec.RefreshCmdOption{tfexec.VarFile(s.varFile())}
			for _, v := range s.vars() {
				opts = append(opts, tfexec.Var(v))
			}
			return s.tf.Refresh(ctx, opts...)
		},
	}
}

func newValidateCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:     "validate",
		Short:   "Validate the configuration against the provider schemas",
		Example: "  lookcard validate\n  lookcard validate --offline",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := startInit(cmd, o, "validate")
			if err != nil {
				return err
			}
			res, err := s.tf.Validate(ctx)
			s.flush()
			if err != nil {
				return fmt.Errorf("validate: %w", err)
			}
			if o.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			for _, d := range res.Diagnostics {
				if d.Summary == "Provider development overrides are in effect" {
					continue
				}
				where := ""
				if d.Range != nil {
					where = fmt.Sprintf("%s:%d: ", d.Range.Filename, d.Range.Start.Line)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s%s: %s\n  %s\n", where, d.Severity, d.Summary, d.Detail)
			}
			if !res.Valid {
				return fmt.Errorf("the configuration is not valid (%d errors)", res.ErrorCount)
			}
			fmt.Fprintln(cmd.OutOrStdout(), "The configuration is valid.")
			return nil
		},
	}
}

func newFmtCmd(o *options) *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:     "fmt",
		Short:   "Format every .tf and .tftest.hcl file (--check only reports)",
		Example: "  lookcard fmt\n  lookcard fmt --check",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := resolve(ctx, o)
			if err != nil {
				return err
			}
			e, err := engine.Locate(ctx, s.git.Root)
			if err != nil {
				return err
			}
			tf, err := tfexec.NewTerraform(s.git.Root, e.Path)
			if err != nil {
				return fmt.Errorf("preparing %s: %w", e.Path, err)
			}
			if check {
				ok, files, err := tf.FormatCheck(ctx, tfexec.Dir(s.git.Root), tfexec.Recursive(true))
				if err != nil {
					return fmt.Errorf("fmt -check: %w", err)
				}
				if !ok {
					return fmt.Errorf("these files need `lookcard fmt` (or `make fmt`): %s", strings.Join(files, ", "))
				}
				return nil
			}
			return tf.FormatWrite(ctx, tfexec.Dir(s.git.Root), tfexec.Recursive(true))
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "only report files that are not formatted (exit 1)")
	return cmd
}

func newOutputCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:     "output",
		Short:   "Show the root outputs from the environment's state",
		Example: "  lookcard output --env develop --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := startInit(cmd, o, "output")
			if err != nil {
				return err
			}
			outs, err := s.tf.Output(ctx)
			s.flush()
			if err != nil {
				return fmt.Errorf("output: %w", err)
			}
			if len(outs) == 0 {
				if s.offline {
					return fmt.Errorf("no outputs to show: offline there is no state of %s to read them from (%s); outputs live in the environment's S3 state: configure AWS credentials, or see the planned values with `lookcard plan --offline`",
						s.target.Stack(), s.why)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "The state of %s has no outputs (nothing applied yet?).\n", s.target.Stack())
			}
			if o.json {
				return writeJSON(cmd.OutOrStdout(), outs)
			}
			// Sorted, so the listing is stable from one run to the next.
			for _, k := range slices.Sorted(maps.Keys(outs)) {
				val := string(outs[k].Value)
				if outs[k].Sensitive {
					val = "(sensitive)"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s = %s\n", k, val)
			}
			return nil
		},
	}
}

func newDestroyCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "destroy",
		Short: "Plan the destruction of a non-production stack (apply it with lookcard apply --destroy)",
		Long: `destroy saves a destroy plan, named and marked apart from the stack's plan
(.lookcard/plans/<stack>.destroy.tfplan). It is refused for production and
staging. Applying it goes through lookcard apply --destroy, which shows it,
says DESTROY, and refuses to destroy any stateful resource that
--allow-destroy does not name.`,
		Example: "  lookcard destroy --env sandbox",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := resolve(ctx, o)
			if err != nil {
				return err
			}
			if o.offline {
				// Only the local rehearsal state: every environment may be
				// destroyed there, prevent_destroy still holds.
				return applyOffline(cmd, o, s, true)
			}
			if o.json {
				return errors.New("--json is not supported by lookcard destroy (its output is the engine's); drop --json; nothing was changed")
			}
			if s.target.Environment == "production" || s.target.Environment == "staging" {
				return fmt.Errorf("destroy is refused for %s; nothing was changed", s.target.Environment)
			}
			if s.offline {
				return fmt.Errorf("destroy needs AWS credentials (%s); --offline destroys the local rehearsal state only; nothing was changed", s.why)
			}
			header(cmd.OutOrStdout(), s, "destroy plan")
			if err := s.prepare(ctx, o, "destroy", cmd.OutOrStdout(), cmd.ErrOrStderr()); err != nil {
				return err
			}
			if err := s.init(ctx); err != nil {
				return err
			}
			// Named and marked apart: <stack>.destroy.tfplan, applied only by
			// `lookcard apply --destroy`, read by no reader.
			s.destroy, s.layout = true, destroyLayout(s.layout)
			discardPlan(s)
			opts := []tfexec.PlanOption{tfexec.Destroy(true), tfexec.Out(s.layout.PlanFile), tfexec.VarFile(s.varFile())}
			for _, v := range s.vars() {
				opts = append(opts, tfexec.Var(v))
			}
			_, err = s.tf.Plan(ctx, opts...)
			s.flush()
			if err != nil {
				discardPlan(s)
				planFailed(cmd, o, s, ctx.Err() != nil)
				if ctx.Err() != nil {
					return interrupted("destroy plan of "+s.target.Stack(), false)
				}
				return fmt.Errorf("destroy plan failed: %w", err)
			}
			p, err := s.showPlan(ctx)
			if err != nil {
				discardPlan(s)
				return err
			}
			if err := savePlan(s, p); err != nil {
				discardPlan(s)
				return err
			}
			out := cmd.OutOrStdout()
			if err := plansummary.Summarize(p).Write(out); err != nil {
				return err
			}
			fmt.Fprintf(out, "\nSaved the %s plan of %s: %s. Apply it with `lookcard apply --destroy --env %s`.\n",
				console.For(out).Danger("DESTROY"), s.target.Stack(), rel(s.git.Root, s.layout.PlanFile), s.target.Environment)
			return nil
		},
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
