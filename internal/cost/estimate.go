// Package cost estimates the monthly cost of a plan offline: it maps every
// managed resource in a saved plan's JSON to priced components, using a
// reviewed price book (pricing/<region>.yaml) and an environment's usage
// assumptions (pricing/usage.<env>.yaml), like Infracost without its pricing
// service. Every resource type is either priced, listed as free in the price
// book, or reported as NOT PRICED — never silently zero.
package cost

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Kind separates what the configuration fixes from what traffic drives.
type Kind string

const (
	// Hourly: provisioned time and fixed monthly fees (hours, nodes, keys,
	// secrets, alarms) — what the plan alone decides.
	Hourly Kind = "hourly"
	// UsageBased: requests, GB, traces, average capacity above the minimum —
	// what the usage file assumes.
	UsageBased Kind = "usage"
)

// Component is one priced line of a resource.
type Component struct {
	Name      string  `json:"name"`
	Category  string  `json:"category"`
	Kind      Kind    `json:"kind"`
	Quantity  float64 `json:"quantity"`
	Unit      string  `json:"unit"`
	Price     string  `json:"price"`
	UnitPrice float64 `json:"unit_price"`
	Monthly   float64 `json:"monthly"`
	Formula   string  `json:"formula"`
	Estimated bool    `json:"estimated_price"`
}

// ResourceCost is one resource's monthly cost.
type ResourceCost struct {
	Address    string      `json:"address"`
	Type       string      `json:"type"`
	Module     string      `json:"module"`
	Service    string      `json:"service,omitempty"`
	Cluster    string      `json:"cluster,omitempty"`
	Components []Component `json:"components"`
	Hourly     float64     `json:"hourly"`
	Usage      float64     `json:"usage"`
	Monthly    float64     `json:"monthly"`
	Notes      []string    `json:"notes,omitempty"`
	// Unknown: a price-driving attribute the plan leaves unknown and nothing
	// resolved. Monthly holds the low end; UnknownExtra is what the high end
	// adds. Never a silent zero.
	Unknown      string  `json:"unknown,omitempty"`
	UnknownExtra float64 `json:"unknown_extra,omitempty"`

	unpriced string
}

// Group is a subtotal (by module, cluster, service or category).
type Group struct {
	Name      string  `json:"name"`
	Hourly    float64 `json:"hourly"`
	Usage     float64 `json:"usage"`
	Monthly   float64 `json:"monthly"`
	Resources int     `json:"resources"`
}

// FreeType counts resources of a type the price book lists as free.
type FreeType struct {
	Type   string `json:"type"`
	Count  int    `json:"count"`
	Reason string `json:"reason"`
}

// NotPriced is a resource the estimate does not cover: its type has no
// pricer and is not listed as free, or its configuration has no price.
type NotPriced struct {
	Type      string   `json:"type"`
	Reason    string   `json:"reason"`
	Addresses []string `json:"addresses"`
}

// Breakdown is the estimate of one plan.
type Breakdown struct {
	Environment string `json:"environment"`
	Region      string `json:"region"`
	Currency    string `json:"currency"`
	Plan        string `json:"plan"`
	PriceBook   string `json:"price_book"`
	UsageFile   string `json:"usage_file"`

	Monthly float64 `json:"monthly"`
	Hourly  float64 `json:"hourly"`
	Usage   float64 `json:"usage"`
	// EstimatedShare is the part of Monthly priced from estimated (not
	// sourced) price-book figures.
	EstimatedShare float64 `json:"estimated_share"`
	// MonthlyHigh is Monthly with every unknown at the high end of its range.
	MonthlyHigh float64 `json:"monthly_high"`
	// Budget is the environment's monthly budget (tfvars budget.monthly_usd);
	// 0 when none is declared.
	Budget float64 `json:"budget,omitempty"`
	// PriceDrivers are the price-book entries that move this estimate by
	// more than DriverThreshold, with their monthly share.
	PriceDrivers []PriceDriver `json:"price_drivers,omitempty"`

	Categories []Group        `json:"by_category"`
	Modules    []Group        `json:"by_module"`
	Clusters   []Group        `json:"by_cluster"`
	Services   []Group        `json:"by_service"`
	Resources  []ResourceCost `json:"resources"`
	Free       []FreeType     `json:"free"`
	NotPriced  []NotPriced    `json:"not_priced"`
	Warnings   []string       `json:"warnings,omitempty"`
}

