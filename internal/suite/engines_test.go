package suite

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/lookcard/infrastructure/internal/engine"
)

// The native tests run on every engine the README promises: the pinned
// OpenTofu that `make tools` builds and, when present, Terraform >= 1.7 from
// $LOOKCARD_TERRAFORM or PATH. LOOKCARD_TERRAFORM=none leaves Terraform out
// on purpose; otherwise a missing Terraform is reported on stderr and, under
// LOOKCARD_REQUIRE_TOOLS=1, fails the test.

// EnvTerraform names the Terraform binary the suite also runs the native
// tests with ("none": OpenTofu only).
const EnvTerraform = "LOOKCARD_TERRAFORM"

// nativeEngine is one engine the native tests run on.
type nativeEngine struct {
	name string // "opentofu" or "terraform": the first level of subtest names
	bin  string
	env  []string // the offline environment (CLI configuration, schemas)

	rootOnce sync.Once
	rootData string // TF_DATA_DIR holding the root's modules for this engine
	rootErr  error
}

var (
	enginesOnce sync.Once
	engineList  []*nativeEngine
	engineSkip  string // why Terraform is not among them
	dataBase    string // per-process directory of the engines' data dirs

	// engineSlots bounds the engine processes the suite runs at once by the
	// number of cores, whatever -parallel says: each one starts providers too.
	engineSlots = make(chan struct{}, runtime.NumCPU())
)

// engines returns the engines to run native tests on, OpenTofu first, and
// says loudly when Terraform had to be left out.
func (tl tools) engines(t *testing.T) []*nativeEngine {
	t.Helper()
	enginesOnce.Do(func() {
		engineList = []*nativeEngine{{name: "opentofu", bin: tl.tofu, env: tl.env}}
		base, err := os.MkdirTemp("", "lookcard-engines-")
		if err != nil {
			base = filepath.Join(os.TempDir(), "lookcard-engines")
		}
		dataBase = base
		tf, reason := findTerraform()
		if reason != "" {
			engineSkip = reason
			return
		}
		engineList = append(engineList, &nativeEngine{name: "terraform", bin: tf.Path, env: tl.env})
	})
	if engineSkip != "" {
		msg := "Terraform SKIPPED, native tests run on OpenTofu only: " + engineSkip
		t.Log(msg)
		fmt.Fprintf(os.Stderr, "%s: %s\n", t.Name(), msg)
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" && os.Getenv(EnvTerraform) != "none" {
			// The OpenTofu subtests still run; the test fails at the end.
			t.Errorf("LOOKCARD_REQUIRE_TOOLS=1 needs both engines: %s (set %s=none to test OpenTofu only on purpose)", engineSkip, EnvTerraform)
		}
	}
	return engineList
}

// findTerraform locates Terraform >= 1.7 or says why there is none.
func findTerraform() (*engine.Engine, string) {
	name := os.Getenv(EnvTerraform)
	switch name {
	case "none":
		return nil, EnvTerraform + "=none"
	case "":
		name = "terraform"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Sprintf("no Terraform binary %q on PATH (set %s=/path/to/terraform)", name, EnvTerraform)
	}
	e, err := engine.Inspect(context.Background(), path)
	if err != nil {
		return nil, err.Error()
	}
	if e.Name != "Terraform" {
		return nil, fmt.Sprintf("%s is %s, not Terraform", path, e)
	}
	return e, ""
}

// run runs the engine in dir with its own data directory (TF_DATA_DIR), so
// that the two engines never share installed modules, and holds one of the
// engine slots while it runs.
func (e *nativeEngine) run(ctx context.Context, dir, data string, args ...string) (string, error) {
	engineSlots <- struct{}{}
	defer func() { <-engineSlots }()
	cmd := exec.CommandContext(ctx, e.bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), e.env...), "TF_DATA_DIR="+data)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// root returns the data directory holding the root's modules for this
// engine, installing them on first use.
func (e *nativeEngine) root(t *testing.T, tl tools) string {
	t.Helper()
	e.rootOnce.Do(func() {
		e.rootData = filepath.Join(dataBase, e.name, "root")
		if out, err := e.run(context.Background(), tl.root, e.rootData, "get", "-no-color"); err != nil {
			e.rootErr = fmt.Errorf("%s get in the root: %v\n%s", e.name, err, out)
		}
	})
	if e.rootErr != nil {
		t.Fatal(e.rootErr)
	}
	return e.rootData
}
