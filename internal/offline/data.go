package offline

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// EnvFixtures names the environment variable that points at a JSON fixtures
// file overriding data-source placeholders.
const EnvFixtures = "LOOKCARD_OFFLINE_FIXTURES"

// Fixtures maps a data source (or ephemeral resource) type to attribute
// values, written as JSON in the attribute's own type:
//
//	{"aws_caller_identity": {"account_id": "210987654321"},
//	 "aws_ssm_parameter":   {"value": "ami-0abc..."}}
type Fixtures map[string]map[string]json.RawMessage

// LoadFixtures reads a fixtures file; an empty path means none.
func LoadFixtures(path string) (Fixtures, error) {
	if path == "" {
		return Fixtures{}, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading offline fixtures %s: %w", path, err)
	}
	var f Fixtures
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("parsing offline fixtures %s: %w", path, err)
	}
	return f, nil
}

// OfflineAccountID is the account every offline plan runs in unless a fixture says otherwise.
const OfflineAccountID = "123456789012"

// builtins are the placeholders that make a plan read like the real thing:
// the configured region, its three AZs, the aws partition and the account
// (the configured allowed account, as the real provider would insist on).
func builtins(typeName, region, account string) map[string]any {
	switch typeName {
	case "aws_caller_identity":
		return map[string]any{
			"id":         account,
			"account_id": account,
			"arn":        "arn:aws:sts::" + account + ":assumed-role/offline/offline",
			"user_id":    "AROAOFFLINEOFFLINE:offline",
		}
	case "aws_region":
		return map[string]any{
			"id": region, "name": region, "region": region,
			"endpoint":    "ec2." + region + ".amazonaws.com",
			"description": "offline placeholder for " + region,
		}
	case "aws_availability_zones":
		return map[string]any{
			"id":          region,
			"region":      region,
			"names":       []string{region + "a", region + "b", region + "c"},
			"zone_ids":    []string{zoneID(region, 1), zoneID(region, 2), zoneID(region, 3)},
			"group_names": []string{region},
		}
	case "aws_partition":
		return map[string]any{
			"id": "aws", "partition": "aws", "dns_suffix": "amazonaws.com", "reverse_dns_prefix": "com.amazonaws",
		}
	case "aws_ssm_parameter":
		return map[string]any{
			"type": "String", "version": 1,
			"value":          "offline-ssm-parameter-value",
			"insecure_value": "offline-ssm-parameter-value",
		}
	}
	return nil
}

// zoneDirections are the direction words AZ IDs abbreviate to two letters;
// any other word keeps its first letter (ap-south-1 is aps1, ap-southeast-1
// apse1).
var zoneDirections = map[string]string{"southeast": "se", "northeast": "ne", "southwest": "sw", "northwest": "nw"}

// zoneID builds the n-th AZ ID of region the way AWS names them, e.g.
// apse1-az1 for ap-southeast-1, use1-az1 for us-east-1.
func zoneID(region string, n int) string {
	short := region
	if parts := strings.Split(region, "-"); len(parts) >= 3 {
		short = parts[0]
		for _, p := range parts[1 : len(parts)-1] {
			if d, ok := zoneDirections[p]; ok {
				short += d
			} else if p != "" {
				short += p[:1]
			}
		}
		short += parts[len(parts)-1]
	}
	return fmt.Sprintf("%s-az%d", short, n)
}

// readData fills every computed top-level attribute the configuration left
// null: fixtures first, then built-in placeholders, then a deterministic
// value derived from the type (so plans are reproducible).
func (s *Server) readData(typeName string, block *tfprotov6.SchemaBlock, cfg tftypes.Value) (tftypes.Value, error) {
	var attrs map[string]tftypes.Value
	if err := cfg.As(&attrs); err != nil {
		return tftypes.Value{}, fmt.Errorf("reading configuration: %w", err)
	}
	region := s.configuredRegion()
	if r := stringAt(cfg, tftypes.NewAttributePath().WithAttributeName("region")); r != "" {
		region = r
	}
	builtin := builtins(typeName, region, s.identity().account)
	if typeName == "aws_iam_policy_document" {
		doc, err := RenderPolicyDocument(cfg)
		if err != nil {
			return tftypes.Value{}, err
		}
		builtin = map[string]any{"json": doc.Pretty, "minified_json": doc.Minified, "id": doc.ID}
	}
	for _, a := range block.Attributes {
		cur := attrs[a.Name]
		if !a.Computed || !cur.IsNull() {
			continue
		}
		ty := a.ValueType()
		if raw, ok := s.fixtures[typeName][a.Name]; ok {
			v, err := tftypes.ValueFromJSONWithOpts(raw, ty, tftypes.ValueFromJSONOpts{})
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("fixture %s.%s does not fit type %s: %w", typeName, a.Name, ty, err)
			}
			attrs[a.Name] = v
			continue
		}
		if b, ok := builtin[a.Name]; ok {
			raw, _ := json.Marshal(b)
			v, err := tftypes.ValueFromJSONWithOpts(raw, ty, tftypes.ValueFromJSONOpts{})
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("placeholder %s.%s: %w", typeName, a.Name, err)
			}
			attrs[a.Name] = v
			continue
		}
		attrs[a.Name] = placeholder(typeName+"."+a.Name, ty)
	}
	return tftypes.NewValue(cfg.Type(), attrs), nil
}

// placeholder returns a deterministic, obviously fake value of type ty.
func placeholder(label string, ty tftypes.Type) tftypes.Value {
	switch {
	case ty.Is(tftypes.String):
		return tftypes.NewValue(ty, "offline-"+strings.ReplaceAll(label, ".", "-"))
	case ty.Is(tftypes.Number):
		return tftypes.NewValue(ty, 0)
	case ty.Is(tftypes.Bool):
		return tftypes.NewValue(ty, false)
	case ty.Is(tftypes.List{}):
		return tftypes.NewValue(ty, []tftypes.Value{})
	case ty.Is(tftypes.Set{}):
		return tftypes.NewValue(ty, []tftypes.Value{})
	case ty.Is(tftypes.Map{}):
		return tftypes.NewValue(ty, map[string]tftypes.Value{})
	case ty.Is(tftypes.Object{}):
		obj := ty.(tftypes.Object)
		vals := map[string]tftypes.Value{}
		keys := make([]string, 0, len(obj.AttributeTypes))
		for k := range obj.AttributeTypes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			vals[k] = placeholder(label+"."+k, obj.AttributeTypes[k])
		}
		return tftypes.NewValue(ty, vals)
	}
	return tftypes.NewValue(ty, nil)
}
