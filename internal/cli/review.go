package cli

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/compliance"
	"github.com/lookcard/infrastructure/internal/console"
	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/planfile"
	"github.com/lookcard/infrastructure/internal/review"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// reviewFlags are the flags of `lookcard review`.
type reviewFlags struct {
	base      string
	all       bool
	allow     []string
	format    string
	outDir    string
	post      bool
	pr        int
	artifact  string
	report    string // review post: the JSON report to post
	policyDir string
}

func newReviewCmd(o *options) *cobra.Command {
	fl := &reviewFlags{}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review a change against a base commit: what it adds, replaces and destroys, costs and breaks",
		Long: `review shows what the working tree would do to an environment built from a base
commit (--base, e.g. origin/develop in a pull request), per environment:
resources added, changed, replaced, destroyed and moved by module and AWS
service; every destroy or replacement of a stateful resource (databases,
caches, tables, buckets, keys, secrets, log groups, state) first, as an error
unless --allow-destroy names it; the monthly cost difference by service; and
the compliance findings the change adds or fixes.

Offline (no AWS credentials, or --offline) it is an upgrade rehearsal: the
base is extracted with git archive, planned and applied through the offline
provider into a local state under .lookcard/review/<stack>/, and the working
tree is planned on that state. So a module renamed without a moved block, or
a name change that forces replacement, shows as the destroy it would be, with
no credentials. Both sides are planned with the head's commit as
git_commit_hash, so the per-commit GitCommit tag and image tag do not show
as changes. Online it reads the saved plan of the current commit
('lookcard plan --env E', made against the real state, which is what the base
deployed) and --base only labels the report.

Outputs: the terminal (default), --format markdown or json on standard
output, and --output-dir DIR, which writes per stack review-<stack>.md (the
whole report), review-<stack>.comment.md (sized for GitHub's 65,536-character
comment limit, naming the artifact), review-<stack>.json and
plan-<stack>.json (the head's plan, for 'lookcard check --plan ... --format
sarif'). --post --pr N posts or updates one sticky comment per environment on
pull request N (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL);
'lookcard review post' posts a review written earlier.

Exit codes: 0 the review passes, 1 an error, a guarded destroy or a new
failing compliance finding (the reports are written first).`,
		Example: `  lookcard review --base origin/develop --env develop
  lookcard review --base origin/main --all --output-dir review/
  lookcard review --base HEAD~1 --env production --allow-destroy 'module.redis.aws_elasticache_replication_group.this'
  lookcard review post --report review/review-develop.json --pr 42`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReview(cmd, o, fl) },
	}
	f := cmd.Flags()
	f.StringVar(&fl.base, "base", "", "git ref of the base (required), e.g. origin/develop")
	f.BoolVar(&fl.all, "all", false, "review every environment")
	f.StringArrayVar(&fl.allow, "allow-destroy", nil, "address of a stateful resource that may be destroyed or replaced (repeatable)")
	f.StringVar(&fl.format, "format", "terminal", "standard output: terminal, markdown or json (--json is the same as --format json)")
	f.StringVar(&fl.outDir, "output-dir", "", "also write review-<stack>.md, .comment.md, .json and plan-<stack>.json here")
	f.BoolVar(&fl.post, "post", false, "post or update the sticky comment of each environment on --pr (GITHUB_TOKEN, GITHUB_REPOSITORY)")
	f.IntVar(&fl.pr, "pr", 0, "pull request number for --post")
	f.StringVar(&fl.artifact, "artifact", "", "where the comment says the full report is (default: the workflow run's artifact review-<stack>)")
	f.StringVar(&fl.policyDir, "policies", "", "policy directory (default: the repository's policies/, else the built-in copy)")

	post := &cobra.Command{
		Use:   "post",
		Short: "Post a review written by `lookcard review --output-dir` as the sticky pull-request comment",
		Long: `post reads a review-<stack>.json that 'lookcard review --output-dir' wrote and
posts it, sized for GitHub's comment limit, as the one comment of that stack
on pull request --pr (updating it when it exists). It runs no engine, so the
workflow's job that may write to pull requests never runs the change's code
against the engine. It needs GITHUB_TOKEN and GITHUB_REPOSITORY
(GITHUB_API_URL for GitHub Enterprise).`,
		Example: "  lookcard review post --report review/review-develop.json --pr 42",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if fl.report == "" || fl.pr <= 0 {
				return errors.New("review post needs --report <review-<stack>.json> and --pr <number>; nothing was posted")
			}
			b, err := os.ReadFile(fl.report)
			if err != nil {
				return fmt.Errorf("reading the review: %w; nothing was posted", err)
			}
			var r review.Report
			if err := json.Unmarshal(b, &r); err != nil || r.Stack == "" {
				return fmt.Errorf("%s is not a review written by `lookcard review --output-dir` (%v); nothing was posted", fl.report, err)
			}
			gh, err := review.GitHubFromEnv()
			if err != nil {
				return err
			}
			return postReview(cmd, gh, &r, fl)
		},
	}
	post.Flags().StringVar(&fl.report, "report", "", "review-<stack>.json to post")
	post.Flags().IntVar(&fl.pr, "pr", 0, "pull request number")
	post.Flags().StringVar(&fl.artifact, "artifact", "", "where the comment says the full report is")
	cmd.AddCommand(post)
	return cmd
}

