package offline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// EnvApply must be "1" for the offline provider to apply. Only `lookcard
// apply --offline` and the test suite set it, and both keep the state in a
// local file under .lookcard/: an engine that reaches this provider by
// accident still gets ApplyRefusal, never a "created" that created nothing.
const EnvApply = "LOOKCARD_OFFLINE_APPLY"

// ApplyEnabled reports whether offline apply was asked for.
func ApplyEnabled() bool { return os.Getenv(EnvApply) == "1" }

// identity is where offline resources "live": ARNs, URLs and DNS names are
// built from it.
type identity struct {
	account, region, partition string
}

// Resolve returns the new state of a created or updated resource: every
// value the plan left unknown gets a deterministic, AWS-shaped value (ids in
// each service's format, ARNs, endpoints, DNS names); every known planned
// value is kept exactly, as the engines require of a provider.
func Resolve(typeName string, block *tfprotov6.SchemaBlock, planned tftypes.Value, id identity) (tftypes.Value, error) {
	if planned.IsNull() {
		return planned, nil
	}
	var attrs map[string]tftypes.Value
	if err := planned.As(&attrs); err != nil {
		return tftypes.Value{}, fmt.Errorf("reading planned state: %w", err)
	}
	g := newGenerator(typeName, attrs, id)
	// Top-level identity attributes first, in a fixed order, because the
	// others (arn, endpoints, URLs) are built from them.
	for _, name := range []string{"name", "id", "arn"} {
		a := AttributeAt(block, []tftypes.AttributePathStep{tftypes.AttributeName(name)})
		if v, ok := attrs[name]; ok && a != nil && !v.IsKnown() {
			attrs[name] = g.top(name, v.Type())
			g.known[name] = knownString(attrs[name])
		}
	}
	for name, v := range attrs {
		if v.IsFullyKnown() {
			continue
		}
		nv, err := tftypes.Transform(v, func(p *tftypes.AttributePath, x tftypes.Value) (tftypes.Value, error) {
			if x.IsKnown() {
				return x, nil
			}
			if len(p.Steps()) == 0 {
				return g.top(name, x.Type()), nil
			}
			return g.nested(name, p, x.Type()), nil
		})
		if err != nil {
			return tftypes.Value{}, fmt.Errorf("resolving %s: %w", name, err)
		}
		attrs[name] = nv
	}
	return tftypes.NewValue(planned.Type(), attrs), nil
}

type generator struct {
	typeName string
	attrs    map[string]tftypes.Value
	known    map[string]string // top-level string attributes known so far
	id       identity
	seed     string // stable per resource: its type and known configuration
}

func newGenerator(typeName string, attrs map[string]tftypes.Value, id identity) *generator {
	g := &generator{typeName: typeName, attrs: attrs, known: map[string]string{}, id: id}
	keys := make([]string, 0, len(attrs))
	for k, v := range attrs {
		if s := knownString(v); s != "" {
			g.known[k] = s
		}
		keys = append(keys, k)
	}
	// AWS provider 6 places a resource in another region with its own region
	// argument: its ARNs and endpoints name that region, not the provider's.
	if r := g.known["region"]; r != "" && typeName != "" && strings.HasPrefix(typeName, "aws_") {
		g.id.region = r
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(typeName)
	for _, k := range keys {
		if k == "tags_all" {
			continue
		}
		if v := attrs[k]; v.IsFullyKnown() && !v.IsNull() {
			fmt.Fprintf(&b, "|%s=%s", k, v.String())
		}
	}
	g.seed = b.String()
	return g
}

func knownString(v tftypes.Value) string {
	if !v.IsKnown() || v.IsNull() || !v.Type().Is(tftypes.String) {
		return ""
	}
	var s string
	_ = v.As(&s)
	return s
}

// hexN returns n lowercase hex digits derived from the resource and a label.
func (g *generator) hexN(label string, n int) string {
	out := ""
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s#%s#%d", g.seed, label, i)))
		out += hex.EncodeToString(sum[:])
	}
	return out[:n]
}

// alnum returns n characters of [0-9a-z] (upper when upper is set).
func (g *generator) alnum(label string, n int, upper bool) string {
	x := new(big.Int)
	x.SetString(g.hexN(label, 2*n), 16)
	s := x.Text(36)
	for len(s) < n {
		s = "0" + s
	}
	s = s[:n]
	if upper {
		s = strings.ToUpper(s)
	}
	return s
}

