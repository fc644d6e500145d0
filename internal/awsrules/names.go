package awsrules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/lookcard/infrastructure/internal/tfconfig"
)

// UniqueNames maps resource types whose name AWS requires to be unique (in
// the account, region, VPC or cluster) to the attribute holding it. A
// replacement with create_before_destroy creates the new object while the
// old one still holds the name: AWS refuses (duplicate name). Types whose
// create with an existing name makes a new revision (App Runner
// configurations, ECS task definitions) or overwrites (alarms, SNS topics)
// are not listed.
var UniqueNames = map[string]string{
	"aws_security_group":                     "name",
	"aws_db_parameter_group":                 "name",
	"aws_rds_cluster_parameter_group":        "name",
	"aws_elasticache_parameter_group":        "name",
	"aws_db_option_group":                    "name",
	"aws_db_subnet_group":                    "name",
	"aws_elasticache_subnet_group":           "name",
	"aws_lb_target_group":                    "name",
	"aws_alb_target_group":                   "name",
	"aws_lb":                                 "name",
	"aws_alb":                                "name",
	"aws_launch_template":                    "name",
	"aws_autoscaling_group":                  "name",
	"aws_iam_role":                           "name",
	"aws_iam_policy":                         "name",
	"aws_iam_instance_profile":               "name",
	"aws_iam_user":                           "name",
	"aws_cloudwatch_log_group":               "name",
	"aws_kms_alias":                          "name",
	"aws_secretsmanager_secret":              "name",
	"aws_ssm_parameter":                      "name",
	"aws_ssm_document":                       "name",
	"aws_lambda_function":                    "function_name",
	"aws_sqs_queue":                          "name",
	"aws_dynamodb_table":                     "name",
	"aws_ecr_repository":                     "name",
	"aws_ecs_cluster":                        "name",
	"aws_ecs_service":                        "name",
	"aws_s3_bucket":                          "bucket",
	"aws_rds_cluster":                        "cluster_identifier",
	"aws_rds_cluster_instance":               "identifier",
	"aws_db_instance":                        "identifier",
	"aws_db_proxy":                           "name",
	"aws_elasticache_replication_group":      "replication_group_id",
	"aws_elasticache_user":                   "user_id",
	"aws_elasticache_user_group":             "user_group_id",
	"aws_wafv2_web_acl":                      "name",
	"aws_wafv2_ip_set":                       "name",
	"aws_wafv2_rule_group":                   "name",
	"aws_cloudfront_origin_access_control":   "name",
	"aws_cloudfront_response_headers_policy": "name",
	"aws_cloudfront_cache_policy":            "name",
	"aws_service_discovery_service":          "name",
	"aws_scheduler_schedule":                 "name",
	"aws_key_pair":                           "key_name",
	"aws_placement_group":                    "name",
	"aws_api_gateway_vpc_link":               "name",
}

// uniquifiers are functions and resource types whose use in a name makes it
// change whenever the object is replaced for a content change (a hash of
// the content) or on every replacement (random_*): such a name is not fixed.
var uniquifiers = map[string]bool{
	"sha1": true, "sha256": true, "sha512": true, "md5": true, "base64sha256": true, "base64sha512": true,
	"uuid": true, "uuidv5": true, "timestamp": true,
}

// derived reports whether expression e, in instance in, builds its value
// with a uniquifier: a hash or uuid function, or a random_*/time_* resource,
// directly or through locals and module inputs.
func derived(in *tfconfig.Instance, e hclsyntax.Expression, seen map[string]bool) bool {
	found := false
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.FunctionCallExpr); ok && uniquifiers[strings.TrimPrefix(f.Name, "provider::")] {
			found = true
		}
		return nil
	})
	if found {
		return true
	}
	for _, t := range e.Variables() {
		root := t.RootName()
		switch {
		case strings.HasPrefix(root, "random_") || strings.HasPrefix(root, "time_"):
			return true
		case root == "local":
			n := tfconfig.AttrName(t, 1)
			if a := in.Module.Locals[n]; a != nil && !seen[in.Path+"|local."+n] {
				seen[in.Path+"|local."+n] = true
				if derived(in, a.Expr, seen) {
					return true
				}
			}
		case root == "var" && in.Call != nil:
			n := tfconfig.AttrName(t, 1)
			if a := in.Call.Args[n]; a != nil && !seen[in.Path+"|var."+n] {
				seen[in.Path+"|var."+n] = true
				if derived(in.Parent, a.Expr, seen) {
					return true
				}
			}
		}
	}
	return false
}

func createBeforeDestroy(b *hclsyntax.Body) bool {
	for _, blk := range b.Blocks {
		if blk.Type != "lifecycle" {
			continue
		}
		if a, ok := blk.Body.Attributes["create_before_destroy"]; ok {
			v, d := a.Expr.Value(nil)
			if !d.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "bool" && v.True() {
				return true
			}
		}
	}
	return false
}

func sortedBlocks(m map[string]*tfconfig.Block) []*tfconfig.Block {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*tfconfig.Block, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// CheckFixedNameCBD finds resources of a UniqueNames type with
// create_before_destroy = true and a fixed name: the name attribute set
// (not its *_prefix form) to a value that no hash, uuid or random resource
// makes change on replacement, following locals and module inputs to every
// caller. A resource is reported once per block. The rule cannot tell
// whether a hash covers every replace-forcing argument (family, engine...):
// a reviewer must, where the name is built. base is the directory positions
// are reported relative to.
func CheckFixedNameCBD(c *tfconfig.Config, base string) []Violation {
	var vs []Violation
	done := map[string]bool{}
	for _, in := range c.Instances() {
		for _, blk := range sortedBlocks(in.Module.Resources) {
			attr, ok := UniqueNames[blk.Type]
			if !ok || !createBeforeDestroy(blk.Body) {
				continue
			}
			a, ok := blk.Body.Attributes[attr]
			if !ok || derived(in, a.Expr, map[string]bool{}) {
				continue
			}
			pos := tfconfig.Position(base, blk.Range)
			if done[pos] {
				continue
			}
			done[pos] = true
			vs = append(vs, Violation{RuleFixedNameCBD, blk.Type + "." + blk.Name + " (" + pos + ")", fmt.Sprintf(
				"%s is fixed (%s) and create_before_destroy is true: a replacement creates the new %s while the old one holds the name, and AWS refuses the duplicate; use %s_prefix, or put a hash of the replace-forcing arguments in the name",
				attr, strings.TrimSpace(in.Module.Text(a.Expr.Range())), blk.Type, attr)})
		}
	}
	return sortViolations(vs)
}
