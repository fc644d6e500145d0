package cost

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Confidence says whether a price-book figure was read for the region in a
// public source or estimated from another figure.
const (
	Sourced   = "sourced"
	Estimated = "estimated"
)

// Price is one priced dimension of the price book.
type Price struct {
	Description string  `yaml:"description" json:"description"`
	Unit        string  `yaml:"unit" json:"unit"`
	USD         float64 `yaml:"usd" json:"usd"`
	Checked     string  `yaml:"checked" json:"checked"`
	Source      string  `yaml:"source" json:"source"`
	Confidence  string  `yaml:"confidence" json:"confidence"`
	Basis       string  `yaml:"basis,omitempty" json:"basis,omitempty"`
	Note        string  `yaml:"note,omitempty" json:"note,omitempty"`

	// Where `lookcard prices update --from <offer file>` finds the figure in
	// the AWS Price List: the offer (AmazonRDS, AmazonEC2, ...), the
	// product's usagetype, any further product attributes that single it out,
	// and the factor from the offer's unit to the book's (10000 for a
	// per-request price kept per 10k requests). SKU is written by the update.
	Offer      string            `yaml:"offer,omitempty" json:"offer,omitempty"`
	UsageType  string            `yaml:"usage_type,omitempty" json:"usage_type,omitempty"`
	Attributes map[string]string `yaml:"attributes,omitempty" json:"attributes,omitempty"`
	Scale      float64           `yaml:"scale,omitempty" json:"scale,omitempty"`
	SKU        string            `yaml:"sku,omitempty" json:"sku,omitempty"`
}

// SpotRule records which CPU architectures Fargate Spot runs.
type SpotRule struct {
	Architectures []string `yaml:"architectures"`
	Source        string   `yaml:"source"`
	Checked       string   `yaml:"checked"`
	Note          string   `yaml:"note"`
}

// PriceBook is pricing/<region>.yaml: list prices for one region and the
// reviewed list of resource types that cost nothing by themselves.
type PriceBook struct {
	Region        string            `yaml:"region"`
	Currency      string            `yaml:"currency"`
	HoursPerMonth float64           `yaml:"hours_per_month"`
	FargateSpot   SpotRule          `yaml:"fargate_spot"`
	Prices        map[string]Price  `yaml:"prices"`
	Free          map[string]string `yaml:"free"`

	path string
}

// requiredPrices are the keys the pricers read unconditionally. Keys with a
// variable part (elasticache_node_hour/<type>, ec2_instance_hour/<type>) are
// looked up per resource; a missing one makes that resource NOT PRICED.
var requiredPrices = []string{
	"fargate_x86_vcpu_hour", "fargate_x86_gb_hour", "fargate_arm_vcpu_hour", "fargate_arm_gb_hour", "fargate_spot_discount",
	"apprunner_vcpu_hour", "apprunner_gb_hour", "ebs_gp3_gb_month",
	"aurora_serverless_v2_acu_hour", "aurora_storage_gb_month", "aurora_io_million", "aurora_backup_gb_month",
	"rds_database_insights_acu_hour", "rds_proxy_acu_hour", "rds_proxy_min_acu",
	"dynamodb_write_million", "dynamodb_read_million", "dynamodb_storage_gb_month", "dynamodb_pitr_gb_month", "dynamodb_stream_read_100k",
	"nat_gateway_hour", "nat_gateway_gb", "public_ipv4_hour", "vpc_interface_endpoint_hour", "vpc_interface_endpoint_gb",
	"alb_hour", "alb_lcu_hour", "nlb_hour", "nlb_nlcu_hour", "api_gateway_rest_million", "api_gateway_http_million",
	"cloudfront_asia_gb", "cloudfront_https_10k", "route53_zone_month", "route53_query_million", "cloudmap_instance_month",
	"kms_key_month", "kms_request_10k", "secretsmanager_secret_month", "secretsmanager_api_10k",
	"waf_web_acl_month", "waf_rule_month", "waf_request_million",
	"guardduty_cloudtrail_million", "guardduty_logs_gb", "guardduty_runtime_vcpu_month", "guardduty_s3_events_million", "guardduty_rds_acu_month",
	"data_transfer_internet_out_gb", "data_transfer_inter_az_gb", "securityhub_check", "config_item",
	"cloudwatch_logs_ingest_gb", "cloudwatch_logs_storage_gb_month", "cloudwatch_metric_month", "cloudwatch_alarm_month",
	"cloudwatch_alarm_high_resolution_month", "cloudwatch_composite_alarm_month", "cloudwatch_dashboard_month",
	"xray_traces_recorded_million", "xray_traces_scanned_million", "cloudtrail_management_100k", "cloudtrail_data_100k",
	"ecr_storage_gb_month", "s3_standard_gb_month", "s3_put_1k", "s3_get_1k", "sqs_million", "sns_publish_million",
	"scheduler_invocation_million", "lambda_request_million", "lambda_gb_second",
}

