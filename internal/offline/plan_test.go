package offline

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// testBlock models the shapes the AWS schema uses: plain computed and
// optional+computed attributes, a map, a sensitive attribute, list and set
// nested blocks, and a protocol-6 nested attribute.
var testBlock = &tfprotov6.SchemaBlock{
	Attributes: []*tfprotov6.SchemaAttribute{
		{Name: "id", Type: tftypes.String, Computed: true},
		{Name: "arn", Type: tftypes.String, Computed: true},
		{Name: "name", Type: tftypes.String, Optional: true, Computed: true},
		{Name: "description", Type: tftypes.String, Optional: true},
		{Name: "password", Type: tftypes.String, Optional: true, Sensitive: true},
		{Name: "tags", Type: tftypes.Map{ElementType: tftypes.String}, Optional: true},
		{Name: "tags_all", Type: tftypes.Map{ElementType: tftypes.String}, Optional: true, Computed: true},
		{Name: "settings", NestedType: &tfprotov6.SchemaObject{
			Nesting: tfprotov6.SchemaObjectNestingModeSingle,
			Attributes: []*tfprotov6.SchemaAttribute{
				{Name: "mode", Type: tftypes.String, Required: true},
				{Name: "endpoint", Type: tftypes.String, Computed: true},
			},
		}, Optional: true},
	},
	BlockTypes: []*tfprotov6.SchemaNestedBlock{
		{TypeName: "rule", Nesting: tfprotov6.SchemaNestedBlockNestingModeList, Block: &tfprotov6.SchemaBlock{
			Attributes: []*tfprotov6.SchemaAttribute{
				{Name: "port", Type: tftypes.Number, Required: true},
				{Name: "rule_id", Type: tftypes.String, Computed: true},
			},
		}},
		{TypeName: "ingress", Nesting: tfprotov6.SchemaNestedBlockNestingModeSet, Block: &tfprotov6.SchemaBlock{
			Attributes: []*tfprotov6.SchemaAttribute{
				{Name: "cidr", Type: tftypes.String, Required: true},
				{Name: "self", Type: tftypes.Bool, Optional: true, Computed: true},
			},
		}},
	},
}

var (
	objType      = testBlock.ValueType().(tftypes.Object)
	ruleType     = objType.AttributeTypes["rule"].(tftypes.List).ElementType
	ingressType  = objType.AttributeTypes["ingress"].(tftypes.Set).ElementType
	settingsType = objType.AttributeTypes["settings"]
	strMap       = tftypes.Map{ElementType: tftypes.String}
)

func sv(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// value builds an object of testBlock's type: unspecified attributes are null.
func value(set map[string]tftypes.Value) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for name, ty := range objType.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(ty, nil)
		}
	}
	return tftypes.NewValue(objType, vals)
}

func attr(t *testing.T, v tftypes.Value, path *tftypes.AttributePath) tftypes.Value {
	t.Helper()
	got, _, err := tftypes.WalkAttributePath(v, path)
	if err != nil {
		t.Fatalf("walking %s: %v", path, err)
	}
	return got.(tftypes.Value)
}

func root(name string) *tftypes.AttributePath {
	return tftypes.NewAttributePath().WithAttributeName(name)
}

func TestPlanCreate(t *testing.T) {
	rule := tftypes.NewValue(ruleType, map[string]tftypes.Value{
		"port": tftypes.NewValue(tftypes.Number, 443), "rule_id": tftypes.NewValue(tftypes.String, nil),
	})
	ingress := tftypes.NewValue(ingressType, map[string]tftypes.Value{
		"cidr": sv("10.0.0.0/16"), "self": tftypes.NewValue(tftypes.Bool, nil),
	})
	proposed := value(map[string]tftypes.Value{
		"description": sv("kept as configured"),
		"password":    sv("s3cret"),
		"tags":        tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("x")}),
		"settings": tftypes.NewValue(settingsType, map[string]tftypes.Value{
			"mode": sv("strict"), "endpoint": tftypes.NewValue(tftypes.String, nil),
		}),
		"rule":    tftypes.NewValue(objType.AttributeTypes["rule"], []tftypes.Value{rule}),
		"ingress": tftypes.NewValue(objType.AttributeTypes["ingress"], []tftypes.Value{ingress}),
	})
	planned, err := Plan(testBlock, proposed, tftypes.NewValue(objType, nil), map[string]tftypes.Value{"Project": sv("lookcard")})
	if err != nil {
		t.Fatal(err)
	}

	unknown := []*tftypes.AttributePath{
		root("id"), root("arn"), root("name"),
		root("settings").WithAttributeName("endpoint"),
		root("rule").WithElementKeyInt(0).WithAttributeName("rule_id"),
	}
	for _, p := range unknown {
		if v := attr(t, planned, p); v.IsKnown() {
			t.Errorf("%s: computed and unset on create, want unknown, got %s", p, v)
		}
	}
	if v := attr(t, planned, root("description")); !v.Equal(sv("kept as configured")) {
		t.Errorf("description: configured value must pass through, got %s", v)
	}
	if v := attr(t, planned, root("password")); !v.Equal(sv("s3cret")) {
		t.Errorf("password: sensitive configured value must pass through unchanged, got %s", v)
	}
	if v := attr(t, planned, root("settings").WithAttributeName("mode")); !v.Equal(sv("strict")) {
		t.Errorf("settings.mode: got %s", v)
	}
	// The set element's computed attribute becomes unknown too.
	var set []tftypes.Value
	if err := attr(t, planned, root("ingress")).As(&set); err != nil || len(set) != 1 {
		t.Fatalf("ingress: %v %d", err, len(set))
	}
	if v := attr(t, set[0], root("self")); v.IsKnown() {
		t.Errorf("ingress[*].self: want unknown, got %s", v)
	}
	wantTags := tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("x"), "Project": sv("lookcard")})
	if v := attr(t, planned, root("tags_all")); !v.Equal(wantTags) {
		t.Errorf("tags_all: want default tags merged with tags, got %s", v)
	}
}

