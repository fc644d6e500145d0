package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// ExportSchemas builds a schema bundle from the real providers, for machines
// that reach the provider registry but have no bundle: it installs the
// providers that versions.tf requires in a scratch directory and writes
// `providers schema -json` as one <type>.json file per provider into out.
func ExportSchemas(ctx context.Context, e *Engine, versionsFile, out string) ([]string, error) {
	scratch, err := os.MkdirTemp("", "lookcard-schemas-")
	if err != nil {
		return nil, fmt.Errorf("creating scratch directory: %w", err)
	}
	defer os.RemoveAll(scratch)
	b, err := os.ReadFile(versionsFile)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", versionsFile, err)
	}
	if err := os.WriteFile(filepath.Join(scratch, "versions.tf"), b, 0o644); err != nil {
		return nil, fmt.Errorf("writing scratch configuration: %w", err)
	}
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, e.Path, args...)
		cmd.Dir = scratch
		// The real registry, not the offline provider: drop any dev_overrides.
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=", "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%s %s: %w: %s", filepath.Base(e.Path), strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return stdout.Bytes(), nil
	}
	if _, err := run("init", "-backend=false", "-input=false", "-no-color"); err != nil {
		return nil, fmt.Errorf("installing the real providers failed (is the provider registry reachable? if not, set %s to a schema bundle): %w", "LOOKCARD_PROVIDER_SCHEMAS", err)
	}
	raw, err := run("providers", "schema", "-json")
	if err != nil {
		return nil, err
	}
	var all tfjson.ProviderSchemas
	if err := json.Unmarshal(raw, &all); err != nil {
		return nil, fmt.Errorf("reading providers schema -json: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", out, err)
	}
	var written []string
	for addr, schema := range all.Schemas {
		one := tfjson.ProviderSchemas{FormatVersion: all.FormatVersion, Schemas: map[string]*tfjson.ProviderSchema{addr: schema}}
		data, err := json.Marshal(one)
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", addr, err)
		}
		path := filepath.Join(out, addr[strings.LastIndex(addr, "/")+1:]+".json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		written = append(written, path)
	}
	for _, p := range OfflineProviders {
		want := filepath.Join(out, p[strings.Index(p, "/")+1:]+".json")
		if _, err := os.Stat(want); err != nil {
			return nil, fmt.Errorf("the real providers gave no schema for %s", p)
		}
	}
	return written, nil
}
