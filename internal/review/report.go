// Package review turns the plan of a change into what a reviewer needs in a
// pull request: the resources it adds, changes, replaces and destroys by
// module and AWS service; every destroy or replacement of a stateful
// resource first, as an error unless explicitly allowed; the monthly cost
// difference; and the compliance findings it introduces or fixes. It also
// posts the result (a sticky pull-request comment, a drift issue) through
// GitHub's REST API.
package review

import (
	"math"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/compliance"
	"github.com/lookcard/infrastructure/internal/cost"
	"github.com/lookcard/infrastructure/internal/plansummary"
)

// Action is a resource change in one word; Move is a resource that only
// changes its address (a moved block), with no change to the object.
type Action = plansummary.Action

// Actions of a change, in the order reports list them.
const (
	Create  = plansummary.Create
	Update  = plansummary.Update
	Replace = plansummary.Replace
	Destroy = plansummary.Destroy
	Move    = Action("move")
)

// Actions is the order of the columns of every report.
var Actions = []Action{Create, Update, Replace, Destroy, Move}

// Ref is one side of the comparison.
type Ref struct {
	Ref    string `json:"ref"`
	Commit string `json:"commit"`
}

// Change is one resource's planned change.
type Change struct {
	Address         string `json:"address"`
	PreviousAddress string `json:"previous_address,omitempty"`
	Module          string `json:"module"`
	Service         string `json:"service"`
	Type            string `json:"type"`
	Action          Action `json:"action"`
	Stateful        bool   `json:"stateful"`
}

// Group counts the changes of one module and AWS service.
type Group struct {
	Module  string         `json:"module"`
	Service string         `json:"service"`
	Counts  map[Action]int `json:"counts"`
}

// CostDelta is the change in the monthly estimate.
type CostDelta struct {
	Base      float64           `json:"base_monthly"`
	Head      float64           `json:"head_monthly"`
	Delta     float64           `json:"delta"`
	Services  []cost.GroupDelta `json:"by_service"` // the cost package's categories: AWS services
	NotPriced int               `json:"not_priced"` // head resources the estimate leaves out
}

// Finding is one compliance finding, as the report shows it.
type Finding struct {
	Rule     string           `json:"rule"`
	Severity compliance.Level `json:"severity"`
	Address  string           `json:"address"`
	Message  string           `json:"message"`
}

// ComplianceDiff compares the findings of the base with the head's. The
// findings both have are only counted: the change neither made nor fixed
// them (`lookcard check` lists them).
type ComplianceDiff struct {
	New         []Finding `json:"new"`
	Fixed       []Finding `json:"fixed"`
	Open        int       `json:"still_open"`
	OpenDenials int       `json:"still_open_failing"`
}

// NewDenials counts the new findings that fail the check.
func (c *ComplianceDiff) NewDenials() int {
	if c == nil {
		return 0
	}
	n := 0
	for _, f := range c.New {
		if f.Severity == compliance.Deny {
			n++
		}
	}
	return n
}

// Report is the review of one environment.
type Report struct {
	Environment string         `json:"environment"`
	Stack       string         `json:"stack"`
	Mode        string         `json:"mode"` // how the plan was made, one sentence
	Base        Ref            `json:"base"`
	Head        Ref            `json:"head"`
	Counts      map[Action]int `json:"counts"`
	Unchanged   int            `json:"unchanged"`
	Groups      []Group        `json:"groups"`
	// Guarded are destroys or replacements of stateful resources that no
	// --allow-destroy names: each fails the review.
	Guarded []Change `json:"guarded"`
	// Allowed are the ones --allow-destroy names.
	Allowed []Change `json:"allowed"`
	// UnusedAllow are --allow-destroy addresses the plan does not destroy:
	// a typo would otherwise pass silently.
	UnusedAllow []string        `json:"unused_allow,omitempty"`
	Changes     []Change        `json:"changes"`
	Cost        *CostDelta      `json:"cost,omitempty"`
	Compliance  *ComplianceDiff `json:"compliance,omitempty"`
}