func TestPlanUpdateKeepsPriorComputedValues(t *testing.T) {
	prior := value(map[string]tftypes.Value{
		"id": sv("k-1"), "arn": sv("arn:aws:kms:ap-southeast-1:123456789012:key/k-1"), "name": sv("generated"),
		"description": sv("old"),
		"tags":        tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("x")}),
		"tags_all":    tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("x")}),
	})
	// Core proposes: config values, prior values for unset computed attributes.
	proposed := value(map[string]tftypes.Value{
		"id": sv("k-1"), "arn": sv("arn:aws:kms:ap-southeast-1:123456789012:key/k-1"), "name": sv("generated"),
		"description": sv("new"),
		"tags":        tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("y")}),
		"tags_all":    tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("x")}),
	})
	planned, err := Plan(testBlock, proposed, prior, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"id": "k-1", "name": "generated", "description": "new"} {
		if v := attr(t, planned, root(name)); !v.Equal(sv(want)) {
			t.Errorf("%s: want %q, got %s", name, want, v)
		}
	}
	if v := attr(t, planned, root("tags_all")); !v.Equal(tftypes.NewValue(strMap, map[string]tftypes.Value{"Name": sv("y")})) {
		t.Errorf("tags_all must follow the new tags, got %s", v)
	}
}

