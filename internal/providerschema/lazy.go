package providerschema

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Kind is one of the three maps of type schemas a provider has.
type Kind int

const (
	Resources Kind = iota
	DataSources
	EphemeralResources
)

var kindNames = [...]string{"resource type", "data source", "ephemeral resource"}

func (k Kind) String() string { return kindNames[k] }

// ErrUnknown is wrapped by Schema's error for a type the provider lacks.
var ErrUnknown = errors.New("not in the provider schema")

// lazySchemas holds a cache entry's type schemas undecoded. A provider
// process serves a handful of the AWS provider's ~2,000 types (the engines
// ask only the first process of a run for the whole schema), so each is
// decoded on first use: that takes a start from ~25 ms of CPU to a few.
type lazySchemas struct {
	body  string
	index [3]map[string]span // nil where the provider's map is nil
	names [3][]string        // sorted, as encoded

	mu      sync.Mutex
	decoded [3]map[string]*tfprotov6.Schema
	types   map[string]tftypes.Type // shared interning, see decoder

	once        sync.Once
	complete    *Provider
	completeErr error
}

// span is where one type's encoded schema lies in body.
type span struct{ off, end int }

func (p *Provider) kindMap(k Kind) map[string]*tfprotov6.Schema {
	return [...]map[string]*tfprotov6.Schema{p.Resources, p.DataSources, p.EphemeralResources}[k]
}

// Schema returns the schema of one resource, data source or ephemeral
// resource type. The error wraps ErrUnknown when the provider has no such
// type; any other error is a cache entry that cannot be decoded.
func (p *Provider) Schema(k Kind, name string) (*tfprotov6.Schema, error) {
	if p.lazy == nil {
		if s, ok := p.kindMap(k)[name]; ok {
			return s, nil
		}
		return nil, fmt.Errorf("%s %s is %w", k, name, ErrUnknown)
	}
	return p.lazy.schema(k, name)
}

// Names returns the sorted type names of a kind.
func (p *Provider) Names(k Kind) []string {
	if p.lazy != nil {
		return p.lazy.names[k]
	}
	return slices.Sorted(maps.Keys(p.kindMap(k)))
}

// Complete returns the provider with every type schema in its maps, as
// GetProviderSchema serves it: p itself, unless p was loaded from the cache,
// whose schemas are then all decoded (once).
func (p *Provider) Complete() (*Provider, error) {
	l := p.lazy
	if l == nil {
		return p, nil
	}
	l.once.Do(func() {
		c := &Provider{Address: p.Address, Provider: p.Provider}
		out := [3]map[string]*tfprotov6.Schema{}
		for k := range Kind(len(out)) {
			if l.index[k] == nil {
				continue
			}
			out[k] = make(map[string]*tfprotov6.Schema, len(l.index[k]))
			for _, n := range l.names[k] {
				s, err := l.schema(k, n)
				if err != nil {
					l.completeErr = err
					return
				}
				out[k][n] = s
			}
		}
		c.Resources, c.DataSources, c.EphemeralResources = out[0], out[1], out[2]
		l.complete = c
	})
	return l.complete, l.completeErr
}

func (l *lazySchemas) schema(k Kind, name string) (*tfprotov6.Schema, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.decoded[k][name]; ok {
		return s, nil
	}
	sp, ok := l.index[k][name]
	if !ok {
		return nil, fmt.Errorf("%s %s is %w", k, name, ErrUnknown)
	}
	d := &decoder{s: l.body[:sp.end], off: sp.off, types: l.types}
	s := d.schema()
	if d.err == nil && d.off != sp.end {
		d.fail()
	}
	if d.err != nil {
		return nil, fmt.Errorf("%s %s: %w (remove the entry from %s; the next start rebuilds it)", k, name, d.err, CacheDir())
	}
	if l.decoded[k] == nil {
		l.decoded[k] = map[string]*tfprotov6.Schema{}
	}
	l.decoded[k][name] = s
	return s, nil
}
