package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/review"
)

// driftFlags are the flags of `lookcard drift`.
type driftFlags struct {
	output      string
	reportIssue bool
	report      string // drift post: the JSON written by --output
}

func newDriftCmd(o *options) *cobra.Command {
	fl := &driftFlags{}
	cmd := &cobra.Command{
		Use:   "drift",
		Short: "Plan an environment against its real state and report drift (online only)",
		Long: `drift plans the environment's code against its real state (a refreshing plan
with -detailed-exitcode; the read-only plan role is enough) and lists the
resources changed outside of OpenTofu/Terraform and what an apply would
change. The plan goes to .lookcard/plans/<stack>.drift.tfplan, apart from the
stack's saved plan, and is never applied.

There is no offline drift: drift is a difference between the code and real
AWS, and offline there is no real state to read (the rehearsal state under
.lookcard/rehearsal is whatever the offline provider stored, so it never
drifts). drift refuses to run offline rather than report "no drift".

--output FILE writes the result as JSON; --report-issue opens or updates one
GitHub issue per environment (label "drift") while it drifts and closes it
once it no longer does (GITHUB_TOKEN, GITHUB_REPOSITORY); 'lookcard drift
post' does the same from a JSON written earlier (the scheduled workflow posts
from a job that has no AWS credentials).

Exit codes: 0 no drift, 2 drift, 1 an error.`,
		Example: `  AWS_PROFILE=lookcard-develop-plan lookcard drift --env develop
  lookcard drift --env production --output drift-production.json
  lookcard drift post --report drift-production.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runDrift(cmd, o, fl) },
	}
	cmd.Flags().StringVar(&fl.output, "output", "", "also write the result as JSON to this file")
	cmd.Flags().BoolVar(&fl.reportIssue, "report-issue", false, "open, update or close the environment's drift issue on GitHub")

	post := &cobra.Command{
		Use:     "post",
		Short:   "Open, update or close the drift issue from a result written by `lookcard drift --output`",
		Example: "  lookcard drift post --report drift-develop.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if fl.report == "" {
				return errors.New("drift post needs --report <drift JSON written by lookcard drift --output>; nothing was posted")
			}
			b, err := os.ReadFile(fl.report)
			if err != nil {
				return fmt.Errorf("reading the drift result: %w; nothing was posted", err)
			}
			var d review.Drift
			if err := json.Unmarshal(b, &d); err != nil || d.Stack == "" {
				return fmt.Errorf("%s is not a result of `lookcard drift --output` (%v); nothing was posted", fl.report, err)
			}
			return postDrift(cmd, &d)
		},
	}
	post.Flags().StringVar(&fl.report, "report", "", "drift JSON to post")
	cmd.AddCommand(post)
	return cmd
}

func postDrift(cmd *cobra.Command, d *review.Drift) error {
	gh, err := review.GitHubFromEnv()
	if err != nil {
		return err
	}
	did, n, err := gh.SyncDriftIssue(cmd.Context(), d.Stack, d.HasDrift(), d.Markdown(runURL()))
	if err != nil {
		return fmt.Errorf("reporting the drift of %s: %w", d.Stack, err)
	}
	if n > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "Drift issue of %s: #%d %s.\n", d.Stack, n, did)
	} else {
		fmt.Fprintf(cmd.ErrOrStderr(), "No drift issue of %s to open or close.\n", d.Stack)
	}
	return nil
}

func runDrift(cmd *cobra.Command, o *options, fl *driftFlags) error {
	ctx := cmd.Context()
	s, err := resolve(ctx, o)
	if err != nil {
		return err
	}
	if s.offline {
		return fmt.Errorf("drift compares the code with the real state of %s and cannot run offline (%s): there is no real state to compare with (an offline rehearsal state never drifts); run it with the read-only plan role's credentials (AWS_PROFILE, or OIDC in CI); nothing was checked",
			s.target.Stack(), s.why)
	}
	if o.json && fl.output == "" {
		fl.output = "-"
	}
	out := cmd.OutOrStdout()
	if o.json {
		out = cmd.ErrOrStderr()
	}
	header(out, s, "drift plan")
	if err := s.prepare(ctx, o, "drift", out, cmd.ErrOrStderr()); err != nil {
		return err
	}
	if err := s.init(ctx); err != nil {
		return err
	}
	s.layout = s.layout.Drift()
	opts := []tfexec.PlanOption{tfexec.Out(s.layout.PlanFile), tfexec.VarFile(s.varFile())}
	for _, v := range s.vars() {
		opts = append(opts, tfexec.Var(v))
	}
	// terraform-exec plans with -detailed-exitcode and reads exit code 2 as
	// "changes".
	_, err = s.tf.Plan(ctx, opts...)
	s.flush()
	if err != nil {
		if ctx.Err() != nil {
			return interrupted("drift plan of "+s.target.Stack(), false)
		}
		return fmt.Errorf("drift plan of %s failed: %w", s.target.Stack(), err)
	}
	p, err := s.showPlan(ctx)
	if err != nil {
		return err
	}
	d := review.BuildDrift(s.target.Environment, s.target.Stack(), s.git.Commit, p, time.Now())
	if fl.output != "" {
		b, _ := json.MarshalIndent(d, "", "  ")
		b = append(b, '\n')
		if fl.output == "-" {
			_, err = cmd.OutOrStdout().Write(b)
		} else {
			err = os.WriteFile(fl.output, b, 0o644)
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", fl.output, err)
		}
	}
	if !o.json {
		if err := d.WriteTerminal(cmd.OutOrStdout()); err != nil {
			return err
		}
	}
	if fl.reportIssue {
		if err := postDrift(cmd, d); err != nil {
			return err
		}
	}
	if d.HasDrift() {
		return errChanges
	}
	return nil
}
