package cost

import (
	"strings"
	"testing"
)

// testUsage is the usage every hand-calculated example below reads.
const testUsage = `
environment: develop
traffic: {api_requests_millions: 6, web_requests_millions: 2, web_gb_out: 50, alb_lcu_per_hour: 2, nlb_nlcu_per_hour: 0.5}
ecs: {scheduled_hours_per_month: 200, job_minutes_per_run: 10, job_minutes: {settle: 20}}
container_insights: {metrics_per_cluster: 8, metrics_per_service: 10, metrics_per_task_enhanced: 12, log_gb_per_task_per_day: 0.01}
logs:
  default_gb_per_day: 0.1
  groups: [{match: "/ecs/*/*", gb_per_day: 0.25}]
  stored_fraction: 0.2
  never_expire_days: 365
network: {nat_gb_per_month: 100, interface_endpoint_gb_per_month: 40}
aurora: {writer_average_acu: 2.5, reader_average_acu: 0.25, storage_gb: 60, io_millions_per_month: 250, backup_gb_beyond_free: 80, log_gb_per_day: 0.5, enhanced_monitoring_gb_per_day_per_instance: 0.005}
dynamodb:
  default: {reads_millions: 5, writes_millions: 2, storage_gb: 3, stream_reads_millions: 4}
  tables: {"card-api/keys": {reads_millions: 10, writes_millions: 10, storage_gb: 1, stream_reads_millions: 0}}
app_runner: {active_instance_hours: 1000, extra_instance_hours: 100, traces_millions: 0.5}
kms: {requests_per_key: 300000, keys: {data: 3000000}}
secrets_manager: {api_calls_per_secret: 20000}
xray: {traces_millions_per_service: 0.1, services: {card-api: 0.6}, scanned_millions: 2}
ecr: {storage_gb_per_repository: 1.5, repositories: {big: 10}}
ec2: {hours_per_month: 730, root_volume_gb: 8}
sqs: {requests_millions_per_queue: 3}
sns: {publishes_millions_per_topic: 2}
route53: {queries_millions_per_zone: 20}
cloud_map: {instances_per_service: 2}
s3: {storage_gb_per_bucket: 200, put_thousands_per_bucket: 1000, get_thousands_per_bucket: 2000}
cloudtrail: {management_events_millions: 3, data_events_millions: 10}
guardduty: {cloudtrail_events_millions: 3, log_gb: 150, runtime_vcpus: 14, s3_data_events_millions: 7}
data_transfer: {internet_out_gb: 500, cross_az_gb: 900}
security_hub: {checks_per_month: 40000}
config: {items_per_month: 30000}
waf: {requests_millions_per_acl: 50}
lambda: {requests_millions_per_function: 0.1, gb_seconds_per_function: 20000}
`

// ecsModule is an ECS service's module instance: its task definition, the
// service, and optionally an autoscaling target naming its cluster.
func ecsModule(key, arch string, cpu, mem, desired float64, extra ...*Resource) []*Resource {
	mod := `module.ecs_service["` + key + `"]`
	rs := []*Resource{
		res(mod, "aws_ecs_task_definition", "this", nil, m{"cpu": n(cpu), "memory": n(mem),
			"runtime_platform": l(m{"cpu_architecture": arch, "operating_system_family": "LINUX"})}),
		res(mod, "aws_ecs_service", "this", 0, m{"desired_count": desired, "capacity_provider_strategy": l(),
			"tags_all": m{"Service": key}}),
		res(mod, "aws_appautoscaling_target", "this", 0, m{"resource_id": "service/lookcard-develop-core/lookcard-develop-" + key,
			"min_capacity": 1.0, "max_capacity": 10.0}),
	}
	for _, r := range extra {
		r.ModuleAddress = mod
		r.Address = mod + "." + r.Address
		rs = append(rs, r)
	}
	return rs
}

func cluster(key string, insights string, strategy ...any) []*Resource {
	name := "lookcard-develop-" + key
	return []*Resource{
		res("module.ecs_clusters", "aws_ecs_cluster", "this", key, m{"name": name, "setting": l(m{"name": "containerInsights", "value": insights})}),
		res("module.ecs_clusters", "aws_ecs_cluster_capacity_providers", "this", key, m{"cluster_name": name, "default_capacity_provider_strategy": l(strategy...)}),
	}
}

func join(groups ...[]*Resource) []*Resource {
	var out []*Resource
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

type pricedCase struct {
	name    string
	rs      []*Resource
	outputs map[string]any
	addr    string
	want    func(t *testing.T) float64
}

// TestPricedExamples prices a hand-made example of every priced resource
// type and checks it against the arithmetic written out in the test, with
// figures read from the price book.
func TestPricedExamples(t *testing.T) {
	var cases []pricedCase
	for _, tier := range [][]pricedCase{computeExamples(), dataExamples(), networkExamples(), edgeExamples(), securityExamples(), observabilityExamples()} {
		cases = append(cases, tier...)
	}
	u := mustUsage(t, testUsage)
	tested := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bd := priceAll(t, u, c.outputs, c.rs...)
			rc, ok := find(bd, c.addr)
			if !ok {
				t.Fatalf("%s not priced; not priced: %+v", c.addr, bd.NotPriced)
			}
			tested[rc.Type] = true
			if want := c.want(t); !near(rc.Monthly, want) {
				t.Errorf("%s = %.6f, want %.6f\ncomponents: %+v", c.addr, rc.Monthly, want, rc.Components)
			}
		})
	}
	for _, typ := range PricedTypes() {
		if !tested[typ] {
			t.Errorf("priced type %s has no hand-calculated example", typ)
		}
	}
}

