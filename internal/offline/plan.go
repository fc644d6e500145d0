package offline

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Plan computes the planned new state of a managed resource the way a
// provider with no knowledge of the cloud must: a computed attribute that the
// configuration leaves null becomes unknown on create (and for new nested
// objects on update), prior computed values are kept on update, and nothing
// is ever marked for replacement. When the schema has tags_all and the
// provider has default tags, tags_all is planned as default tags merged with
// the resource's own tags, as the AWS provider does.
func Plan(block *tfprotov6.SchemaBlock, proposed, prior tftypes.Value, defaultTags map[string]tftypes.Value) (tftypes.Value, error) {
	if proposed.IsNull() {
		return proposed, nil // destroy
	}
	create := prior.IsNull()
	planned, err := tftypes.Transform(proposed, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsNull() {
			return v, nil
		}
		a := AttributeAt(block, p.Steps())
		if a == nil || !a.Computed {
			return v, nil
		}
		if !create {
			// An update keeps what the prior state holds for a computed
			// value the configuration leaves unset (null stays null).
			if pv, ok := walkPrior(prior, p.Steps()); ok {
				if pv.Type().Equal(v.Type()) {
					return pv, nil
				}
				return v, nil
			}
		}
		return tftypes.NewValue(v.Type(), tftypes.UnknownValue), nil
	})
	if err != nil {
		return tftypes.Value{}, fmt.Errorf("planning computed attributes: %w", err)
	}
	return planTagsAll(block, planned, defaultTags)
}

// walkPrior follows a path of the proposed value through the prior state. A
// set element is addressed by its whole value, and the proposed element has
// nulls where the prior one holds the computed values the apply returned, so
// a set step matches the one prior element that agrees with it everywhere the
// proposed element is not null (as the AWS provider matches set elements by
// their configured fields). More than one such element matches none.
func walkPrior(prior tftypes.Value, steps []tftypes.AttributePathStep) (tftypes.Value, bool) {
	cur := prior
	for _, step := range steps {
		if cur.IsNull() || !cur.IsKnown() {
			return tftypes.Value{}, false
		}
		if ek, ok := step.(tftypes.ElementKeyValue); ok {
			var elems []tftypes.Value
			if err := cur.As(&elems); err != nil {
				return tftypes.Value{}, false
			}
			want := tftypes.Value(ek)
			var found []tftypes.Value
			for _, e := range elems {
				if e.Equal(want) {
					found = []tftypes.Value{e}
					break
				}
				if agrees(want, e) {
					found = append(found, e)
				}
			}
			if len(found) != 1 {
				return tftypes.Value{}, false
			}
			cur = found[0]
			continue
		}
		next, _, err := tftypes.WalkAttributePath(cur, tftypes.NewAttributePathWithSteps([]tftypes.AttributePathStep{step}))
		if err != nil {
			return tftypes.Value{}, false
		}
		v, ok := next.(tftypes.Value)
		if !ok {
			return tftypes.Value{}, false
		}
		cur = v
	}
	return cur, true
}

