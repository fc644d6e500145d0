package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/lookcard/infrastructure/internal/engine"
	"github.com/lookcard/infrastructure/internal/offline"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// bootstrapAdminPlaceholder stands for the people allowed to assume the
// admin role; the check needs one to see the admin role's trust (MFA), and
// the real ARNs are passed only when bootstrap/ is applied.
const bootstrapAdminPlaceholder = "arn:aws:iam::210000000001:role/lookcard-identity-platform-admin"

// planBootstrap plans bootstrap/ (the state bucket, OIDC provider and the
// deploy, plan, admin and read-only roles) offline for an environment's
// account and saves its JSON as .lookcard/work/bootstrap-<env>/bootstrap.json,
// so that check examines what the pipeline's own identity rests on. It reads
// the account IDs from the environment's tfvars and never calls AWS.
// It then rehearses the apply into a local state beside the plan (the
// offline provider, nothing in AWS) whose values resolve the plan's
// unknowns: bootstrap/ is small, so this costs seconds.
func planBootstrap(ctx context.Context, o *options, w io.Writer, root, env string) (planJSON, state string, err error) {
	vars, err := bootstrapVars(root, env)
	if err != nil {
		return "", "", err
	}
	e, err := engine.Locate(ctx, root)
	if err != nil {
		return "", "", err
	}
	schemas, err := engine.SchemaDir(o.schemas)
	if err != nil {
		return "", "", err
	}
	cliEnv, err := engine.WriteOfflineCLIConfig(filepath.Join(root, workspace.Dir, "offline.tfrc"), providerDir(root), schemas)
	if err != nil {
		return "", "", err
	}
	// A mirror whose bootstrap/ sees ../modules, as in the repository, with
	// its own .terraform and plan file.
	mirror := filepath.Join(root, workspace.Dir, "work", "bootstrap-"+env)
	dir := filepath.Join(mirror, "bootstrap")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("creating %s: %w", dir, err)
	}
	link := func(target, name string) error {
		if cur, err := os.Readlink(name); err == nil && cur == target {
			return nil
		}
		_ = os.Remove(name)
		if err := os.Symlink(target, name); err != nil {
			return fmt.Errorf("linking %s: %w", name, err)
		}
		return nil
	}
	if err := link(filepath.Join(root, "modules"), filepath.Join(mirror, "modules")); err != nil {
		return "", "", err
	}
	files, err := filepath.Glob(filepath.Join(root, "bootstrap", "*.tf"))
	if err != nil || len(files) == 0 {
		return "", "", fmt.Errorf("no bootstrap/*.tf under %s", root)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, f := range old {
		_ = os.Remove(f)
	}
	for _, f := range files {
		if err := link(f, filepath.Join(dir, filepath.Base(f))); err != nil {
			return "", "", err
		}
	}
	state = filepath.Join(dir, "terraform.tfstate")
	for _, f := range []string{state, state + ".backup"} {
		if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
			return "", "", fmt.Errorf("removing the previous rehearsal %s: %w", f, err)
		}
	}
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, e.Path, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), cliEnv...)
		if args[0] == "apply" {
			cmd.Env = append(cmd.Env, offline.EnvApply+"=1")
		}
		cmd.Env = append(cmd.Env, "TF_IN_AUTOMATION=1")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%s %s in %s: %w\n%s%s", filepath.Base(e.Path), args[0], rel(root, dir), err, out.String(), errb.String())
		}
		return out.Bytes(), nil
	}
	fmt.Fprintf(w, "Planning bootstrap/ for the %s account offline (%s)...\n", env, rel(root, dir))
	if _, err := run("init", "-backend=false", "-input=false", "-no-color"); err != nil {
		return "", "", err
	}
	planFile := filepath.Join(mirror, "bootstrap.tfplan")
	args := []string{"plan", "-input=false", "-no-color", "-lock=false", "-out=" + planFile}
	for _, v := range vars {
		args = append(args, "-var", v)
	}
	if _, err := run(args...); err != nil {
		return "", "", err
	}
	js, err := run("show", "-json", planFile)
	if err != nil {
		return "", "", err
	}
	// Beside the mirror, not under plans/: it is no stack `lookcard plan` saved.
	out := filepath.Join(mirror, "bootstrap.json")
	if err := os.WriteFile(out, js, 0o644); err != nil {
		return "", "", fmt.Errorf("writing %s: %w", out, err)
	}
	if _, err := run("apply", "-input=false", "-no-color", "-lock=false", planFile); err != nil {
		return "", "", err
	}
	return out, state, nil
}

// ApplyBootstrapOffline rehearses the apply of bootstrap/ for env's account
// offline, by the path `lookcard check --bootstrap` takes (planBootstrap),
// and returns the local state it leaves at
// root/.lookcard/work/bootstrap-<env>/bootstrap/terraform.tfstate, whose
// outputs are the names and key bootstrap/ creates. schemas "" reads
// $LOOKCARD_PROVIDER_SCHEMAS. internal/statesuite serves what it names.
func ApplyBootstrapOffline(ctx context.Context, w io.Writer, root, env, schemas string) (state string, err error) {
	_, state, err = planBootstrap(ctx, &options{schemas: schemas}, w, root, env)
	return state, err
}

// bootstrapVars are the -var arguments of bootstrap/ for an environment's
// account, from its tfvars.
func bootstrapVars(root, env string) ([]string, error) {
	path := filepath.Join(root, "terraform."+env+".tfvars.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--bootstrap for %s: %w", env, err)
	}
	var tv struct {
		Account string `json:"aws_account_id"`
		DNS     string `json:"dns_account_id"`
	}
	if err := json.Unmarshal(b, &tv); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if tv.Account == "" || tv.DNS == "" {
		return nil, fmt.Errorf("%s has no aws_account_id or dns_account_id", path)
	}
	admins, _ := json.Marshal([]string{bootstrapAdminPlaceholder})
	return []string{
		"account_name=" + env,
		"account_id=" + tv.Account,
		"dns_role_arn=arn:aws:iam::" + tv.DNS + ":role/lookcard-dns-records",
		"admin_principal_arns=" + strings.TrimSpace(string(admins)),
	}, nil
}