func postReview(cmd *cobra.Command, gh *review.GitHub, r *review.Report, fl *reviewFlags) error {
	artifact := fl.artifact
	if artifact == "" {
		artifact = "the artifact review-" + r.Stack + " of this workflow run"
		if run := runURL(); run != "" {
			artifact = "the artifact review-" + r.Stack + " of [this workflow run](" + run + ")"
		}
	}
	did, err := gh.UpsertComment(cmd.Context(), fl.pr, review.Marker(r.Stack), r.Comment(review.CommentLimit, artifact))
	if err != nil {
		return fmt.Errorf("posting the review of %s on #%d: %w", r.Stack, fl.pr, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Review of %s on #%d: comment %s.\n", r.Stack, fl.pr, did)
	return nil
}

// runURL is the current workflow run's page, when in GitHub Actions.
func runURL() string {
	server, repo, id := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_RUN_ID")
	if server == "" || repo == "" || id == "" {
		return ""
	}
	return server + "/" + repo + "/actions/runs/" + id
}

func runReview(cmd *cobra.Command, o *options, fl *reviewFlags) error {
	ctx := cmd.Context()
	format := fl.format
	if o.json {
		format = "json"
	}
	switch format {
	case "terminal", "markdown", "json":
	default:
		return fmt.Errorf("unknown --format %q: use terminal, markdown or json", format)
	}
	if strings.TrimSpace(fl.base) == "" {
		return errors.New("--base is required: the git ref to compare with (e.g. origin/develop, the pull request's target)")
	}
	if fl.all && o.env != "" {
		return errors.New("--all reviews every environment: drop --env")
	}
	if fl.post && fl.pr <= 0 {
		return errors.New("--post needs --pr <pull request number>")
	}
	var gh *review.GitHub
	if fl.post {
		var err error
		if gh, err = review.GitHubFromEnv(); err != nil {
			return err
		}
	}
	s, err := resolve(ctx, o)
	if err != nil {
		return err
	}
	root := s.git.Root
	baseSHA, err := gitOut(ctx, root, "rev-parse", "--verify", "--end-of-options", fl.base+"^{commit}")
	if err != nil {
		return fmt.Errorf("--base %s is not a commit of this repository (in CI, fetch it: actions/checkout with fetch-depth: 0): %w", fl.base, err)
	}
	targets := []environment.Target{s.target}
	if fl.all {
		targets = nil
		for _, env := range environment.Names {
			t, err := environment.ForEnvironment(env, s.git.Branch)
			if err != nil {
				return err
			}
			targets = append(targets, t)
		}
	}
	fsys, err := checkPolicyFS(root, fl.policyDir)
	if err != nil {
		return err
	}
	pol, err := compliance.Load(ctx, fsys)
	if err != nil {
		return err
	}
	assess := review.Assessor{Root: root, Policies: pol, Now: time.Now()}
	var baseSrc string
	if s.offline {
		baseSrc = filepath.Join(root, workspace.Dir, "review", "src-"+baseSHA[:12])
		if err := extractCommit(ctx, root, baseSHA, baseSrc); err != nil {
			return err
		}
		defer os.RemoveAll(baseSrc)
	}
	out := cmd.OutOrStdout()
	var failed []string
	for _, t := range targets {
		s.target = t
		fmt.Fprintf(cmd.ErrOrStderr(), "Reviewing %s against %s (%.12s)...\n", t.Stack(), fl.base, baseSHA)
		var r *review.Report
		var head []byte
		if s.offline {
			r, head, err = reviewOffline(ctx, cmd, o, s, fl, baseSHA, baseSrc, assess)
		} else {
			r, head, err = reviewOnline(ctx, cmd, s, fl, baseSHA, assess)
		}
		if err != nil {
			return fmt.Errorf("review of %s: %w", t.Stack(), err)
		}
		if fl.outDir != "" {
			if err := writeReviewFiles(fl.outDir, r, head, fl.artifact); err != nil {
				return err
			}
		}
		switch format {
		case "json":
			err = r.WriteJSON(out)
		case "markdown":
			_, err = io.WriteString(out, r.Markdown())
		default:
			err = r.WriteTerminal(out)
		}
		if err != nil {
			return err
		}
		if gh != nil {
			if err := postReview(cmd, gh, r, fl); err != nil {
				return err
			}
		}
		if r.Failed() {
			failed = append(failed, fmt.Sprintf("%s (%d guarded destroy/replace, %d new failing finding(s))", t.Stack(), len(r.Guarded), r.Compliance.NewDenials()))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("the review fails for %s", strings.Join(failed, ", "))
	}
	return nil
}

// reviewOffline rehearses the upgrade from the base to the working tree.
func reviewOffline(ctx context.Context, cmd *cobra.Command, o *options, s *session, fl *reviewFlags, baseSHA, baseSrc string, a review.Assessor) (*review.Report, []byte, error) {
	root, stack := s.git.Root, s.target.Stack()
	e, err := engine.Locate(ctx, root)
	if err != nil {
		return nil, nil, err
	}
	schemas, err := engine.SchemaDir(o.schemas)
	if err != nil {
		return nil, nil, err
	}
	envs, err := engine.WriteOfflineCLIConfig(filepath.Join(root, workspace.Dir, "offline.tfrc"), providerDir(root), schemas)
	if err != nil {
		return nil, nil, err
	}
	env := map[string]string{}
	for _, kv := range envs {
		k, v, _ := cut(kv)
		env[k] = v
	}
	dir := filepath.Join(root, workspace.Dir, "review", stack)
	if err := os.RemoveAll(dir); err != nil {
		return nil, nil, fmt.Errorf("clearing %s: %w", dir, err)
	}
	mirror := func(src, name string) (string, error) {
		l := workspace.Layout{Root: src, Stack: stack, WorkDir: filepath.Join(dir, name)}
		l.StateFile = filepath.Join(l.WorkDir, "terraform.tfstate")
		l.PlanFile = filepath.Join(l.WorkDir, "review.tfplan")
		return l.WorkDir, workspace.PrepareOffline(l)
	}
	baseDir, err := mirror(baseSrc, "base")
	if err != nil {
		return nil, nil, err
	}
	headDir, err := mirror(root, "head")
	if err != nil {
		return nil, nil, err
	}
	// The base's own tfvars (code and data of the base commit); both sides
	// with the head's commit tag, so that tag is not a change everywhere.
	vars := s.vars()
	baseVarFile := filepath.Join(baseSrc, s.target.VarFile)
	if _, err := os.Stat(baseVarFile); err != nil {
		return nil, nil, fmt.Errorf("the base %.12s has no %s (a new environment?): review it against a base that has one", baseSHA, s.target.VarFile)
	}
	// Thousands of lines per side: the engine's output goes to a file, and
	// an engine error carries its own diagnostics.
	logPath := filepath.Join(dir, "engine.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, nil, fmt.Errorf("creating %s: %w", logPath, err)
	}
	defer logFile.Close()
	fmt.Fprintf(cmd.ErrOrStderr(), "%s upgrade rehearsal of %s: applying the base into %s, then planning the working tree on it; nothing is created in AWS (engine output: %s).\n",
		console.For(cmd.ErrOrStderr()).Warn("OFFLINE"), stack, rel(root, filepath.Join(baseDir, "terraform.tfstate")), rel(root, logPath))
	u := review.Upgrade{Engine: e.Path, Env: env, Log: logFile,
		Base: review.Stage{Dir: baseDir, VarFiles: []string{baseVarFile}, Vars: vars},
		Head: review.Stage{Dir: headDir, VarFiles: []string{s.varFile()}, Vars: vars}}
	res, err := u.Run(ctx)
	if err != nil {
		return nil, nil, err
	}
	head, err := os.ReadFile(res.HeadPlanJSON)
	if err != nil {
		return nil, nil, err
	}
	mode := fmt.Sprintf("Offline upgrade rehearsal with %s: the base applied into a local state through the offline provider, the head planned on it (`lookcard review --offline`). Nothing in AWS was read or changed.", e)
	r, err := assembleReview(ctx, s, fl, baseSHA, mode, head, a)
	return r, head, err
}

// reviewOnline reads the saved online plan of the current commit: made
// against the real state, its changes are what the change does.
func reviewOnline(ctx context.Context, cmd *cobra.Command, s *session, fl *reviewFlags, baseSHA string, a review.Assessor) (*review.Report, []byte, error) {
	p, err := s.savedPlan("")
	if err != nil {
		return nil, nil, fmt.Errorf("%w (or review offline with --offline)", err)
	}
	p.announce(cmd.ErrOrStderr(), s.git.Root)
	head, err := os.ReadFile(p.JSON())
	if err != nil {
		return nil, nil, err
	}
	mode := "Planned against the real state of " + s.target.Stack() + " (" + p.describe(s.git.Root, time.Now()) + ")"
	r, err := assembleReview(ctx, s, fl, baseSHA, mode, head, a)
	return r, head, err
}

// assembleReview builds the report of a head plan JSON made on the base's
// state, with its cost and compliance against the base's view.
func assembleReview(ctx context.Context, s *session, fl *reviewFlags, baseSHA, mode string, head []byte, a review.Assessor) (*review.Report, error) {
	base, err := review.BaseView(head)
	if err != nil {
		return nil, err
	}
	p, err := planfile.Parse(head)
	if err != nil {
		return nil, fmt.Errorf("reading the head's plan: %w", err)
	}
	env := s.target.Environment
	cd, err := a.CostDiff(env, base, head)
	if err != nil {
		return nil, err
	}
	bf, err := a.Findings(ctx, env, "base", base)
	if err != nil {
		return nil, err
	}
	hf, err := a.Findings(ctx, env, "head", head)
	if err != nil {
		return nil, err
	}
	headRef := "working tree"
	if s.git.Dirty {
		headRef += " (uncommitted changes)"
	}
	return review.Build(review.Input{
		Environment: env, Stack: s.target.Stack(), Mode: mode,
		Base: review.Ref{Ref: fl.base, Commit: baseSHA}, Head: review.Ref{Ref: headRef, Commit: s.git.Commit},
		Plan: p, AllowDestroy: fl.allow, Cost: cd, BaseFindings: bf, HeadFindings: hf, Checked: true,
	}), nil
}

func writeReviewFiles(dir string, r *review.Report, head []byte, artifact string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	if artifact == "" {
		artifact = "the artifact review-" + r.Stack
		if run := runURL(); run != "" {
			artifact += " of [this workflow run](" + run + ")"
		}
	}
	var js strings.Builder
	if err := r.WriteJSON(&js); err != nil {
		return err
	}
	for name, body := range map[string]string{
		"review-" + r.Stack + ".md":         r.Markdown(),
		"review-" + r.Stack + ".comment.md": r.Comment(review.CommentLimit, artifact),
		"review-" + r.Stack + ".json":       js.String(),
		"plan-" + r.Stack + ".json":         string(head),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return nil
}

// gitOut runs git in root and returns its trimmed output.
func gitOut(ctx context.Context, root string, args ...string) (string, error) {
	c := exec.CommandContext(ctx, "git", append([]string{"-C", root}, args...)...)
	var stderr strings.Builder
	c.Stderr = &stderr
	b, err := c.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(b)), nil
}

// extractCommit writes the tree of commit into dir with git archive: no
// worktree, no change to the repository's index, HEAD or branches.
func extractCommit(ctx context.Context, root, commit, dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clearing %s: %w", dir, err)
	}
	c := exec.CommandContext(ctx, "git", "-C", root, "archive", "--format=tar", commit)
	pipe, err := c.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr strings.Builder
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		return fmt.Errorf("git archive: %w", err)
	}
	tr := tar.NewReader(pipe)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			_ = c.Wait()
			return fmt.Errorf("reading git archive of %.12s: %w", commit, err)
		}
		name := filepath.Clean(h.Name)
		if name == "." || strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			continue
		}
		target := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(target, 0o755)
		case tar.TypeReg:
			err = writeFromTar(tr, target, os.FileMode(h.Mode).Perm())
		case tar.TypeSymlink:
			if err = os.MkdirAll(filepath.Dir(target), 0o755); err == nil {
				err = os.Symlink(h.Linkname, target)
			}
		}
		if err != nil {
			_ = c.Wait()
			return fmt.Errorf("extracting %s of %.12s: %w", name, commit, err)
		}
	}
	if err := c.Wait(); err != nil {
		return fmt.Errorf("git archive %.12s: %v: %s", commit, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

func writeFromTar(r io.Reader, path string, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
