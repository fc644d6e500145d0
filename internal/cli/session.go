package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/joho/godotenv"
	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/catalog"
	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/gitinfo"
	"github.com/lookcard/infrastructure/internal/tfvars"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// session is everything one command resolved before running the engine.
type session struct {
	git       gitinfo.Info
	target    environment.Target
	offline   bool
	why       string // why online or offline
	schemaDir string
	engine    *engine.Engine
	layout    workspace.Layout
	tf        *tfexec.Terraform
	filters   []*engine.DevOverrideFilter
	progress  *console.Progress // nil unless stdout is a terminal
	bodyPath  string            // where a terminal plan's full diff went (see prepare)
	destroy   bool              // the layout names the stack's destroy plan
}

// resolve works out the target without touching the engine.
func resolve(ctx context.Context, o *options) (*session, error) {
	g, err := gitinfo.Read(ctx, o.workdir())
	if err != nil {
		return nil, err
	}
	s := &session{git: g}
	// .env fills in what the environment does not already say.
	if err := godotenv.Load(filepath.Join(g.Root, ".env")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(g.Root, ".env"), err)
	}
	if o.env != "" {
		s.target, err = environment.ForEnvironment(o.env, g.Branch)
	} else {
		s.target, err = environment.ForBranch(g.Branch)
	}
	if err != nil {
		return nil, err
	}
	creds, why := engine.Credentials()
	s.offline, s.why = o.offline || !creds, why
	if o.offline {
		s.why = "--offline"
	}
	s.layout = workspace.For(g.Root, s.target.Stack(), s.offline)
	return s, nil
}

// prepare checks the var file and readies the engine in its working
// directory; verb ("plan", "apply", …) labels the progress display.
func (s *session) prepare(ctx context.Context, o *options, verb string, stdout, stderr io.Writer) error {
	if err := s.doPrepare(ctx, o, verb, stdout, stderr); err != nil {
		return fmt.Errorf("%w\n(nothing was changed)", err)
	}
	return nil
}

