package graph

import "strings"

// Tiers, in the order the page lists them.
const (
	TierEdge          = "edge"
	TierCompute       = "compute"
	TierData          = "data"
	TierNetwork       = "network"
	TierSecurity      = "security"
	TierObservability = "observability"
	TierOther         = "other"
)

// Tiers lists every tier, "other" last.
var Tiers = []string{TierEdge, TierCompute, TierData, TierNetwork, TierSecurity, TierObservability, TierOther}

// tierPrefixes is the reviewed table of resource type prefixes. A prefix
// matches a type equal to it or continuing with "_"; the longest prefix wins,
// so aws_route53 (edge) beats aws_route (network), aws_vpc_security_group
// (security) beats aws_vpc (network) and aws_cloudwatch_event (compute)
// beats aws_cloudwatch (observability). Every resource type this repository
// declares is covered (TestTierCoversRepository); add a row when a test says
// a new type falls to "other".
var tierPrefixes = map[string]string{
	// edge: what the internet reaches first — DNS, certificates, CDN, load
	// balancers, API gateways, web application firewall.
	"aws_acm":               TierEdge,
	"aws_api_gateway":       TierEdge,
	"aws_apigatewayv2":      TierEdge,
	"aws_cloudfront":        TierEdge,
	"aws_globalaccelerator": TierEdge,
	"aws_lb":                TierEdge,
	"aws_alb":               TierEdge,
	"aws_route53":           TierEdge,
	"aws_wafv2":             TierEdge,
	"cloudflare":            TierEdge,

	// compute: what runs the code and scales it.
	"aws_appautoscaling":   TierCompute,
	"aws_apprunner":        TierCompute,
	"aws_autoscaling":      TierCompute,
	"aws_batch":            TierCompute,
	"aws_cloudwatch_event": TierCompute,
	"aws_ecr":              TierCompute,
	"aws_ecs":              TierCompute,
	"aws_instance":         TierCompute,
	"aws_lambda":           TierCompute,
	"aws_launch_template":  TierCompute,
	"aws_scheduler":        TierCompute,
	"aws_sfn":              TierCompute,

	// data: where state lives.
	"terraform_data":  TierData, // only the Aurora final snapshot's suffix
	"aws_backup":      TierData,
	"aws_db":          TierData,
	"aws_docdb":       TierData,
	"aws_dynamodb":    TierData,
	"aws_efs":         TierData,
	"aws_elasticache": TierData,
	"aws_kinesis":     TierData,
	"aws_opensearch":  TierData,
	"aws_rds":         TierData,
	"aws_s3":          TierData,
	"aws_sqs":         TierData,

	// network: the VPC and what connects it.
	"aws_default_network_acl":          TierNetwork,
	"aws_default_route_table":          TierNetwork,
	"aws_ec2_transit_gateway":          TierNetwork,
	"aws_egress_only_internet_gateway": TierNetwork,
	"aws_eip":                          TierNetwork,
	"aws_internet_gateway":             TierNetwork,
	"aws_main_route_table_association": TierNetwork,
	"aws_nat_gateway":                  TierNetwork,
	"aws_network_acl":                  TierNetwork,
	"aws_network_interface":            TierNetwork,
	"aws_route":                        TierNetwork,
	"aws_service_discovery":            TierNetwork,
	"aws_subnet":                       TierNetwork,
	"aws_vpc":                          TierNetwork,

	// security: identity, keys, secrets, firewalls, posture and audit.
	"aws_cloudtrail":             TierSecurity,
	"aws_config":                 TierSecurity,
	"aws_default_security_group": TierSecurity,
	"aws_guardduty":              TierSecurity,
	"aws_iam":                    TierSecurity,
	"aws_kms":                    TierSecurity,
	"aws_secretsmanager":         TierSecurity,
	"aws_security_group":         TierSecurity,
	"aws_securityhub":            TierSecurity,
	"aws_ssm":                    TierSecurity,
	"aws_vpc_security_group":     TierSecurity,

	// observability: logs, metrics, alarms, traces and their notifications.
	"aws_budgets":    TierObservability, // spend alerts, to the alert topics
	"aws_cloudwatch": TierObservability,
	"aws_flow_log":   TierObservability,
	"aws_sns":        TierObservability,
	"aws_xray":       TierObservability,
}

// Tier classifies a resource type.
func Tier(resourceType string) string {
	for p := resourceType; p != ""; {
		if t, ok := tierPrefixes[p]; ok {
			return t
		}
		i := strings.LastIndexByte(p, '_')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return TierOther
}
