// Package doctor checks, against the real AWS and Cloudflare APIs, the
// prerequisites a first apply of an environment needs and that no plan can
// see: who the caller is, which roles exist, what AWS still offers, account
// quotas, images and seeded secrets.
package doctor

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/lookcard/infrastructure/internal/catalog"
	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/tfconfig"
	"github.com/lookcard/infrastructure/internal/tfvars"
)

// Config is what the checks need, read from the repository the way the
// engine reads it: the tfvars values over the root variables' defaults.
type Config struct {
	Environment string `json:"environment"`
	Stack       string `json:"stack"`
	Region      string `json:"region"`
	AccountID   string `json:"account_id"`
	NamePrefix  string `json:"name_prefix"`
	// DeployRole is the role every change is made with: the tfvars'
	// deploy_role_name, or bootstrap's lookcard-<env>-deploy when that is null
	// (the caller already is the deploy role, as in CI).
	DeployRole string `json:"deploy_role"`
	// AdminRole is bootstrap's MFA administrator role, lookcard-<env>-admin.
	AdminRole string `json:"admin_role"`
	// PlanRole is bootstrap's read-only CI plan role, lookcard-<env>-plan.
	PlanRole string `json:"plan_role"`
	// AssumeDeployRole is whether the providers assume DeployRole
	// (assume_deploy_role: true for people, TF_VAR_assume_deploy_role=false
	// in CI, which already is the deploy role).
	AssumeDeployRole bool     `json:"assume_deploy_role"`
	KMSAdminRoles    []string `json:"kms_admin_roles"`
	EngineVersion    string   `json:"aurora_engine_version"`
	// RotationFunction reserves RotationReservation concurrent executions
	// (-1: none); RotationReservationErr says why it could not be read.
	// LambdaQuota is the account quota the configuration assumes
	// (lambda_concurrency_quota; 0 when it declares none).
	RotationFunction       string `json:"rotation_function"`
	RotationReservation    int    `json:"rotation_reserved_concurrency"`
	RotationReservationErr string `json:"rotation_reserved_concurrency_error,omitempty"`
	LambdaQuota            int    `json:"lambda_concurrency_quota,omitempty"`
	ImageTag               string `json:"image_tag"`
	// Services each have an ECR repository <NamePrefix>/<service>.
	Services []string `json:"services"`
	// ThirdPartySecrets are the catalog's secrets the platform does not
	// generate, named <NamePrefix>/app/<secret> in Secrets Manager.
	ThirdPartySecrets []string `json:"third_party_secrets"`
	CloudflareZoneID  string   `json:"cloudflare_zone_id"`
}

// Repository is the ECR repository of a service (modules/ecr).
func (c Config) Repository(service string) string { return c.NamePrefix + "/" + service }

// SecretName is the Secrets Manager name of a catalog secret (modules/secrets).
func (c Config) SecretName(secret string) string { return c.NamePrefix + "/app/" + secret }

