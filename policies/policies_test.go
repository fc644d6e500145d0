package policies

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/tester"
)

func regoFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		b, err := fs.ReadFile(FS, p)
		files[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("only %d Rego files embedded", len(files))
	}
	return files
}

// TestRegoUnitTests runs the *_test.rego files (`opa test policies`)
// through OPA's test runner.
func TestRegoUnitTests(t *testing.T) {
	modules := map[string]*ast.Module{}
	for name, src := range regoFiles(t) {
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		modules[name] = m
	}
	ch, err := tester.NewRunner().SetCompiler(ast.NewCompiler().WithEnablePrintStatements(true)).
		SetDefaultRegoVersion(ast.RegoV1).CapturePrintOutput(true).Run(context.Background(), modules)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		switch {
		case r.Error != nil:
			t.Errorf("%s.%s: %v", r.Package, r.Name, r.Error)
		case r.Fail:
			t.Errorf("%s.%s failed at %v\n%s", r.Package, r.Name, r.FailedAt, r.Output)
		}
	}
	if n < 10 {
		t.Errorf("%d Rego tests ran, want the lib and main tests", n)
	}
}

// TestFormatted keeps every policy as `opa fmt` writes it.
func TestFormatted(t *testing.T) {
	for name, src := range regoFiles(t) {
		want, err := format.SourceWithOpts(name, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(src, want) {
			t.Errorf("policies/%s is not formatted: run opa fmt -w policies", name)
		}
	}
}

// TestStrict compiles the policies in OPA's strict mode (`opa check --strict`):
// no unused variables, imports or arguments, no shadowed keywords.
func TestStrict(t *testing.T) {
	modules := map[string]*ast.Module{}
	for name, src := range regoFiles(t) {
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		modules[name] = m
	}
	c := ast.NewCompiler().WithStrict(true)
	if c.Compile(modules); c.Failed() {
		t.Fatal(c.Errors)
	}
}

func TestEmbedsExceptions(t *testing.T) {
	b, err := fs.ReadFile(FS, ExceptionsFile)
	if err != nil || !bytes.Contains(b, []byte("exceptions:")) {
		t.Fatalf("%s: %v", ExceptionsFile, err)
	}
}

// TestEmbedsEveryPolicy: the embed patterns name rules/<area>/<rule>.rego,
// so a policy elsewhere in the working copy would silently be left out of
// the binary; the rules' case files (*_test.yaml) must stay out of it.
func TestEmbedsEveryPolicy(t *testing.T) {
	err := fs.WalkDir(os.DirFS("."), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if _, err := fs.Stat(FS, p); err != nil {
			t.Errorf("%s is not embedded: keep rules at rules/<area>/<rule>.rego or widen the go:embed patterns in embed.go", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, "_test.yaml") {
			t.Errorf("%s is embedded: the rules' case files are for the Go tests only", p)
		}
		return err
	})
}
