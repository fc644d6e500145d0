package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/offline"
	"github.com/lookcard/infrastructure/internal/plansummary"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// applyOffline rehearses an apply (or, with destroy, a destroy) of the
// environment into a local state under .lookcard/rehearsal/<stack> through
// the offline provider, so that everything that only runs at apply time
// (preconditions, postconditions and checks over values known only after
// apply) runs here. An apply is followed by a re-plan that must show no
// change: a perpetual diff from our own code fails the rehearsal. It never
// touches S3 or an AWS account: the rehearsal's backend is lookcard's own on
// loopback (rehearsalBackend), and the
// provider applies only because this process asks it to (offline.EnvApply).
func applyOffline(cmd *cobra.Command, o *options, s *session, destroy bool) error {
	ctx := cmd.Context()
	out := cmd.OutOrStdout()
	if o.json {
		return errors.New("--json is not supported by an offline apply or destroy (its output is the engine's); nothing was changed")
	}
	verb := "apply"
	if destroy {
		verb = "destroy"
	}
	s.layout = workspace.ForRehearsal(s.git.Root, s.target.Stack())
	st := console.For(out)
	state := rel(s.git.Root, s.layout.StateFile)
	fmt.Fprintf(out, "%s %s of %s (stack %s, branch %s) into the local state %s: nothing is created in AWS.\n",
		st.Warn("OFFLINE"), verb, s.target.Environment, s.target.Stack(), s.target.Branch, state)
	if err := s.prepare(ctx, o, verb, out, cmd.ErrOrStderr()); err != nil {
		return err
	}
	backend, err := rehearsalBackend(ctx, s)
	if err != nil {
		return err
	}
	defer backend.Close()
	if err := os.Setenv(offline.EnvApply, "1"); err != nil {
		return fmt.Errorf("setting %s: %w", offline.EnvApply, err)
	}
	defer os.Unsetenv(offline.EnvApply)
	if destroy {
		// The offline provider reads back exactly what it stored: a refresh
		// would only cost time.
		opts := []tfexec.DestroyOption{tfexec.VarFile(s.varFile()), tfexec.Refresh(false)}
		for _, v := range s.vars() {
			opts = append(opts, tfexec.Var(v))
		}
		err = s.tf.Destroy(ctx, opts...)
	} else {
		opts := []tfexec.ApplyOption{tfexec.VarFile(s.varFile())}
		for _, v := range s.vars() {
			opts = append(opts, tfexec.Var(v))
		}
		err = s.tf.Apply(ctx, opts...)
	}
	s.flush()
	if err != nil {
		return fmt.Errorf("offline %s of %s failed: %w\n(the local state %s holds what was done before the failure; nothing exists in AWS)", verb, s.target.Stack(), err, state)
	}
	if !destroy {
		if err := replanUnchanged(cmd, s); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\n%s %s of %s finished into %s. Nothing was created, changed or destroyed in AWS.\n",
		st.Warn("OFFLINE"), verb, s.target.Stack(), state)
	return nil
}

// replanUnchanged plans again on the rehearsal state: the code must now be
// satisfied, or every apply in AWS would change something again.
func replanUnchanged(cmd *cobra.Command, s *session) error {
	ctx := cmd.Context()
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "\nRe-planning %s on the applied state (must show no changes)...\n", s.target.Stack())
	opts := []tfexec.PlanOption{tfexec.Out(s.layout.PlanFile), tfexec.VarFile(s.varFile()), tfexec.Refresh(false)}
	for _, v := range s.vars() {
		opts = append(opts, tfexec.Var(v))
	}
	s.tf.SetStdout(io.Discard)
	changed, err := s.tf.Plan(ctx, opts...)
	s.tf.SetStdout(s.filters[0])
	s.flush()
	if err != nil {
		return fmt.Errorf("re-plan of %s after the offline apply failed: %w", s.target.Stack(), err)
	}
	if !changed {
		fmt.Fprintln(out, "Re-plan: no changes.")
		return nil
	}
	p, err := s.showPlan(ctx)
	if err != nil {
		return err
	}
	sum := plansummary.Summarize(p)
	var lines []string
	for _, c := range sum.Changes {
		lines = append(lines, fmt.Sprintf("  %s (%s)", c.Address, c.Action))
	}
	return fmt.Errorf("the re-plan after the offline apply of %s still has %d changes, a perpetual diff that every real apply would repeat; fix the configuration so that a second plan is empty:\n%s",
		s.target.Stack(), len(sum.Changes), strings.Join(lines, "\n"))
}
