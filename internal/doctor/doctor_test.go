package doctor

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/zclconf/go-cty/cty"

	"github.com/lookcard/infrastructure/internal/catalog"
	"github.com/lookcard/infrastructure/internal/doctor/fakeaws"
	"github.com/lookcard/infrastructure/internal/environment"
)

const account = "210000000001"

// healthy is a fake account where every check passes for testConfig().
func healthy(t *testing.T) *fakeaws.Server {
	t.Helper()
	f := fakeaws.New()
	t.Cleanup(f.Close)
	f.Account = account
	f.CallerArn = "arn:aws:sts::" + account + ":assumed-role/lookcard-develop-admin/alice"
	f.Roles = []string{"lookcard-develop-deploy", "lookcard-develop-admin"}
	f.EngineVersions = []string{"16.4", "16.6", "16.8"}
	f.Serverless = []string{"16.4", "16.6", "16.8"}
	f.ConcurrencyLimit, f.Unreserved = 1000, 1000
	f.Images = map[string][]string{}
	for _, s := range []string{"account-api", "card-api", "web-app"} {
		f.Images["lookcard-develop/"+s] = []string{"0123456789ab", "old"}
	}
	f.Secrets = map[string][]string{"lookcard-develop/app/reap-api-key": {"AWSCURRENT"}}
	f.Token, f.TokenStatus, f.Zones = "cf-token", "active", []string{"0123456789abcdef0123456789abcdef"}
	return f
}

func testConfig() Config {
	return Config{
		Environment: "develop", Stack: "develop", Region: "ap-southeast-1", AccountID: account, NamePrefix: "lookcard-develop",
		DeployRole: "lookcard-develop-deploy", AdminRole: "lookcard-develop-admin", PlanRole: "lookcard-develop-plan", AssumeDeployRole: true, KMSAdminRoles: []string{"lookcard-develop-admin"},
		EngineVersion: "16.6", RotationFunction: "lookcard-develop-secret-rotation", RotationReservation: 2,
		ImageTag: "0123456789ab", Services: []string{"account-api", "card-api", "web-app"},
		ThirdPartySecrets: []string{"reap-api-key"}, CloudflareZoneID: "0123456789abcdef0123456789abcdef",
	}
}

// doctorFor uses the real SDK clients, signed with static credentials, with
// every endpoint at the fake.
func doctorFor(f *fakeaws.Server, c Config) *Doctor {
	cfg := aws.Config{
		Region:           "ap-southeast-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIAEXAMPLE", "secret", ""),
		RetryMaxAttempts: 1,
	}
	return &Doctor{Config: c, Clients: NewClients(cfg, f.URL), CloudflareToken: "cf-token", CloudflareAPI: f.URL + "/client/v4"}
}

func byName(rs []Result) map[string]Result {
	m := map[string]Result{}
	for _, r := range rs {
		m[r.Check] = r
	}
	return m
}

func TestDoctorAllPass(t *testing.T) {
	f := healthy(t)
	rs := doctorFor(f, testConfig()).Run(context.Background(), nil)
	if len(rs) != len(Checks) {
		t.Fatalf("%d results, want one per check (%d)", len(rs), len(Checks))
	}
	for _, r := range rs {
		if r.Status != Pass {
			t.Errorf("%s: %s %s (fix: %s)", r.Check, r.Status, r.Detail, r.Fix)
		}
	}
	calls := f.Calls()
	for _, want := range []string{"sts:GetCallerIdentity", "sts:AssumeRole", "iam:GetRole", "rds:DescribeDBEngineVersions",
		"rds:DescribeOrderableDBInstanceOptions", "lambda:GetAccountSettings", "lambda:GetFunctionConcurrency",
		"ecr:DescribeImages", "secretsmanager:DescribeSecret", "cloudflare:GET /user/tokens/verify"} {
		if !slices.Contains(calls, want) {
			t.Errorf("the fake never served %s; calls: %v", want, calls)
		}
	}
}

