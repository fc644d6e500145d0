package cli

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/engine"
)

func newFmtCmd(o *options) *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:     "fmt",
		Short:   "Format every .tf and .tftest.hcl file (--check only reports)",
		Example: "  lookcard fmt\n  lookcard fmt --check",
		Args:    cobra.NoArgs,
		RunE: withSession(o, func(cmd *cobra.Command, s *session) error {
			ctx := cmd.Context()
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
		}),
	}
	cmd.Flags().BoolVar(&check, "check", false, "only report files that are not formatted (exit 1)")
	return cmd
}
