package compliance

import (
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-config-inspect/tfconfig"
)

// rootLocation is where a finding with no declaration of its own (a
// plan-wide one, or one whose declaration is not found) is located: the
// first line of the root module's foundation tier.
var rootLocation = Location{File: "foundation.tf", Line: 1}

// Locator finds where a plan address is declared.
type Locator interface {
	Locate(address string) (Location, bool)
}

// SourceLocator finds resources, variables and outputs in the repository's
// HCL, following the plan's module calls to local module sources.
type SourceLocator struct {
	root    string
	sources map[string]string // module path → source

	mu      sync.Mutex
	modules map[string]*tfconfig.Module // directory → parsed module
}

// NewSourceLocator locates the addresses of plan in the repository at root.
func NewSourceLocator(root string, plan *Plan) *SourceLocator {
	return &SourceLocator{root: root, sources: plan.moduleSources(), modules: map[string]*tfconfig.Module{}}
}

var (
	moduleStep   = regexp.MustCompile(`^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.`)
	resourceStep = regexp.MustCompile(`^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[.*\])?$`)
)

// Locate returns the file (relative to the root) and line of an address:
// a resource, var.<name> or output.<name>. Anything else (plan-wide
// findings) is located at rootLocation.
func (l *SourceLocator) Locate(address string) (Location, bool) {
	dir, path, rest := l.root, "", address
	for {
		m := moduleStep.FindStringSubmatch(rest)
		if m == nil {
			break
		}
		if path == "" {
			path = m[1]
		} else {
			path += "." + m[1]
		}
		src, ok := l.sources[path]
		if !ok || !(strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")) {
			return Location{}, false
		}
		dir = filepath.Join(dir, filepath.FromSlash(src))
		rest = rest[len(m[0]):]
	}
	mod := l.module(dir)
	if mod == nil {
		return Location{}, false
	}
	var pos *tfconfig.SourcePos
	switch {
	case strings.HasPrefix(rest, "var.") && path == "":
		if v, ok := mod.Variables[strings.TrimPrefix(rest, "var.")]; ok {
			pos = &v.Pos
		}
	case strings.HasPrefix(rest, "output.") && path == "":
		if o, ok := mod.Outputs[strings.TrimPrefix(rest, "output.")]; ok {
			pos = &o.Pos
		}
	default:
		if m := resourceStep.FindStringSubmatch(rest); m != nil {
			key := m[2] + "." + m[3]
			if r, ok := mod.ManagedResources[key]; ok && m[1] == "" {
				pos = &r.Pos
			} else if r, ok := mod.DataResources["data."+key]; ok && m[1] != "" {
				pos = &r.Pos
			}
		}
	}
	if pos == nil {
		if path != "" || rest != "(plan)" {
			return Location{}, false
		}
		return rootLocation, true
	}
	file, err := filepath.Rel(l.root, pos.Filename)
	if err != nil || strings.HasPrefix(file, "..") {
		return Location{}, false
	}
	return Location{File: filepath.ToSlash(file), Line: pos.Line}, true
}

func (l *SourceLocator) module(dir string) *tfconfig.Module {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.modules[dir]; ok {
		return m
	}
	var m *tfconfig.Module
	if tfconfig.IsModuleDir(dir) {
		if mod, diags := tfconfig.LoadModule(dir); !diags.HasErrors() {
			m = mod
		}
	}
	l.modules[dir] = m
	return m
}
