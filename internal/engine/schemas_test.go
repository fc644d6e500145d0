package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// fakeRegistryEngine answers init and `providers schema -json` as an engine
// that reached the registry would, with two providers in one document.
func fakeRegistryEngine(t *testing.T, initFails bool) *Engine {
	t.Helper()
	doc := `{"format_version":"1.0","provider_schemas":{` +
		`"registry.opentofu.org/hashicorp/aws":{"provider":{"version":0,"block":{"attributes":{"region":{"type":"string","optional":true}}}},"resource_schemas":{"aws_kms_key":{"version":0,"block":{"attributes":{"arn":{"type":"string","computed":true}}}}}},` +
		`"registry.opentofu.org/cloudflare/cloudflare":{"provider":{"version":0,"block":{}},"resource_schemas":{}}}}`
	initExit := "0"
	if initFails {
		initExit = "1"
	}
	script := "#!/bin/sh\ncase \"$1\" in\n" +
		"init) [ -f versions.tf ] || exit 9; echo 'registry unreachable' >&2; exit " + initExit + ";;\n" +
		"providers) echo '" + doc + "';;\n*) exit 3;;\nesac\n"
	p := filepath.Join(t.TempDir(), "tofu")
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return &Engine{Path: p, Name: "OpenTofu", Version: version.Must(version.NewVersion("1.10.6"))}
}

func TestExportSchemasSplitsPerProvider(t *testing.T) {
	versions := filepath.Join(t.TempDir(), "versions.tf")
	if err := os.WriteFile(versions, []byte("terraform {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	files, err := ExportSchemas(context.Background(), fakeRegistryEngine(t, false), versions, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("want aws.json and cloudflare.json, got %v", files)
	}
	p, err := providerschema.LoadFile(filepath.Join(out, "aws.json"))
	if err != nil {
		t.Fatalf("the exported bundle must load as the offline provider loads it: %v", err)
	}
	if _, ok := p.Resources["aws_kms_key"]; !ok || p.Address != "registry.opentofu.org/hashicorp/aws" {
		t.Fatalf("aws.json holds the wrong provider: %s %v", p.Address, p.Resources)
	}
}

func TestExportSchemasExplainsAnUnreachableRegistry(t *testing.T) {
	versions := filepath.Join(t.TempDir(), "versions.tf")
	if err := os.WriteFile(versions, []byte("terraform {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ExportSchemas(context.Background(), fakeRegistryEngine(t, true), versions, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "LOOKCARD_PROVIDER_SCHEMAS") || !strings.Contains(err.Error(), "registry unreachable") {
		t.Fatalf("want an error naming the way out and the engine's words, got %v", err)
	}
}
