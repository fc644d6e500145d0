package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaDir(t *testing.T) {
	cases := []struct {
		name     string
		files    []string // created in the temp dir
		env      string   // LOOKCARD_PROVIDER_SCHEMAS; "$DIR" is the temp dir
		flag     string   // "$DIR" is the temp dir
		wantErr  []string // substrings; nil means success
		wantDirs bool     // the result is the temp dir
	}{
		{
			name:    "unset",
			wantErr: []string{"LOOKCARD_PROVIDER_SCHEMAS", "aws.json", "cloudflare.json"},
		},
		{
			name:     "both schemas from the environment",
			files:    []string{"aws.json", "cloudflare.json"},
			env:      "$DIR",
			wantDirs: true,
		},
		{
			name:     "both schemas from the flag",
			files:    []string{"aws.json", "cloudflare.json"},
			flag:     "$DIR",
			wantDirs: true,
		},
		{
			name:     "the flag wins over the environment",
			files:    []string{"aws.json", "cloudflare.json"},
			env:      "$DIR/nowhere",
			flag:     "$DIR",
			wantDirs: true,
		},
		{
			name:    "cloudflare.json missing",
			files:   []string{"aws.json"},
			env:     "$DIR",
			wantErr: []string{"cloudflare.json", "is missing", "LOOKCARD_PROVIDER_SCHEMAS="},
		},
		{
			name:    "aws.json missing",
			files:   []string{"cloudflare.json"},
			env:     "$DIR",
			wantErr: []string{"aws.json", "is missing"},
		},
		{
			name:    "directory does not exist",
			env:     "$DIR/nowhere",
			wantErr: []string{filepath.Join("nowhere", "aws.json")},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range c.files {
				touch(t, filepath.Join(dir, f))
			}
			t.Setenv(providerschema.EnvDir, strings.ReplaceAll(c.env, "$DIR", dir))
			got, err := SchemaDir(strings.ReplaceAll(c.flag, "$DIR", dir))
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("SchemaDir = %q, want an error", got)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("SchemaDir: %v", err)
			}
			if c.wantDirs && got != dir {
				t.Errorf("SchemaDir = %q, want %q", got, dir)
			}
		})
	}
}

func TestSchemaDirUnset(t *testing.T) {
	t.Setenv(providerschema.EnvDir, "") // restored after the test
	if err := os.Unsetenv(providerschema.EnvDir); err != nil {
		t.Fatal(err)
	}
	got, err := SchemaDir("")
	if err == nil {
		t.Fatalf("SchemaDir = %q, want an error", got)
	}
	if !strings.Contains(err.Error(), providerschema.EnvDir) {
		t.Errorf("error %q does not name %s", err, providerschema.EnvDir)
	}
}

func TestSchemaDirRelative(t *testing.T) {
	dir := t.TempDir()
	touch(t, filepath.Join(dir, "schemas", "aws.json"))
	touch(t, filepath.Join(dir, "schemas", "cloudflare.json"))
	t.Chdir(dir)
	t.Setenv(providerschema.EnvDir, "schemas")
	got, err := SchemaDir("")
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got) {
		t.Errorf("SchemaDir = %q, want an absolute path", got)
	}
	if want, _ := filepath.EvalSymlinks(filepath.Join(dir, "schemas")); mustEval(t, got) != want {
		t.Errorf("SchemaDir = %q, want %q", got, want)
	}
}

func mustEval(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWriteOfflineCLIConfig(t *testing.T) {
	cases := []struct {
		name    string
		binary  bool   // create terraform-provider-aws in the provider dir
		cfg     string // relative to the temp dir; its directory may not exist yet
		wantErr string
	}{
		{
			name:   "writes dev_overrides for both providers",
			binary: true,
			cfg:    ".lookcard/offline.tfrc",
		},
		{
			name:   "creates missing directories",
			binary: true,
			cfg:    "a/b/c/offline.tfrc",
		},
		{
			name:    "provider not built",
			cfg:     ".lookcard/offline.tfrc",
			wantErr: "terraform-provider-aws",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			providers := filepath.Join(dir, "bin", "providers")
			if err := os.MkdirAll(providers, 0o755); err != nil {
				t.Fatal(err)
			}
			if c.binary {
				touch(t, filepath.Join(providers, "terraform-provider-aws"))
			}
			schemas := filepath.Join(dir, "schemas")
			cfg := filepath.Join(dir, c.cfg)

			env, err := WriteOfflineCLIConfig(cfg, providers, schemas)
			if c.wantErr != "" {
				if err == nil {
					t.Fatalf("WriteOfflineCLIConfig = %v, want an error", env)
				}
				if !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("error %q does not mention %q", err, c.wantErr)
				}
				if _, statErr := os.Stat(cfg); statErr == nil {
					t.Error("a CLI configuration was written although the provider is missing")
				}
				return
			}
			if err != nil {
				t.Fatalf("WriteOfflineCLIConfig: %v", err)
			}

			b, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatalf("reading the written configuration: %v", err)
			}
			text := string(b)
			for _, want := range []string{
				"provider_installation {",
				"dev_overrides {",
				`"hashicorp/aws" = "` + providers + `"`,
				`"cloudflare/cloudflare" = "` + providers + `"`,
				"direct {}",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("configuration lacks %q:\n%s", want, text)
				}
			}
			if strings.Count(text, "{") != strings.Count(text, "}") {
				t.Errorf("unbalanced braces:\n%s", text)
			}
			if i, j := strings.Index(text, "dev_overrides"), strings.Index(text, "direct"); i < 0 || j < i {
				t.Errorf("dev_overrides must come before direct:\n%s", text)
			}

			vars := map[string]string{}
			for _, kv := range env {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					t.Errorf("env entry %q is not KEY=VALUE", kv)
				}
				if _, dup := vars[k]; dup {
					t.Errorf("env entry %s appears twice", k)
				}
				vars[k] = v
			}
			if vars["TF_CLI_CONFIG_FILE"] != cfg {
				t.Errorf("TF_CLI_CONFIG_FILE = %q, want %q", vars["TF_CLI_CONFIG_FILE"], cfg)
			}
			if vars[providerschema.EnvDir] != schemas {
				t.Errorf("%s = %q, want %q", providerschema.EnvDir, vars[providerschema.EnvDir], schemas)
			}
		})
	}
}

// TestWriteOfflineCLIConfigQuotesPaths checks that a provider directory with
// characters HCL treats specially stays one string.
func TestWriteOfflineCLIConfigQuotesPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), `we"ird dir`)
	touch(t, filepath.Join(dir, "terraform-provider-aws"))
	cfg := filepath.Join(t.TempDir(), "offline.tfrc")
	if _, err := WriteOfflineCLIConfig(cfg, dir, "/schemas"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"hashicorp/aws" = "` + strings.ReplaceAll(dir, `"`, `\"`) + `"`; !strings.Contains(string(b), want) {
		t.Errorf("configuration lacks %s:\n%s", want, b)
	}
}
