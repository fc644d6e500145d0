package offline

import (
	"context"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var testID = identity{account: "210000000001", region: "ap-southeast-1", partition: "aws"}

// planCreate plans the creation of typeName from the given configuration,
// exactly as the server does.
func planCreate(t *testing.T, typeName string, cfg map[string]tftypes.Value) (*tfprotov6.Schema, tftypes.Value) {
	t.Helper()
	sch := awsSchema(t).Resources[typeName]
	if sch == nil {
		t.Fatalf("%s not in the schema", typeName)
	}
	ty := sch.ValueType()
	proposed := objectOf(t, ty, cfg)
	planned, err := Plan(sch.Block, proposed, tftypes.NewValue(ty, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sch, planned
}

// TestResolveShapes checks that the values AWS would return after apply come
// in each service's real format, because preconditions and policies parse them.
func TestResolveShapes(t *testing.T) {
	cases := []struct {
		typeName string
		cfg      map[string]tftypes.Value
		want     map[string]string // attribute → regexp
	}{
		{"aws_iam_role", map[string]tftypes.Value{"name": sv("lookcard-develop-card-api-task"), "assume_role_policy": sv("{}")},
			map[string]string{"arn": `^arn:aws:iam::210000000001:role/lookcard-develop-card-api-task$`, "id": `^lookcard-develop-card-api-task$`, "unique_id": `^AROA[0-9A-Z]{17}$`}},
		{"aws_iam_role", map[string]tftypes.Value{"name_prefix": sv("lookcard-x-"), "assume_role_policy": sv("{}")},
			map[string]string{"name": `^lookcard-x-[0-9]{26}$`, "arn": `^arn:aws:iam::210000000001:role/lookcard-x-[0-9]{26}$`}},
		{"aws_rds_cluster_parameter_group", map[string]tftypes.Value{"name_prefix": sv("lookcard-develop-aurora-"), "family": sv("aurora-postgresql16")},
			map[string]string{"name": `^lookcard-develop-aurora-[0-9]{26}$`, "arn": `^arn:aws:rds:ap-southeast-1:210000000001:cluster-pg:lookcard-develop-aurora-[0-9]{26}$`}},
		{"aws_vpc", map[string]tftypes.Value{"cidr_block": sv("10.0.0.0/16")},
			map[string]string{"id": `^vpc-[0-9a-f]{17}$`, "arn": `^arn:aws:ec2:ap-southeast-1:210000000001:vpc/vpc-[0-9a-f]{17}$`, "owner_id": `^210000000001$`}},
		{"aws_security_group", map[string]tftypes.Value{"name": sv("lookcard-develop-alb")},
			map[string]string{"id": `^sg-[0-9a-f]{17}$`}},
		{"aws_kms_key", map[string]tftypes.Value{},
			map[string]string{"key_id": `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$`, "arn": `^arn:aws:kms:ap-southeast-1:210000000001:key/[0-9a-f-]{36}$`}},
		{"aws_s3_bucket", map[string]tftypes.Value{"bucket": sv("lookcard-develop-alb-logs")},
			map[string]string{"arn": `^arn:aws:s3:::lookcard-develop-alb-logs$`, "id": `^lookcard-develop-alb-logs$`}},
		{"aws_db_proxy", map[string]tftypes.Value{"name": sv("lookcard-develop-aurora")},
			map[string]string{"arn": `^arn:aws:rds:ap-southeast-1:210000000001:db-proxy:prx-[0-9a-f]{17}$`, "endpoint": `^lookcard-develop-aurora\.proxy-[0-9a-f]{12}\.ap-southeast-1\.rds\.amazonaws\.com$`}},
		{"aws_secretsmanager_secret", map[string]tftypes.Value{"name": sv("lookcard/develop/jwt-signing-key")},
			map[string]string{"arn": `^arn:aws:secretsmanager:ap-southeast-1:210000000001:secret:lookcard/develop/jwt-signing-key-[0-9a-z]{6}$`}},
		{"aws_ecr_repository", map[string]tftypes.Value{"name": sv("lookcard/card-api")},
			map[string]string{"repository_url": `^210000000001\.dkr\.ecr\.ap-southeast-1\.amazonaws\.com/lookcard/card-api$`}},
		{"aws_lb", map[string]tftypes.Value{"name": sv("lookcard-develop-alb"), "load_balancer_type": sv("application")},
			map[string]string{"arn": `^arn:aws:elasticloadbalancing:ap-southeast-1:210000000001:loadbalancer/app/lookcard-develop-alb/[0-9a-f]{16}$`, "arn_suffix": `^app/lookcard-develop-alb/[0-9a-f]{16}$`}},
		{"aws_cloudwatch_log_group", map[string]tftypes.Value{"name": sv("/aws/ecs/lookcard-develop/card-api")},
			map[string]string{"arn": `^arn:aws:logs:ap-southeast-1:210000000001:log-group:/aws/ecs/lookcard-develop/card-api$`}},
		{"aws_lambda_function", map[string]tftypes.Value{"function_name": sv("lookcard-develop-rotation"), "role": sv("arn:aws:iam::210000000001:role/r")},
			map[string]string{"arn": `^arn:aws:lambda:ap-southeast-1:210000000001:function:lookcard-develop-rotation$`, "invoke_arn": `^arn:aws:apigateway:ap-southeast-1:lambda:path/2015-03-31/functions/arn:aws:lambda:.*/invocations$`}},
		{"aws_rds_cluster", map[string]tftypes.Value{"cluster_identifier": sv("lookcard-develop-aurora")},
			map[string]string{"endpoint": `^lookcard-develop-aurora\.cluster-[0-9a-f]{12}\.ap-southeast-1\.rds\.amazonaws\.com$`, "cluster_resource_id": `^cluster-[0-9A-Z]{26}$`, "port": `^5432$`}},
		// AWS provider 6's per-resource region (a backup copy vault in another region).
		{"aws_backup_vault", map[string]tftypes.Value{"name": sv("lookcard-production-backup-copy"), "region": sv("ap-southeast-2")},
			map[string]string{"arn": `^arn:aws:backup:ap-southeast-2:210000000001:backup-vault:lookcard-production-backup-copy$`}},
		{"aws_cloudfront_distribution", map[string]tftypes.Value{},
			map[string]string{"id": `^E[0-9A-Z]{13}$`, "domain_name": `^d[0-9a-z]{13}\.cloudfront\.net$`, "hosted_zone_id": `^Z2FDTNDATAQYW2$`}},
	}
	for _, c := range cases {
		t.Run(c.typeName, func(t *testing.T) {
			sch, planned := planCreate(t, c.typeName, c.cfg)
			got, err := Resolve(c.typeName, sch.Block, planned, testID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.IsFullyKnown() {
				t.Fatalf("unknown values left after apply: %s", got)
			}
			for attr, pattern := range c.want {
				v := at(t, got, attr)
				s := ""
				if v.Type().Is(tftypes.Number) {
					var f big.Float
					if err := v.As(&f); err != nil {
						t.Fatal(err)
					}
					s = f.Text('f', 0)
				} else {
					s = stringOf(t, v)
				}
				if !regexp.MustCompile(pattern).MatchString(s) {
					t.Errorf("%s = %q, want it to match %s", attr, s, pattern)
				}
			}
		})
	}
}

// TestResolveKeepsPlannedValues: a provider may only fill what the plan left
// unknown; the engines reject any other difference ("inconsistent result").
func TestResolveKeepsPlannedValues(t *testing.T) {
	sch, planned := planCreate(t, "aws_iam_role", map[string]tftypes.Value{
		"name": sv("lookcard-develop-x"), "assume_role_policy": sv(`{"Version":"2012-10-17"}`), "description": sv("kept"),
	})
	got, err := Resolve("aws_iam_role", sch.Block, planned, testID)
	if err != nil {
		t.Fatal(err)
	}
	_ = tftypes.Walk(planned, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if v.IsFullyKnown() {
			g, _, err := tftypes.WalkAttributePath(got, p)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return false, nil
			}
			if !g.(tftypes.Value).Equal(v) {
				t.Errorf("%s changed from %s to %s", p, v, g)
			}
			return false, nil
		}
		return true, nil
	})
}

// TestResolveDeterministic: the same resource gets the same values on every
// run (reproducible tests), different resources different ids.
func TestResolveDeterministic(t *testing.T) {
	resolve := func(cidr string) tftypes.Value {
		sch, planned := planCreate(t, "aws_subnet", map[string]tftypes.Value{"vpc_id": sv("vpc-1"), "cidr_block": sv(cidr)})
		v, err := Resolve("aws_subnet", sch.Block, planned, testID)
		if err != nil {
			t.Fatal(err)
		}
		return at(t, v, "id")
	}
	a1, a2, b := resolve("10.0.0.0/24"), resolve("10.0.0.0/24"), resolve("10.0.1.0/24")
	if !a1.Equal(a2) {
		t.Errorf("same resource, different ids: %s and %s", a1, a2)
	}
	if a1.Equal(b) {
		t.Errorf("two subnets got the same id %s", a1)
	}
}

// TestResolveACMValidationOptions: one CNAME per certificate name, so the
// validation records' for_each has values to work with after apply.
func TestResolveACMValidationOptions(t *testing.T) {
	sans := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{sv("app.develop.lookcard.io")})
	sch, planned := planCreate(t, "aws_acm_certificate", map[string]tftypes.Value{
		"domain_name": sv("api.develop.lookcard.io"), "validation_method": sv("DNS"), "subject_alternative_names": sans,
	})
	got, err := Resolve("aws_acm_certificate", sch.Block, planned, testID)
	if err != nil {
		t.Fatal(err)
	}
	var opts []tftypes.Value
	if err := at(t, got, "domain_validation_options").As(&opts); err != nil {
		t.Fatal(err)
	}
	if len(opts) != 2 {
		t.Fatalf("want 2 validation options, got %d: %s", len(opts), got)
	}
	for _, o := range opts {
		name := stringOf(t, at(t, o, "resource_record_name"))
		domain := stringOf(t, at(t, o, "domain_name"))
		if !strings.HasPrefix(name, "_") || !strings.HasSuffix(name, domain+".") || stringOf(t, at(t, o, "resource_record_type")) != "CNAME" {
			t.Errorf("validation option %s is not in ACM's format", o)
		}
	}
}

// TestApplyNeedsExplicitRequest: without LOOKCARD_OFFLINE_APPLY=1 the
// provider refuses, so an engine never records a "created" resource that
// exists nowhere; with it, the new state is fully known; a destroy is null.
func TestApplyNeedsExplicitRequest(t *testing.T) {
	schema := awsSchema(t)
	srv := New(schema, nil, nil)
	sch, planned := planCreate(t, "aws_sns_topic", map[string]tftypes.Value{"name": sv("lookcard-develop-critical")})
	ty := sch.ValueType()
	req := &tfprotov6.ApplyResourceChangeRequest{TypeName: "aws_sns_topic",
		PriorState: mustDynamic(t, tftypes.NewValue(ty, nil)), PlannedState: mustDynamic(t, planned)}

	t.Setenv(EnvApply, "")
	resp, err := srv.ApplyResourceChange(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, ApplyRefusal) {
		t.Fatalf("want the refusal without %s, got %+v", EnvApply, resp.Diagnostics)
	}

	t.Setenv(EnvApply, "1")
	if _, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{}); err != nil {
		t.Fatal(err)
	}
	resp, err = srv.ApplyResourceChange(context.Background(), req)
	if err != nil || len(resp.Diagnostics) != 0 {
		t.Fatalf("apply: %v %+v", err, resp.Diagnostics)
	}
	got := mustUnmarshal(t, resp.NewState, ty)
	if !got.IsFullyKnown() {
		t.Fatalf("new state has unknowns: %s", got)
	}
	if arn := stringOf(t, at(t, got, "arn")); !strings.HasPrefix(arn, "arn:aws:sns:") || !strings.HasSuffix(arn, ":lookcard-develop-critical") {
		t.Errorf("arn %q", arn)
	}

	req.PriorState, req.PlannedState = req.PlannedState, mustDynamic(t, tftypes.NewValue(ty, nil))
	resp, err = srv.ApplyResourceChange(context.Background(), req)
	if err != nil || len(resp.Diagnostics) != 0 {
		t.Fatalf("destroy: %v %+v", err, resp.Diagnostics)
	}
	if v := mustUnmarshal(t, resp.NewState, ty); !v.IsNull() {
		t.Errorf("destroy must return a null state, got %s", v)
	}
}

