package providerschema

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// NilType is the zero cty.Type, which tfjson leaves for nested-type attributes.
var NilType cty.Type

// Type converts a cty type (as tfjson decodes it) to the equivalent tftypes type.
func Type(t cty.Type) (tftypes.Type, error) {
	switch {
	case t == cty.String:
		return tftypes.String, nil
	case t == cty.Number:
		return tftypes.Number, nil
	case t == cty.Bool:
		return tftypes.Bool, nil
	case t == cty.DynamicPseudoType:
		return tftypes.DynamicPseudoType, nil
	case t.IsListType():
		e, err := Type(t.ElementType())
		return tftypes.List{ElementType: e}, err
	case t.IsSetType():
		e, err := Type(t.ElementType())
		return tftypes.Set{ElementType: e}, err
	case t.IsMapType():
		e, err := Type(t.ElementType())
		return tftypes.Map{ElementType: e}, err
	case t.IsObjectType():
		attrs := map[string]tftypes.Type{}
		for name, at := range t.AttributeTypes() {
			c, err := Type(at)
			if err != nil {
				return nil, fmt.Errorf("object attribute %s: %w", name, err)
			}
			attrs[name] = c
		}
		var optional map[string]struct{}
		for name := range t.AttributeTypes() {
			if t.AttributeOptional(name) {
				if optional == nil {
					optional = map[string]struct{}{}
				}
				optional[name] = struct{}{}
			}
		}
		return tftypes.Object{AttributeTypes: attrs, OptionalAttributes: optional}, nil
	case t.IsTupleType():
		var elems []tftypes.Type
		for i, et := range t.TupleElementTypes() {
			c, err := Type(et)
			if err != nil {
				return nil, fmt.Errorf("tuple element %d: %w", i, err)
			}
			elems = append(elems, c)
		}
		return tftypes.Tuple{ElementTypes: elems}, nil
	}
	return nil, fmt.Errorf("unsupported type %s", t.FriendlyName())
}
