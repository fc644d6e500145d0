package cli

import (
	"fmt"
	"maps"
	"slices"

	"github.com/spf13/cobra"
)

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
