package compliance

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// RulesPackage is the Rego package every rule lives under.
const RulesPackage = "data.lookcard.rules"

var (
	ruleID       = regexp.MustCompile(`^LC-[A-Z]{2,4}-[0-9]{3}$`)
	resourceType = regexp.MustCompile(`^[a-z0-9]+_[a-z0-9_]+$`)
)

// Policies are the compiled rules and the exceptions that apply to them.
type Policies struct {
	Rules      []Rule
	Exceptions []Exception

	compiler *ast.Compiler
	query    rego.PreparedEvalQuery

	mu     sync.Mutex
	subset map[string]rego.PreparedEvalQuery // by Options.Rules
}

// Rule returns the rule with an id.
func (p *Policies) Rule(id string) (Rule, bool) {
	for _, r := range p.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Compiler is the compiled policy set (for tools such as the conftest
// comparison in the benchmarks).
func (p *Policies) Compiler() *ast.Compiler { return p.compiler }

// Modules parses every Rego file of fsys; tests (*_test.rego) only when
// withTests is set.
func Modules(fsys fs.FS, withTests bool) (map[string]*ast.Module, error) {
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || (!withTests && strings.HasSuffix(p, "_test.rego")) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("reading policy %s: %w", p, err)
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return fmt.Errorf("parsing policy %s: %w", p, err)
		}
		modules[p] = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(modules) == 0 {
		return nil, errors.New("no Rego policies found")
	}
	return modules, nil
}

// Load compiles the policies of fsys (the layout of the repository's
// policies/ directory), reads every rule's metadata and the exceptions file,
// and prepares the query that evaluates all rules at once.
func Load(ctx context.Context, fsys fs.FS) (*Policies, error) {
	modules, err := Modules(fsys, false)
	if err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().WithEnablePrintStatements(false)
	if compiler.Compile(modules); compiler.Failed() {
		return nil, fmt.Errorf("compiling policies: %w", compiler.Errors)
	}
	p := &Policies{compiler: compiler}
	seen := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		pkg := m.Package.Path.String()
		if !strings.HasPrefix(pkg, RulesPackage+".") {
			continue
		}
		r, err := ruleOf(name, m)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[r.ID]; dup {
			return nil, fmt.Errorf("policy %s: rule id %s is also used by %s", name, r.ID, other)
		}
		seen[r.ID] = name
		p.Rules = append(p.Rules, r)
	}
	if len(p.Rules) == 0 {
		return nil, fmt.Errorf("no rule packages under %s", RulesPackage)
	}
	sort.Slice(p.Rules, func(i, j int) bool { return p.Rules[i].ID < p.Rules[j].ID })

	if p.Exceptions, err = readExceptions(fsys, p); err != nil {
		return nil, err
	}
	if p.query, err = rego.New(rego.Compiler(compiler), rego.Query(p.queryText(nil))).PrepareForEval(ctx); err != nil {
		return nil, fmt.Errorf("preparing the policy query: %w", err)
	}
	return p, nil
}

// queryText evaluates every rule's (or, with only, those rules')
// violation, examined and unverified sets in one query, bound to v<i>, e<i>
// and u<i>.
func (p *Policies) queryText(only map[int]bool) string {
	var parts []string
	for i, r := range p.Rules {
		if only != nil && !only[i] {
			continue
		}
		parts = append(parts, fmt.Sprintf("v%d = %s.violation", i, r.Package))
		if r.examined {
			parts = append(parts, fmt.Sprintf("e%d = %s.examined", i, r.Package))
		}
		if r.unverified {
			parts = append(parts, fmt.Sprintf("u%d = %s.unverified", i, r.Package))
		}
	}
	return strings.Join(parts, "; ")
}

// ruleOf reads a rule package's METADATA annotation.
func ruleOf(file string, m *ast.Module) (Rule, error) {
	fail := func(format string, args ...any) (Rule, error) {
		return Rule{}, fmt.Errorf("policy %s: %s", file, fmt.Sprintf(format, args...))
	}
	var a *ast.Annotations
	for _, x := range m.Annotations {
		if x.Scope == "package" {
			a = x
		}
	}
	if a == nil {
		return fail("no package METADATA annotation")
	}
	c := a.Custom
	r := Rule{
		Title:       strings.TrimSpace(a.Title),
		Description: strings.TrimSpace(a.Description),
		Package:     m.Package.Path.String(),
		File:        file,
		ID:          str(c["id"]),
		Remediation: strings.TrimSpace(str(c["remediation"])),
		PCI:         strs(c["pci"]),
		SOC2:        strs(c["soc2"]),
		AppliesTo:   strs(c["applies_to"]),
	}
	var err error
	switch {
	case !ruleID.MatchString(r.ID):
		return fail("custom.id %q is not of the form LC-ABC-001", r.ID)
	case r.Title == "":
		return fail("%s has no title", r.ID)
	case r.Description == "":
		return fail("%s has no description", r.ID)
	case r.Remediation == "":
		return fail("%s has no custom.remediation", r.ID)
	case len(r.PCI) == 0 || len(r.SOC2) == 0:
		return fail("%s needs custom.pci (PCI DSS v4.0 requirements) and custom.soc2 (SOC 2 criteria)", r.ID)
	case len(r.AppliesTo) == 0:
		return fail("%s has no custom.applies_to", r.ID)
	}
	if r.Severity, err = parseLevel(str(c["severity"])); err != nil || r.Severity == Skip {
		return fail("%s: custom.severity must be deny or warn", r.ID)
	}
	if eq, ok := c["equivalents"].(map[string]any); ok {
		r.Equivalents = map[string][]string{}
		for k, v := range eq {
			if ids := strs(v); len(ids) > 0 {
				r.Equivalents[k] = ids
			}
		}
	}
	if u, ok := c["unverified_severity"]; ok {
		if r.UnverifiedSeverity, err = parseLevel(str(u)); err != nil || r.UnverifiedSeverity == Skip {
			return fail("%s: custom.unverified_severity must be deny or warn", r.ID)
		}
	}
	if by, ok := c["severity_by_environment"]; ok {
		mm, ok := by.(map[string]any)
		if !ok {
			return fail("%s: custom.severity_by_environment must map environments to deny, warn or skip", r.ID)
		}
		r.ByEnv = map[string]Level{}
		for env, v := range mm {
			if r.ByEnv[env], err = parseLevel(str(v)); err != nil {
				return fail("%s: severity_by_environment.%s: %v", r.ID, env, err)
			}
		}
	}
	for _, rule := range m.Rules {
		switch rule.Head.Name.String() {
		case "examined":
			r.examined = true
		case "unverified":
			r.unverified = true
		}
	}
	if !hasRule(m, "violation") || !hasRule(m, "meta") {
		return fail("%s must define violation and meta (meta := lib.meta(rego.metadata.chain()))", r.ID)
	}
	if !r.examined {
		for _, t := range r.AppliesTo {
			if !resourceType.MatchString(t) {
				return fail("%s applies to %q, which is not a resource type: define examined", r.ID, t)
			}
		}
	}
	return r, nil
}

func hasRule(m *ast.Module, name string) bool {
	for _, r := range m.Rules {
		if r.Head.Name.String() == name {
			return true
		}
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	return out
}
