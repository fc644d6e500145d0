package tfconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// write lays out files (path => content) under a new temporary directory.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		f := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A root calling one local module twice and one remote module; the local
// module's bucket reaches a listener only through the root's argument.
var tree = map[string]string{
	"main.tf": `
locals {
  listener = aws_lb_listener.https.arn
}

resource "aws_lb_listener" "https" {
  port = 443
}

module "a" {
  source   = "./modules/svc"
  listener = local.listener
}

module "b" {
  source     = "./modules/svc"
  listener   = "none"
  depends_on = [module.a]
}

module "remote" {
  source = "terraform-aws-modules/vpc/aws"
}

output "svc" {
  value = module.a.id
}
`,
	"modules/svc/main.tf": `
variable "listener" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = "x-${var.listener}"
}

output "id" {
  value = aws_s3_bucket.this.id
}
`,
}

func TestLoadReadsTheCallTree(t *testing.T) {
	c, err := Load(write(t, tree))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Modules) != 2 {
		t.Errorf("modules read: %d, want 2 (the root and modules/svc, read once)", len(c.Modules))
	}
	if c.Root.Calls["a"].Module == nil || c.Root.Calls["a"].Module != c.Root.Calls["b"].Module {
		t.Error("both calls of ./modules/svc must share one Module")
	}
	if r := c.Root.Calls["remote"]; r.Module != nil || r.Source != "terraform-aws-modules/vpc/aws" {
		t.Errorf("a remote call is recorded with its source and without a Module: %+v", r)
	}
	if _, ok := c.Root.Calls["a"].Args["source"]; ok {
		t.Error("source is not an argument")
	}
	if deps := c.Root.Calls["b"].DependsOn; len(deps) != 1 || deps[0].RootName() != "module" || AttrName(deps[0], 1) != "a" {
		t.Errorf("depends_on of module b: %v", deps)
	}
	var paths []string
	for _, in := range c.Instances() {
		paths = append(paths, in.Path)
	}
	if got := strings.Join(paths, ","); got != ",module.a,module.b" {
		t.Errorf("instances %q, want the root then module.a and module.b", got)
	}
	svc := c.Root.Calls["a"].Module
	if got := svc.Text(svc.Resources["aws_s3_bucket.this"].Body.Attributes["bucket"].Expr.Range()); got != `"x-${var.listener}"` {
		t.Errorf("Text of the bucket expression: %q", got)
	}
}

func TestReachesFollowsVariablesLocalsAndOutputs(t *testing.T) {
	c, err := Load(write(t, tree))
	if err != nil {
		t.Fatal(err)
	}
	isListener := func(typ string) bool { return typ == "aws_lb_listener" }
	ins := c.Instances()
	root, a, b := ins[0], ins[1], ins[2]
	bucket := a.Module.Resources["aws_s3_bucket.this"]

	ok, chain := Reaches(a, BodyTraversals(bucket.Body), isListener, map[string]bool{})
	if !ok || chain != "var.listener -> local.listener -> aws_lb_listener.https" {
		t.Errorf("module.a's bucket: reaches %v through %q", ok, chain)
	}
	if ok, chain := Reaches(b, BodyTraversals(bucket.Body), isListener, map[string]bool{}); ok {
		t.Errorf("module.b's bucket is given a literal, yet reaches a listener through %q", chain)
	}
	ok, chain = Reaches(root, BodyTraversals(root.Module.Outputs["svc"].Body), isListener, map[string]bool{})
	if !ok || !strings.HasPrefix(chain, "module.a.id -> ") {
		t.Errorf("the root output: reaches %v through %q", ok, chain)
	}
}

func TestLoadRefusesWhatItCannotRead(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"no .tf files":        {"README.md": "x"},
		"a syntax error":      {"main.tf": "resource \"a\" \"b\" {"},
		"a missing submodule": {"main.tf": "module \"m\" {\n  source = \"./nowhere\"\n}\n"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(write(t, files)); err == nil {
				t.Error("Load succeeded")
			}
		})
	}
	if _, err := Load(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("Load of a directory that does not exist succeeded")
	}
}

func TestPositionIsRelativeToBase(t *testing.T) {
	dir := write(t, tree)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	blk := c.Root.Calls["a"].Module.Resources["aws_s3_bucket.this"]
	if got := Position(dir, blk.Range); got != filepath.Join("modules", "svc", "main.tf")+":6" {
		t.Errorf("Position = %q", got)
	}
}