func TestDoctorFailures(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(f *fakeaws.Server, c *Config, d *Doctor)
		check  string
		detail string // substring of the detail
		fix    string // substring of the fix
	}{
		{"wrong caller role", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.CallerArn = "arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_ReadOnly_abc/bob"
		}, "caller", "is neither the deploy role lookcard-develop-deploy nor the admin role lookcard-develop-admin (nor the plan role lookcard-develop-plan)", "assume lookcard-develop-admin"},
		{"wrong account", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Account = "999999999999"
		}, "caller", "is in account 999999999999, but develop is account " + account, "use credentials for account " + account},
		{"admin cannot assume the deploy role", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.AssumeDenied = true
		}, "deploy-role", "is not authorized to perform: sts:AssumeRole", "trust policy"},
		{"admin told not to assume the deploy role", func(f *fakeaws.Server, c *Config, d *Doctor) {
			c.AssumeDeployRole = false
		}, "deploy-role", "assume_deploy_role is false, so changes would be made as arn:aws:sts::" + account + ":assumed-role/lookcard-develop-admin/alice", "unset TF_VAR_assume_deploy_role"},
		{"missing KMS administrator role", func(f *fakeaws.Server, c *Config, d *Doctor) {
			c.KMSAdminRoles = []string{"lookcard-platform-admin"}
		}, "roles", "role(s) lookcard-platform-admin do not exist in account " + account, "create lookcard-platform-admin with bootstrap/"},
		{"engine version not offered", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.EngineVersions, f.Serverless = []string{"16.8", "16.9"}, []string{"16.8", "16.9"}
		}, "aurora-engine", "Aurora PostgreSQL 16.6 is not offered for new clusters", `set aurora.engine_version to a version AWS offers (16.8, 16.9), or to the major "16"`},
		{"engine version not orderable as serverless", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Serverless = []string{"16.8"}
		}, "aurora-engine", "16.6 cannot be ordered as db.serverless", "orderable as db.serverless"},
		{"concurrency quota of a new account", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.ConcurrencyLimit, f.Unreserved = 10, 10
		}, "lambda-concurrency", "reserving 2 for lookcard-develop-secret-rotation leaves 8 unreserved of the account's 10; Lambda requires at least 10", "request a higher Lambda concurrent executions quota"},
		{"tfvars assume a quota the account lacks", func(f *fakeaws.Server, c *Config, d *Doctor) {
			c.LambdaQuota, c.RotationReservation = 1000, -1
			f.ConcurrencyLimit, f.Unreserved = 10, 10
		}, "lambda-concurrency", "lambda_concurrency_quota is 1000 but the account's concurrent executions quota in ap-southeast-1 is 10", "set lambda_concurrency_quota to 10"},
		{"image missing", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Images["lookcard-develop/card-api"] = []string{"old"}
		}, "ecr-images", "image tag 0123456789ab is missing from 1 of 3 repositories: lookcard-develop/card-api", "build and push each image tagged 0123456789ab"},
		{"repositories not created yet", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Images = map[string][]string{}
		}, "ecr-images", "3 of 3 repositories do not exist", "lookcard plan --env develop --first-apply, then lookcard apply"},
		{"token inactive", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.TokenStatus = "disabled"
		}, "cloudflare-token", "is disabled, not active", "the token is disabled: roll it or create an API token with Zone:DNS:Edit"},
		{"token invalid", func(f *fakeaws.Server, c *Config, d *Doctor) {
			d.CloudflareToken = "revoked"
		}, "cloudflare-token", "Cloudflare refused the token (HTTP 401): 1000 Invalid API Token", "export it as CLOUDFLARE_API_TOKEN"},
		{"token without the zone", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Zones = nil
		}, "cloudflare-token", "cannot read zone 0123456789abcdef0123456789abcdef's DNS records (HTTP 403)", "give the token Zone:DNS:Edit"},
		{"token unset", func(f *fakeaws.Server, c *Config, d *Doctor) {
			d.CloudflareToken = ""
		}, "cloudflare-token", "CLOUDFLARE_API_TOKEN is not set", "export it as CLOUDFLARE_API_TOKEN"},
		{"secret without AWSCURRENT", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Secrets["lookcard-develop/app/reap-api-key"] = nil
		}, "secrets-seeded", "1 third-party secret(s) have no AWSCURRENT value: lookcard-develop/app/reap-api-key", "aws secretsmanager put-secret-value --secret-id <name>"},
		{"secret only pending", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Secrets["lookcard-develop/app/reap-api-key"] = []string{"AWSPENDING"}
		}, "secrets-seeded", "have no AWSCURRENT value", "put-secret-value"},
		{"secret not created yet", func(f *fakeaws.Server, c *Config, d *Doctor) {
			f.Secrets = map[string][]string{}
		}, "secrets-seeded", "1 secret(s) do not exist yet", "lookcard apply --env develop"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := healthy(t)
			c := testConfig()
			d := doctorFor(f, c)
			tc.setup(f, &d.Config, d)
			rs := byName(d.Run(context.Background(), nil))
			r := rs[tc.check]
			if r.Status != Fail {
				t.Fatalf("%s: got %s %q, want FAIL", tc.check, r.Status, r.Detail)
			}
			if !strings.Contains(r.Detail, tc.detail) {
				t.Errorf("detail %q\nwant it to contain %q", r.Detail, tc.detail)
			}
			if !strings.Contains(r.Fix, tc.fix) {
				t.Errorf("fix %q\nwant it to contain %q", r.Fix, tc.fix)
			}
			// One defect fails its own check only.
			for _, o := range rs {
				if o.Check != tc.check && o.Status == Fail && !(tc.check == "caller" && o.Check == "deploy-role") {
					t.Errorf("%s also failed: %s", o.Check, o.Detail)
				}
			}
		})
	}
}

