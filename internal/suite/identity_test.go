package suite

// Identity: the credential chain of the first real apply, read from the files
// that define it and compared, without any tool or cloud access.
//
//   - The OIDC subjects bootstrap/ makes the CI roles trust are exactly the
//     ones deploy.yml's jobs present (repo:<owner/name>:environment:<name>),
//     and each job assumes the role that trusts its environment.
//   - CI never makes the providers assume the deploy role again (a role cannot
//     assume itself), and every online job provides the state key.
//   - The KMS key administrators and deploy role named in the tfvars are roles
//     bootstrap/ creates in that environment's account.
//   - Workflow scripts that pipe run with pipefail, and third-party actions are
//     pinned by commit SHA.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"gopkg.in/yaml.v3"
)

type idWorkflowStep struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

type idWorkflowJob struct {
	Environment any               `yaml:"environment"` // a name, or {name, url}
	Env         map[string]string `yaml:"env"`
	Steps       []idWorkflowStep  `yaml:"steps"`
}

type idWorkflow struct {
	On struct {
		Push struct {
			Branches []string `yaml:"branches"`
		} `yaml:"push"`
	} `yaml:"on"`
	Env  map[string]string        `yaml:"env"`
	Jobs map[string]idWorkflowJob `yaml:"jobs"`
}

func idRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func idReadWorkflow(t *testing.T, path string) idWorkflow {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w idWorkflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	return w
}

func idWorkflowFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(idRoot(t), ".github", "workflows", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows found (%v)", err)
	}
	return files
}

// idJobEnvironment is the GitHub environment a job names ("" for none).
func idJobEnvironment(j idWorkflowJob) string {
	switch e := j.Environment.(type) {
	case string:
		return e
	case map[string]any:
		if n, ok := e["name"].(string); ok {
			return n
		}
	}
	return ""
}

// idAssumedRole is the role variable a job's configure-aws-credentials step
// assumes ("" when the job takes no AWS credentials).
func idAssumedRole(t *testing.T, name string, j idWorkflowJob) string {
	t.Helper()
	re := regexp.MustCompile(`^\$\{\{\s*vars\.([A-Z0-9_]+)\s*\}\}$`)
	role := ""
	for _, s := range j.Steps {
		if !strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@") {
			continue
		}
		m := re.FindStringSubmatch(strings.TrimSpace(s.With["role-to-assume"]))
		if m == nil {
			t.Errorf("job %s: role-to-assume %q must be a GitHub environment variable (${{ vars.AWS_<ROLE>_ROLE_ARN }})", name, s.With["role-to-assume"])
			continue
		}
		role = m[1]
	}
	return role
}

// idRoleOfVariable maps the workflows' role variables to bootstrap's roles.
var idRoleOfVariable = map[string]string{"AWS_DEPLOY_ROLE_ARN": "deploy", "AWS_PLAN_ROLE_ARN": "plan"}

// idHCLFile parses one HCL file of the repository.
func idHCLFile(t *testing.T, rel string) *hclsyntax.Body {
	t.Helper()
	path := filepath.Join(idRoot(t), rel)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parsing %s: %s", rel, diags.Error())
	}
	return f.Body.(*hclsyntax.Body)
}

// idHCLValue evaluates one attribute of a block (type, labels) of an HCL file
// with the given var.* values; the expression may use nothing else.
func idHCLValue(t *testing.T, rel, blockType string, labels []string, attr string, vars map[string]cty.Value) cty.Value {
	t.Helper()
	for _, b := range idHCLFile(t, rel).Blocks {
		if b.Type != blockType || strings.Join(b.Labels, "/") != strings.Join(labels, "/") {
			continue
		}
		a, ok := b.Body.Attributes[attr]
		if !ok {
			continue
		}
		v, diags := a.Expr.Value(&hcl.EvalContext{Variables: map[string]cty.Value{"var": cty.ObjectVal(vars)}})
		if diags.HasErrors() {
			t.Fatalf("%s: evaluating %s: %s", rel, attr, diags.Error())
		}
		return v
	}
	t.Fatalf("%s: no %s %v block with attribute %s", rel, blockType, labels, attr)
	return cty.NilVal
}

func idStrings(t *testing.T, v cty.Value) []string {
	t.Helper()
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() != cty.String {
			t.Fatalf("expected strings, got %s", e.Type().FriendlyName())
		}
		out = append(out, e.AsString())
	}
	sort.Strings(out)
	return out
}

// idBootstrapEnvironments is bootstrap's local.github_oidc_environments for an
// account: GitHub environments by role.
func idBootstrapEnvironments(t *testing.T, account string) map[string][]string {
	t.Helper()
	v := idHCLValue(t, "bootstrap/main.tf", "locals", nil, "github_oidc_environments",
		map[string]cty.Value{"account_name": cty.StringVal(account)})
	out := map[string][]string{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		out[k.AsString()] = idStrings(t, e)
	}
	return out
}

