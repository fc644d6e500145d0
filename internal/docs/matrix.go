package docs

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
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
	{"KMS deletion (days)", func(v map[string]any) string { return show(at(v, "kms", "deletion_window_in_days")) }},
}

// taskRows are the matrix rows read from the service catalog: ECS tasks of
// long-running services per environment (scheduled jobs run on their
// schedule; web-app runs on App Runner), as the catalog sizes them.
func taskRows(root string) ([]column, error) {
	path := filepath.Join(root, "catalog", "services.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	var cat struct {
		Services map[string]catalogService `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &cat); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	// sum adds one capacity field over the long-running ECS services, each
	// taking the environment's override or the default.
	sum := func(env, field string) (int, error) {
		total := 0
		for name, s := range cat.Services {
			if s.Kind == "job" || s.Cluster == "app-runner" {
				continue
			}
			v, ok := s.Capacity[env][field]
			if !ok {
				v, ok = s.Capacity["default"][field]
			}
			n, isInt := v.(int)
			if !ok || !isInt {
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
	for _, c := range append(tasks, columns...) {
		b.WriteString("| " + c.heading + " |")
		for _, e := range environments {
			b.WriteString(" " + c.value(vars[e]) + " |")
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

// catalogService is the part of a catalog entry the architecture table shows.
type catalogService struct {
	Cluster  string                    `yaml:"cluster"`
	Kind     string                    `yaml:"kind"`
	Exposure string                    `yaml:"exposure"`
	Route    map[string]any            `yaml:"route"`
	Database bool                      `yaml:"database"`
	Redis    bool                      `yaml:"redis"`
	Tables   map[string]map[string]any `yaml:"tables"`
	Secrets  []string                  `yaml:"secrets"`
	KMS      []string                  `yaml:"kms"`
	Schedule string                    `yaml:"schedule"`
	Callers  []string                  `yaml:"callers"`
	Capacity map[string]map[string]any `yaml:"capacity"`
}

// Architecture renders docs/architecture.md from the service catalog and the
// environment matrix.
func Architecture(root string) (string, error) {
	path := filepath.Join(root, "catalog", "services.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	var cat struct {
		Services map[string]catalogService `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &cat); err != nil {
		return "", fmt.Errorf("parsing %s: %w", path, err)
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
		for _, t := range sortedKeys(s.Tables) {
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
