package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/plansummary"
)

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
		RunE: withSession(o, func(cmd *cobra.Command, s *session) error {
			ctx := cmd.Context()
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
				s.destroy, s.layout = true, s.layout.Destroy()
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
				return fmt.Errorf("apply of %s failed: %w", s.target.Stack(), explainLock(s, err))
			}
			// A plan is applied once: the engine refuses it as stale anyway.
			discardPlan(s)
			return nil
		}),
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
	b, err := os.ReadFile(s.layout.MetaFile())
	if err != nil {
		if s.destroy {
			return noSavedPlan("destroy plan for "+s.target.Stack(), "", fmt.Sprintf("`lookcard destroy --env %s`", s.target.Environment))
		}
		return noSavedPlan("plan for "+s.target.Stack(), "", planCommand(s.target.Environment, false))
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
