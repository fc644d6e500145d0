package graph

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// Reference resolution.
//
// The configuration section of a plan describes modules, not instances: a
// resource inside module.ecs_service is "aws_iam_role.task" whatever the
// instance key, and each expression lists the traversals it reads.
// References are resolved from a concrete resource instance, walking module
// instance paths, to targets: a managed resource of the configuration in a
// module instance path (a step may be a wildcard: every instance).
//
//	var.x            → the parent module call's expression for x, resolved in the
//	                   parent (each.* there stands for this module instance)
//	module.m[k].out  → output out's expression in child m, instance k (or every instance)
//	module.m         → every output of m
//	local.x          → the locals block of the module's source, read from HCL (locals
//	                   are not in the plan JSON) when the source is on disk
//	data.t.n         → the data source's own references (data sources are not nodes)
//	each.*, count.*  → the for_each / count expression of the enclosing resource or call
//	t.n[k]           → managed resource t.n in the same module instance (instance k, or all)
//	path.*, terraform.*, self → nothing
//
// A resource's depends_on entries resolve the same way.
//
// A map built from a for_each resource is usually keyed like it, so a key
// narrows the target when it can: a literal index on an output, variable or
// local (module.kms.key_arns["logs"]), or each.key/each.value in the same
// expression as the reference (module.ecr.repository_urls[each.key] inside
// module.ecs_service["card-api"]). Such a key is a hint: it narrows the
// target to the instances with that key (of the resource, or of a wildcard
// module step) when there are any; else to the instances whose string key
// and the hint hold one another as a whole token ("card-api" and
// "card-api/idempotency-keys", "account-api/to-authentication-api" and
// "authentication-api": compound keys built from the keys they join); else
// it is ignored. A hint never narrows a target to nothing. Without the
// values of for_each (not in a plan), a map filtered by a condition
// ([for k, v in m : v if startswith(k, each.key)]) cannot be followed more
// precisely: when no key relates, every instance of the target is kept.
//
// Results are memoised per (module instance path, reference); a reference
// met again while it is being resolved (only possible in pathological
// configurations) resolves to nothing rather than looping.

type target struct {
	path   []step // module instance path; a step may be a wildcard
	res    string // type.name of a managed resource
	key    string // its instance key, when the reference names one
	anyKey bool
	hint   string // a key that narrows the target when instances have it
}

func (t target) id() string {
	s := pathKey(t.path) + "|" + t.res + "|" + t.hint
	if !t.anyKey {
		s += "[" + t.key + "]"
	}
	return s
}

type cfgResource struct {
	addr   string                // type.name
	typ    string                //
	exprs  [][]string            // the references of each expression, and depends_on
	byAttr map[string][][]string // the same per top-level argument
	iter   [][]string            // for_each / count expression
}

type cfgCall struct {
	name   string
	source string
	exprs  map[string][][]string
	iter   [][]string
	child  *cfgModule
}

type cfgModule struct {
	addr      string // module.a.module.b; "" for the root
	parent    *cfgModule
	call      *cfgCall // the call in parent that makes this module
	dir       string   // source directory on disk, "" when unknown
	resources map[string]*cfgResource
	data      map[string]*cfgResource
	calls     map[string]*cfgCall
	outputs   map[string][][]string
	locals    map[string][][]string
	localsOK  bool
}

type resolver struct {
	root    *cfgModule
	modules map[string]*cfgModule
	memo    map[string][]target
	busy    map[string]bool
	byCfg   map[string][]*instance // configuration module + type.name
	byInst  map[string][]*instance // module instance + type.name
	// warnings about HCL that could not be read (locals then resolve to nothing).
	warnings []string
}

func newResolver(p *planJSON, configDir string) *resolver {
	r := &resolver{modules: map[string]*cfgModule{}, memo: map[string][]target{}, busy: map[string]bool{}}
	r.root = r.load(&p.Configuration.RootModule, "", nil, nil, configDir)
	return r
}

