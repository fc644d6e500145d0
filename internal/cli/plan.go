package cli

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/plansummary"
)

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
				return fmt.Errorf("plan of %s failed: %w", s.target.Stack(), explainLock(s, err))
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
