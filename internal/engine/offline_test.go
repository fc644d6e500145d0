package engine

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-config-inspect/tfconfig"

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
			mirror := strings.TrimSuffix(cfg, ".tfrc") + "-mirror"
			for _, want := range []string{
				"provider_installation {",
				"dev_overrides {",
				`"hashicorp/aws" = "` + providers + `"`,
				`"cloudflare/cloudflare" = "` + providers + `"`,
				"filesystem_mirror {",
				`path    = "` + mirror + `"`,
				`include = ["hashicorp/aws", "cloudflare/cloudflare"]`,
				`exclude = ["hashicorp/aws", "cloudflare/cloudflare"]`,
			} {
				if !strings.Contains(text, want) {
					t.Errorf("configuration lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "direct {}") {
				t.Errorf("an unrestricted direct {} lets init ask the registry for the offline providers:\n%s", text)
			}
			if strings.Count(text, "{") != strings.Count(text, "}") {
				t.Errorf("unbalanced braces:\n%s", text)
			}
			i, j, k := strings.Index(text, "dev_overrides"), strings.Index(text, "filesystem_mirror"), strings.Index(text, "direct {")
			if i < 0 || j < i || k < j {
				t.Errorf("dev_overrides must come first, then filesystem_mirror, then direct:\n%s", text)
			}
			for _, host := range []string{"registry.opentofu.org", "registry.terraform.io"} {
				for p, v := range OfflineProviderVersions {
					ns, typ, _ := strings.Cut(p, "/")
					exe := filepath.Join(mirror, host, ns, typ, v, runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-"+typ)
					st, err := os.Stat(exe)
					if err != nil {
						t.Errorf("mirror lacks %s for %s: %v", p, host, err)
						continue
					}
					if st.Mode()&0o111 == 0 {
						t.Errorf("%s is not executable", exe)
					}
					if b, _ := os.ReadFile(exe); !strings.Contains(string(b), "exec '"+filepath.Join(providers, "terraform-provider-"+typ)+"'") {
						t.Errorf("%s does not run the offline provider:\n%s", exe, b)
					}
				}
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

// TestOfflineVersionsMeetConstraints checks that the versions the offline
// mirror offers meet every required_providers constraint in the repository,
// or `init` would find no acceptable version in the mirror.
func TestOfflineVersionsMeetConstraints(t *testing.T) {
	root := filepath.Join("..", "..")
	dirs, err := filepath.Glob(filepath.Join(root, "modules", "*"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, root, filepath.Join(root, "bootstrap"))
	checked := 0
	for _, dir := range dirs {
		mod, diags := tfconfig.LoadModule(dir)
		if diags.HasErrors() {
			t.Fatalf("reading %s: %v", dir, diags)
		}
		for name, req := range mod.RequiredProviders {
			want, ok := OfflineProviderVersions[strings.TrimPrefix(strings.TrimPrefix(req.Source, "registry.terraform.io/"), "registry.opentofu.org/")]
			if !ok || len(req.VersionConstraints) == 0 {
				continue
			}
			v := version.Must(version.NewVersion(want))
			for _, c := range req.VersionConstraints {
				cs, err := version.NewConstraint(c)
				if err != nil {
					t.Fatalf("%s: provider %s: constraint %q: %v", dir, name, c, err)
				}
				if !cs.Check(v) {
					t.Errorf("%s requires %s %s, but the offline mirror offers %s: update OfflineProviderVersions to the release the schema bundle holds", dir, req.Source, c, want)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no version constraint found: the repository layout changed?")
	}
}

// engineBinaries returns the engines present here: the pinned OpenTofu that
// `make tools` builds and Terraform from $LOOKCARD_TERRAFORM or PATH.
func engineBinaries(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	if p, err := filepath.Abs(filepath.Join("..", "..", "bin", "tofu")); err == nil {
		if _, err := os.Stat(p); err == nil {
			out["opentofu"] = p
		}
	}
	tf := os.Getenv("LOOKCARD_TERRAFORM")
	if tf == "" {
		tf = "terraform"
	}
	if p, err := exec.LookPath(tf); err == nil && tf != "none" {
		if e, err := Inspect(context.Background(), p); err == nil && e.Name == "Terraform" {
			out["terraform"] = p
		}
	}
	for _, name := range []string{"opentofu", "terraform"} {
		if out[name] == "" {
			msg := name + " is not available: its offline init is not tested"
			if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" && (name == "opentofu" || os.Getenv("LOOKCARD_TERRAFORM") != "none") {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
		}
	}
	return out
}

// recordingProxy is an HTTP proxy that accepts nothing: it records the
// target of every request an engine sends it.
type recordingProxy struct {
	ln   net.Listener
	mu   sync.Mutex
	seen []string
}

func newRecordingProxy(t *testing.T) *recordingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &recordingProxy{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.SetDeadline(time.Now().Add(5 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			p.mu.Lock()
			p.seen = append(p.seen, strings.TrimSpace(line))
			p.mu.Unlock()
			c.Write([]byte("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"))
			c.Close()
		}
	}()
	return p
}

func (p *recordingProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// TestOfflineInitMakesNoRegistryCall runs `init` with the generated CLI
// configuration under each engine, with every network request sent to a
// proxy that records it: init must install the local modules, record the
// offline providers in the lock file, exit 0 and ask no registry, again after
// the provider is rebuilt.
func TestOfflineInitMakesNoRegistryCall(t *testing.T) {
	engines := engineBinaries(t)
	for name, bin := range engines {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			providers := filepath.Join(dir, "providers")
			fake := func(content string) {
				for _, exe := range []string{"terraform-provider-aws", "terraform-provider-cloudflare"} {
					touch(t, filepath.Join(providers, exe))
					if err := os.WriteFile(filepath.Join(providers, exe), []byte("#!/bin/sh\n# "+content+"\nexit 1\n"), 0o755); err != nil {
						t.Fatal(err)
					}
				}
			}
			fake("first build")
			work := filepath.Join(dir, "work")
			files := map[string]string{
				"versions.tf": `terraform {
  required_providers {
    aws        = { source = "hashicorp/aws", version = "~> 6.0" }
    cloudflare = { source = "cloudflare/cloudflare", version = "~> 5.0" }
  }
}
module "child" {
  source = "./child"
}
`,
				"child/main.tf": `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 6.0" }
  }
}
`,
			}
			for f, body := range files {
				touch(t, filepath.Join(work, f))
				if err := os.WriteFile(filepath.Join(work, f), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			proxy := newRecordingProxy(t)
			cfg := filepath.Join(dir, "cli", "offline.tfrc")
			initOnce := func(step string) string {
				t.Helper()
				env, err := WriteOfflineCLIConfig(cfg, providers, filepath.Join(dir, "schemas"))
				if err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, bin, "init", "-backend=false", "-input=false", "-no-color")
				cmd.Dir = work
				proxyURL := "http://" + proxy.ln.Addr().String()
				cmd.Env = append(os.Environ(), env...)
				cmd.Env = append(cmd.Env, "HTTPS_PROXY="+proxyURL, "HTTP_PROXY="+proxyURL, "https_proxy="+proxyURL, "http_proxy="+proxyURL, "NO_PROXY=", "no_proxy=",
					"TF_DATA_DIR="+filepath.Join(dir, "data"), "TF_PLUGIN_CACHE_DIR=")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("%s: %s init exited with %v:\n%s", step, name, err, out)
				}
				if seen := proxy.requests(); len(seen) > 0 {
					t.Fatalf("%s: %s init made network requests %q:\n%s", step, name, seen, out)
				}
				return string(out)
			}
			initOnce("first init")
			lock, err := os.ReadFile(filepath.Join(work, ".terraform.lock.hcl"))
			if err != nil {
				t.Fatalf("init wrote no lock file: %v", err)
			}
			for p, v := range OfflineProviderVersions {
				if !strings.Contains(string(lock), "/"+p+"\"") || !strings.Contains(string(lock), `version     = "`+v+`"`) {
					t.Errorf("lock file does not record %s %s:\n%s", p, v, lock)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "data", "modules", "modules.json")); err != nil {
				t.Errorf("init did not install the local module: %v", err)
			}
			initOnce("second init, same lock file")
			fake("rebuilt")
			initOnce("init after the offline provider was rebuilt")
		})
	}
}
