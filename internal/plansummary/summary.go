// Package plansummary groups a plan's resource changes for people: per module
// and action, with any destruction or replacement of stateful resources first.
package plansummary

import (
	"fmt"
	"io"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/console"
)

// Action is a resource change in one word.
type Action string

const (
	Create  Action = "create"
	Update  Action = "update"
	Replace Action = "replace"
	Destroy Action = "destroy"
	Read    Action = "read"
	NoOp    Action = "no-op"
)

// statefulTypes hold data or identity that a destroy would lose.
var statefulTypes = map[string]bool{
	"aws_rds_cluster": true, "aws_rds_cluster_instance": true, "aws_db_instance": true,
	"aws_dynamodb_table": true, "aws_s3_bucket": true, "aws_kms_key": true,
	"aws_secretsmanager_secret": true, "aws_cloudwatch_log_group": true,
	"aws_elasticache_replication_group": true, "aws_elasticache_cluster": true,
	"aws_ecr_repository": true, "aws_efs_file_system": true, "aws_route53_zone": true,
	"aws_cloudtrail": true, "aws_backup_vault": true,
}

// IsStateful reports whether destroying a resource of this type loses data.
func IsStateful(resourceType string) bool { return statefulTypes[resourceType] }

// Change is one resource's planned change.
type Change struct {
	Address  string `json:"address"`
	Module   string `json:"module"`
	Type     string `json:"type"`
	Action   Action `json:"action"`
	Stateful bool   `json:"stateful"`
}

// Summary is the grouped view of a plan.
type Summary struct {
	Counts    map[Action]int            `json:"counts"`
	ByModule  map[string]map[Action]int `json:"by_module"`
	Dangerous []Change                  `json:"dangerous"` // stateful resources destroyed or replaced
	Changes   []Change                  `json:"changes"`
}

// ActionOf folds a plan's action list into one word.
func ActionOf(a tfjson.Actions) Action {
	switch {
	case a.Replace():
		return Replace
	case a.Create():
		return Create
	case a.Update():
		return Update
	case a.Delete():
		return Destroy
	case a.Read():
		return Read
	}
	return NoOp
}

// Summarize groups the managed resource changes of p.
func Summarize(p *tfjson.Plan) Summary {
	s := Summary{Counts: map[Action]int{}, ByModule: map[string]map[Action]int{}}
	for _, rc := range p.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
			continue
		}
		act := ActionOf(rc.Change.Actions)
		if act == NoOp || act == Read {
			continue
		}
		module := rc.ModuleAddress
		if module == "" {
			module = "(root)"
		}
		c := Change{Address: rc.Address, Module: module, Type: rc.Type, Action: act, Stateful: IsStateful(rc.Type)}
		s.Changes = append(s.Changes, c)
		s.Counts[act]++
		if s.ByModule[module] == nil {
			s.ByModule[module] = map[Action]int{}
		}
		s.ByModule[module][act]++
		if c.Stateful && (act == Destroy || act == Replace) {
			s.Dangerous = append(s.Dangerous, c)
		}
	}
	sort.Slice(s.Changes, func(i, j int) bool { return s.Changes[i].Address < s.Changes[j].Address })
	return s
}

// HasChanges reports whether anything would change.
func (s Summary) HasChanges() bool { return len(s.Changes) > 0 }

// Write prints the summary as a table.
func (s Summary) Write(w io.Writer) error {
	st := console.For(w) // colour on a terminal only, never with NO_COLOR
	var b strings.Builder
	if len(s.Dangerous) > 0 {
		b.WriteString(st.Danger("!!! STATEFUL RESOURCES WOULD BE DESTROYED OR REPLACED — data may be lost:") + "\n")
		for _, c := range s.Dangerous {
			b.WriteString(st.Danger(fmt.Sprintf("!!!   %-8s %s", strings.ToUpper(string(c.Action)), c.Address)) + "\n")
		}
		b.WriteString(st.Danger("!!! apply refuses these unless each is named with --allow-destroy <address>.") + "\n\n")
	}
	modules := make([]string, 0, len(s.ByModule))
	for m := range s.ByModule {
		modules = append(modules, m)
	}
	sort.Strings(modules)
	b.WriteString(st.Bold(fmt.Sprintf("%-48s %7s %7s %8s %8s", "MODULE", "CREATE", "UPDATE", "REPLACE", "DESTROY")) + "\n")
	for _, m := range modules {
		c := s.ByModule[m]
		fmt.Fprintf(&b, "%-48s %7d %7d %8d %8d\n", m, c[Create], c[Update], c[Replace], c[Destroy])
	}
	b.WriteString(st.Bold(fmt.Sprintf("%-48s %7d %7d %8d %8d", "TOTAL", s.Counts[Create], s.Counts[Update], s.Counts[Replace], s.Counts[Destroy])) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}
