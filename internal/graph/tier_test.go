package graph

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestTier(t *testing.T) {
	cases := map[string]string{
		"aws_route53_record":                  TierEdge, // aws_route53, not aws_route
		"aws_route_table":                     TierNetwork,
		"aws_route":                           TierNetwork,
		"aws_lb":                              TierEdge,
		"aws_lb_listener_rule":                TierEdge,
		"aws_lbx_thing":                       TierOther, // a prefix ends at "_"
		"aws_cloudfront_distribution":         TierEdge,
		"cloudflare_dns_record":               TierEdge,
		"aws_acm_certificate_validation":      TierEdge,
		"aws_ecs_service":                     TierCompute,
		"aws_ecs_cluster_capacity_providers":  TierCompute,
		"aws_cloudwatch_event_rule":           TierCompute, // aws_cloudwatch_event beats aws_cloudwatch
		"aws_cloudwatch_log_group":            TierObservability,
		"aws_cloudwatch_metric_alarm":         TierObservability,
		"aws_rds_cluster":                     TierData,
		"aws_db_proxy":                        TierData,
		"aws_dynamodb_table":                  TierData,
		"aws_s3_bucket_policy":                TierData,
		"aws_vpc":                             TierNetwork,
		"aws_vpc_endpoint":                    TierNetwork,
		"aws_vpc_security_group_ingress_rule": TierSecurity, // aws_vpc_security_group beats aws_vpc
		"aws_security_group":                  TierSecurity,
		"aws_default_security_group":          TierSecurity,
		"aws_iam_role_policy":                 TierSecurity,
		"aws_kms_alias":                       TierSecurity,
		"aws_secretsmanager_secret":           TierSecurity,
		"aws_sns_topic":                       TierObservability,
		"aws_flow_log":                        TierObservability,
		"random_password":                     TierOther,
		"":                                    TierOther,
	}
	for typ, want := range cases {
		if got := Tier(typ); got != want {
			t.Errorf("Tier(%q) = %q, want %q", typ, got, want)
		}
	}
}

// TestTierCoversRepository: every resource type the repository declares has
// a reviewed tier; a new type must be added to tierPrefixes.
func TestTierCoversRepository(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range []string{"*.tf", "modules/*/*.tf", "bootstrap/*.tf"} {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no .tf files found under " + root)
	}
	re := regexp.MustCompile(`(?m)^resource\s+"([a-z0-9_]+)"`)
	missing := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if Tier(m[1]) == TierOther {
				missing[m[1]] = true
			}
		}
	}
	if len(missing) > 0 {
		var names []string
		for n := range missing {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("resource types without a tier (add them to tierPrefixes in internal/graph/tier.go): %s", strings.Join(names, ", "))
	}
}