func (r *resolver) load(cm *configModule, addr string, parent *cfgModule, call *cfgCall, dir string) *cfgModule {
	m := &cfgModule{
		addr: addr, parent: parent, call: call, dir: dir,
		resources: map[string]*cfgResource{}, data: map[string]*cfgResource{},
		calls: map[string]*cfgCall{}, outputs: map[string][][]string{},
	}
	r.modules[addr] = m
	for _, cr := range cm.Resources {
		res := &cfgResource{addr: cr.Type + "." + cr.Name, typ: cr.Type, byAttr: map[string][][]string{}}
		names := make([]string, 0, len(cr.Expressions))
		for k := range cr.Expressions {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			refs := references(cr.Expressions[k])
			res.byAttr[k] = refs
			res.exprs = append(res.exprs, refs...)
		}
		for _, d := range cr.DependsOn {
			res.exprs = append(res.exprs, []string{d})
		}
		res.iter = append(references(cr.ForEach), references(cr.Count)...)
		if cr.Mode == "data" {
			m.data[res.addr] = res
		} else {
			m.resources[res.addr] = res
		}
	}
	for name, out := range cm.Outputs {
		m.outputs[name] = references(out.Expression)
	}
	callNames := make([]string, 0, len(cm.ModuleCalls))
	for name := range cm.ModuleCalls {
		callNames = append(callNames, name)
	}
	sort.Strings(callNames)
	for _, name := range callNames {
		cc := cm.ModuleCalls[name]
		c := &cfgCall{name: name, source: cc.Source, exprs: map[string][][]string{}}
		for k, e := range cc.Expressions {
			c.exprs[k] = references(e)
		}
		c.iter = append(references(cc.ForEach), references(cc.Count)...)
		childAddr := "module." + name
		if addr != "" {
			childAddr = addr + "." + childAddr
		}
		childDir := ""
		if dir != "" && (strings.HasPrefix(cc.Source, "./") || strings.HasPrefix(cc.Source, "../")) {
			childDir = filepath.Join(dir, filepath.FromSlash(cc.Source))
		}
		c.child = r.load(&cc.Module, childAddr, m, c, childDir)
		m.calls[name] = c
	}
	return m
}

func rootOf(ref string) string {
	if i := strings.IndexAny(ref, ".["); i >= 0 {
		return ref[:i]
	}
	return ref
}