func TestPlanDestroyAndUnknownTags(t *testing.T) {
	planned, err := Plan(testBlock, tftypes.NewValue(objType, nil), value(map[string]tftypes.Value{"id": sv("x")}), nil)
	if err != nil || !planned.IsNull() {
		t.Fatalf("destroy must plan null, got %s, %v", planned, err)
	}
	proposed := value(map[string]tftypes.Value{"tags": tftypes.NewValue(strMap, tftypes.UnknownValue)})
	planned, err = Plan(testBlock, proposed, tftypes.NewValue(objType, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if attr(t, planned, root("tags_all")).IsKnown() {
		t.Error("tags_all must be unknown while tags are unknown")
	}
}

func TestAttributeAt(t *testing.T) {
	cases := []struct {
		path *tftypes.AttributePath
		want string // "" for nil
	}{
		{root("arn"), "arn"},
		{root("settings").WithAttributeName("endpoint"), "endpoint"},
		{root("rule").WithElementKeyInt(3).WithAttributeName("rule_id"), "rule_id"},
		{root("rule").WithElementKeyInt(3), ""},
		{root("rule"), ""},
		{root("nope"), ""},
		{tftypes.NewAttributePath(), ""},
	}
	for _, c := range cases {
		t.Run(c.path.String(), func(t *testing.T) {
			got := AttributeAt(testBlock, c.path.Steps())
			switch {
			case c.want == "" && got != nil:
				t.Errorf("want nil, got %s", got.Name)
			case c.want != "" && (got == nil || got.Name != c.want):
				t.Errorf("want %s, got %v", c.want, got)
			}
		})
	}
}

// TestPlanUpdateKeepsPriorOptionalComputedObject: an optional+computed nested
// attribute that the configuration leaves unset keeps its prior value on
// update, as the engines do not always propose it (a perpetual diff on
// cloudflare_dns_record.data after an offline apply, before this fix).
func TestPlanUpdateKeepsPriorOptionalComputedObject(t *testing.T) {
	block := &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
		{Name: "id", Type: tftypes.String, Computed: true},
		{Name: "data", Optional: true, Computed: true, NestedType: &tfprotov6.SchemaObject{
			Nesting:    tfprotov6.SchemaObjectNestingModeSingle,
			Attributes: []*tfprotov6.SchemaAttribute{{Name: "value", Type: tftypes.String, Optional: true, Computed: true}},
		}},
	}}
	ty := block.ValueType().(tftypes.Object)
	dataTy := ty.AttributeTypes["data"]
	prior := tftypes.NewValue(ty, map[string]tftypes.Value{
		"id": sv("r-1"), "data": tftypes.NewValue(dataTy, map[string]tftypes.Value{"value": sv("v")}),
	})
	proposed := tftypes.NewValue(ty, map[string]tftypes.Value{"id": sv("r-1"), "data": tftypes.NewValue(dataTy, nil)})
	planned, err := Plan(block, proposed, prior, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !planned.Equal(prior) {
		t.Errorf("planned %s, want the prior state %s (no change)", planned, prior)
	}
}

// TestPlanUpdateKeepsPriorComputedValueInsideASetBlock: a set element is
// addressed by its value, and the proposed element has a null where the prior
// one holds the computed value the apply returned, so the element must be
// matched on its configured fields (a perpetual diff on aws_backup_plan's
// rule.lifecycle.opt_in_to_archive_for_supported_resources after an offline
// apply, before this fix).
func TestPlanUpdateKeepsPriorComputedValueInsideASetBlock(t *testing.T) {
	lifecycle := &tfprotov6.SchemaNestedBlock{TypeName: "lifecycle", Nesting: tfprotov6.SchemaNestedBlockNestingModeList, Block: &tfprotov6.SchemaBlock{
		Attributes: []*tfprotov6.SchemaAttribute{
			{Name: "delete_after", Type: tftypes.Number, Optional: true},
			{Name: "opt_in", Type: tftypes.Bool, Optional: true, Computed: true},
		},
	}}
	block := &tfprotov6.SchemaBlock{
		Attributes: []*tfprotov6.SchemaAttribute{{Name: "id", Type: tftypes.String, Computed: true}},
		BlockTypes: []*tfprotov6.SchemaNestedBlock{{TypeName: "rule", Nesting: tfprotov6.SchemaNestedBlockNestingModeSet, Block: &tfprotov6.SchemaBlock{
			Attributes: []*tfprotov6.SchemaAttribute{{Name: "rule_name", Type: tftypes.String, Required: true}},
			BlockTypes: []*tfprotov6.SchemaNestedBlock{lifecycle},
		}}},
	}
	ty := block.ValueType().(tftypes.Object)
	ruleSet := ty.AttributeTypes["rule"].(tftypes.Set)
	ruleTy := ruleSet.ElementType.(tftypes.Object)
	lcList := ruleTy.AttributeTypes["lifecycle"].(tftypes.List)
	lcTy := lcList.ElementType.(tftypes.Object)
	rule := func(name string, optIn tftypes.Value) tftypes.Value {
		lc := tftypes.NewValue(lcTy, map[string]tftypes.Value{"delete_after": tftypes.NewValue(tftypes.Number, 35), "opt_in": optIn})
		return tftypes.NewValue(ruleTy, map[string]tftypes.Value{"rule_name": sv(name), "lifecycle": tftypes.NewValue(lcList, []tftypes.Value{lc})})
	}
	obj := func(rules ...tftypes.Value) tftypes.Value {
		return tftypes.NewValue(ty, map[string]tftypes.Value{"id": sv("plan-1"), "rule": tftypes.NewValue(ruleSet, rules)})
	}
	null := tftypes.NewValue(tftypes.Bool, nil)
	prior := obj(rule("daily", tftypes.NewValue(tftypes.Bool, false)), rule("weekly", tftypes.NewValue(tftypes.Bool, true)))
	planned, err := Plan(block, obj(rule("daily", null), rule("weekly", null)), prior, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !planned.Equal(prior) {
		t.Errorf("planned %s, want the prior state %s (no change)", planned, prior)
	}

	// A rule the prior state does not have is new: its computed value is unknown.
	planned, err = Plan(block, obj(rule("daily", null), rule("monthly", null)), prior, nil)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	_ = planned.As(&attrs)
	var rules []tftypes.Value
	_ = attrs["rule"].As(&rules)
	unknown := 0
	for _, r := range rules {
		_ = tftypes.Walk(r, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
			if !v.IsKnown() {
				unknown++
			}
			return true, nil
		})
	}
	if unknown != 1 {
		t.Errorf("want exactly the new rule's opt_in unknown, got %d unknown values in %s", unknown, planned)
	}
}