// LoadPriceBook reads and checks a price book.
func LoadPriceBook(path string) (*PriceBook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the price book: %w", err)
	}
	pb, err := ParsePriceBook(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pb.path = path
	return pb, nil
}

// ParsePriceBook decodes a price book strictly (unknown fields are errors)
// and validates every entry.
func ParsePriceBook(b []byte) (*PriceBook, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var pb PriceBook
	if err := dec.Decode(&pb); err != nil {
		return nil, fmt.Errorf("malformed price book: %w", err)
	}
	if err := pb.validate(); err != nil {
		return nil, err
	}
	return &pb, nil
}

// checkedDate says what is wrong with a "checked" value: it must be the
// real date (YYYY-MM-DD) the price was read at its source, not in the future.
func checkedDate(v string, now time.Time) string {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return fmt.Sprintf("checked %q is not a date: write the day the price was read at its source as YYYY-MM-DD", v)
	}
	// A day of slack for time zones ahead of UTC.
	if t.After(now.UTC().AddDate(0, 0, 1)) {
		return fmt.Sprintf("checked %s is in the future: write the day the price was read at its source", v)
	}
	return ""
}

func (pb *PriceBook) validate() error {
	var errs []string
	if pb.Region == "" || pb.Currency == "" || pb.HoursPerMonth <= 0 {
		errs = append(errs, "region, currency and a positive hours_per_month are required")
	}
	keys := make([]string, 0, len(pb.Prices))
	for k := range pb.Prices {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := pb.Prices[k]
		switch {
		case p.Unit == "" || p.Checked == "" || p.Source == "" || p.Description == "":
			errs = append(errs, fmt.Sprintf("%s: description, unit, checked and source are required", k))
		case p.Confidence != Sourced && p.Confidence != Estimated:
			errs = append(errs, fmt.Sprintf("%s: confidence must be %q or %q, not %q", k, Sourced, Estimated, p.Confidence))
		case p.UsageType != "" && p.Offer == "":
			errs = append(errs, fmt.Sprintf("%s: usage_type needs the offer it belongs to (offer: AmazonRDS, ...)", k))
		case p.Scale < 0:
			errs = append(errs, fmt.Sprintf("%s: negative scale", k))
		case p.Confidence == Estimated && p.Basis == "" && p.Note == "":
			errs = append(errs, fmt.Sprintf("%s: an estimated price needs a basis or a note saying where it came from", k))
		case p.USD < 0:
			errs = append(errs, fmt.Sprintf("%s: negative price", k))
		case !strings.HasPrefix(p.Source, "https://"):
			errs = append(errs, fmt.Sprintf("%s: source must be a public https URL", k))
		default:
			if msg := checkedDate(p.Checked, time.Now()); msg != "" {
				errs = append(errs, fmt.Sprintf("%s: %s", k, msg))
			}
		}
	}
	if c := pb.FargateSpot.Checked; c != "" {
		if msg := checkedDate(c, time.Now()); msg != "" {
			errs = append(errs, "fargate_spot: "+msg)
		}
	}
	for _, k := range requiredPrices {
		if _, ok := pb.Prices[k]; !ok {
			errs = append(errs, fmt.Sprintf("missing price %s", k))
		}
	}
	if d := pb.Prices["fargate_spot_discount"].USD; d < 0 || d >= 1 {
		errs = append(errs, "fargate_spot_discount must be a fraction from 0 to 1")
	}
	for t, why := range pb.Free {
		if strings.TrimSpace(why) == "" {
			errs = append(errs, fmt.Sprintf("free type %s needs a reason", t))
		}
		if _, priced := pricers[t]; priced {
			errs = append(errs, fmt.Sprintf("%s is both priced and listed as free", t))
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return errors.New("invalid price book:\n  " + strings.Join(errs, "\n  "))
	}
	return nil
}

// Path is where the price book was read from ("" when parsed from bytes).
func (pb *PriceBook) Path() string { return pb.path }

// price returns a price-book entry; the keys were validated at load.
func (pb *PriceBook) price(key string) (Price, bool) {
	p, ok := pb.Prices[key]
	return p, ok
}

// USD returns a price's figure (0 for an unknown key; required keys are
// validated at load).
func (pb *PriceBook) USD(key string) float64 { return pb.Prices[key].USD }

// spotArchitecture reports whether Fargate Spot runs tasks of an architecture.
func (pb *PriceBook) spotArchitecture(arch string) bool {
	for _, a := range pb.FargateSpot.Architectures {
		if strings.EqualFold(a, arch) {
			return true
		}
	}
	return false
}

// EstimatedKeys lists the entries whose figure was estimated.
func (pb *PriceBook) EstimatedKeys() []string {
	var out []string
	for k, p := range pb.Prices {
		if p.Confidence == Estimated {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// StaleKeys lists the entries checked more than maxAge before now.
func (pb *PriceBook) StaleKeys(now time.Time, maxAge time.Duration) []string {
	var out []string
	for k, p := range pb.Prices {
		if t, err := time.Parse(time.DateOnly, p.Checked); err == nil && now.Sub(t) > maxAge {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
