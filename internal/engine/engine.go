// Package engine finds the OpenTofu or Terraform binary the tooling drives
// and checks that it is new enough.
package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/hashicorp/go-version"
)

// Minimum versions: the language features used are shared by both from here on.
var (
	MinOpenTofu  = version.Must(version.NewVersion("1.8.0"))
	MinTerraform = version.Must(version.NewVersion("1.7.0"))
)

// Engine is a located binary.
type Engine struct {
	Path    string
	Name    string // "OpenTofu" or "Terraform"
	Version *version.Version
}

func (e *Engine) String() string { return fmt.Sprintf("%s v%s (%s)", e.Name, e.Version, e.Path) }

// Locate finds the engine: $TOFU, then $TF_BINARY, then the pinned
// <root>/bin/tofu that `make` builds.
func Locate(ctx context.Context, root string) (*Engine, error) {
	path, from := filepath.Join(root, "bin", "tofu"), "the pinned build"
	for _, v := range []string{"TOFU", "TF_BINARY"} {
		if p := os.Getenv(v); p != "" {
			path, from = p, "$"+v
			break
		}
	}
	resolved, err := exec.LookPath(path)
	if err != nil {
		return nil, fmt.Errorf("no OpenTofu/Terraform binary at %s (%s): run `make tools` to build the pinned OpenTofu, or set TOFU=/path/to/tofu or TF_BINARY=terraform", path, from)
	}
	return Inspect(ctx, resolved)
}

// Inspect runs `<bin> version -json` and checks the minimum version.
func Inspect(ctx context.Context, path string) (*Engine, error) {
	cmd := exec.CommandContext(ctx, path, "version", "-json")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=", "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("running %s version: %w", path, err)
	}
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("reading %s version -json: %w", path, err)
	}
	ver, err := version.NewVersion(v.TerraformVersion)
	if err != nil {
		return nil, fmt.Errorf("%s reports version %q: %w", path, v.TerraformVersion, err)
	}
	e := &Engine{Path: path, Version: ver, Name: "Terraform"}
	min := MinTerraform
	if isOpenTofu(ctx, path) {
		e.Name, min = "OpenTofu", MinOpenTofu
	}
	if ver.Core().LessThan(min) {
		return nil, fmt.Errorf("%s is %s v%s; this repository needs %s >= %s (run `make tools` for the pinned OpenTofu)", path, e.Name, ver, e.Name, min)
	}
	return e, nil
}

func isOpenTofu(ctx context.Context, path string) bool {
	cmd := exec.CommandContext(ctx, path, "version")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=", "CHECKPOINT_DISABLE=1")
	out, _ := cmd.Output()
	return strings.HasPrefix(string(out), "OpenTofu")
}
