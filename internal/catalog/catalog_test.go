package catalog

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadTheRealCatalog(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", Path))
	if err != nil {
		t.Fatal(err)
	}
	ecs := 0
	for _, s := range c.Services {
		if s.Cluster != "app-runner" {
			ecs++
		}
	}
	if ecs < 22 {
		t.Fatalf("the catalog must hold 22 or more ECS services, has %d", ecs)
	}
	if c.Services["card-api"].Cluster != "core-application" {
		t.Errorf("card-api must run on core-application, got %q", c.Services["card-api"].Cluster)
	}
}

func TestSyntheticRoundTrips(t *testing.T) {
	for _, n := range []int{1, 22, 200} {
		path := filepath.Join(t.TempDir(), "services.yaml")
		if err := Synthetic(n).Write(path); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Services) != n+1 {
			t.Errorf("Synthetic(%d) has %d services, want %d (n APIs and the web app)", n, len(c.Services), n+1)
		}
		if n > 1 && c.Services["svc001-api"].Callers[0] != "svc000-api" {
			t.Errorf("each synthetic API is called by the previous one")
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("a missing catalog must be an error")
	}
	empty := filepath.Join(t.TempDir(), "empty.yaml")
	if err := (&Catalog{}).Write(empty); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(empty); err == nil {
		t.Error("a catalog with no services must be an error")
	}
}

func TestCheckDuplicates(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"distinct services", "services:\n  a:\n    cluster: x\n  b:\n    cluster: y\n", ""},
		{"service defined twice", "services:\n  card-api:\n    cluster: x\n  other:\n    cluster: z\n  card-api:\n    cluster: y\n",
			`service "card-api" twice (line 2 and line 6)`},
		{"attribute twice inside a service", "services:\n  a:\n    port: 1\n    port: 2\n", "key services.a.port twice (line 3 and line 4)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "services.yaml")
			if err := os.WriteFile(path, []byte(c.doc), 0o644); err != nil {
				t.Fatal(err)
			}
			err := CheckDuplicates(path)
			if c.want == "" {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error containing %q, got %v", c.want, err)
			}
		})
	}
	if err := CheckDuplicates(filepath.Join("..", "..", Path)); err != nil {
		t.Errorf("the real catalog: %v", err)
	}
}

// TestCapacityInTakesTheOverrideElseTheDefault pins the rule modules/catalog
// applies (main.tf, local.capacity), so Go's readers agree with the plans.
func TestCapacityInTakesTheOverrideElseTheDefault(t *testing.T) {
	s := Service{Capacity: map[string]map[string]any{
		"default":    {"cpu": 256, "desired": 1, "max": 2},
		"production": {"desired": 3, "max": nil},
		"staging":    {"desired": 1.5},
	}}
	for _, tc := range []struct {
		env, field string
		want       int
		ok         bool
	}{
		{"production", "desired", 3, true},
		{"production", "cpu", 256, true},
		{"production", "max", 2, true}, // a null override is no override, as in HCL
		{"develop", "desired", 1, true},
		{"staging", "desired", 0, false},
		{"develop", "min", 0, false},
	} {
		got, ok := s.CapacityIn(tc.env, tc.field)
		if got != tc.want || ok != tc.ok {
			t.Errorf("CapacityIn(%q, %q) = %d, %v; want %d, %v", tc.env, tc.field, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLoadReadsRotatingSecrets(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", Path))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(c.RotatingSecrets, "jwt-signing-key") {
		t.Errorf("rotating_secrets = %v, want jwt-signing-key among them", c.RotatingSecrets)
	}
}
