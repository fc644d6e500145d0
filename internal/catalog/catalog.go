// Package catalog reads catalog/services.yaml, the single source of truth for
// LookCard's services, on the Go side (documentation, benchmarks), and makes
// synthetic catalogs of any size for scale benchmarks.
package catalog

import (
	"fmt"
	"os"
	"sort"

	"gopkg.in/yaml.v3"
)

// Path is the catalog's location relative to the repository root.
const Path = "catalog/services.yaml"

// Service is one catalog entry; the HCL module modules/catalog validates it.
type Service struct {
	Cluster              string                    `yaml:"cluster"`
	Kind                 string                    `yaml:"kind"`
	Port                 int                       `yaml:"port,omitempty"`
	HealthCheck          string                    `yaml:"health_check,omitempty"`
	ContainerHealthCheck string                    `yaml:"container_health_check,omitempty"`
	Exposure             string                    `yaml:"exposure,omitempty"`
	Route                map[string]any            `yaml:"route,omitempty"`
	Callers              []string                  `yaml:"callers,omitempty"`
	Database             bool                      `yaml:"database,omitempty"`
	Redis                bool                      `yaml:"redis,omitempty"`
	Tables               map[string]map[string]any `yaml:"tables,omitempty"`
	Secrets              []string                  `yaml:"secrets,omitempty"`
	KMS                  []string                  `yaml:"kms,omitempty"`
	Schedule             string                    `yaml:"schedule,omitempty"`
	Capacity             map[string]map[string]any `yaml:"capacity"`
}

// CapacityIn returns one capacity field (cpu, memory, desired, min, max) for
// an environment as modules/catalog resolves it: the environment's override,
// else capacity.default. ok is false when neither holds a whole number.
func (s Service) CapacityIn(env, field string) (n int, ok bool) {
	v := s.Capacity[env][field]
	if v == nil {
		v = s.Capacity["default"][field]
	}
	n, ok = v.(int)
	return n, ok
}

// Catalog is the whole file.
type Catalog struct {
	Services map[string]Service `yaml:"services"`
	// RotatingSecrets are the secrets the platform generates and rotates
	// itself; every other secret holds a third party's credential.
	RotatingSecrets []string `yaml:"rotating_secrets,omitempty"`
}

// Load reads a catalog file.
func Load(path string) (*Catalog, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading service catalog %s: %w", path, err)
	}
	var c Catalog
	if err := yaml.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("parsing service catalog %s: %w", path, err)
	}
	if len(c.Services) == 0 {
		return nil, fmt.Errorf("service catalog %s lists no services", path)
	}
	return &c, nil
}

// Names returns the service names, sorted.
func (c *Catalog) Names() []string {
	names := make([]string, 0, len(c.Services))
	for n := range c.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Synthetic returns a catalog with n ECS services for scale benchmarks: the
// web app, then copies of a public API that uses the database, Redis, a
// table and a secret, each on its own path and calling the previous copy, so
// every derived resource (security group rules, tables, roles, routes) grows
// with n as it would in real life.
func Synthetic(n int) *Catalog {
	c := &Catalog{Services: map[string]Service{
		"web-app": {Cluster: "app-runner", Kind: "web", Port: 3000, Exposure: "public",
			Route:    map[string]any{"host": "app"},
			Capacity: map[string]map[string]any{"default": {"cpu": 1024, "memory": 2048, "desired": 1, "min": 1, "max": 2}}},
	}}
	clusters := []string{"core-application", "composite-application", "listener", "administrative", "cronjob", "supabase"}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("svc%03d-api", i)
		s := Service{
			Cluster:  clusters[i%len(clusters)],
			Kind:     "api",
			Port:     8080,
			Exposure: "public",
			Route:    map[string]any{"path": fmt.Sprintf("/v1/svc%03d", i)},
			Database: true,
			Redis:    i%2 == 0,
			Tables:   map[string]map[string]any{"records": {"hash_key": "id"}},
			Secrets:  []string{fmt.Sprintf("svc%03d-api-key", i)},
			Capacity: map[string]map[string]any{"default": {"cpu": 256, "memory": 512, "desired": 1, "min": 1, "max": 2}},
		}
		if i > 0 {
			s.Callers = []string{fmt.Sprintf("svc%03d-api", i-1)}
		}
		c.Services[name] = s
	}
	return c
}

// Write saves a catalog as YAML.
func (c *Catalog) Write(path string) error {
	b, err := yaml.Marshal(c)
	if err != nil {
		return fmt.Errorf("encoding catalog: %w", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