// agrees reports whether prior equals proposed wherever proposed is not null.
func agrees(proposed, prior tftypes.Value) bool {
	if proposed.IsNull() {
		return true
	}
	if !proposed.IsKnown() || !prior.IsKnown() || prior.IsNull() || !proposed.Type().Equal(prior.Type()) {
		return proposed.Equal(prior)
	}
	switch {
	case proposed.Type().Is(tftypes.Object{}), proposed.Type().Is(tftypes.Map{}):
		var a, b map[string]tftypes.Value
		if proposed.As(&a) != nil || prior.As(&b) != nil {
			return false
		}
		for k, av := range a {
			if !agrees(av, b[k]) {
				return false
			}
		}
		return true
	case proposed.Type().Is(tftypes.List{}), proposed.Type().Is(tftypes.Tuple{}):
		var a, b []tftypes.Value
		if proposed.As(&a) != nil || prior.As(&b) != nil || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !agrees(a[i], b[i]) {
				return false
			}
		}
		return true
	case proposed.Type().Is(tftypes.Set{}):
		var a, b []tftypes.Value
		if proposed.As(&a) != nil || prior.As(&b) != nil || len(a) != len(b) {
			return false
		}
		for _, av := range a {
			ok := false
			for _, bv := range b {
				if agrees(av, bv) {
					ok = true
					break
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	return proposed.Equal(prior)
}

func planTagsAll(block *tfprotov6.SchemaBlock, planned tftypes.Value, defaultTags map[string]tftypes.Value) (tftypes.Value, error) {
	tagsAll := AttributeAt(block, []tftypes.AttributePathStep{tftypes.AttributeName("tags_all")})
	if tagsAll == nil || !tagsAll.Computed {
		return planned, nil
	}
	var attrs map[string]tftypes.Value
	if err := planned.As(&attrs); err != nil {
		return tftypes.Value{}, fmt.Errorf("reading planned object: %w", err)
	}
	tags, ok := attrs["tags"]
	if !ok {
		return planned, nil
	}
	mapType := tftypes.Map{ElementType: tftypes.String}
	if !tags.IsKnown() {
		attrs["tags_all"] = tftypes.NewValue(mapType, tftypes.UnknownValue)
		return tftypes.NewValue(planned.Type(), attrs), nil
	}
	merged := map[string]tftypes.Value{}
	for k, v := range defaultTags {
		merged[k] = v
	}
	if !tags.IsNull() {
		var own map[string]tftypes.Value
		if err := tags.As(&own); err != nil {
			return tftypes.Value{}, fmt.Errorf("reading tags: %w", err)
		}
		for k, v := range own {
			merged[k] = v
		}
	}
	for _, v := range merged {
		if !v.IsKnown() {
			attrs["tags_all"] = tftypes.NewValue(mapType, tftypes.UnknownValue)
			return tftypes.NewValue(planned.Type(), attrs), nil
		}
	}
	attrs["tags_all"] = tftypes.NewValue(mapType, merged)
	return tftypes.NewValue(planned.Type(), attrs), nil
}

// AttributeAt returns the schema attribute a value path points at, looking
// through nested blocks and protocol-6 nested attributes, or nil when the
// path ends at a block, a collection element or nothing in the schema.
func AttributeAt(block *tfprotov6.SchemaBlock, steps []tftypes.AttributePathStep) *tfprotov6.SchemaAttribute {
	if block == nil || len(steps) == 0 {
		return nil
	}
	name, ok := steps[0].(tftypes.AttributeName)
	if !ok {
		return nil
	}
	rest := steps[1:]
	for _, a := range block.Attributes {
		if a.Name != string(name) {
			continue
		}
		if len(rest) == 0 {
			return a
		}
		if a.NestedType == nil {
			return nil
		}
		if a.NestedType.Nesting != tfprotov6.SchemaObjectNestingModeSingle {
			rest = rest[1:] // the element key of a list, set or map
		}
		return AttributeAt(&tfprotov6.SchemaBlock{Attributes: a.NestedType.Attributes}, rest)
	}
	for _, nb := range block.BlockTypes {
		if nb.TypeName != string(name) {
			continue
		}
		switch nb.Nesting {
		case tfprotov6.SchemaNestedBlockNestingModeSingle, tfprotov6.SchemaNestedBlockNestingModeGroup:
			return AttributeAt(nb.Block, rest)
		default:
			if len(rest) == 0 {
				return nil
			}
			return AttributeAt(nb.Block, rest[1:])
		}
	}
	return nil
}

func stringAt(v tftypes.Value, p *tftypes.AttributePath) string {
	got, _, err := tftypes.WalkAttributePath(v, p)
	if err != nil {
		return ""
	}
	val, ok := got.(tftypes.Value)
	if !ok || !val.IsKnown() || val.IsNull() {
		return ""
	}
	var s string
	if err := val.As(&s); err != nil {
		return ""
	}
	return s
}

// defaultTags reads default_tags { tags = {...} } from an AWS provider configuration.
func defaultTags(cfg tftypes.Value) map[string]tftypes.Value {
	got, _, err := tftypes.WalkAttributePath(cfg, tftypes.NewAttributePath().WithAttributeName("default_tags"))
	if err != nil {
		return nil
	}
	blocks, ok := got.(tftypes.Value)
	if !ok || !blocks.IsKnown() || blocks.IsNull() {
		return nil
	}
	var list []tftypes.Value
	if err := blocks.As(&list); err != nil || len(list) == 0 {
		return nil
	}
	var obj map[string]tftypes.Value
	if err := list[0].As(&obj); err != nil {
		return nil
	}
	tags, ok := obj["tags"]
	if !ok || !tags.IsKnown() || tags.IsNull() {
		return nil
	}
	var out map[string]tftypes.Value
	if err := tags.As(&out); err != nil {
		return nil
	}
	return out
}

// firstAllowedAccount reads allowed_account_ids[0] from an AWS provider configuration.
func firstAllowedAccount(cfg tftypes.Value) string {
	got, _, err := tftypes.WalkAttributePath(cfg, tftypes.NewAttributePath().WithAttributeName("allowed_account_ids"))
	if err != nil {
		return ""
	}
	v, ok := got.(tftypes.Value)
	if !ok || !v.IsKnown() || v.IsNull() {
		return ""
	}
	var ids []tftypes.Value
	if err := v.As(&ids); err != nil || len(ids) == 0 {
		return ""
	}
	out := ""
	for _, id := range ids {
		if s := knownString(id); s != "" && (out == "" || s < out) {
			out = s
		}
	}
	return out
}