// Failed reports whether the review must fail the pull request's check: a
// guarded destroy or a new denial.
func (r *Report) Failed() bool { return len(r.Guarded) > 0 || r.Compliance.NewDenials() > 0 }

// Input is what Build reviews.
type Input struct {
	Environment, Stack, Mode string
	Base, Head               Ref
	// Plan is the head planned on the base's state: online the real state,
	// offline the base applied into a rehearsal state.
	Plan         *tfjson.Plan
	AllowDestroy []string
	Cost         *cost.Diff           // nil: not priced
	BaseFindings []compliance.Finding // with HeadFindings: nil when not checked
	HeadFindings []compliance.Finding
	Checked      bool // compliance was evaluated (both finding lists are meaningful)
}

// extraStateful adds to plansummary's list the stateful types this
// repository does not use yet, so a future one is guarded from its first
// pull request.
var extraStateful = map[string]bool{
	"aws_elasticache_serverless_cache": true, "aws_elasticache_global_replication_group": true,
	"aws_rds_global_cluster": true, "aws_docdb_cluster": true, "aws_neptune_cluster": true,
	"aws_opensearch_domain": true, "aws_ebs_volume": true, "aws_sqs_queue": true,
	"aws_kinesis_stream": true, "aws_secretsmanager_secret_version": true, "aws_s3_object": true,
	"aws_dynamodb_global_table": true, "aws_fsx_lustre_file_system": true,
}

// IsStateful reports whether destroying or replacing a resource of this
// type loses data, keys or identity.
func IsStateful(resourceType string) bool {
	return plansummary.IsStateful(resourceType) || extraStateful[resourceType]
}

// Build reviews a plan.
func Build(in Input) *Report {
	r := &Report{
		Environment: in.Environment, Stack: in.Stack, Mode: in.Mode, Base: in.Base, Head: in.Head,
		Counts: map[Action]int{}, Groups: []Group{}, Guarded: []Change{}, Allowed: []Change{}, Changes: []Change{},
	}
	allow := map[string]bool{}
	for _, a := range in.AllowDestroy {
		allow[a] = true
	}
	used := map[string]bool{}
	groups := map[[2]string]*Group{}
	if in.Plan != nil {
		for _, rc := range in.Plan.ResourceChanges {
			if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
				continue
			}
			act := plansummary.ActionOf(rc.Change.Actions)
			if act == plansummary.NoOp && rc.PreviousAddress != "" && rc.PreviousAddress != rc.Address {
				act = Move
			}
			if act == plansummary.NoOp || act == plansummary.Read {
				r.Unchanged++
				continue
			}
			module := rc.ModuleAddress
			if module == "" {
				module = "(root)"
			}
			c := Change{Address: rc.Address, Module: module, Service: ServiceOf(rc.Type), Type: rc.Type,
				Action: act, Stateful: IsStateful(rc.Type)}
			if rc.PreviousAddress != rc.Address {
				c.PreviousAddress = rc.PreviousAddress
			}
			r.Changes = append(r.Changes, c)
			r.Counts[act]++
			key := [2]string{module, c.Service}
			if groups[key] == nil {
				groups[key] = &Group{Module: module, Service: c.Service, Counts: map[Action]int{}}
			}
			groups[key].Counts[act]++
			if c.Stateful && (act == Destroy || act == Replace) {
				if allow[c.Address] {
					used[c.Address] = true
					r.Allowed = append(r.Allowed, c)
				} else {
					r.Guarded = append(r.Guarded, c)
				}
			}
		}
	}
	for _, a := range in.AllowDestroy {
		if !used[a] {
			r.UnusedAllow = append(r.UnusedAllow, a)
		}
	}
	for _, g := range groups {
		r.Groups = append(r.Groups, *g)
	}
	sort.Slice(r.Groups, func(i, j int) bool {
		if r.Groups[i].Module != r.Groups[j].Module {
			return r.Groups[i].Module < r.Groups[j].Module
		}
		return r.Groups[i].Service < r.Groups[j].Service
	})
	byAddr := func(cs []Change) {
		sort.Slice(cs, func(i, j int) bool { return cs[i].Address < cs[j].Address })
	}
	byAddr(r.Changes)
	byAddr(r.Guarded)
	byAddr(r.Allowed)
	if in.Cost != nil {
		r.Cost = &CostDelta{Base: cents(in.Cost.Base), Head: cents(in.Cost.Head), Delta: cents(in.Cost.Delta),
			Services: in.Cost.Categories, NotPriced: len(in.Cost.NotPriced)}
		if r.Cost.Services == nil {
			r.Cost.Services = []cost.GroupDelta{}
		}
	}
	if in.Checked {
		r.Compliance = diffFindings(in.BaseFindings, in.HeadFindings)
	}
	return r
}