func (g *generator) uuid(label string) string {
	h := g.hexN(label, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// name is the resource's own name as AWS will know it.
func (g *generator) name() string {
	for _, k := range []string{"name", "bucket", "function_name", "cluster_identifier", "identifier", "replication_group_id",
		"user_id", "user_group_id"} {
		if s := g.known[k]; s != "" {
			return s
		}
	}
	for _, k := range []string{"name_prefix", "bucket_prefix", "identifier_prefix", "cluster_identifier_prefix"} {
		if p := g.known[k]; p != "" {
			return g.prefixed(p)
		}
	}
	for _, k := range []string{"family", "domain_name", "repository_name", "role", "table_name", "alarm_name", "dashboard_name"} {
		if s := g.known[k]; s != "" {
			return s
		}
	}
	return "offline-" + g.hexN("name", 8)
}

// prefixed mimics the provider's unique names: prefix + 26 digits.
func (g *generator) prefixed(prefix string) string {
	x := new(big.Int)
	x.SetString(g.hexN("prefix", 24), 16)
	d := x.Text(10)
	for len(d) < 26 {
		d = "0" + d
	}
	return prefix + d[:26]
}

func (g *generator) arn(service, region, resource string) string {
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s", g.id.partition, service, region, g.id.account, resource)
}

// idPrefixes are the resources whose ID is a prefixed hex string.
var idPrefixes = map[string]string{
	"aws_vpc": "vpc-", "aws_subnet": "subnet-", "aws_security_group": "sg-", "aws_internet_gateway": "igw-",
	"aws_nat_gateway": "nat-", "aws_eip": "eipalloc-", "aws_route_table": "rtb-", "aws_network_acl": "acl-",
	"aws_vpc_endpoint": "vpce-", "aws_flow_log": "fl-", "aws_instance": "i-", "aws_launch_template": "lt-",
	"aws_vpc_security_group_ingress_rule": "sgr-", "aws_vpc_security_group_egress_rule": "sgr-",
	"aws_route_table_association": "rtbassoc-", "aws_network_acl_association": "aclassoc-",
	"aws_default_security_group": "sg-", "aws_default_network_acl": "acl-", "aws_default_route_table": "rtb-",
	"aws_network_interface": "eni-", "aws_egress_only_internet_gateway": "eigw-", "aws_ebs_volume": "vol-",
	"aws_vpc_dhcp_options": "dopt-", "aws_ec2_managed_prefix_list": "pl-",
}

// nameIDs are the resources whose ID is their name.
var nameIDs = map[string]bool{
	"aws_iam_role": true, "aws_s3_bucket": true, "aws_cloudwatch_log_group": true, "aws_lambda_function": true,
	"aws_ecr_repository": true, "aws_db_subnet_group": true, "aws_rds_cluster": true, "aws_rds_cluster_instance": true,
	"aws_db_proxy": true, "aws_elasticache_replication_group": true, "aws_elasticache_subnet_group": true,
	"aws_elasticache_parameter_group": true, "aws_elasticache_user": true, "aws_elasticache_user_group": true,
	"aws_dynamodb_table": true, "aws_rds_cluster_parameter_group": true, "aws_db_parameter_group": true,
	"aws_cloudwatch_metric_alarm": true, "aws_cloudwatch_dashboard": true, "aws_cloudtrail": true,
	"aws_iam_instance_profile": true, "aws_sns_topic_subscription": false, "aws_ecs_task_definition": true,
	"aws_cloudwatch_event_rule": true, "aws_xray_sampling_rule": true, "aws_api_gateway_usage_plan_key": false,
	"aws_ssm_parameter": true, "aws_api_gateway_domain_name": true, "aws_config_configuration_recorder": true,
	"aws_config_delivery_channel": true, "aws_budgets_budget": false, "aws_sqs_queue": false,
}

// top returns the value of an unknown top-level attribute.
func (g *generator) top(name string, ty tftypes.Type) tftypes.Value {
	if ty.Is(tftypes.String) {
		if s, ok := g.special(name); ok {
			return tftypes.NewValue(ty, s)
		}
		return tftypes.NewValue(ty, g.genericString(name))
	}
	if name == "domain_validation_options" && g.typeName == "aws_acm_certificate" {
		return g.validationOptions(ty)
	}
	if name == "master_user_secret" && (g.typeName == "aws_rds_cluster" || g.typeName == "aws_db_instance") {
		return g.masterUserSecret(ty)
	}
	return g.generic(name, ty)
}

func (g *generator) nested(top string, p *tftypes.AttributePath, ty tftypes.Type) tftypes.Value {
	steps := p.Steps()
	leaf := top
	for i := len(steps) - 1; i >= 0; i-- {
		if a, ok := steps[i].(tftypes.AttributeName); ok {
			leaf = string(a)
			break
		}
	}
	if ty.Is(tftypes.String) {
		return tftypes.NewValue(ty, g.genericString(top+"."+leaf))
	}
	return g.generic(top+"."+leaf, ty)
}

// generic fills a non-string value: zero numbers (but ports and versions),
// false, empty collections, objects attribute by attribute.
func (g *generator) generic(label string, ty tftypes.Type) tftypes.Value {
	leaf := label[strings.LastIndex(label, ".")+1:]
	switch {
	case ty.Is(tftypes.String):
		return tftypes.NewValue(ty, g.genericString(label))
	case ty.Is(tftypes.Number):
		return tftypes.NewValue(ty, g.number(leaf))
	case ty.Is(tftypes.Bool):
		return tftypes.NewValue(ty, false)
	case ty.Is(tftypes.List{}), ty.Is(tftypes.Set{}):
		return tftypes.NewValue(ty, []tftypes.Value{})
	case ty.Is(tftypes.Map{}):
		return tftypes.NewValue(ty, map[string]tftypes.Value{})
	case ty.Is(tftypes.Object{}):
		obj := ty.(tftypes.Object)
		vals := map[string]tftypes.Value{}
		for k, at := range obj.AttributeTypes {
			vals[k] = g.generic(label+"."+k, at)
		}
		return tftypes.NewValue(ty, vals)
	case ty.Is(tftypes.DynamicPseudoType):
		return tftypes.NewValue(tftypes.String, g.genericString(label))
	}
	return tftypes.NewValue(ty, nil)
}

func (g *generator) number(leaf string) int {
	switch leaf {
	case "port":
		switch {
		case strings.Contains(g.typeName, "elasticache"):
			return 6379
		case strings.Contains(g.typeName, "rds") || strings.Contains(g.typeName, "db_"):
			return 5432
		}
		return 443
	case "revision", "version", "latest_revision":
		return 1
	}
	return 0
}

// genericString derives a plausible value from the attribute's name.
func (g *generator) genericString(label string) string {
	leaf := label[strings.LastIndex(label, ".")+1:]
	r := g.id.region
	switch {
	case leaf == "region":
		return r
	case leaf == "owner_id" || leaf == "account_id" || leaf == "registry_id" || leaf == "owner_account_id":
		return g.id.account
	case strings.HasSuffix(leaf, "_arn") || leaf == "arn":
		svc := serviceOf(g.typeName)
		return g.arn(svc, r, strings.TrimSuffix(leaf, "_arn")+"/"+g.name()+"-"+g.hexN(label, 8))
	case strings.HasSuffix(leaf, "_date") || strings.HasSuffix(leaf, "_time") || strings.HasSuffix(leaf, "_at") ||
		leaf == "created" || leaf == "create_date" || leaf == "last_modified":
		return "2026-01-01T00:00:00Z"
	case leaf == "etag" || leaf == "lock_token" || leaf == "version_id" || leaf == "hash" || strings.HasSuffix(leaf, "_hash"):
		return g.hexN(label, 32)
	case strings.HasSuffix(leaf, "dns_name") || strings.HasSuffix(leaf, "domain_name") || strings.HasSuffix(leaf, "endpoint") || strings.HasSuffix(leaf, "address"):
		return g.name() + "-" + g.hexN(label, 10) + "." + r + ".offline.amazonaws.com"
	case strings.HasSuffix(leaf, "url"):
		return "https://" + g.name() + "-" + g.hexN(label, 10) + "." + r + ".offline.amazonaws.com"
	case strings.HasSuffix(leaf, "zone_id"):
		return "Z" + g.alnum(label, 13, true)
	case leaf == "status" || leaf == "state":
		return "ACTIVE"
	}
	return "offline-" + strings.TrimPrefix(g.typeName, "aws_") + "-" + strings.ReplaceAll(label, ".", "-") + "-" + g.hexN(label, 8)
}

// serviceOf maps a resource type to the service in its ARN.
func serviceOf(typeName string) string {
	t := strings.TrimPrefix(strings.TrimPrefix(typeName, "aws_"), "cloudflare_")
	for _, m := range []struct{ prefix, svc string }{
		{"api_gateway", "apigateway"}, {"apigatewayv2", "apigateway"}, {"cloudwatch_log", "logs"},
		{"cloudwatch_event", "events"}, {"cloudwatch", "cloudwatch"}, {"lb", "elasticloadbalancing"},
		{"alb", "elasticloadbalancing"}, {"db_", "rds"}, {"rds", "rds"}, {"service_discovery", "servicediscovery"},
		{"secretsmanager", "secretsmanager"}, {"vpc", "ec2"}, {"subnet", "ec2"}, {"security_group", "ec2"},
		{"nat_gateway", "ec2"}, {"internet_gateway", "ec2"}, {"route_table", "ec2"}, {"network_acl", "ec2"},
		{"eip", "ec2"}, {"flow_log", "ec2"}, {"instance", "ec2"}, {"launch_template", "ec2"},
		{"appautoscaling", "application-autoscaling"}, {"kms", "kms"}, {"iam", "iam"}, {"s3", "s3"},
		{"acm", "acm"}, {"route53", "route53"}, {"cloudfront", "cloudfront"}, {"wafv2", "wafv2"},
		{"apprunner", "apprunner"}, {"elasticache", "elasticache"}, {"dynamodb", "dynamodb"}, {"ecs", "ecs"},
		{"ecr", "ecr"}, {"lambda", "lambda"}, {"sns", "sns"}, {"sqs", "sqs"}, {"xray", "xray"},
		{"guardduty", "guardduty"}, {"securityhub", "securityhub"}, {"config", "config"}, {"cloudtrail", "cloudtrail"},
		{"scheduler", "scheduler"}, {"ssm", "ssm"}, {"backup", "backup"}, {"budgets", "budgets"},
	} {
		if strings.HasPrefix(t, m.prefix) {
			return m.svc
		}
	}
	if i := strings.Index(t, "_"); i > 0 {
		return t[:i]
	}
	return t
}

// validationOptions answers ACM's DNS validation records, one per name of
// the certificate, in ACM's format.
func (g *generator) validationOptions(ty tftypes.Type) tftypes.Value {
	set, ok := ty.(tftypes.Set)
	if !ok {
		return g.generic("domain_validation_options", ty)
	}
	obj, ok := set.ElementType.(tftypes.Object)
	if !ok {
		return g.generic("domain_validation_options", ty)
	}
	names := map[string]bool{}
	if d := g.known["domain_name"]; d != "" {
		names[d] = true
	}
	if sans, ok := g.attrs["subject_alternative_names"]; ok && sans.IsKnown() && !sans.IsNull() {
		var elems []tftypes.Value
		if err := sans.As(&elems); err == nil {
			for _, e := range elems {
				if s := knownString(e); s != "" {
					names[s] = true
				}
			}
		}
	}
	var out []tftypes.Value
	for n := range names {
		base := strings.TrimPrefix(n, "*.")
		token := g.hexN("dvo"+base, 32)
		vals := map[string]tftypes.Value{}
		for k, at := range obj.AttributeTypes {
			switch k {
			case "domain_name":
				vals[k] = tftypes.NewValue(at, n)
			case "resource_record_name":
				vals[k] = tftypes.NewValue(at, "_"+token+"."+base+".")
			case "resource_record_type":
				vals[k] = tftypes.NewValue(at, "CNAME")
			case "resource_record_value":
				vals[k] = tftypes.NewValue(at, "_"+g.hexN("dvov"+base, 32)+".mhbtsbpdnt.acm-validations.aws.")
			default:
				vals[k] = g.generic("domain_validation_options."+k, at)
			}
		}
		out = append(out, tftypes.NewValue(obj, vals))
	}
	return tftypes.NewValue(ty, out)
}

// masterUserSecret is the secret RDS creates when it manages the master
// password: one element, in the rds! naming RDS uses.
func (g *generator) masterUserSecret(ty tftypes.Type) tftypes.Value {
	list, ok := ty.(tftypes.List)
	managed := g.attrs["manage_master_user_password"]
	var on bool
	if managed.IsKnown() && !managed.IsNull() {
		_ = managed.As(&on)
	}
	if !ok || !on {
		return g.generic("master_user_secret", ty)
	}
	obj, ok := list.ElementType.(tftypes.Object)
	if !ok {
		return g.generic("master_user_secret", ty)
	}
	key := g.known["master_user_secret_kms_key_id"]
	if key == "" {
		key = g.arn("kms", g.id.region, "key/"+g.uuid("rds-default-key"))
	}
	vals := map[string]tftypes.Value{}
	for k, at := range obj.AttributeTypes {
		switch k {
		case "secret_arn":
			vals[k] = tftypes.NewValue(at, g.arn("secretsmanager", g.id.region, "secret:rds!cluster-"+g.uuid("master")+"-"+g.alnum("sfx", 6, false)))
		case "kms_key_id":
			vals[k] = tftypes.NewValue(at, key)
		case "secret_status":
			vals[k] = tftypes.NewValue(at, "active")
		default:
			vals[k] = g.generic("master_user_secret."+k, at)
		}
	}
	return tftypes.NewValue(ty, []tftypes.Value{tftypes.NewValue(obj, vals)})
}
