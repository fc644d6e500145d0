package docs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplice(t *testing.T) {
	body := "generated"
	cases := []struct {
		name, doc, want string
	}{
		{"appends to a README without markers", "# kms\n\nHand-written.\n",
			"# kms\n\nHand-written.\n\n" + Begin("module") + "\ngenerated\n" + End("module") + "\n"},
		{"replaces only the section", "# x\nbefore\n" + Begin("module") + "\nold\n" + End("module") + "\nafter\n",
			"# x\nbefore\n" + Begin("module") + "\ngenerated\n" + End("module") + "\nafter\n"},
		{"creates a new document", "", Begin("module") + "\ngenerated\n" + End("module") + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Splice(c.doc, "module", body)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
	if _, err := Splice(Begin("module")+"\nno end\n", "module", body); err == nil {
		t.Error("a begin marker without an end marker must be an error")
	}
}

func TestModuleTables(t *testing.T) {
	dir := t.TempDir()
	hcl := `variable "name" {
  type        = string
  description = "The name | with a pipe."
}
variable "size" {
  type    = number
  default = 3
}
output "arn" {
  description = "The ARN."
  value       = aws_kms_key.this.arn
}
resource "aws_kms_key" "this" {}
data "aws_region" "current" {}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Module(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| `name` | `string` | n/a | yes | The name \\| with a pipe. |",
		"| `size` | `number` | `3` | no |  |",
		"| `arn` | The ARN. |",
		"- `aws_kms_key.this`",
		"- `data.aws_region.current`",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("module docs lack %q:\n%s", want, got)
		}
	}
}

func TestEnvironmentMatrixReadsTfvars(t *testing.T) {
	dir := t.TempDir()
	writeCatalog(t, dir, `services:
  a-api:
    cluster: core-application
    kind: api
    capacity:
      default: { cpu: 256, memory: 512, desired: 1, min: 1, max: 2 }
      production: { desired: 3, min: 3, max: 12 }
  b-worker:
    cluster: listener
    kind: listener
    capacity:
      default: { cpu: 256, memory: 512, desired: 2, min: 1, max: 4 }
  nightly-job:
    cluster: cronjob
    kind: job
    capacity:
      default: { cpu: 256, memory: 512, desired: 5, min: 5, max: 5 }
  web-app:
    cluster: app-runner
    kind: web
    capacity:
      default: { cpu: 1024, memory: 2048, desired: 7, min: 7, max: 7 }
`)
	for _, e := range environments {
		body := `{"environment": "` + e + `", "network": {"availability_zones": ["a"], "nat_gateway_count": 1}}`
		if e == "production" {
			body = `{"environment": "production", "network": {"availability_zones": ["a","b","c"], "nat_gateway_count": 3}, "redis": {"replicas": 2}}`
		}
		if err := os.WriteFile(filepath.Join(dir, "terraform."+e+".tfvars.json"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := EnvironmentMatrix(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// Jobs and App Runner are not counted; production overrides a-api.
		"| ECS tasks desired (2 services) | 3 | 3 | 3 | 5 | 3 |",
		"| ECS tasks min–max (auto scaling) | 2–6 | 2–6 | 2–6 | 4–16 | 2–6 |",
		"| NAT gateways | 1 | 1 | 1 | 3 | 1 |", "| Redis nodes | — | — | — | 3 | — |", "| Aurora AZs (writer + readers) | 1 | 1 | 1 | 1 | 1 |"} {
		if !strings.Contains(got, want) {
			t.Errorf("matrix lacks %q:\n%s", want, got)
		}
	}
}

func TestEnvironmentMatrixRejectsCatalogWithoutCounts(t *testing.T) {
	dir := t.TempDir()
	writeCatalog(t, dir, "services:\n  a-api:\n    cluster: core-application\n    kind: api\n    capacity:\n      default: { cpu: 256, memory: 512, min: 1, max: 2 }\n")
	_, err := EnvironmentMatrix(dir)
	if err == nil || !strings.Contains(err.Error(), `services.a-api.capacity has no whole-number "desired"`) {
		t.Fatalf("want an error naming the service and field, got %v", err)
	}
}

func writeCatalog(t *testing.T, dir, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "catalog"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "catalog", "services.yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRepositoryDocsAreCurrent is the staleness check `make test` runs.
func TestRepositoryDocsAreCurrent(t *testing.T) {
	files, err := Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	if stale := Stale(files); len(stale) > 0 {
		t.Fatalf("generated documentation is stale: %s\nrun `make docs` (lookcard docs) and commit the result", strings.Join(stale, ", "))
	}
}
