// Package providerschema loads a provider's schema from the JSON layout that
// `tofu providers schema -json` prints and converts it to the wire types of
// plugin protocol 6, so that an offline provider can serve it unchanged.
package providerschema

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Provider is one provider's schema in protocol-6 form.
type Provider struct {
	// Address is the provider source address found in the file,
	// e.g. "registry.terraform.io/hashicorp/aws".
	Address            string
	Provider           *tfprotov6.Schema
	Resources          map[string]*tfprotov6.Schema
	DataSources        map[string]*tfprotov6.Schema
	EphemeralResources map[string]*tfprotov6.Schema

	// lazy is set on a provider loaded from the cache: its maps are then nil
	// and Schema, Names and Complete decode the types as they are needed.
	lazy *lazySchemas
}

// EnvDir names the environment variable that points at the directory of
// schema files (<type>.json, e.g. aws.json and cloudflare.json).
const EnvDir = "LOOKCARD_PROVIDER_SCHEMAS"

// File returns the path of the schema file for a provider type inside dir.
func File(dir, providerType string) string {
	return filepath.Join(dir, providerType+".json")
}

// LoadFile reads and converts the schema file at path.
func LoadFile(path string) (*Provider, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening provider schema %s: %w (set %s to the directory holding aws.json and cloudflare.json)", path, err, EnvDir)
	}
	defer f.Close()
	p, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("reading provider schema %s: %w", path, err)
	}
	return p, nil
}

// Decode converts one `providers schema -json` document holding exactly one provider.
func Decode(r io.Reader) (*Provider, error) {
	var doc tfjson.ProviderSchemas
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decoding JSON: %w", err)
	}
	if len(doc.Schemas) != 1 {
		names := make([]string, 0, len(doc.Schemas))
		for n := range doc.Schemas {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("expected exactly one provider in provider_schemas, found %d %v", len(doc.Schemas), names)
	}
	for addr, ps := range doc.Schemas {
		return Convert(addr, ps)
	}
	return nil, errors.New("unreachable")
}

// Convert turns one tfjson provider schema into protocol-6 schemas.
func Convert(address string, ps *tfjson.ProviderSchema) (*Provider, error) {
	p := &Provider{
		Address:            address,
		Resources:          make(map[string]*tfprotov6.Schema, len(ps.ResourceSchemas)),
		DataSources:        make(map[string]*tfprotov6.Schema, len(ps.DataSourceSchemas)),
		EphemeralResources: make(map[string]*tfprotov6.Schema, len(ps.EphemeralResourceSchemas)),
	}
	var err error
	if p.Provider, err = convertSchema(ps.ConfigSchema); err != nil {
		return nil, fmt.Errorf("provider block: %w", err)
	}
	groups := []struct {
		kind string
		in   map[string]*tfjson.Schema
		out  map[string]*tfprotov6.Schema
	}{
		{"resource", ps.ResourceSchemas, p.Resources},
		{"data source", ps.DataSourceSchemas, p.DataSources},
		{"ephemeral resource", ps.EphemeralResourceSchemas, p.EphemeralResources},
	}
	for _, g := range groups {
		for name, s := range g.in {
			c, err := convertSchema(s)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", g.kind, name, err)
			}
			g.out[name] = c
		}
	}
	return p, nil
}

func convertSchema(s *tfjson.Schema) (*tfprotov6.Schema, error) {
	if s == nil || s.Block == nil {
		return &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}}, nil
	}
	b, err := convertBlock(s.Block)
	if err != nil {
		return nil, err
	}
	return &tfprotov6.Schema{Version: int64(s.Version), Block: b}, nil
}