// resolveExprs resolves expressions evaluated in module instance path (of
// module m); iter is what each.* and count.* stand for there and eachKey the
// key they have ("" when there is none, "*" when any instance).
func (r *resolver) resolveExprs(path []step, m *cfgModule, exprs [][]string, iter [][]string, eachKey string) []target {
	var out []target
	seen := map[string]bool{}
	for _, refs := range exprs {
		var ts []target
		each := false
		for _, ref := range refs {
			if root := rootOf(ref); root == "each" || root == "count" {
				if !each {
					each = true
					ts = append(ts, r.resolveExprs(path, m, iter, nil, "")...)
				}
				continue
			}
			ts = append(ts, r.resolveRef(path, m, ref)...)
		}
		if each && eachKey != "" && eachKey != "*" {
			ts = withHint(ts, eachKey)
		}
		for _, t := range ts {
			if id := t.id(); !seen[id] {
				seen[id] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// withHint gives targets without a hint this one (copies; memoised slices
// are shared).
func withHint(ts []target, key string) []target {
	if key == "" || key == "*" {
		return ts
	}
	out := make([]target, len(ts))
	for i, t := range ts {
		if t.hint == "" {
			t.hint = key
		}
		out[i] = t
	}
	return out
}

func (r *resolver) resolveRef(path []step, m *cfgModule, ref string) []target {
	key := pathKey(path) + "\x00" + ref
	if ts, ok := r.memo[key]; ok {
		return ts
	}
	if r.busy[key] {
		return nil
	}
	r.busy[key] = true
	segs, err := parseTraversal(ref)
	var ts []target
	if err == nil {
		ts = r.resolveSegs(path, m, segs)
	}
	delete(r.busy, key)
	r.memo[key] = ts
	return ts
}

func (r *resolver) resolveSegs(path []step, m *cfgModule, segs []seg) []target {
	attr := func(i int) string {
		if i < len(segs) && !segs[i].index {
			return segs[i].name
		}
		return ""
	}
	literal := func(i int) string { // a literal index at segs[i]
		if i < len(segs) && segs[i].index && segs[i].key != "*" {
			return segs[i].key
		}
		return ""
	}
	switch segs[0].name {
	case "var":
		name := attr(1)
		if name == "" || m.call == nil || len(path) == 0 {
			return nil // root variables come from outside the configuration
		}
		own := path[len(path)-1]
		eachKey := own.key
		if own.any {
			eachKey = "*"
		}
		ts := r.resolveExprs(path[:len(path)-1:len(path)-1], m.parent, m.call.exprs[name], m.call.iter, eachKey)
		return withHint(ts, literal(2))
	case "local":
		name := attr(1)
		if name == "" {
			return nil
		}
		return withHint(r.resolveExprs(path, m, r.localsOf(m)[name], nil, ""), literal(2))
	case "module":
		c := m.calls[attr(1)]
		if c == nil {
			return nil
		}
		st := step{name: c.name, any: true}
		i := 2
		if i < len(segs) && segs[i].index {
			if k := literal(i); k != "" {
				st = step{name: c.name, key: k}
			}
			i++
		}
		child := append(append(make([]step, 0, len(path)+1), path...), st)
		var exprs [][]string
		hint := ""
		if out := attr(i); out != "" {
			exprs = c.child.outputs[out]
			hint = literal(i + 1)
		} else {
			names := make([]string, 0, len(c.child.outputs))
			for n := range c.child.outputs {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				exprs = append(exprs, c.child.outputs[n]...)
			}
		}
		return withHint(r.resolveExprs(child, c.child, exprs, nil, ""), hint)
	case "data":
		d := m.data[attr(1)+"."+attr(2)]
		if d == nil {
			return nil
		}
		return r.resolveExprs(path, m, d.exprs, d.iter, literal(3))
	case "each", "count", "self", "path", "terraform", "resource", "ephemeral":
		return nil
	}
	name := attr(1)
	if name == "" {
		return nil
	}
	addr := segs[0].name + "." + name
	if m.resources[addr] == nil {
		return nil
	}
	t := target{path: path, res: addr, anyKey: true}
	if k := literal(2); k != "" {
		t.key, t.anyKey = k, false
	}
	return []target{t}
}

// localsOf reads the locals of a module from its source directory. Locals are
// not part of the plan JSON; without the source they resolve to nothing.
func (r *resolver) localsOf(m *cfgModule) map[string][][]string {
	if m.localsOK {
		return m.locals
	}
	m.localsOK = true
	m.locals = map[string][][]string{}
	if m.dir == "" {
		return m.locals
	}
	files, _ := filepath.Glob(filepath.Join(m.dir, "*.tf"))
	jsonFiles, _ := filepath.Glob(filepath.Join(m.dir, "*.tf.json"))
	files = append(files, jsonFiles...)
	sort.Strings(files)
	p := hclparse.NewParser()
	schema := &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "locals"}}}
	for _, f := range files {
		var file *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(f, ".json") {
			file, diags = p.ParseJSONFile(f)
		} else {
			file, diags = p.ParseHCLFile(f)
		}
		if diags.HasErrors() || file == nil {
			r.warnings = append(r.warnings, "reading locals of "+f+": "+diags.Error())
			continue
		}
		content, _, _ := file.Body.PartialContent(schema)
		for _, b := range content.Blocks {
			attrs, _ := b.Body.JustAttributes()
			for name, a := range attrs {
				var refs []string
				for _, tr := range a.Expr.Variables() {
					if s := renderTraversal(tr); s != "" {
						refs = append(refs, s)
					}
				}
				m.locals[name] = [][]string{refs}
			}
		}
	}
	return m.locals
}

// renderTraversal prints a static traversal as OpenTofu prints references,
// stopping at the first step that is not a literal name or index.
func renderTraversal(tr hcl.Traversal) string {
	var b strings.Builder
	for _, s := range tr {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			switch {
			case s.Key.IsNull() || !s.Key.IsKnown():
				return b.String()
			case s.Key.Type() == cty.String:
				b.WriteString("[" + strconv.Quote(s.Key.AsString()) + "]")
			case s.Key.Type() == cty.Number:
				b.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			default:
				return b.String()
			}
		default:
			return b.String()
		}
	}
	return b.String()
}

// instance is a managed resource instance of the plan, placed in its module
// instance.
type instance struct {
	node   *Node
	steps  []step // concrete module path
	module *cfgModule
	res    string
	key    string
}