func cents(v float64) float64 { return math.Round(v*100) / 100 }

func diffFindings(base, head []compliance.Finding) *ComplianceDiff {
	key := func(f compliance.Finding) string { return f.RuleID + "\x00" + f.Address }
	inBase := map[string]bool{}
	for _, f := range base {
		inBase[key(f)] = true
	}
	inHead := map[string]bool{}
	d := &ComplianceDiff{New: []Finding{}, Fixed: []Finding{}}
	conv := func(f compliance.Finding) Finding {
		return Finding{Rule: f.RuleID, Severity: f.Severity, Address: f.Address, Message: f.Message}
	}
	for _, f := range head {
		inHead[key(f)] = true
		if inBase[key(f)] {
			d.Open++
			if f.Severity == compliance.Deny {
				d.OpenDenials++
			}
		} else {
			d.New = append(d.New, conv(f))
		}
	}
	for _, f := range base {
		if !inHead[key(f)] {
			d.Fixed = append(d.Fixed, conv(f))
		}
	}
	for _, fs := range [][]Finding{d.New, d.Fixed} {
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Severity != fs[j].Severity {
				return fs[i].Severity == compliance.Deny // denials first
			}
			if fs[i].Rule != fs[j].Rule {
				return fs[i].Rule < fs[j].Rule
			}
			return fs[i].Address < fs[j].Address
		})
	}
	return d
}

// serviceAliases names the AWS service of resource types whose first word
// is not the service.
var serviceAliases = map[string]string{
	"db": "rds", "rds": "rds", "lb": "elb", "alb": "elb", "security": "vpc", "subnet": "vpc", "route": "vpc",
	"route_table": "vpc", "nat": "vpc", "internet": "vpc", "eip": "vpc", "network": "vpc", "default": "vpc",
	"flow": "vpc", "egress": "vpc", "main": "vpc", "vpclattice": "vpclattice", "api": "apigateway",
	"apigatewayv2": "apigateway", "appautoscaling": "application-autoscaling", "service": "servicediscovery",
	"sfn": "stepfunctions", "wafv2": "waf", "acm": "acm", "iam": "iam", "config": "config",
	"securityhub": "securityhub", "instance": "ec2", "launch": "ec2", "ami": "ec2", "key": "ec2", "placement": "ec2", "guardduty": "guardduty", "cloudwatch": "cloudwatch", "xray": "xray",
}

// ServiceOf names the AWS service (or provider) of a resource type:
// aws_rds_cluster is rds, aws_security_group vpc, cloudflare_record
// cloudflare.
func ServiceOf(resourceType string) string {
	rest, ok := strings.CutPrefix(resourceType, "aws_")
	if !ok {
		provider, _, _ := strings.Cut(resourceType, "_")
		return provider
	}
	first, _, _ := strings.Cut(rest, "_")
	if strings.HasPrefix(rest, "vpc") || strings.HasPrefix(rest, "route_table") {
		return "vpc"
	}
	if s, ok := serviceAliases[first]; ok {
		return s
	}
	return first
}