func convertBlock(b *tfjson.SchemaBlock) (*tfprotov6.SchemaBlock, error) {
	out := &tfprotov6.SchemaBlock{
		Description:     b.Description,
		DescriptionKind: descKind(b.DescriptionKind),
		Deprecated:      b.Deprecated,
	}
	for _, name := range slices.Sorted(maps.Keys(b.Attributes)) {
		a, err := convertAttribute(name, b.Attributes[name])
		if err != nil {
			return nil, err
		}
		out.Attributes = append(out.Attributes, a)
	}
	for _, name := range slices.Sorted(maps.Keys(b.NestedBlocks)) {
		nb := b.NestedBlocks[name]
		inner, err := convertBlock(nb.Block)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", name, err)
		}
		mode, err := blockNesting(nb.NestingMode)
		if err != nil {
			return nil, fmt.Errorf("block %s: %w", name, err)
		}
		out.BlockTypes = append(out.BlockTypes, &tfprotov6.SchemaNestedBlock{
			TypeName: name,
			Block:    inner,
			Nesting:  mode,
			MinItems: int64(nb.MinItems),
			MaxItems: int64(nb.MaxItems),
		})
	}
	return out, nil
}

func convertAttribute(name string, a *tfjson.SchemaAttribute) (*tfprotov6.SchemaAttribute, error) {
	out := &tfprotov6.SchemaAttribute{
		Name:            name,
		Description:     a.Description,
		DescriptionKind: descKind(a.DescriptionKind),
		Required:        a.Required,
		Optional:        a.Optional,
		Computed:        a.Computed,
		Sensitive:       a.Sensitive,
		Deprecated:      a.Deprecated,
		WriteOnly:       a.WriteOnly,
	}
	switch {
	case a.AttributeNestedType != nil:
		obj, err := convertObject(a.AttributeNestedType)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", name, err)
		}
		out.NestedType = obj
	case a.AttributeType != NilType:
		t, err := Type(a.AttributeType)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", name, err)
		}
		out.Type = t
	default:
		return nil, fmt.Errorf("attribute %s has neither type nor nested_type", name)
	}
	return out, nil
}

func convertObject(n *tfjson.SchemaNestedAttributeType) (*tfprotov6.SchemaObject, error) {
	obj := &tfprotov6.SchemaObject{}
	switch n.NestingMode {
	case tfjson.SchemaNestingModeSingle:
		obj.Nesting = tfprotov6.SchemaObjectNestingModeSingle
	case tfjson.SchemaNestingModeList:
		obj.Nesting = tfprotov6.SchemaObjectNestingModeList
	case tfjson.SchemaNestingModeSet:
		obj.Nesting = tfprotov6.SchemaObjectNestingModeSet
	case tfjson.SchemaNestingModeMap:
		obj.Nesting = tfprotov6.SchemaObjectNestingModeMap
	default:
		return nil, fmt.Errorf("unsupported nested attribute nesting mode %q", n.NestingMode)
	}
	for _, name := range slices.Sorted(maps.Keys(n.Attributes)) {
		a, err := convertAttribute(name, n.Attributes[name])
		if err != nil {
			return nil, err
		}
		obj.Attributes = append(obj.Attributes, a)
	}
	return obj, nil
}

func blockNesting(m tfjson.SchemaNestingMode) (tfprotov6.SchemaNestedBlockNestingMode, error) {
	switch m {
	case tfjson.SchemaNestingModeSingle:
		return tfprotov6.SchemaNestedBlockNestingModeSingle, nil
	case tfjson.SchemaNestingModeGroup:
		return tfprotov6.SchemaNestedBlockNestingModeGroup, nil
	case tfjson.SchemaNestingModeList:
		return tfprotov6.SchemaNestedBlockNestingModeList, nil
	case tfjson.SchemaNestingModeSet:
		return tfprotov6.SchemaNestedBlockNestingModeSet, nil
	case tfjson.SchemaNestingModeMap:
		return tfprotov6.SchemaNestedBlockNestingModeMap, nil
	}
	return tfprotov6.SchemaNestedBlockNestingModeInvalid, fmt.Errorf("unsupported block nesting mode %q", m)
}

func descKind(k tfjson.SchemaDescriptionKind) tfprotov6.StringKind {
	if k == tfjson.SchemaDescriptionKindMarkdown {
		return tfprotov6.StringKindMarkdown
	}
	return tfprotov6.StringKindPlain
}