// index places the instances for matching.
func (r *resolver) index(insts []*instance) {
	r.byCfg = map[string][]*instance{}
	r.byInst = map[string][]*instance{}
	for _, in := range insts {
		kc := configAddress(in.steps) + "|" + in.res
		ki := pathKey(in.steps) + "|" + in.res
		r.byCfg[kc] = append(r.byCfg[kc], in)
		r.byInst[ki] = append(r.byInst[ki], in)
	}
}

// edges resolves the references of every indexed instance to other instances.
func (r *resolver) edges(insts []*instance) []Edge {
	seen := map[[2]int]bool{}
	var out []Edge
	for _, in := range insts {
		cr := in.config()
		if cr == nil {
			continue // no longer in the configuration (a deletion)
		}
		for _, to := range r.matchAll(r.resolveExprs(in.steps, in.module, cr.exprs, cr.iter, in.key)) {
			k := [2]int{in.node.ID, to.node.ID}
			if to != in && !seen[k] {
				seen[k] = true
				out = append(out, Edge{From: in.node.ID, To: to.node.ID})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].From != out[j].From {
			return out[i].From < out[j].From
		}
		return out[i].To < out[j].To
	})
	return out
}

// attrTargets resolves one argument of an instance's resource (the cluster of
// an aws_ecs_service).
func (r *resolver) attrTargets(in *instance, attr string) []*instance {
	cr := in.config()
	if cr == nil {
		return nil
	}
	return r.matchAll(r.resolveExprs(in.steps, in.module, cr.byAttr[attr], cr.iter, in.key))
}

func (in *instance) config() *cfgResource {
	if in.module == nil {
		return nil
	}
	return in.module.resources[in.res]
}

func (r *resolver) matchAll(ts []target) []*instance {
	var out []*instance
	for _, t := range ts {
		out = append(out, r.match(t)...)
	}
	return out
}

// match finds the instances a target names.
func (r *resolver) match(t target) []*instance {
	concrete := true
	for _, s := range t.path {
		if s.any {
			concrete = false
			break
		}
	}
	var cands []*instance
	if concrete {
		cands = r.byInst[pathKey(t.path)+"|"+t.res]
	} else {
		cands = r.byCfg[configAddress(t.path)+"|"+t.res]
	}
	var out []*instance
	for _, c := range cands {
		if (t.anyKey || c.key == t.key) && stepsMatch(c.steps, t.path) {
			out = append(out, c)
		}
	}
	if t.hint == "" {
		return out
	}
	if n := narrow(out, t, func(k string) bool { return k == t.hint }); len(n) > 0 {
		return n
	}
	if n := narrow(out, t, func(k string) bool { return relatedKeys(k, t.hint) }); len(n) > 0 {
		return n
	}
	return out
}

// narrow keeps the candidates whose key (of the resource, when the target
// does not name one, or of a wildcard module step) satisfies ok.
func narrow(cands []*instance, t target, ok func(string) bool) []*instance {
	var out []*instance
	for _, c := range cands {
		if t.anyKey && ok(c.key) {
			out = append(out, c)
			continue
		}
		for i, s := range t.path {
			if s.any && ok(c.steps[i].key) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// relatedKeys says whether two string keys name each other: one holds the
// other as a whole token, bounded by the ends or by characters that are not
// letters or digits ("card-api" and "card-api/idempotency-keys";
// "authentication-api" and "account-api/to-authentication-api").
func relatedKeys(a, b string) bool {
	if !strings.HasPrefix(a, `"`) || !strings.HasPrefix(b, `"`) {
		return false
	}
	a, b = unquoteKey(a), unquoteKey(b)
	return boundedIn(a, b) || boundedIn(b, a)
}

func boundedIn(s, sub string) bool {
	if len(sub) < 3 || len(sub) > len(s) {
		return false
	}
	for i := 0; i+len(sub) <= len(s); {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(sub)
		if (j == 0 || !isWordByte(s[j-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = j + 1
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func stepsMatch(concrete, pattern []step) bool {
	if len(concrete) != len(pattern) {
		return false
	}
	for i, p := range pattern {
		if concrete[i].name != p.name || (!p.any && concrete[i].key != p.key) {
			return false
		}
	}
	return true
}