// Load reads the target's tfvars, the root module's variables and the
// service catalog under root; commit is the short commit that becomes the
// image tag when the tfvars set none (compute.tf).
func Load(root string, t environment.Target, commit string) (Config, error) {
	raw, err := tfvars.Check(filepath.Join(root, t.VarFile), t.Environment)
	if err != nil {
		return Config{}, err
	}
	decl, err := tfvars.Declared(root)
	if err != nil {
		return Config{}, err
	}
	if len(decl) == 0 {
		return Config{}, fmt.Errorf("no variable blocks in %s/*.tf: is this the repository root?", root)
	}
	// As the engine does: TF_VAR_<name> under the var file's values.
	given, err := tfvars.FromEnv(decl)
	if err != nil {
		return Config{}, err
	}
	for k, v := range raw {
		given[k] = v
	}
	given["environment"] = t.Environment
	given["preview"] = t.Preview
	given["git_branch"] = t.Branch
	given["git_commit_hash"] = commit
	vars, err := tfvars.Object(decl, given)
	if err != nil {
		return Config{}, fmt.Errorf("reading %s with the root module's variables: %w", t.VarFile, err)
	}

	c := Config{Environment: t.Environment, Stack: t.Stack()}
	c.NamePrefix = "lookcard-" + t.Environment
	if t.Preview != "" {
		c.NamePrefix += "-" + t.Preview
	}
	c.Region = str(vars, "aws_region")
	c.AccountID = str(vars, "aws_account_id")
	c.AdminRole = "lookcard-" + t.Environment + "-admin"
	c.PlanRole = "lookcard-" + t.Environment + "-plan"
	c.DeployRole = str(vars, "deploy_role_name")
	if c.DeployRole == "" {
		c.DeployRole = "lookcard-" + t.Environment + "-deploy"
	}
	c.AssumeDeployRole = true
	if a := get(vars, "assume_deploy_role"); a.IsKnown() && !a.IsNull() && a.Type() == cty.Bool {
		c.AssumeDeployRole = a.True()
	}
	c.KMSAdminRoles = strs(vars, "kms", "administrator_role_names")
	c.EngineVersion = str(vars, "aurora", "engine_version")
	c.ImageTag = str(vars, "compute", "image_tag")
	if c.ImageTag == "" {
		c.ImageTag = commit
	}
	c.CloudflareZoneID = str(vars, "cloudflare", "zone_id")
	if q := get(vars, "lambda_concurrency_quota"); !q.IsNull() && q.IsKnown() && q.Type() == cty.Number {
		n, _ := q.AsBigFloat().Int64()
		c.LambdaQuota = int(n)
	}
	c.RotationFunction = c.NamePrefix + "-secret-rotation"
	c.RotationReservation, err = rotationReservation(root, vars)
	if err != nil {
		c.RotationReservationErr = err.Error()
	}

	cat, err := catalog.Load(filepath.Join(root, catalog.Path))
	if err != nil {
		return Config{}, err
	}
	c.Services = cat.Names()
	// The catalog's rotating_secrets are the secrets the platform generates;
	// every other secret is seeded by its owner.
	seen := map[string]bool{}
	for _, n := range c.Services {
		for _, s := range cat.Services[n].Secrets {
			if !seen[s] && !slices.Contains(cat.RotatingSecrets, s) {
				c.ThirdPartySecrets = append(c.ThirdPartySecrets, s)
			}
			seen[s] = true
		}
	}
	sort.Strings(c.ThirdPartySecrets)
	return c, nil
}

// rotationReservation is the rotation function's reserved concurrency:
// what the root passes to modules/secret-rotation, else that module's
// default. The configuration is read through tfconfig.Load and the
// module's variables through tfvars.Declared, the project's readers of both.
func rotationReservation(root string, vars cty.Value) (int, error) {
	cfg, err := tfconfig.Load(root)
	if err != nil {
		return 0, err
	}
	var call *tfconfig.Call
	for _, c := range cfg.Root.Calls {
		if c.Source == "./modules/secret-rotation" {
			call = c
		}
	}
	if call == nil {
		return 0, fmt.Errorf("no module call with source ./modules/secret-rotation in the root module")
	}
	var val cty.Value
	if a, ok := call.Args["reserved_concurrent_executions"]; ok {
		v, diags := a.Expr.Value(&hcl.EvalContext{Variables: map[string]cty.Value{"var": vars}})
		if diags.HasErrors() {
			return 0, fmt.Errorf("evaluating module.%s reserved_concurrent_executions: %s", call.Name, diags.Error())
		}
		val = v
	} else {
		decl, err := tfvars.Declared(call.Module.Dir)
		if err != nil {
			return 0, err
		}
		if val = decl["reserved_concurrent_executions"].Default; val == cty.NilVal {
			return 0, fmt.Errorf("%s declares no default for reserved_concurrent_executions", call.Module.Dir)
		}
	}
	if val.IsKnown() && val.IsNull() {
		return -1, nil // null: no reservation
	}
	if !val.IsKnown() || val.Type() != cty.Number {
		return 0, fmt.Errorf("reserved_concurrent_executions is %s, not a number", val.GoString())
	}
	f, _ := val.AsBigFloat().Int64()
	return int(f), nil
}

// str and strs read var.<path> as Go values; null or missing reads as zero.
func str(v cty.Value, path ...string) string {
	v = get(v, path...)
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

func strs(v cty.Value, path ...string) []string {
	v = get(v, path...)
	if v.IsNull() || !v.IsKnown() || !(v.Type().IsListType() || v.Type().IsSetType() || v.Type().IsTupleType()) {
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() == cty.String && !e.IsNull() {
			out = append(out, e.AsString())
		}
	}
	return out
}

func get(v cty.Value, path ...string) cty.Value {
	for _, p := range path {
		if v.IsNull() || !v.IsKnown() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		if v.Type().IsObjectType() && !v.Type().HasAttribute(p) {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		if v.Type().IsMapType() && !v.HasIndex(cty.StringVal(p)).True() {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		if v.Type().IsObjectType() {
			v = v.GetAttr(p)
		} else {
			v = v.Index(cty.StringVal(p))
		}
	}
	return v
}