// TestResolveRDSManagedMasterSecret: RDS creates the master secret itself;
// configurations read master_user_secret[0] after apply.
func TestResolveRDSManagedMasterSecret(t *testing.T) {
	sch, planned := planCreate(t, "aws_rds_cluster", map[string]tftypes.Value{
		"cluster_identifier": sv("lookcard-develop-aurora"), "manage_master_user_password": tftypes.NewValue(tftypes.Bool, true),
		"master_user_secret_kms_key_id": sv("arn:aws:kms:ap-southeast-1:210000000001:key/k"),
	})
	got, err := Resolve("aws_rds_cluster", sch.Block, planned, testID)
	if err != nil {
		t.Fatal(err)
	}
	var secrets []tftypes.Value
	if err := at(t, got, "master_user_secret").As(&secrets); err != nil || len(secrets) != 1 {
		t.Fatalf("want one master_user_secret, got %s (%v)", at(t, got, "master_user_secret"), err)
	}
	if arn := stringOf(t, at(t, secrets[0], "secret_arn")); !strings.HasPrefix(arn, "arn:aws:secretsmanager:ap-southeast-1:210000000001:secret:rds!cluster-") {
		t.Errorf("secret_arn %q", arn)
	}
	if k := stringOf(t, at(t, secrets[0], "kms_key_id")); k != "arn:aws:kms:ap-southeast-1:210000000001:key/k" {
		t.Errorf("kms_key_id %q", k)
	}
}

// TestCapabilities: the engines may cache the schema across provider
// processes (GetProviderSchemaOptional) and the provider plans destroys.
func TestCapabilities(t *testing.T) {
	srv := New(awsSchema(t), nil, nil)
	resp, err := srv.GetMetadata(context.Background(), &tfprotov6.GetMetadataRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if c := resp.ServerCapabilities; c == nil || !c.GetProviderSchemaOptional || !c.PlanDestroy {
		t.Errorf("capabilities %+v: want GetProviderSchemaOptional and PlanDestroy", c)
	}
}