func (s *session) doPrepare(ctx context.Context, o *options, verb string, stdout, stderr io.Writer) error {
	vars, err := tfvars.Check(filepath.Join(s.git.Root, s.target.VarFile), s.target.Environment)
	if err != nil {
		return err
	}
	// Before the engine: a misspelt key at any depth would otherwise be
	// ignored and its default kept.
	if err := tfvars.CheckTypes(s.git.Root, s.target.VarFile, vars); err != nil {
		return err
	}
	// The engine's yamldecode keeps the last of two same-named services.
	cat := os.Getenv("TF_VAR_catalog_file")
	if cat == "" {
		cat = filepath.Join(s.git.Root, catalog.Path)
	}
	if _, err := os.Stat(cat); err == nil {
		if err := catalog.CheckDuplicates(cat); err != nil {
			return err
		}
	}
	if want := os.Getenv("AWS_ACCOUNT_ID"); want != "" && vars["aws_account_id"] != nil && vars["aws_account_id"] != want {
		return fmt.Errorf("AWS_ACCOUNT_ID is %s but %s is for account %v: unset AWS_ACCOUNT_ID or pick the matching --env", want, s.target.VarFile, vars["aws_account_id"])
	}
	if s.engine, err = engine.Locate(ctx, s.git.Root); err != nil {
		return err
	}
	if s.offline {
		if s.schemaDir, err = engine.SchemaDir(o.schemas); err != nil {
			return err
		}
		cfg := filepath.Join(s.git.Root, workspace.Dir, "offline.tfrc")
		envs, err := engine.WriteOfflineCLIConfig(cfg, providerDir(s.git.Root), s.schemaDir)
		if err != nil {
			return err
		}
		// The engine inherits this process's environment (TF_VAR_* included,
		// at their usual precedence); offline settings are added to it.
		for _, kv := range envs {
			k, v, _ := cut(kv)
			if err := os.Setenv(k, v); err != nil {
				return fmt.Errorf("setting %s: %w", k, err)
			}
		}
		if err := workspace.PrepareOffline(s.layout); err != nil {
			return err
		}
	}
	// Online the engine runs in the root, and a fresh clone has no
	// .lookcard/plans yet: the engine would fail to write the plan there.
	if err := os.MkdirAll(filepath.Dir(s.layout.PlanFile), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(s.layout.PlanFile), err)
	}
	if s.tf, err = tfexec.NewTerraform(s.layout.WorkDir, s.engine.Path); err != nil {
		return fmt.Errorf("preparing %s: %w", s.engine.Path, err)
	}
	// terraform-exec asks the engine for `version -json` before some
	// commands (init's options, state push) and copies that JSON to the
	// configured stdout: ask now, before stdout is set, so it is cached and
	// never printed.
	if _, _, err := s.tf.Version(ctx, false); err != nil {
		return fmt.Errorf("reading the version of %s: %w", s.engine.Path, err)
	}
	// After its SIGINT the engine gets this long to stop before it is
	// killed. Offline there is no remote lock to release and nothing to
	// save, so a few seconds; online it must release the S3 state lock
	// and, applying, write the state, so the engine's own pace.
	if s.offline {
		if err := s.tf.SetWaitDelay(OfflineStopDelay); err != nil {
			return err
		}
	}
	// On a terminal (and not for --json) the engine's per-resource lines
	// become one progress line; pipes and CI logs get the full stream.
	if !o.json && console.IsTerminal(stdout) {
		s.progress = console.NewProgress(stdout, verb+" "+s.target.Stack(), console.For(stdout))
		stdout, stderr = s.progress, s.progress.Above(stderr)
		// A plan's diff runs to tens of thousands of lines: on a terminal it
		// goes to a file beside the plan, and the screen keeps the summary
		// and the banner (--full prints it here).
		if verb == "plan" && !o.full {
			s.bodyPath = strings.TrimSuffix(s.layout.PlanFile, ".tfplan") + ".txt"
			f, err := os.Create(s.bodyPath)
			if err != nil {
				return fmt.Errorf("creating %s: %w", s.bodyPath, err)
			}
			s.progress.SetBody(f)
		}
	}
	// Ctrl-C: terraform-exec runs the engine in its own process group (the
	// terminal's SIGINT does not reach it) and sends it one SIGINT when ctx
	// is cancelled. What the engine prints while it stops (one "execution
	// halted" per resource in flight) is dropped: the command ends with one
	// "interrupted" line instead.
	stopping := stderr
	stdout, stderr = untilCancelled(ctx, stdout), untilCancelled(ctx, stderr)
	context.AfterFunc(ctx, func() {
		fmt.Fprintf(stopping, "\nInterrupt received: stopping the engine (it releases the state lock)…\n")
	})
	out, errw := engine.NewDevOverrideFilter(stdout), engine.NewDevOverrideFilter(stderr)
	s.filters = []*engine.DevOverrideFilter{out, errw}
	s.tf.SetStdout(out)
	s.tf.SetStderr(errw)
	return nil
}

// OfflineStopDelay is how long an offline engine may take to stop after Ctrl-C.
const OfflineStopDelay = 3 * time.Second

// untilCancelled passes writes through until ctx is cancelled, then drops them.
func untilCancelled(ctx context.Context, w io.Writer) io.Writer { return cancelWriter{ctx, w} }

type cancelWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return len(p), nil
	}
	return c.w.Write(p)
}

// showPlan reads the saved plan as JSON. terraform-exec copies a command's
// stdout to the configured writer, so the JSON is kept off the user's screen.
func (s *session) showPlan(ctx context.Context) (*tfjson.Plan, error) {
	s.tf.SetStdout(io.Discard)
	defer s.tf.SetStdout(s.filters[0])
	p, err := s.tf.ShowPlanFile(ctx, s.layout.PlanFile)
	if err != nil {
		return nil, fmt.Errorf("reading saved plan %s: %w", s.layout.PlanFile, err)
	}
	return p, nil
}

// flush writes out what the engine left buffered and clears the progress
// line, before the command prints its own output.
func (s *session) flush() {
	for _, f := range s.filters {
		_ = f.Flush()
	}
	if s.progress != nil {
		s.progress.Pause()
	}
}

// providerDir holds terraform-provider-aws and -cloudflare (links to the offline provider).
func providerDir(root string) string {
	if d := os.Getenv("LOOKCARD_OFFLINE_PROVIDER_DIR"); d != "" {
		return d
	}
	return filepath.Join(root, "bin", "providers")
}