// TestUnpricedConfigurations: a priced type whose configuration has no price
// is reported NOT PRICED with the reason, never silently zero.
func TestUnpricedConfigurations(t *testing.T) {
	u := mustUsage(t, testUsage)
	cases := []struct {
		r    *Resource
		want string
	}{
		{res("", "aws_instance", "big", nil, m{"instance_type": "m7g.large"}), "instance type m7g.large has no price"},
		{res("", "aws_elasticache_replication_group", "r", nil, m{"node_type": "cache.r7g.large"}), "node type cache.r7g.large has no price"},
		{res("", "aws_rds_cluster_instance", "p", nil, m{"instance_class": "db.r6g.large"}), "provisioned instance class db.r6g.large"},
		{res("", "aws_dynamodb_table", "t", nil, m{"billing_mode": "PROVISIONED"}), "provisioned capacity"},
		{res("", "aws_apigatewayv2_api", "ws", nil, m{"protocol_type": "WEBSOCKET"}), "WEBSOCKET"},
		{res("", "aws_lb", "gw", nil, m{"load_balancer_type": "gateway"}), "load balancer type gateway"},
		{res("", "aws_db_proxy", "orphan", nil, m{}), "no Aurora Serverless v2 instance"},
		{res("", "aws_some_new_thing", "x", nil, m{}), "no pricer for this resource type"},
		{res("", "aws_ecs_service", "orphan", nil, m{"desired_count": 1.0}), "no aws_ecs_task_definition"},
		{res("module.b", "aws_backup_selection", "orphan", nil, m{"resources": l()}), "no aws_backup_plan in module.b"},
	}
	for _, c := range cases {
		bd := priceAll(t, u, nil, c.r)
		if _, priced := find(bd, c.r.Address); priced {
			t.Errorf("%s was priced", c.r.Address)
		}
		if len(bd.NotPriced) != 1 || !strings.Contains(bd.NotPriced[0].Reason, c.want) || bd.NotPriced[0].Addresses[0] != c.r.Address {
			t.Errorf("%s: NOT PRICED = %+v, want a reason with %q", c.r.Address, bd.NotPriced, c.want)
		}
		var out strings.Builder
		if err := WriteTable(&out, bd); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "NOT PRICED") || !strings.Contains(out.String(), c.r.Address) {
			t.Errorf("the table does not list %s loudly:\n%s", c.r.Address, out.String())
		}
	}
}

func TestUnknownDesiredCountIsNotPriced(t *testing.T) {
	mod := `module.ecs_service["x"]`
	bd := priceAll(t, mustUsage(t, testUsage), nil,
		res(mod, "aws_ecs_task_definition", "this", nil, m{"cpu": "256", "memory": "512"}),
		res(mod, "aws_ecs_service", "this", 0, m{}))
	if len(bd.NotPriced) != 1 || !strings.Contains(bd.NotPriced[0].Reason, "desired_count is unknown") {
		t.Errorf("NOT PRICED = %+v", bd.NotPriced)
	}
}

func TestSpotShare(t *testing.T) {
	od := strategy{provider: "FARGATE", weight: 1}
	spot := strategy{provider: "FARGATE_SPOT", weight: 4}
	cases := []struct {
		name  string
		st    []strategy
		tasks float64
		want  float64
	}{
		{"no strategy", nil, 3, 0},
		{"1:4 weights", []strategy{od, spot}, 5, 4.0 / 5},
		{"base 2 on FARGATE, 1:1 after", []strategy{{provider: "FARGATE", base: 2, weight: 1}, {provider: "FARGATE_SPOT", weight: 1}}, 4, 1.0 / 4},
		{"base covers every task", []strategy{{provider: "FARGATE", base: 2, weight: 1}, {provider: "FARGATE_SPOT", weight: 1}}, 2, 0},
		{"production: spot weight 0", []strategy{{provider: "FARGATE", base: 2, weight: 1}, {provider: "FARGATE_SPOT", weight: 0}}, 3, 0},
		{"all Spot", []strategy{{provider: "FARGATE_SPOT", weight: 1}}, 1, 1},
		{"zero tasks", []strategy{od, spot}, 0, 0},
	}
	for _, c := range cases {
		if got := spotShare(c.st, c.tasks); !near(got, c.want) {
			t.Errorf("%s: spotShare = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestArm64SpotIsWarnedOnce(t *testing.T) {
	rs := join(cluster("core", "disabled", m{"capacity_provider": "FARGATE", "base": 0.0, "weight": 1.0}, m{"capacity_provider": "FARGATE_SPOT", "base": 0.0, "weight": 4.0}),
		ecsModule("a", "ARM64", 256, 512, 1), ecsModule("b", "ARM64", 256, 512, 1))
	bd := priceAll(t, mustUsage(t, testUsage), nil, rs...)
	if len(bd.Warnings) != 1 || !strings.Contains(bd.Warnings[0], "2 ECS services/jobs run ARM64 tasks") || !strings.Contains(bd.Warnings[0], "a, b") {
		t.Errorf("warnings = %q", bd.Warnings)
	}
}
