package cli

import (
	"github.com/spf13/cobra"
)

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
