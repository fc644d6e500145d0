package graph

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const fixtureDir = "testdata/chain"

// fixtureSecret is in the fixture plan as sensitive values (after, before,
// nested blocks), as a constant in the configuration, as a variable value
// and in prior_state: no output may contain it.
const fixtureSecret = "hunter2-S3CRET-must-not-leak"

func buildFixture(t testing.TB, configDir string) *Graph {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Build(raw, Options{Title: "fixture", ConfigDir: configDir})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func edgeStrings(g *Graph) []string {
	var out []string
	for _, e := range g.Edges {
		out = append(out, g.Nodes[e.From].Address+" -> "+g.Nodes[e.To].Address)
	}
	sort.Strings(out)
	return out
}

func TestReferenceResolution(t *testing.T) {
	// Each line says which rule of the resolution produces it.
	want := []string{
		// depends_on
		`aws_kms_key.main -> aws_vpc.main`,
		// literal key on a module output narrows module.kms.arns["logs"] to the "logs" key
		`aws_s3_bucket.logs -> module.kms.aws_kms_key.k["logs"]`,
		// each.key in the same expression narrows module.kms.arns to the instance's own key
		`aws_cloudwatch_log_group.per_key["data"] -> module.kms.aws_kms_key.k["data"]`,
		`aws_cloudwatch_log_group.per_key["logs"] -> module.kms.aws_kms_key.k["logs"]`,
		// a compound key ("web/to-logs") narrows to the instance whose key it holds as a token
		`aws_vpc_security_group_ingress_rule.from["web/to-logs"] -> module.kms.aws_kms_key.k["logs"]`,
		// for_each = module.app (every instance), each.value: narrowed to the module instance of the same key
		`aws_route53_record.svc["api"] -> module.app["api"].aws_ecs_service.this`,
		`aws_route53_record.svc["web"] -> module.app["web"].aws_ecs_service.this`,
		// var.vpc_id → the parent's aws_vpc.main; count instances each
		`module.net.aws_subnet.this[0] -> aws_vpc.main`,
		`module.net.aws_subnet.this[1] -> aws_vpc.main`,
		// var.cluster_arn → aws_ecs_cluster.this["main"] (an indexed reference);
		// local.task_family → the task definition of the same instance (locals from HCL);
		// var.subnets → module.net.subnet_ids → every subnet instance
		`module.app["api"].aws_ecs_service.this -> aws_ecs_cluster.this["main"]`,
		`module.app["api"].aws_ecs_service.this -> module.app["api"].aws_ecs_task_definition.this`,
		`module.app["api"].aws_ecs_service.this -> module.net.aws_subnet.this[0]`,
		`module.app["api"].aws_ecs_service.this -> module.net.aws_subnet.this[1]`,
		// var.kms_key_arn → root; module.db.endpoint → the nested module of the SAME instance
		`module.app["api"].aws_ecs_task_definition.this -> aws_kms_key.main`,
		`module.app["api"].aws_ecs_task_definition.this -> module.app["api"].module.db.aws_db_instance.this`,
		// two var hops: db.var.key → app.var.kms_key_arn → aws_kms_key.main
		`module.app["api"].module.db.aws_db_instance.this -> aws_kms_key.main`,
		// through a data source, which is not a node
		`module.app["api"].module.db.aws_iam_policy.this -> module.app["api"].module.db.aws_db_instance.this`,
		`module.app["web"].aws_ecs_service.this -> aws_ecs_cluster.this["main"]`,
		`module.app["web"].aws_ecs_service.this -> module.app["web"].aws_ecs_task_definition.this`,
		`module.app["web"].aws_ecs_service.this -> module.net.aws_subnet.this[0]`,
		`module.app["web"].aws_ecs_service.this -> module.net.aws_subnet.this[1]`,
		`module.app["web"].aws_ecs_task_definition.this -> aws_kms_key.main`,
		`module.app["web"].aws_ecs_task_definition.this -> module.app["web"].module.db.aws_db_instance.this`,
		`module.app["web"].module.db.aws_db_instance.this -> aws_kms_key.main`,
		`module.app["web"].module.db.aws_iam_policy.this -> module.app["web"].module.db.aws_db_instance.this`,
	}
	sort.Strings(want)
	got := edgeStrings(buildFixture(t, fixtureDir))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without the module sources, locals cannot be followed: only the edge
	// through local.task_family disappears.
	noHCL := edgeStrings(buildFixture(t, ""))
	var wantNoHCL []string
	for _, e := range want {
		if !strings.Contains(e, ".aws_ecs_service.this -> module.app[") {
			wantNoHCL = append(wantNoHCL, e)
		}
	}
	if !reflect.DeepEqual(noHCL, wantNoHCL) {
		t.Errorf("edges without HCL:\n%s\nwant:\n%s", strings.Join(noHCL, "\n"), strings.Join(wantNoHCL, "\n"))
	}
}

func TestNodes(t *testing.T) {
	g := buildFixture(t, fixtureDir)
	// 25 managed resource changes; the two data sources are not nodes.
	if len(g.Nodes) != 25 {
		t.Fatalf("got %d nodes, want 25", len(g.Nodes))
	}
	byAddr := map[string]*Node{}
	for i, n := range g.Nodes {
		if n.ID != i || (i > 0 && g.Nodes[i-1].Address >= n.Address) {
			t.Fatalf("nodes must be sorted by address with ID = position; %d is %s", i, n.Address)
		}
		byAddr[n.Address] = n
	}
	cases := []struct {
		addr, module, call, name, tier, service, cluster, action string
	}{
		{`aws_vpc.main`, "", "", "aws_vpc.main", TierNetwork, "", "", ActionCreate},
		{`aws_kms_key.main`, "", "", "aws_kms_key.main", TierSecurity, "", "", ActionUpdate},
		{`aws_s3_bucket.logs`, "", "", "aws_s3_bucket.logs", TierData, "web", "main", ActionReplace}, // Service tag
		{`aws_iam_role.legacy`, "", "", "aws_iam_role.legacy", TierSecurity, "", "", ActionDelete},
		{`aws_route53_record.svc["api"]`, "", "", `aws_route53_record.svc["api"]`, TierEdge, "", "", ActionNoOp},
		{`aws_ecs_cluster.this["main"]`, "", "", `aws_ecs_cluster.this["main"]`, TierCompute, "", "main", ActionCreate},
		// the module instance key of an ECS-service module is the service; its
		// cluster comes from the aws_ecs_service's cluster reference.
		{`module.app["api"].aws_ecs_service.this`, `module.app["api"]`, "module.app", "aws_ecs_service.this", TierCompute, "api", "main", ActionCreate},
		{`module.app["web"].module.db.aws_db_instance.this`, `module.app["web"].module.db`, "module.app.module.db", "aws_db_instance.this", TierData, "web", "main", ActionCreate},
		{`module.net.aws_subnet.this[1]`, "module.net", "module.net", "aws_subnet.this[1]", TierNetwork, "", "", ActionCreate},
	}
	for _, c := range cases {
		n := byAddr[c.addr]
		if n == nil {
			t.Errorf("no node %s", c.addr)
			continue
		}
		got := []string{n.Module, n.ModuleCall, n.Name, n.Tier, n.Service, n.Cluster, n.Action}
		want := []string{c.module, c.call, c.name, c.tier, c.service, c.cluster, c.action}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q", c.addr, got, want)
		}
	}
	if got, want := g.Services(), []string{"api", "web"}; !reflect.DeepEqual(got, want) {
		t.Errorf("services %q, want %q", got, want)
	}
	var groups []string
	for _, gr := range g.Groups {
		groups = append(groups, gr.Module+"="+gr.Action)
	}
	wantGroups := []string{"=delete", `module.app["api"]=create`, `module.app["api"].module.db=create`,
		`module.app["web"]=create`, `module.app["web"].module.db=create`, "module.kms=create", "module.net=create"}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("groups %q, want %q", groups, wantGroups)
	}
}