// idBootstrapRoleNames are the role names bootstrap/ (modules/access) creates
// in an account, by role.
func idBootstrapRoleNames(t *testing.T, account string) map[string]string {
	t.Helper()
	prefix := idHCLValue(t, "bootstrap/main.tf", "module", []string{"access"}, "name_prefix",
		map[string]cty.Value{"account_name": cty.StringVal(account)})
	v := idHCLValue(t, "modules/access/main.tf", "locals", nil, "role_names",
		map[string]cty.Value{"name_prefix": prefix})
	out := map[string]string{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		out[k.AsString()] = e.AsString()
	}
	return out
}

// TestIdentityOIDCSubjectsMatchDeployWorkflow: for every branch deploy.yml
// runs on, the GitHub environments of the jobs that assume each role are
// exactly the ones bootstrap/ makes that role trust. A job without an
// environment would present a ref subject that no role trusts.
func TestIdentityOIDCSubjectsMatchDeployWorkflow(t *testing.T) {
	w := idReadWorkflow(t, filepath.Join(idRoot(t), ".github", "workflows", "deploy.yml"))
	if len(w.On.Push.Branches) == 0 {
		t.Fatal("deploy.yml runs on no branch")
	}
	for _, branch := range w.On.Push.Branches {
		t.Run(branch, func(t *testing.T) {
			got := map[string][]string{}
			for name, j := range w.Jobs {
				variable := idAssumedRole(t, name, j)
				if variable == "" {
					continue
				}
				role, ok := idRoleOfVariable[variable]
				if !ok {
					t.Errorf("job %s assumes vars.%s, which is none of bootstrap's CI roles (%v)", name, variable, idRoleOfVariable)
					continue
				}
				env := idJobEnvironment(j)
				if env == "" {
					t.Errorf("job %s assumes the %s role without a GitHub environment: its subject would be a ref, which bootstrap's roles do not trust", name, role)
					continue
				}
				env = regexp.MustCompile(`\$\{\{\s*github\.ref_name\s*\}\}`).ReplaceAllString(env, branch)
				if strings.Contains(env, "${{") {
					t.Errorf("job %s: environment %q uses an expression this test cannot resolve", name, idJobEnvironment(j))
					continue
				}
				got[role] = append(got[role], env)
			}
			for role := range got {
				sort.Strings(got[role])
			}
			want := idBootstrapEnvironments(t, branch)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("deploy.yml's jobs assume roles from environments %v, but bootstrap (account %s) trusts %v\n(each role's subjects are repo:<owner/name>:environment:<name>; the plan job must use the plan role)", got, branch, want)
			}
		})
	}
}