func cut(kv string) (string, string, bool) {
	for i := 0; i < len(kv); i++ {
		if kv[i] == '=' {
			return kv[:i], kv[i+1:], true
		}
	}
	return kv, "", false
}

// vars are the values every run injects: TF_VAR_environment, _git_branch and
// _git_commit_hash in the product description's terms.
func (s *session) vars() []string {
	branch := s.target.Branch
	if branch == "" {
		branch = "unknown"
	}
	return []string{
		"environment=" + s.target.Environment,
		"preview=" + s.target.Preview,
		"git_branch=" + branch,
		"git_commit_hash=" + s.git.ShortCommit(),
	}
}

func (s *session) varFile() string { return filepath.Join(s.git.Root, s.target.VarFile) }

// init prepares providers, modules and (online) the S3 backend.
func (s *session) init(ctx context.Context) error {
	defer s.flush()
	if s.offline {
		// Providers come from the offline provider; only modules need installing.
		if err := s.tf.Get(ctx); err != nil {
			return fmt.Errorf("installing modules: %w", err)
		}
		return nil
	}
	if os.Getenv(EnvStateKMSKey) == "" {
		return fmt.Errorf("%s is not set: the state bucket accepts only writes encrypted with its key; set it to the kms_key_arn output of bootstrap/ for this account", EnvStateKMSKey)
	}
	if err := checkStateLock(); err != nil {
		return err
	}
	// -reconfigure: the checkout's .terraform remembers the last stack's
	// backend, and each stack has its own state. Without it, switching
	// --env or branch fails with "Backend configuration changed", whose
	// suggested -migrate-state would copy one environment's state into
	// another's key.
	opts := []tfexec.InitOption{tfexec.Upgrade(false), tfexec.Reconfigure(true)}
	for _, bc := range BackendConfig(s.target, s.engine) {
		opts = append(opts, tfexec.BackendConfig(bc))
	}
	if err := s.tf.Init(ctx, opts...); err != nil {
		if strings.Contains(err.Error(), "NoSuchBucket") || strings.Contains(err.Error(), "bucket does not exist") {
			return fmt.Errorf("init: %w\nThe state bucket %s does not exist for these credentials: apply bootstrap/ in this account first (it creates it), check that the credentials are for the account of %s, or, if bootstrap was given another state_bucket_name, set %s to its state_bucket output",
				err, environment.StateBucket(s.target.Environment), s.target.Environment, environment.EnvStateBucket)
		}
		return fmt.Errorf("init: %w", err)
	}
	return nil
}

// header is the first line of every engine-driving command: it says where
// the command runs, and OFFLINE loudly when it does.
func header(w io.Writer, s *session, verb string) {
	if s.offline {
		fmt.Fprintf(w, "%s %s of %s (stack %s, branch %s): %s; using the offline provider, nothing can be applied.\n",
			console.For(w).Warn("OFFLINE"), verb, s.target.Environment, s.target.Stack(), s.target.Branch, s.why)
		return
	}
	fmt.Fprintf(w, "%s of %s (stack %s, branch %s, state s3://…/%s) with %s.\n",
		strings.ToUpper(verb[:1])+verb[1:], s.target.Environment, s.target.Stack(), s.target.Branch, s.target.StateKey, s.why)
}

// start resolves, prints the header and prepares the engine.
func start(cmd *cobra.Command, o *options, verb string) (*session, error) {
	s, err := resolve(cmd.Context(), o)
	if err != nil {
		return nil, err
	}
	out := cmd.OutOrStdout()
	if o.json {
		out = cmd.ErrOrStderr()
	}
	header(out, s, verb)
	if err := s.prepare(cmd.Context(), o, verb, out, cmd.ErrOrStderr()); err != nil {
		return nil, err
	}
	return s, nil
}

// startInit is start followed by init (providers, modules, backend).
func startInit(cmd *cobra.Command, o *options, verb string) (*session, error) {
	s, err := start(cmd, o, verb)
	if err != nil {
		return nil, err
	}
	if err := s.init(cmd.Context()); err != nil {
		return nil, err
	}
	return s, nil
}

// withSession is a command body that starts from the resolved target
// (resolve): the one way a command learns its environment and stack.
func withSession(o *options, run func(cmd *cobra.Command, s *session) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		s, err := resolve(cmd.Context(), o)
		if err != nil {
			return err
		}
		return run(cmd, s)
	}
}