func TestDoctorConcurrency(t *testing.T) {
	cases := []struct {
		name                          string
		limit, unreserved, held, want int
		status                        Status
	}{
		{"default quota", 1000, 1000, 0, 2, Pass},
		{"exactly AWS's 100 left", 1000, 102, 0, 2, Pass},
		{"one short of 100", 1000, 101, 0, 2, Fail},
		{"already reserved by a previous apply", 1000, 100, 2, 2, Pass},
		{"no reservation asked", 10, 10, 0, -1, Pass},
		{"quota smaller than the tfvars assume", 500, 500, 0, -1, Fail},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := healthy(t)
			f.ConcurrencyLimit, f.Unreserved = tc.limit, tc.unreserved
			if tc.held > 0 {
				f.Reserved = map[string]int{"lookcard-develop-secret-rotation": tc.held}
			}
			c := testConfig()
			c.RotationReservation = tc.want
			c.LambdaQuota = 1000
			if tc.limit == 10 {
				c.LambdaQuota = 10
			}
			r := doctorFor(f, c).Run(context.Background(), []string{"lambda-concurrency"})
			if len(r) != 1 || r[0].Status != tc.status {
				t.Fatalf("got %+v, want %s", r, tc.status)
			}
		})
	}
}

// In CI the plan job is the read-only plan role and assumes nothing.
func TestDoctorAsThePlanRole(t *testing.T) {
	f := healthy(t)
	f.CallerArn = "arn:aws:sts::" + account + ":assumed-role/lookcard-develop-plan/GitHubActions"
	c := testConfig()
	c.AssumeDeployRole = false
	rs := byName(doctorFor(f, c).Run(context.Background(), []string{"caller", "deploy-role"}))
	if rs["caller"].Status != Pass || rs["deploy-role"].Status != Skip {
		t.Fatalf("got %+v", rs)
	}
	if slices.Contains(f.Calls(), "sts:AssumeRole") {
		t.Error("the plan role tried to assume the deploy role")
	}
}

func TestDoctorMajorOnlyEnginePin(t *testing.T) {
	f := healthy(t)
	c := testConfig()
	c.EngineVersion = "16"
	r := doctorFor(f, c).Run(context.Background(), []string{"aurora-engine"})
	if r[0].Status != Pass || !strings.Contains(r[0].Detail, "16.8 is orderable") {
		t.Fatalf("got %+v, want PASS with the newest 16.x", r[0])
	}
}

func TestDoctorOnlyRunsTheNamedChecks(t *testing.T) {
	f := healthy(t)
	rs := doctorFor(f, testConfig()).Run(context.Background(), []string{"roles", "secrets-seeded"})
	if got := []string{rs[0].Check, rs[1].Check}; len(rs) != 2 || got[0] != "roles" || got[1] != "secrets-seeded" {
		t.Fatalf("ran %+v", rs)
	}
	for _, c := range f.Calls() {
		if !strings.HasPrefix(c, "iam:") && !strings.HasPrefix(c, "secretsmanager:") {
			t.Errorf("unexpected call %s", c)
		}
	}
}

