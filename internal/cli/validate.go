package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

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
