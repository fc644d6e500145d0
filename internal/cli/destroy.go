package cli

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/plansummary"
)

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
		RunE: withSession(o, func(cmd *cobra.Command, s *session) error {
			ctx := cmd.Context()
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
			s.destroy, s.layout = true, s.layout.Destroy()
			discardPlan(s)
			opts := []tfexec.PlanOption{tfexec.Destroy(true), tfexec.Out(s.layout.PlanFile), tfexec.VarFile(s.varFile())}
			for _, v := range s.vars() {
				opts = append(opts, tfexec.Var(v))
			}
			_, err := s.tf.Plan(ctx, opts...)
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
		}),
	}
}
