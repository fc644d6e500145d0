package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// OfflineProviders are the provider addresses the offline provider stands in for.
var OfflineProviders = []string{"hashicorp/aws", "cloudflare/cloudflare"}

// SchemaDir returns the directory of provider schemas from
// $LOOKCARD_PROVIDER_SCHEMAS (or the flag value, when given), checking that
// every schema the offline provider needs is there.
func SchemaDir(flag string) (string, error) {
	dir := flag
	if dir == "" {
		dir = os.Getenv(providerschema.EnvDir)
	}
	if dir == "" {
		return "", fmt.Errorf("offline mode needs the provider schemas: set %s to a directory holding aws.json and cloudflare.json (the LookCard workspace keeps them in its provider-schemas directory), or configure AWS credentials to plan against AWS", providerschema.EnvDir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolving %s: %w", dir, err)
	}
	for _, p := range OfflineProviders {
		f := providerschema.File(abs, p[strings.Index(p, "/")+1:])
		if _, err := os.Stat(f); err != nil {
			return "", fmt.Errorf("provider schema %s is missing (%s=%s): %w", f, providerschema.EnvDir, dir, err)
		}
	}
	return abs, nil
}

// OfflineProviderVersions are the releases `init` records for the providers
// the offline provider stands in for: the ones whose schemas the bundle in
// $LOOKCARD_PROVIDER_SCHEMAS holds. Each must meet every required_providers
// constraint of the configuration (TestOfflineVersionsMeetConstraints).
var OfflineProviderVersions = map[string]string{
	"hashicorp/aws":         "6.47.0",
	"cloudflare/cloudflare": "5.0.0",
}

// registryHosts are the default registries of OpenTofu and Terraform: a
// provider address without a host means the engine's own.
var registryHosts = []string{"registry.opentofu.org", "registry.terraform.io"}

// WriteOfflineCLIConfig writes a CLI configuration that points OpenTofu (or
// Terraform) at the offline provider for every provider it stands in for,
// and returns the environment to run the engine with.
//
// dev_overrides serves the providers to every command but `init`, which
// still installs a release of each provider and records it in the lock file
// (Terraform documents this; OpenTofu does the same). So that `init` makes no
// registry call, the configuration also names a filesystem mirror, written
// next to it, that holds each provider at OfflineProviderVersions for both
// engines' registries, and leaves these providers out of `direct`. A mirrored
// package is a small script that runs the offline provider from providerDir:
// its checksum, which `init` records, stays the same when the provider is
// rebuilt.
func WriteOfflineCLIConfig(path, providerDir, schemaDir string) ([]string, error) {
	bin := filepath.Join(providerDir, "terraform-provider-aws")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("offline provider not built at %s: run `make tools`", bin)
	}
	mirror := strings.TrimSuffix(path, filepath.Ext(path)) + "-mirror"
	if err := writeMirror(mirror, providerDir); err != nil {
		return nil, err
	}
	quoted := make([]string, len(OfflineProviders))
	for i, p := range OfflineProviders {
		quoted[i] = fmt.Sprintf("%q", p)
	}
	list := "[" + strings.Join(quoted, ", ") + "]"
	var b strings.Builder
	b.WriteString("# Written by lookcard: serve these providers from the offline provider.\nprovider_installation {\n  dev_overrides {\n")
	for _, p := range OfflineProviders {
		fmt.Fprintf(&b, "    %q = %q\n", p, providerDir)
	}
	b.WriteString("  }\n")
	b.WriteString("  # `init` installs these from here, never from a registry.\n")
	fmt.Fprintf(&b, "  filesystem_mirror {\n    path    = %q\n    include = %s\n  }\n", mirror, list)
	fmt.Fprintf(&b, "  direct {\n    exclude = %s\n  }\n}\n", list)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	if err := writeIfChanged(path, b.String(), 0o644); err != nil {
		return nil, fmt.Errorf("writing CLI configuration %s: %w", path, err)
	}
	return []string{
		"TF_CLI_CONFIG_FILE=" + path,
		providerschema.EnvDir + "=" + schemaDir,
		"CHECKPOINT_DISABLE=1",
	}, nil
}

// writeMirror lays out <mirror>/<host>/<namespace>/<type>/<version>/<os>_<arch>/
// terraform-provider-<type> (the "unpacked" mirror layout both engines read)
// for every offline provider and registry host.
func writeMirror(mirror, providerDir string) error {
	platform := runtime.GOOS + "_" + runtime.GOARCH
	providerDir, err := filepath.Abs(providerDir)
	if err != nil {
		return fmt.Errorf("resolving %s: %w", providerDir, err)
	}
	for _, p := range OfflineProviders {
		ns, typ, _ := strings.Cut(p, "/")
		exe := "terraform-provider-" + typ
		script := "#!/bin/sh\n# Written by lookcard: `init` installs this stand-in; every other command runs\n# the offline provider itself through dev_overrides.\nexec " +
			shellQuote(filepath.Join(providerDir, exe)) + " \"$@\"\n"
		for _, host := range registryHosts {
			dir := filepath.Join(mirror, host, ns, typ, OfflineProviderVersions[p], platform)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("creating provider mirror %s: %w", dir, err)
			}
			if err := writeIfChanged(filepath.Join(dir, exe), script, 0o755); err != nil {
				return fmt.Errorf("writing provider mirror: %w", err)
			}
		}
	}
	return nil
}

// writeIfChanged leaves an identical file alone, so that concurrent runs
// never see it half-written, and otherwise replaces it atomically.
func writeIfChanged(path, content string, mode os.FileMode) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == content {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
