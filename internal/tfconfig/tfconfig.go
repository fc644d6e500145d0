// Package tfconfig reads a Terraform-language configuration as written: the
// root module and every local module it calls, their resources, data
// sources, outputs, locals and module calls as HCL syntax, and the call tree.
// It evaluates nothing; readers that need values (awsrules' static rules,
// the doctor) evaluate what they read. Remote module sources are recorded
// without their contents.
package tfconfig

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Block is a resource, data source or output block of a module.
type Block struct {
	Type, Name string
	Body       *hclsyntax.Body
	Range      hcl.Range
}

// Call is a module block.
type Call struct {
	Name      string
	Source    string
	Args      map[string]*hclsyntax.Attribute
	DependsOn []hcl.Traversal
	Module    *Module // nil for a module outside this repository
}

// Module is one directory of .tf files.
type Module struct {
	Dir       string
	Resources map[string]*Block // "type.name"
	Data      map[string]*Block // "type.name"
	Outputs   map[string]*Block
	Locals    map[string]*hclsyntax.Attribute
	Calls     map[string]*Call
	src       map[string][]byte // file name => bytes
}

// Config is a root module and every local module it calls, transitively.
type Config struct {
	Root    *Module
	Modules map[string]*Module // by absolute directory
}

// Load parses the root module at dir and the modules it calls through
// local paths. Remote module sources are recorded without a Module.
func Load(dir string) (*Config, error) {
	c := &Config{Modules: map[string]*Module{}}
	root, err := c.load(dir)
	if err != nil {
		return nil, err
	}
	c.Root = root
	return c, nil
}

func (c *Config) load(dir string) (*Module, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if m, ok := c.Modules[dir]; ok {
		return m, nil
	}
	m := &Module{Dir: dir, Resources: map[string]*Block{}, Data: map[string]*Block{}, Outputs: map[string]*Block{},
		Locals: map[string]*hclsyntax.Attribute{}, Calls: map[string]*Call{}, src: map[string][]byte{}}
	c.Modules[dir] = m
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no .tf files", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f, err)
		}
		file, diags := hclsyntax.ParseConfig(b, f, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parsing %s: %s", f, diags.Error())
		}
		m.src[f] = b
		for _, blk := range file.Body.(*hclsyntax.Body).Blocks {
			switch {
			case blk.Type == "resource" && len(blk.Labels) == 2:
				m.Resources[blk.Labels[0]+"."+blk.Labels[1]] = &Block{blk.Labels[0], blk.Labels[1], blk.Body, blk.Range()}
			case blk.Type == "data" && len(blk.Labels) == 2:
				m.Data[blk.Labels[0]+"."+blk.Labels[1]] = &Block{blk.Labels[0], blk.Labels[1], blk.Body, blk.Range()}
			case blk.Type == "output" && len(blk.Labels) == 1:
				m.Outputs[blk.Labels[0]] = &Block{"output", blk.Labels[0], blk.Body, blk.Range()}
			case blk.Type == "locals":
				for n, a := range blk.Body.Attributes {
					m.Locals[n] = a
				}
			case blk.Type == "module" && len(blk.Labels) == 1:
				call := &Call{Name: blk.Labels[0], Args: map[string]*hclsyntax.Attribute{}}
				for n, a := range blk.Body.Attributes {
					switch n {
					case "source":
						v, d := a.Expr.Value(nil)
						if !d.HasErrors() && v.Type().FriendlyName() == "string" {
							call.Source = v.AsString()
						}
					case "depends_on":
						call.DependsOn = a.Expr.Variables()
					default:
						call.Args[n] = a
					}
				}
				m.Calls[call.Name] = call
			}
		}
	}
	for _, call := range m.Calls {
		if strings.HasPrefix(call.Source, "./") || strings.HasPrefix(call.Source, "../") {
			child, err := c.load(filepath.Join(dir, call.Source))
			if err != nil {
				return nil, fmt.Errorf("module %q of %s: %w", call.Name, dir, err)
			}
			call.Module = child
		}
	}
	return m, nil
}

// Instance is a module in its place in the call tree: the same module
// called twice is two instances, each with its own caller.
type Instance struct {
	Module *Module
	Parent *Instance
	Call   *Call // the call in Parent.Module; nil for the root
	Path   string
}

// Instances lists the call tree, root first.
func (c *Config) Instances() []*Instance {
	var out []*Instance
	var walk func(i *Instance)
	walk = func(i *Instance) {
		out = append(out, i)
		names := make([]string, 0, len(i.Module.Calls))
		for n := range i.Module.Calls {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			call := i.Module.Calls[n]
			if call.Module == nil || strings.Count(i.Path, "module.") > 10 {
				continue
			}
			walk(&Instance{call.Module, i, call, strings.TrimPrefix(i.Path+".module."+n, ".")})
		}
	}
	walk(&Instance{Module: c.Root})
	return out
}

// BodyTraversals returns every reference in a body, nested blocks
// (lifecycle preconditions, dynamic blocks, depends_on) included.
func BodyTraversals(b *hclsyntax.Body) []hcl.Traversal {
	var out []hcl.Traversal
	for _, a := range b.Attributes {
		out = append(out, a.Expr.Variables()...)
	}
	for _, blk := range b.Blocks {
		out = append(out, BodyTraversals(blk.Body)...)
	}
	return out
}

// AttrName is the name of traversal t's i-th step when it is an attribute
// (var.x: AttrName(t, 1) is "x"), else "".
func AttrName(t hcl.Traversal, i int) string {
	if len(t) <= i {
		return ""
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name
	}
	return ""
}