func TestRelated(t *testing.T) {
	g := buildFixture(t, fixtureDir)
	seeds, up, down := g.Related("api")
	names := func(m map[int]bool) []string {
		var out []string
		for id := range m {
			out = append(out, g.Nodes[id].Address)
		}
		sort.Strings(out)
		return out
	}
	wantSeeds := []string{`module.app["api"].aws_cloudwatch_log_group.this`, `module.app["api"].aws_ecs_service.this`,
		`module.app["api"].aws_ecs_task_definition.this`, `module.app["api"].module.db.aws_db_instance.this`, `module.app["api"].module.db.aws_iam_policy.this`}
	wantUp := []string{`aws_ecs_cluster.this["main"]`, "aws_kms_key.main", "aws_vpc.main", "module.net.aws_subnet.this[0]", "module.net.aws_subnet.this[1]"}
	wantDown := []string{`aws_route53_record.svc["api"]`}
	for _, c := range []struct {
		name      string
		got, want []string
	}{{"seeds", names(seeds), wantSeeds}, {"depends on", names(up), wantUp}, {"dependents", names(down), wantDown}} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestParseTraversal(t *testing.T) {
	cases := []struct {
		in   string
		want []seg
	}{
		{`var.logs.retention_in_days`, []seg{{name: "var"}, {name: "logs"}, {name: "retention_in_days"}}},
		{`aws_subnet.this[0].id`, []seg{{name: "aws_subnet"}, {name: "this"}, {index: true, key: "0"}, {name: "id"}}},
		{`module.kms.key_arns["logs"]`, []seg{{name: "module"}, {name: "kms"}, {name: "key_arns"}, {index: true, key: `"logs"`}}},
		{`module.x["a.b[c]\"d"].out`, []seg{{name: "module"}, {name: "x"}, {index: true, key: `"a.b[c]\"d"`}, {name: "out"}}},
		{`aws_x.y[*].id`, []seg{{name: "aws_x"}, {name: "y"}, {index: true, key: "*"}, {name: "id"}}},
	}
	for _, c := range cases {
		got, err := parseTraversal(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseTraversal(%s) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", `[0]`, `a["x`, `a[`, `a.`} {
		if _, err := parseTraversal(bad); err == nil {
			t.Errorf("parseTraversal(%q) must fail", bad)
		}
	}
	steps, err := parseModuleAddress(`module.ecs_service["card-api"].module.db`)
	if err != nil || pathKey(steps) != `module.ecs_service["card-api"].module.db` || configAddress(steps) != "module.ecs_service.module.db" {
		t.Errorf("parseModuleAddress: %+v, %v", steps, err)
	}
}

func TestRelatedKeys(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{`"card-api"`, `"card-api/idempotency-keys"`, true},
		{`"authentication-api"`, `"account-api/to-authentication-api"`, true},
		{`"account-api"`, `"account-api/to-authentication-api"`, true},
		{`"api"`, `"card-api"`, true}, // a whole token after "-"
		{`"app"`, `"apply"`, false},   // not a whole token
		{`"card"`, `"cards-api"`, false},
		{`"logs"`, `"logs"`, true},
		{`"db"`, `"db/x"`, false}, // too short to be meaningful
		{`"svc001-api"`, `"svc001-api-key"`, true},
		{`"svc001-api"`, `"svc0011-api"`, false},
		{`0`, `"0/x"`, false}, // numeric keys only match exactly
	}
	for _, c := range cases {
		if got := relatedKeys(c.a, c.b); got != c.want {
			t.Errorf("relatedKeys(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestMaximal(t *testing.T) {
	got := maximal([]string{`aws_x.y[0].id`, `aws_x.y[0]`, `aws_x.y`, `each.key`, `aws_x.yy`, `module.kms.key_arns["logs"]`, `module.kms.key_arns`, `module.kms`})
	want := []string{`aws_x.y[0].id`, `each.key`, `aws_x.yy`, `module.kms.key_arns["logs"]`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("maximal = %q, want %q", got, want)
	}
}

func TestBuildErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not JSON":       "{",
		"not a plan":     `{"resources": []}`,
		"future version": `{"format_version": "2.0"}`,
	} {
		if _, err := Build([]byte(in), Options{}); err == nil {
			t.Errorf("%s: Build must fail", name)
		}
	}
}