// The repository's own tfvars, variables and catalog load for every
// environment, so a renamed variable or catalog field shows up here.
func TestDoctorLoadsTheRepository(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, env := range environment.Names {
		t.Run(env, func(t *testing.T) {
			tgt, err := environment.ForEnvironment(env, env)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Load(root, tgt, "0123456789ab")
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`^[0-9]{12}$`).MatchString(c.AccountID) || c.Region == "" {
				t.Errorf("account %q region %q", c.AccountID, c.Region)
			}
			if c.NamePrefix != "lookcard-"+env || c.AdminRole != "lookcard-"+env+"-admin" || c.DeployRole == "" {
				t.Errorf("names: %+v", c)
			}
			if !regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`).MatchString(c.EngineVersion) {
				t.Errorf("aurora engine version %q", c.EngineVersion)
			}
			if c.RotationReservationErr != "" {
				t.Errorf("rotation reservation: %s", c.RotationReservationErr)
			}
			if len(c.Services) < 10 || !slices.Contains(c.Services, "web-app") {
				t.Errorf("services %v", c.Services)
			}
			if len(c.ThirdPartySecrets) == 0 || slices.Contains(c.ThirdPartySecrets, "jwt-signing-key") {
				t.Errorf("third-party secrets %v: want the catalog's secrets without the generated jwt-signing-key", c.ThirdPartySecrets)
			}
			if c.ImageTag == "" {
				t.Error("no image tag")
			}
			// The third-party secrets are the catalog's secrets but its
			// rotating_secrets, as internal/catalog reads them.
			cat, err := catalog.Load(filepath.Join(root, catalog.Path))
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, svc := range cat.Services {
				for _, s := range svc.Secrets {
					if !slices.Contains(cat.RotatingSecrets, s) && !slices.Contains(want, s) {
						want = append(want, s)
					}
				}
			}
			slices.Sort(want)
			if !slices.Equal(c.ThirdPartySecrets, want) {
				t.Errorf("third-party secrets %v, want %v (the catalog's secrets but its rotating_secrets)", c.ThirdPartySecrets, want)
			}
		})
	}
}

func TestDoctorLoadPreviewAndImageTag(t *testing.T) {
	t.Setenv("TF_VAR_assume_deploy_role", "false")
	t.Setenv("TF_VAR_aws_region", "us-east-1")               // a string, taken verbatim
	t.Setenv("TF_VAR_compute", `{ image_tag = "from-env" }`) // the var file wins
	root, _ := filepath.Abs("testdata/repo")
	tgt, err := environment.ForBranch("feature-x") // verbatim slug; "feature/x" is hashed
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(root, tgt, "0123456789ab")
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Environment: "sandbox", Stack: "sandbox-feature-x", Region: "us-east-1", AccountID: "210000000005",
		NamePrefix: "lookcard-sandbox-feature-x", DeployRole: "lookcard-sandbox-deploy", AdminRole: "lookcard-sandbox-admin", PlanRole: "lookcard-sandbox-plan",
		AssumeDeployRole: false, KMSAdminRoles: []string{"lookcard-sandbox-admin"}, EngineVersion: "16", RotationFunction: "lookcard-sandbox-feature-x-secret-rotation",
		RotationReservation: 3, ImageTag: "release-7", Services: []string{"card-api", "web-app"},
		ThirdPartySecrets: []string{"reap-api-key"}, CloudflareZoneID: "",
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

// rotationReservation reads what the root passes to modules/secret-rotation
// (evaluated with var.*), else the module's default, and refuses a root
// without the call.
func TestRotationReservation(t *testing.T) {
	write := func(t *testing.T, dir, name, src string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	module := func(t *testing.T, root, def string) {
		write(t, filepath.Join(root, "modules", "secret-rotation"), "variables.tf",
			"variable \"reserved_concurrent_executions\" {\n  type = number\n"+def+"}\n")
	}
	vars := cty.ObjectVal(map[string]cty.Value{"rotation_reserved": cty.NumberIntVal(4)})

	root := t.TempDir()
	module(t, root, "  default = 2\n")
	write(t, root, "main.tf", "module \"secret_rotation\" {\n  source = \"./modules/secret-rotation\"\n  reserved_concurrent_executions = var.rotation_reserved\n}\n")
	if n, err := rotationReservation(root, vars); err != nil || n != 4 {
		t.Errorf("passed by the root: %d, %v; want 4", n, err)
	}

	root = t.TempDir()
	module(t, root, "  default = 2\n")
	write(t, root, "main.tf", "module \"secret_rotation\" {\n  source = \"./modules/secret-rotation\"\n}\n")
	if n, err := rotationReservation(root, vars); err != nil || n != 2 {
		t.Errorf("module default: %d, %v; want 2", n, err)
	}

	root = t.TempDir()
	module(t, root, "  default = null\n")
	write(t, root, "main.tf", "module \"secret_rotation\" {\n  source = \"./modules/secret-rotation\"\n}\n")
	if n, err := rotationReservation(root, vars); err != nil || n != -1 {
		t.Errorf("null default: %d, %v; want -1 (no reservation)", n, err)
	}

	root = t.TempDir()
	module(t, root, "")
	write(t, root, "main.tf", "module \"secret_rotation\" {\n  source = \"./modules/secret-rotation\"\n}\n")
	if _, err := rotationReservation(root, vars); err == nil || !strings.Contains(err.Error(), "declares no default") {
		t.Errorf("no default: %v", err)
	}

	root = t.TempDir()
	write(t, root, "main.tf", "variable \"x\" {}\n")
	if _, err := rotationReservation(root, vars); err == nil || !strings.Contains(err.Error(), "no module call with source ./modules/secret-rotation") {
		t.Errorf("no call: %v", err)
	}
}