// PriceDriver is one price-book entry and what it adds to an estimate.
type PriceDriver struct {
	Key        string  `json:"key"`
	Monthly    float64 `json:"monthly"`
	Confidence string  `json:"confidence"`
	Checked    string  `json:"checked"`
}

// DriverThreshold: a price-book entry moving an environment by more than
// this (USD a month) must be sourced and dated on its own.
const DriverThreshold = 5.0

// OverBudget reports whether the estimate, unknowns at their high end,
// exceeds the declared budget.
func (bd *Breakdown) OverBudget() bool { return bd.Budget > 0 && round2(bd.MonthlyHigh) > bd.Budget }

// Input is what Estimate prices.
type Input struct {
	Plan  *Plan
	Book  *PriceBook
	Usage *Usage
	// State, when set, is the offline rehearsal's state of the same
	// environment: it resolves values the plan leaves unknown.
	State State
	// Budget is the environment's monthly budget in USD (0: none).
	Budget      float64
	PlanPath    string // shown in reports
	Environment string // defaults to the plan's environment variable
}

// Estimate prices a plan.
func Estimate(in Input) (*Breakdown, error) {
	if in.Plan == nil || in.Book == nil || in.Usage == nil {
		return nil, fmt.Errorf("internal error: Estimate needs a plan, a price book and usage assumptions")
	}
	env := in.Environment
	if env == "" {
		env = in.Plan.Variable("environment")
	}
	if region := in.Plan.Variable("aws_region"); region != "" && region != in.Book.Region {
		return nil, fmt.Errorf("the plan is for region %s but the price book is for %s: add pricing/%s.yaml", region, in.Book.Region, region)
	}
	c := newCalc(in.Plan, in.Book, in.Usage)
	c.state = in.State
	for _, w := range usageContradictions(c) {
		c.warn("%s", w)
	}
	bd := &Breakdown{
		Budget:      in.Budget,
		Environment: env, Region: in.Book.Region, Currency: in.Book.Currency, Plan: in.PlanPath,
		PriceBook: in.Book.Path(), UsageFile: in.Usage.Path(),
		Resources: []ResourceCost{}, Free: []FreeType{}, NotPriced: []NotPriced{},
	}
	if in.Usage.Environment != "" && env != "" && in.Usage.Environment != env {
		c.warn("usage file %s is for %s, not %s", in.Usage.Path(), in.Usage.Environment, env)
	}
	if f := in.Plan.Variable("catalog_file"); f != "" {
		c.warn("the plan was made from another service catalog (catalog_file=%s), not catalog/services.yaml: plan again with `lookcard plan --env %s` for the real estimate", f, env)
	}

	free := map[string]*FreeType{}
	unknown := map[string]*NotPriced{}
	for _, r := range in.Plan.Resources {
		p, ok := pricers[r.Type]
		if !ok {
			if why, isFree := in.Book.Free[r.Type]; isFree {
				if free[r.Type] == nil {
					free[r.Type] = &FreeType{Type: r.Type, Reason: why}
				}
				free[r.Type].Count++
				continue
			}
			if unknown[r.Type] == nil {
				unknown[r.Type] = &NotPriced{Type: r.Type, Reason: "no pricer for this resource type and not listed as free in the price book"}
			}
			unknown[r.Type].Addresses = append(unknown[r.Type].Addresses, r.Address)
			continue
		}
		rc := &ResourceCost{Address: r.Address, Type: r.Type, Module: r.ModuleCall(), Service: c.serviceOf(r)}
		rc.Cluster = c.clusterOf(r, rc.Service)
		p(c, r, rc)
		if rc.unpriced != "" {
			key := r.Type + "\x00" + rc.unpriced
			if unknown[key] == nil {
				unknown[key] = &NotPriced{Type: r.Type, Reason: rc.unpriced}
			}
			unknown[key].Addresses = append(unknown[key].Addresses, r.Address)
			continue
		}
		rc.total()
		if rc.Components == nil {
			rc.Components = []Component{}
		}
		bd.Resources = append(bd.Resources, *rc)
	}
	for _, f := range free {
		bd.Free = append(bd.Free, *f)
	}
	sort.Slice(bd.Free, func(i, j int) bool { return bd.Free[i].Type < bd.Free[j].Type })
	for _, n := range unknown {
		bd.NotPriced = append(bd.NotPriced, *n)
	}
	sort.Slice(bd.NotPriced, func(i, j int) bool {
		if bd.NotPriced[i].Type != bd.NotPriced[j].Type {
			return bd.NotPriced[i].Type < bd.NotPriced[j].Type
		}
		return bd.NotPriced[i].Reason < bd.NotPriced[j].Reason
	})
	bd.aggregate()
	bd.drivers(in.Book)
	bd.Warnings = c.warnings
	return bd, nil
}