// Position renders a range as a path relative to base, with its line.
func Position(base string, r hcl.Range) string {
	f := r.Filename
	if rel, err := filepath.Rel(base, f); err == nil {
		f = rel
	}
	return fmt.Sprintf("%s:%d", f, r.Start.Line)
}

// Reaches reports whether any of refs, evaluated in instance in, leads
// (through locals, module inputs and outputs, data sources and other
// resources' own references) to a resource whose type target accepts.
// It returns the chain that leads there.
func Reaches(in *Instance, refs []hcl.Traversal, target func(string) bool, seen map[string]bool) (bool, string) {
	for _, t := range refs {
		root := t.RootName()
		var key string
		var next []hcl.Traversal
		nextIn := in
		switch root {
		case "each", "count", "path", "self", "terraform":
			continue
		case "var":
			n := AttrName(t, 1)
			if in.Call == nil {
				continue
			}
			a := in.Call.Args[n]
			if a == nil {
				continue
			}
			key, next, nextIn = "var."+n, a.Expr.Variables(), in.Parent
		case "local":
			n := AttrName(t, 1)
			a := in.Module.Locals[n]
			if a == nil {
				continue
			}
			key, next = "local."+n, a.Expr.Variables()
		case "module":
			n := AttrName(t, 1)
			call := in.Module.Calls[n]
			if call == nil || call.Module == nil {
				continue
			}
			child := &Instance{call.Module, in, call, strings.TrimPrefix(in.Path+".module."+n, ".")}
			outs := []string{AttrName(t, 2)}
			if outs[0] == "" {
				outs = outs[:0]
				for o := range call.Module.Outputs {
					outs = append(outs, o)
				}
				sort.Strings(outs)
			}
			for _, o := range outs {
				blk := call.Module.Outputs[o]
				if blk == nil {
					continue
				}
				k := child.Path + "|output." + o
				if seen[k] {
					continue
				}
				seen[k] = true
				if ok, chain := Reaches(child, BodyTraversals(blk.Body), target, seen); ok {
					return true, "module." + n + "." + o + " -> " + chain
				}
			}
			continue
		case "data":
			n := AttrName(t, 1) + "." + AttrName(t, 2)
			blk := in.Module.Data[n]
			if blk == nil {
				continue
			}
			key, next = "data."+n, BodyTraversals(blk.Body)
		default:
			n := root + "." + AttrName(t, 1)
			if target(root) {
				return true, n
			}
			blk := in.Module.Resources[n]
			if blk == nil {
				continue
			}
			key, next = n, BodyTraversals(blk.Body)
		}
		if nextIn == nil {
			continue
		}
		k := in.Path + "|" + key
		if seen[k] {
			continue
		}
		seen[k] = true
		if ok, chain := Reaches(nextIn, next, target, seen); ok {
			return true, key + " -> " + chain
		}
	}
	return false, ""
}

// Text is the source text of range r in one of m's files, "" when r is not
// in them.
func (m *Module) Text(r hcl.Range) string {
	b := m.src[r.Filename]
	if r.End.Byte > len(b) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return string(b[r.Start.Byte:r.End.Byte])
}

// DependsOnReaches reports whether a depends_on list written in instance in
// orders its holder after a resource whose type target accepts: through the
// references it names (as Reaches) or, where it names a whole module
// (module.x), through any resource that module or the modules it calls
// declare, since depends_on on a module waits for all of it.
func DependsOnReaches(in *Instance, deps []hcl.Traversal, target func(string) bool) (bool, string) {
	if ok, chain := Reaches(in, deps, target, map[string]bool{}); ok {
		return true, chain
	}
	for _, t := range deps {
		if t.RootName() != "module" || AttrName(t, 2) != "" {
			continue
		}
		n := AttrName(t, 1)
		if call := in.Module.Calls[n]; call != nil && call.Module != nil {
			if addr, ok := call.Module.declares(target, map[*Module]bool{}); ok {
				return true, "module." + n + " (declares " + addr + ")"
			}
		}
	}
	return false, ""
}

// declares finds a resource of a type target accepts in m or in a module m
// calls, and returns its address relative to m.
func (m *Module) declares(target func(string) bool, seen map[*Module]bool) (string, bool) {
	if seen[m] {
		return "", false
	}
	seen[m] = true
	keys := make([]string, 0, len(m.Resources))
	for k, r := range m.Resources {
		if target(r.Type) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		sort.Strings(keys)
		return keys[0], true
	}
	names := make([]string, 0, len(m.Calls))
	for n := range m.Calls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if c := m.Calls[n]; c.Module != nil {
			if addr, ok := c.Module.declares(target, seen); ok {
				return "module." + n + "." + addr, true
			}
		}
	}
	return "", false
}

// OrderedAfter reports whether resource blk of instance in is created after
// a resource whose type target accepts: through what it references, its own
// depends_on, or the depends_on of any module call that encloses it.
func OrderedAfter(in *Instance, blk *Block, target func(string) bool) (bool, string) {
	if ok, chain := Reaches(in, BodyTraversals(blk.Body), target, map[string]bool{}); ok {
		return true, chain
	}
	if a := blk.Body.Attributes["depends_on"]; a != nil {
		if ok, chain := DependsOnReaches(in, a.Expr.Variables(), target); ok {
			return true, "depends_on " + chain
		}
	}
	for up := in; up.Call != nil; up = up.Parent {
		if ok, chain := DependsOnReaches(up.Parent, up.Call.DependsOn, target); ok {
			return true, "depends_on of " + up.Path + ": " + chain
		}
	}
	return false, ""
}
