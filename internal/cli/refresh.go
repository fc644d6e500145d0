package cli

import (
	"fmt"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"
)

func newRefreshCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:     "refresh",
		Short:   "Update the state from the real infrastructure (online only)",
		Example: "  lookcard refresh --env develop",
		Args:    cobra.NoArgs,
		RunE: withSession(o, func(cmd *cobra.Command, s *session) error {
			ctx := cmd.Context()
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
		}),
	}
}