func (rc *ResourceCost) total() {
	rc.Hourly, rc.Usage = 0, 0
	for _, cp := range rc.Components {
		if cp.Kind == Hourly {
			rc.Hourly += cp.Monthly
		} else {
			rc.Usage += cp.Monthly
		}
	}
	rc.Monthly = rc.Hourly + rc.Usage
}

func (bd *Breakdown) aggregate() {
	cats, mods, clus, svcs := map[string]*Group{}, map[string]*Group{}, map[string]*Group{}, map[string]*Group{}
	add := func(m map[string]*Group, name string, hourly, usage float64) {
		g := m[name]
		if g == nil {
			g = &Group{Name: name}
			m[name] = g
		}
		g.Hourly += hourly
		g.Usage += usage
		g.Monthly += hourly + usage
		g.Resources++
	}
	estimated := 0.0
	for _, rc := range bd.Resources {
		bd.Hourly += rc.Hourly
		bd.Usage += rc.Usage
		add(mods, rc.Module, rc.Hourly, rc.Usage)
		add(clus, orDefault(rc.Cluster, "(not in a cluster)"), rc.Hourly, rc.Usage)
		add(svcs, orDefault(rc.Service, "(shared)"), rc.Hourly, rc.Usage)
		seen := map[string]bool{}
		for _, cp := range rc.Components {
			h, u := 0.0, 0.0
			if cp.Kind == Hourly {
				h = cp.Monthly
			} else {
				u = cp.Monthly
			}
			g := cats[cp.Category]
			if g == nil {
				g = &Group{Name: cp.Category}
				cats[cp.Category] = g
			}
			g.Hourly += h
			g.Usage += u
			g.Monthly += h + u
			if !seen[cp.Category] {
				g.Resources++
				seen[cp.Category] = true
			}
			if cp.Estimated {
				estimated += cp.Monthly
			}
		}
	}
	bd.Monthly = bd.Hourly + bd.Usage
	bd.MonthlyHigh = bd.Monthly
	for _, rc := range bd.Resources {
		bd.MonthlyHigh += rc.UnknownExtra
	}
	if bd.Monthly > 0 {
		bd.EstimatedShare = estimated / bd.Monthly
	}
	bd.Categories, bd.Modules, bd.Clusters, bd.Services = sorted(cats), sorted(mods), sorted(clus), sorted(svcs)
}

