package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/doctor"
	"github.com/lookcard/infrastructure/internal/engine"
)

func newDoctorCmd(o *options) *cobra.Command {
	var only []string
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check against AWS and Cloudflare what a first apply needs (offline: list the checks)",
		Long: `doctor checks, with the environment's AWS credentials, the prerequisites an
apply needs that no plan can see, and prints PASS, FAIL or SKIP for each with
a one-line fix for every FAIL:

  ` + strings.Join(checkLines(), "\n  ") + `

Offline (no AWS credentials, or --offline) it lists the checks and checks
nothing. The Cloudflare check reads CLOUDFLARE_API_TOKEN. Every AWS call goes
to $` + doctor.EnvEndpoint + ` when it is set (or the SDK's own
AWS_ENDPOINT_URL), and Cloudflare's to $` + doctor.EnvCloudflareAPI + `.

Exit codes: 0 every check passed or was skipped (or offline), 1 a check failed.`,
		Example: `  lookcard doctor --env develop
  lookcard doctor --env production --json
  lookcard doctor --only caller,roles,aurora-engine,lambda-concurrency,cloudflare-token   # before the first apply`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			for _, n := range only {
				if !slices.Contains(doctor.Names(), n) {
					return fmt.Errorf("unknown check %q for --only: use %s", n, strings.Join(doctor.Names(), ", "))
				}
			}
			s, err := resolve(ctx, o)
			if err != nil {
				return err
			}
			cfg, err := doctor.Load(s.git.Root, s.target, s.git.ShortCommit())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if s.offline {
				return doctorOffline(out, o, s, only)
			}
			clients, err := doctor.LoadClients(ctx, cfg.Region, awsProfile())
			if err != nil {
				return err
			}
			results := doctor.New(cfg, clients).Run(ctx, only)
			failed := 0
			for _, r := range results {
				if r.Status == doctor.Fail {
					failed++
				}
			}
			if o.json {
				if err := writeJSON(out, map[string]any{
					"environment": cfg.Environment, "stack": cfg.Stack, "account_id": cfg.AccountID, "region": cfg.Region,
					"offline": false, "checked": true, "credentials": s.why, "results": results,
				}); err != nil {
					return err
				}
			} else {
				printDoctor(out, s, cfg, results)
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d checks failed: apply each fix and run lookcard doctor --env %s again", failed, len(results), cfg.Environment)
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&only, "only", nil, "run only these checks (comma-separated): "+strings.Join(doctor.Names(), ", "))
	return cmd
}

func checkLines() []string {
	var lines []string
	for _, c := range doctor.Checks {
		lines = append(lines, fmt.Sprintf("%-19s %s", c.Name, c.What))
	}
	return lines
}

// awsProfile is the profile to load, as BackendConfig picks it: none when
// the environment, web identity or a container provides credentials.
func awsProfile() string {
	for _, v := range []string{"AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		if os.Getenv(v) != "" {
			return ""
		}
	}
	if p := os.Getenv("AWS_PROFILE"); p != "" {
		return p
	}
	return engine.DefaultProfile
}

func doctorOffline(out io.Writer, o *options, s *session, only []string) error {
	var checks []doctor.Check
	for _, c := range doctor.Checks {
		if len(only) == 0 || slices.Contains(only, c.Name) {
			checks = append(checks, c)
		}
	}
	if o.json {
		list := make([]map[string]string, len(checks))
		for i, c := range checks {
			list[i] = map[string]string{"check": c.Name, "what": c.What}
		}
		return writeJSON(out, map[string]any{
			"environment": s.target.Environment, "stack": s.target.Stack(), "offline": true, "checked": false,
			"credentials": s.why, "checks": list,
		})
	}
	fmt.Fprintf(out, "%s doctor of %s (stack %s): %s; nothing was checked.\nWith AWS credentials, lookcard doctor --env %s checks:\n",
		console.For(out).Warn("OFFLINE"), s.target.Environment, s.target.Stack(), s.why, s.target.Environment)
	for _, c := range checks {
		fmt.Fprintf(out, "  %-19s %s\n", c.Name, c.What)
	}
	fmt.Fprintln(out, "Nothing was checked: no AWS or Cloudflare API was called.")
	return nil
}

func printDoctor(out io.Writer, s *session, cfg doctor.Config, results []doctor.Result) {
	st := console.For(out)
	fmt.Fprintf(out, "Doctor of %s (stack %s, account %s, %s) with %s.\n", cfg.Environment, cfg.Stack, cfg.AccountID, cfg.Region, s.why)
	n := map[doctor.Status]int{}
	for _, r := range results {
		n[r.Status]++
		status := string(r.Status)
		switch r.Status {
		case doctor.Pass:
			status = st.Good(status)
		case doctor.Fail:
			status = st.Danger(status)
		default:
			status = st.Dim(status)
		}
		fmt.Fprintf(out, "%s  %-19s %s\n", status, r.Check, r.Detail)
		if r.Fix != "" {
			fmt.Fprintf(out, "      fix: %s\n", r.Fix)
		}
	}
	fmt.Fprintf(out, "%d passed, %d failed, %d skipped.\n", n[doctor.Pass], n[doctor.Fail], n[doctor.Skip])
}
