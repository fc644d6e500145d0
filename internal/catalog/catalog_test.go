package catalog

import (
	"path/filepath"
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
