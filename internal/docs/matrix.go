package docs

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/lookcard/infrastructure/internal/catalog"
)

var environments = []string{"develop", "testing", "staging", "production", "sandbox"}

// column is one matrix column: a heading and how to read it from a tfvars file.
type column struct {
	heading string
	value   func(v map[string]any) string
}

func at(v map[string]any, path ...string) any {
	var cur any = v
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

func asMap(x any) map[string]any {
	m, _ := x.(map[string]any)
	return m
}

func show(x any) string {
	switch t := x.(type) {
	case nil:
		return "—"
	case []any:
		return fmt.Sprint(len(t))
	case bool:
		if t {
			return "on"
		}
		return "off"
	}
	return fmt.Sprint(x)
}

var columns = []column{
	{"Aurora AZs (writer + readers)", func(v map[string]any) string {
		if r, ok := at(v, "aurora", "reader_count").(float64); ok {
			return fmt.Sprint(1 + int(r))
		}
		return "1"
	}},
	{"NAT gateways", func(v map[string]any) string { return show(at(v, "network", "nat_gateway_count")) }},
	{"endpoint AZs", func(v map[string]any) string { return show(at(v, "network", "endpoint_az_count")) }},
	{"Aurora ACU", func(v map[string]any) string {
		lo, hi := at(v, "aurora", "min_capacity"), at(v, "aurora", "max_capacity")
		if lo == nil && hi == nil {
			return "—"
		}
		return show(lo) + "–" + show(hi)
	}},
	{"Aurora readers", func(v map[string]any) string { return show(at(v, "aurora", "reader_count")) }},
	{"Redis nodes", func(v map[string]any) string {
		if r, ok := at(v, "redis", "replicas").(float64); ok {
			return fmt.Sprint(1 + int(r))
		}
		return show(at(v, "redis", "replicas"))
	}},
	{"backups (days)", func(v map[string]any) string { return show(at(v, "aurora", "backup_retention_days")) }},
	{"log retention (days)", func(v map[string]any) string { return show(at(v, "logs", "retention_in_days")) }},
	{"monitoring", func(v map[string]any) string { return show(at(v, "monitoring", "level")) }},
	{"Fargate Spot weight", func(v map[string]any) string { return show(at(v, "compute", "capacity_strategy", "spot_weight")) }},
	{"Container Insights", func(v map[string]any) string { return show(at(v, "compute", "container_insights")) }},
	{"scale to zero off-hours", func(v map[string]any) string { return show(at(v, "compute", "scheduled_scaling")) }},
	{"bastion", func(v map[string]any) string { return show(at(v, "bastion", "enabled")) }},
	{"WAF", func(v map[string]any) string { return show(at(v, "waf", "enabled")) }},
	{"WAF alarm: blocked / rate-limited per period", func(v map[string]any) string {
		if at(v, "waf", "alarms") == nil {
			return "—"
		}
		return show(at(v, "waf", "alarms", "blocked_requests_threshold")) + " / " + show(at(v, "waf", "alarms", "rate_limited_threshold"))
	}},
	{"secret rotation (days)", func(v map[string]any) string { return show(at(v, "secrets", "rotation_days")) }},
	// Cost levers (issue 22): each a tfvars setting, never a code branch.
	{"RDS Proxy (off: IAM auth to the writer)", func(v map[string]any) string {
		if e, ok := at(v, "aurora", "proxy", "enabled").(bool); ok {
			return show(e)
		}
		return "on"
	}},
	{"Aurora auto-pause (min 0 ACU)", func(v map[string]any) string {
		if lo, ok := at(v, "aurora", "min_capacity").(float64); ok && lo == 0 {
			if s, ok := at(v, "aurora", "seconds_until_auto_pause").(float64); ok {
				return fmt.Sprintf("after %d min", int(s)/60)
			}
			return "after 60 min"
		}
		return "off"
	}},
	{"Aurora reader promotion tiers", func(v map[string]any) string {
		if t, ok := at(v, "aurora", "reader_promotion_tiers").([]any); ok && len(t) > 0 {
			parts := make([]string, len(t))
			for i, x := range t {
				parts[i] = show(x)
			}
			return strings.Join(parts, ", ")
		}
		if r, ok := at(v, "aurora", "reader_count").(float64); ok && r > 0 {
			return "1 (all)"
		}
		return "—"
	}},
	{"interface endpoints", func(v map[string]any) string {
		if l, ok := at(v, "network", "interface_endpoints").([]any); ok {
			return show(len(l))
		}
		return "10 (default)"
	}},
	{"per-cluster dashboards", func(v map[string]any) string {
		if d, ok := at(v, "monitoring", "cluster_dashboards").(bool); ok {
			return show(d)
		}
		return "on"
	}},
	{"WAF managed rule groups", func(v map[string]any) string { return show(len(asMap(at(v, "waf", "managed_rule_groups")))) }},
	{"monthly budget (USD)", func(v map[string]any) string {
		if b, ok := at(v, "budget", "monthly_usd").(float64); ok {
			return fmt.Sprintf("%.0f", b)
		}
		return "—"
	}},
	{"KMS deletion (days)", func(v map[string]any) string { return show(at(v, "kms", "deletion_window_in_days")) }},
}

// taskRows are the matrix rows read from the service catalog: ECS tasks of
// long-running services per environment (scheduled jobs run on their
// schedule; web-app runs on App Runner), as the catalog sizes them.
func taskRows(root string) ([]column, error) {
	path := filepath.Join(root, catalog.Path)
	cat, err := catalog.Load(path)
	if err != nil {
		return nil, err
	}
	// sum adds one capacity field over the long-running ECS services, each
	// taking the environment's override or the default.
	sum := func(env, field string) (int, error) {
		total := 0
		for name, s := range cat.Services {
			if s.Kind == "job" || s.Cluster == "app-runner" {
				continue
			}
			n, ok := s.CapacityIn(env, field)
			if !ok {
				return 0, fmt.Errorf("%s: services.%s.capacity has no whole-number %q for %s or default", path, name, field, env)
			}
			total += n
		}
		return total, nil
	}
	counts := map[string][3]int{}
	for _, e := range environments {
		var c [3]int
		for i, f := range []string{"desired", "min", "max"} {
			if c[i], err = sum(e, f); err != nil {
				return nil, err
			}
		}
		counts[e] = c
	}
	service := 0
	for _, s := range cat.Services {
		if s.Kind != "job" && s.Cluster != "app-runner" {
			service++
		}
	}
	env := func(v map[string]any) string { e, _ := v["environment"].(string); return e }
	return []column{
		{fmt.Sprintf("ECS tasks desired (%d services)", service), func(v map[string]any) string { return fmt.Sprint(counts[env(v)][0]) }},
		{"ECS tasks min–max (auto scaling)", func(v map[string]any) string {
			c := counts[env(v)]
			return fmt.Sprintf("%d–%d", c[1], c[2])
		}},
	}, nil
}

// EnvironmentMatrix renders the per-environment differences, read from the
// five tfvars files (the only place they live) and, for task counts, from
// the service catalog's capacity per environment.
func EnvironmentMatrix(root string) (string, error) {
	tasks, err := taskRows(root)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("Generated by `lookcard docs` from the tfvars files and catalog/services.yaml.\n\n| setting |")
	for _, e := range environments {
		b.WriteString(" " + e + " |")
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(environments)) + "\n")
	vars := map[string]map[string]any{}
	for _, e := range environments {
		path := filepath.Join(root, "terraform."+e+".tfvars.json")
		raw, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", path, err)
		}
		var v map[string]any
		if err := json.Unmarshal(raw, &v); err != nil {
			return "", fmt.Errorf("parsing %s: %w", path, err)
		}
		vars[e] = v
	}
	rows := append(tasks, columns...)
	if est, err := estimates(root); err != nil {
		return "", err
	} else if est != nil {
		env := func(v map[string]any) string { e, _ := v["environment"].(string); return e }
		rows = append(rows, column{"estimate (USD, `lookcard cost --all --record`)", func(v map[string]any) string {
			e, ok := est[env(v)]
			if !ok {
				return "—"
			}
			if e.High > e.Monthly+0.5 {
				return fmt.Sprintf("%.0f–%.0f", e.Monthly, e.High)
			}
			return fmt.Sprintf("%.0f", e.Monthly)
		}})
	}
	for _, c := range rows {
		b.WriteString("| " + c.heading + " |")
		for _, e := range environments {
			b.WriteString(" " + c.value(vars[e]) + " |")
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

// Architecture renders docs/architecture.md from the service catalog and the
// environment matrix.
func Architecture(root string) (string, error) {
	cat, err := catalog.Load(filepath.Join(root, catalog.Path))
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(cat.Services))
	for n := range cat.Services {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := cat.Services[names[i]], cat.Services[names[j]]
		if a.Cluster != b.Cluster {
			return a.Cluster < b.Cluster
		}
		return names[i] < names[j]
	})
	var b strings.Builder
	b.WriteString("# Architecture\n\n<!-- Generated by `lookcard docs` from catalog/services.yaml and the tfvars files; do not edit. -->\n\n")
	fmt.Fprintf(&b, "## Services (%d)\n\n", len(names))
	b.WriteString("| service | cluster | kind | exposure | dependencies | callers |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, n := range names {
		s := cat.Services[n]
		exp := s.Exposure
		if exp == "" {
			exp = "none"
		}
		if s.Route != nil {
			if p, ok := s.Route["path"]; ok {
				exp += " `" + fmt.Sprint(p) + "`"
			}
			if h, ok := s.Route["host"]; ok {
				exp += " host `" + fmt.Sprint(h) + "`"
			}
		}
		if s.Schedule != "" {
			exp += ", `" + s.Schedule + "`"
		}
		var deps []string
		if s.Database {
			deps = append(deps, "Aurora (proxy)")
		}
		if s.Redis {
			deps = append(deps, "Redis")
		}
		for _, t := range slices.Sorted(maps.Keys(s.Tables)) {
			deps = append(deps, "table "+t)
		}
		for _, sec := range s.Secrets {
			deps = append(deps, "secret "+sec)
		}
		for _, k := range s.KMS {
			deps = append(deps, "key "+k)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", n, s.Cluster, s.Kind, exp, strings.Join(deps, ", "), strings.Join(s.Callers, ", "))
	}
	matrix, err := EnvironmentMatrix(root)
	if err != nil {
		return "", err
	}
	b.WriteString("\n## Environments\n\n" + matrix)
	return b.String(), nil
}

// estimate is one environment's recorded `lookcard cost` figure.
type estimate struct {
	Monthly float64 `json:"monthly"`
	High    float64 `json:"monthly_high"`
}

// estimates reads pricing/estimates.json (written by `lookcard cost --all
// --record`); nil when there is none.
func estimates(root string) (map[string]estimate, error) {
	path := filepath.Join(root, "pricing", "estimates.json")
	raw, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	var v struct {
		Environments map[string]estimate `json:"environments"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return v.Environments, nil
}