// TestIdentityCINeverAssumesTheDeployRoleAgain: every workflow that takes AWS
// credentials tells the providers not to assume the deploy role (its session
// already is the role), the providers honour that switch, and no tfvars file
// sets it (a tfvars value would override the environment).
func TestIdentityCINeverAssumesTheDeployRoleAgain(t *testing.T) {
	for _, path := range idWorkflowFiles(t) {
		w := idReadWorkflow(t, path)
		for name, j := range w.Jobs {
			if idAssumedRole(t, name, j) == "" {
				continue
			}
			v, ok := j.Env["TF_VAR_assume_deploy_role"]
			if !ok {
				v = w.Env["TF_VAR_assume_deploy_role"]
			}
			if v != "false" {
				t.Errorf("%s: job %s takes AWS credentials through OIDC but TF_VAR_assume_deploy_role is %q, not \"false\": the provider would assume the role the job already is (AccessDenied)", filepath.Base(path), name, v)
			}
		}
	}

	providers, err := os.ReadFile(filepath.Join(idRoot(t), "providers.tf"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile(`(?s)dynamic "assume_role" \{\s*for_each = ([^\n]+)`).FindAllStringSubmatch(string(providers), -1)
	if len(blocks) != 2 {
		t.Fatalf("providers.tf: want the deploy role's assume_role in the default and us_east_1 providers, found %d", len(blocks))
	}
	for _, b := range blocks {
		if !strings.Contains(b[1], "var.assume_deploy_role") {
			t.Errorf("providers.tf: assume_role must depend on var.assume_deploy_role, got for_each = %s", b[1])
		}
	}

	tfvars, _ := filepath.Glob(filepath.Join(idRoot(t), "terraform.*.tfvars.json"))
	for _, f := range tfvars {
		var vars map[string]any
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(b, &vars); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, ok := vars["assume_deploy_role"]; ok {
			t.Errorf("%s sets assume_deploy_role: it would override CI's TF_VAR_assume_deploy_role=false", filepath.Base(f))
		}
	}
}

// TestIdentityOnlineJobsProvideTheStateKey: online init refuses to run
// without LOOKCARD_STATE_KMS_KEY_ARN; every job that takes AWS credentials
// gets it from a GitHub environment variable.
func TestIdentityOnlineJobsProvideTheStateKey(t *testing.T) {
	re := regexp.MustCompile(`^\$\{\{\s*vars\.LOOKCARD_STATE_KMS_KEY_ARN\s*\}\}$`)
	for _, path := range idWorkflowFiles(t) {
		w := idReadWorkflow(t, path)
		for name, j := range w.Jobs {
			if idAssumedRole(t, name, j) == "" {
				continue
			}
			v, ok := j.Env["LOOKCARD_STATE_KMS_KEY_ARN"]
			if !ok {
				v = w.Env["LOOKCARD_STATE_KMS_KEY_ARN"]
			}
			if !re.MatchString(v) {
				t.Errorf("%s: job %s runs online but LOOKCARD_STATE_KMS_KEY_ARN is %q, want ${{ vars.LOOKCARD_STATE_KMS_KEY_ARN }}", filepath.Base(path), name, v)
			}
		}
	}
}

// TestIdentityKeyAdministratorsAreBootstrapRoles: KMS refuses a key policy
// that names a principal that does not exist, so the tfvars may name only the
// roles bootstrap/ creates in that environment's account; the deploy role is
// bootstrap's too.
func TestIdentityKeyAdministratorsAreBootstrapRoles(t *testing.T) {
	for _, env := range []string{"develop", "testing", "staging", "production", "sandbox"} {
		t.Run(env, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(idRoot(t), "terraform."+env+".tfvars.json"))
			if err != nil {
				t.Fatal(err)
			}
			var vars struct {
				DeployRoleName string `yaml:"deploy_role_name"`
				KMS            struct {
					AdministratorRoleNames []string `yaml:"administrator_role_names"`
				} `yaml:"kms"`
			}
			if err := yaml.Unmarshal(b, &vars); err != nil {
				t.Fatal(err)
			}
			roles := idBootstrapRoleNames(t, env)
			if vars.DeployRoleName != roles["deploy"] {
				t.Errorf("deploy_role_name = %q, want bootstrap's deploy role %q", vars.DeployRoleName, roles["deploy"])
			}
			if len(vars.KMS.AdministratorRoleNames) == 0 {
				t.Error("kms.administrator_role_names is empty")
			}
			allowed := map[string]bool{roles["admin"]: true, roles["deploy"]: true}
			for _, r := range vars.KMS.AdministratorRoleNames {
				if !allowed[r] {
					t.Errorf("kms.administrator_role_names names %q, which bootstrap/ does not create in the %s account (it creates %s and %s)", r, env, roles["admin"], roles["deploy"])
				}
			}
			has := map[string]bool{}
			for _, r := range vars.KMS.AdministratorRoleNames {
				has[r] = true
			}
			if !has[roles["deploy"]] {
				t.Errorf("kms.administrator_role_names must include the deploy role %s, which applies and must keep administering the keys it creates", roles["deploy"])
			}
		})
	}
}

// TestIdentityWorkflowScriptsPipeWithPipefail: a failed command on the left of
// a pipe (a plan piped to tee or tail) must fail its step.
func TestIdentityWorkflowScriptsPipeWithPipefail(t *testing.T) {
	pipe := regexp.MustCompile(`(^|[^|])\|([^|]|$)`)
	for _, path := range idWorkflowFiles(t) {
		w := idReadWorkflow(t, path)
		for name, j := range w.Jobs {
			for i, s := range j.Steps {
				if !pipe.MatchString(s.Run) {
					continue
				}
				if !regexp.MustCompile(`(?m)^\s*set -[a-z]*o pipefail`).MatchString(s.Run) {
					t.Errorf("%s: job %s step %d (%s) pipes output without `set -o pipefail`", filepath.Base(path), name, i+1, s.Name)
				}
			}
		}
	}
}

// TestIdentityThirdPartyActionsArePinned: every action is pinned by a full
// commit SHA, with its tag in a comment.
func TestIdentityThirdPartyActionsArePinned(t *testing.T) {
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	pinned := regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$`)
	tag := regexp.MustCompile(`^\s*#\s*v[0-9]+(\.[0-9]+)*\s*$`)
	for _, path := range idWorkflowFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			if strings.HasPrefix(m[1], "./") {
				continue
			}
			if !pinned.MatchString(m[1]) || !tag.MatchString(m[2]) {
				t.Errorf("%s: uses: %s%s must be pinned as owner/repo@<40-hex commit SHA> # vX.Y.Z", filepath.Base(path), m[1], m[2])
			}
		}
	}
}