func sorted(m map[string]*Group) []Group {
	out := make([]Group, 0, len(m))
	for _, g := range m {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := round2(out[i].Monthly), round2(out[j].Monthly); a != b {
			return a > b
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// UncoveredTypes lists the resource types of a plan that are neither priced
// nor listed as free in the price book.
func UncoveredTypes(p *Plan, book *PriceBook) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range p.Resources {
		if _, ok := pricers[r.Type]; ok {
			continue
		}
		if _, ok := book.Free[r.Type]; ok {
			continue
		}
		if !seen[r.Type] {
			seen[r.Type] = true
			out = append(out, r.Type)
		}
	}
	sort.Strings(out)
	return out
}

// PricedTypes lists the resource types the estimator prices.
func PricedTypes() []string {
	out := make([]string, 0, len(pricers))
	for t := range pricers {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// category names the cost driver a price-book key belongs to.
func category(key string) string {
	for _, c := range categories {
		if strings.HasPrefix(key, c.prefix) {
			return c.name
		}
	}
	return key
}

var categories = []struct{ prefix, name string }{
	{"fargate_", "Fargate"},
	{"apprunner_", "App Runner"},
	{"ec2_", "EC2"},
	{"ebs_", "EBS"},
	{"aurora_", "Aurora Serverless v2"},
	{"rds_database_insights", "Aurora Performance Insights"},
	{"rds_proxy", "RDS Proxy"},
	{"elasticache_", "ElastiCache"},
	{"dynamodb_", "DynamoDB"},
	{"backup_", "AWS Backup"},
	{"nat_gateway", "NAT gateways"},
	{"data_transfer", "Data transfer"},
	{"public_ipv4", "Public IPv4 addresses"},
	{"vpc_interface_endpoint", "VPC interface endpoints"},
	{"alb_", "Load balancers"},
	{"nlb_", "Load balancers"},
	{"api_gateway", "API Gateway"},
	{"cloudfront", "CloudFront"},
	{"route53", "Route 53"},
	{"cloudmap", "Cloud Map"},
	{"kms_", "KMS"},
	{"secretsmanager", "Secrets Manager"},
	{"waf_", "WAF"},
	{"guardduty", "GuardDuty"},
	{"securityhub", "Security Hub"},
	{"config_", "AWS Config"},
	{"cloudwatch_logs", "CloudWatch Logs"},
	{"cloudwatch_metric", "CloudWatch metrics (Container Insights)"},
	{"cloudwatch_alarm", "CloudWatch alarms"},
	{"cloudwatch_composite", "CloudWatch alarms"},
	{"cloudwatch_dashboard", "CloudWatch dashboards"},
	{"xray_", "X-Ray"},
	{"cloudtrail", "CloudTrail"},
	{"ecr_", "ECR"},
	{"s3_", "S3"},
	{"sqs_", "SQS"},
	{"sns_", "SNS"},
	{"scheduler_", "EventBridge Scheduler"},
	{"lambda_", "Lambda"},
}

// drivers collects the price-book entries above DriverThreshold.
func (bd *Breakdown) drivers(book *PriceBook) {
	by := map[string]float64{}
	for _, rc := range bd.Resources {
		for _, cp := range rc.Components {
			key, _, _ := strings.Cut(cp.Price, " ")
			by[key] += cp.Monthly
		}
	}
	for k, v := range by {
		p, ok := book.Prices[k]
		if !ok || v <= DriverThreshold {
			continue
		}
		bd.PriceDrivers = append(bd.PriceDrivers, PriceDriver{Key: k, Monthly: v, Confidence: p.Confidence, Checked: p.Checked})
	}
	sort.Slice(bd.PriceDrivers, func(i, j int) bool {
		a, b := bd.PriceDrivers[i], bd.PriceDrivers[j]
		if round2(a.Monthly) != round2(b.Monthly) {
			return a.Monthly > b.Monthly
		}
		return a.Key < b.Key
	})
}

// Unsourced lists the drivers above DriverThreshold whose figure is estimated.
func (bd *Breakdown) Unsourced() []PriceDriver {
	var out []PriceDriver
	for _, d := range bd.PriceDrivers {
		if d.Confidence != Sourced {
			out = append(out, d)
		}
	}
	return out
}

// Stale lists the drivers above DriverThreshold checked longer than maxAge ago.
func (bd *Breakdown) Stale(now time.Time, maxAge time.Duration) []PriceDriver {
	var out []PriceDriver
	for _, d := range bd.PriceDrivers {
		if t, err := time.Parse(time.DateOnly, d.Checked); err == nil && now.Sub(t) > maxAge {
			out = append(out, d)
		}
	}
	return out
}
