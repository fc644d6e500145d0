package engine

import (
	"fmt"
	"os"
	"path/filepath"
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

// WriteOfflineCLIConfig writes a CLI configuration that points OpenTofu (or
// Terraform) at the offline provider for every provider it stands in for,
// and returns the environment to run the engine with.
func WriteOfflineCLIConfig(path, providerDir, schemaDir string) ([]string, error) {
	bin := filepath.Join(providerDir, "terraform-provider-aws")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("offline provider not built at %s: run `make tools`", bin)
	}
	var b strings.Builder
	b.WriteString("# Written by lookcard: serve these providers from the offline provider.\nprovider_installation {\n  dev_overrides {\n")
	for _, p := range OfflineProviders {
		fmt.Fprintf(&b, "    %q = %q\n", p, providerDir)
	}
	b.WriteString("  }\n  direct {}\n}\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return nil, fmt.Errorf("writing CLI configuration %s: %w", path, err)
	}
	return []string{
		"TF_CLI_CONFIG_FILE=" + path,
		providerschema.EnvDir + "=" + schemaDir,
		"CHECKPOINT_DISABLE=1",
	}, nil
}
