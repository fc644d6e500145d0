package review

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/offline"
)

// Stage is one configuration of an upgrade: a directory the engine runs in
// (with no backend, so its state is the local terraform.tfstate) and the
// variables it is planned with.
type Stage struct {
	Dir      string
	VarFiles []string
	Vars     []string // name=value
}

// Upgrade rehearses an upgrade offline: the base is planned and applied
// through the offline provider into a local state, and the head is planned
// on a copy of that state. The head's plan is exactly what applying the
// change to an environment built from the base would do: a resource renamed
// without a moved block is destroyed and created, a moved block makes it a
// move. Nothing reaches AWS: the engine must be configured (Env) to serve
// the providers from the offline provider.
type Upgrade struct {
	Engine     string            // path of tofu or terraform
	Env        map[string]string // added to this process's environment (TF_CLI_CONFIG_FILE, schemas)
	Base, Head Stage
	Log        io.Writer // the engine's output (nil: discarded)
}

// Result holds both plans.
type Result struct {
	Base *tfjson.Plan // the base planned from an empty state (what it creates)
	Head *tfjson.Plan // the head planned on the applied base
	// BasePlanJSON and HeadPlanJSON are the plans' JSON files, for the
	// readers that parse plan JSON themselves (cost, compliance).
	BasePlanJSON, HeadPlanJSON string
}

// Run performs the rehearsal.
func (u Upgrade) Run(ctx context.Context) (*Result, error) {
	if u.Base.Dir == u.Head.Dir {
		return nil, fmt.Errorf("internal error: the base and the head share %s", u.Base.Dir)
	}
	res := &Result{}
	var err error
	if res.Base, res.BasePlanJSON, err = u.ApplyBase(ctx); err != nil {
		return nil, err
	}
	if res.Head, res.HeadPlanJSON, err = u.PlanHead(ctx, u.Head); err != nil {
		return nil, err
	}
	return res, nil
}

// ApplyBase plans the base from an empty state and applies that plan
// offline into the base directory's local state.
func (u Upgrade) ApplyBase(ctx context.Context) (*tfjson.Plan, string, error) {
	base, err := u.engine(u.Base.Dir, false)
	if err != nil {
		return nil, "", err
	}
	p, js, err := u.plan(ctx, base, u.Base, "base")
	if err != nil {
		return nil, "", err
	}
	apply, err := u.engine(u.Base.Dir, true)
	if err != nil {
		return nil, "", err
	}
	if err := apply.Apply(ctx, tfexec.DirOrPlan(filepath.Join(u.Base.Dir, "review.tfplan"))); err != nil {
		return nil, "", fmt.Errorf("offline apply of the base in %s: %w", u.Base.Dir, err)
	}
	return p, js, nil
}

// PlanHead plans head on a copy of the applied base's state.
func (u Upgrade) PlanHead(ctx context.Context, head Stage) (*tfjson.Plan, string, error) {
	state, err := os.ReadFile(filepath.Join(u.Base.Dir, "terraform.tfstate"))
	if err != nil {
		return nil, "", fmt.Errorf("reading the base's rehearsal state (ApplyBase first): %w", err)
	}
	if err := os.WriteFile(filepath.Join(head.Dir, "terraform.tfstate"), state, 0o600); err != nil {
		return nil, "", fmt.Errorf("copying the base's state to the head: %w", err)
	}
	tf, err := u.engine(head.Dir, false)
	if err != nil {
		return nil, "", err
	}
	return u.plan(ctx, tf, head, "head")
}

func (u Upgrade) engine(dir string, applying bool) (*tfexec.Terraform, error) {
	tf, err := tfexec.NewTerraform(dir, u.Engine)
	if err != nil {
		return nil, fmt.Errorf("preparing %s in %s: %w", u.Engine, dir, err)
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	for k, v := range u.Env {
		env[k] = v
	}
	// Only the base's apply may apply: the provider refuses otherwise.
	delete(env, offline.EnvApply)
	if applying {
		env[offline.EnvApply] = "1"
	}
	if err := tf.SetEnv(tfexec.CleanEnv(env)); err != nil {
		return nil, err
	}
	tf.SetStdout(u.log())
	tf.SetStderr(u.log())
	return tf, nil
}

func (u Upgrade) log() io.Writer {
	if u.Log == nil {
		return io.Discard
	}
	return u.Log
}

// plan installs the modules, plans into <dir>/review.tfplan and reads the
// plan back as JSON (also written to <dir>/review.json).
func (u Upgrade) plan(ctx context.Context, tf *tfexec.Terraform, st Stage, what string) (*tfjson.Plan, string, error) {
	// Providers come from the offline provider; only modules need installing.
	if err := tf.Get(ctx); err != nil {
		return nil, "", fmt.Errorf("installing the %s's modules: %w", what, err)
	}
	file := filepath.Join(st.Dir, "review.tfplan")
	opts := []tfexec.PlanOption{tfexec.Out(file), tfexec.Refresh(false)}
	for _, f := range st.VarFiles {
		opts = append(opts, tfexec.VarFile(f))
	}
	for _, v := range st.Vars {
		opts = append(opts, tfexec.Var(v))
	}
	if _, err := tf.Plan(ctx, opts...); err != nil {
		return nil, "", fmt.Errorf("offline plan of the %s in %s: %w", what, st.Dir, err)
	}
	// terraform-exec copies the JSON to stdout too: keep it out of the log.
	tf.SetStdout(io.Discard)
	p, err := tf.ShowPlanFile(ctx, file)
	tf.SetStdout(u.log())
	if err != nil {
		return nil, "", fmt.Errorf("reading the %s's plan: %w", what, err)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, "", fmt.Errorf("encoding the %s's plan: %w", what, err)
	}
	js := filepath.Join(st.Dir, "review.json")
	if err := os.WriteFile(js, raw, 0o644); err != nil {
		return nil, "", fmt.Errorf("writing %s: %w", js, err)
	}
	return p, js, nil
}
