package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Status of one check.
type Status string

const (
	Pass Status = "PASS"
	Fail Status = "FAIL"
	Skip Status = "SKIP"
)

// Result is the outcome of one check; Fix says what to do on FAIL.
type Result struct {
	Check  string `json:"check"`
	Status Status `json:"status"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

// Check is one prerequisite.
type Check struct {
	Name string
	// What is the line the offline listing prints.
	What string
	run  func(d *Doctor, ctx context.Context) Result
}

// Checks are every check, in the order they run.
var Checks = []Check{
	{"caller", "STS GetCallerIdentity: the caller is bootstrap's deploy, admin or plan role, in the tfvars' aws_account_id", (*Doctor).caller},
	{"deploy-role", "STS AssumeRole: a caller that is not the deploy role can assume it, as the provider will", (*Doctor).assumeDeploy},
	{"roles", "IAM GetRole: the deploy role and every KMS administrator role the tfvars name exist", (*Doctor).roles},
	{"aurora-engine", "RDS DescribeDBEngineVersions/DescribeOrderableDBInstanceOptions: aurora.engine_version is offered for new Serverless v2 clusters", (*Doctor).auroraEngine},
	{"lambda-concurrency", "Lambda GetAccountSettings: the quota is at least lambda_concurrency_quota and the rotation function's reservation leaves the minimum unreserved", (*Doctor).lambdaConcurrency},
	{"ecr-images", "ECR DescribeImages: every catalog service's repository holds the image tag this configuration deploys", (*Doctor).images},
	{"cloudflare-token", "Cloudflare /user/tokens/verify with CLOUDFLARE_API_TOKEN: the token is active and can read the zone's DNS records", (*Doctor).cloudflare},
	{"secrets-seeded", "Secrets Manager DescribeSecret: every third-party secret of the catalog has an AWSCURRENT value", (*Doctor).secrets},
}

// Names are the checks' names, for --only.
func Names() []string {
	out := make([]string, len(Checks))
	for i, c := range Checks {
		out[i] = c.Name
	}
	return out
}

// Clients are the AWS SDK clients and the HTTP client the checks use.
type Clients struct {
	STS            *sts.Client
	IAM            *iam.Client
	RDS            *rds.Client
	Lambda         *lambda.Client
	ECR            *ecr.Client
	SecretsManager *secretsmanager.Client
	HTTP           *http.Client
}

// EnvEndpoint, when set, sends every AWS call to this URL instead of AWS's
// own endpoints (a local emulator). The SDK's own AWS_ENDPOINT_URL and
// AWS_ENDPOINT_URL_<SERVICE> are honoured as well.
const EnvEndpoint = "LOOKCARD_AWS_ENDPOINT_URL"

// EnvCloudflareAPI overrides the Cloudflare API base URL.
const EnvCloudflareAPI = "LOOKCARD_CLOUDFLARE_API_URL"

// DefaultCloudflareAPI is Cloudflare's v4 API.
const DefaultCloudflareAPI = "https://api.cloudflare.com/client/v4"

// LoadClients builds the clients from the default credential chain
// (environment, web identity, container, or profile) in region; an empty
// profile leaves the chain's own choice.
func LoadClients(ctx context.Context, region, profile string) (*Clients, error) {
	opts := []func(*config.LoadOptions) error{config.WithRegion(region)}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	return NewClients(cfg, os.Getenv(EnvEndpoint)), nil
}

// NewClients builds the clients from cfg; a non-empty endpoint becomes every
// client's BaseEndpoint.
func NewClients(cfg aws.Config, endpoint string) *Clients {
	if endpoint != "" {
		cfg.BaseEndpoint = aws.String(endpoint)
	}
	return &Clients{
		STS:            sts.NewFromConfig(cfg),
		IAM:            iam.NewFromConfig(cfg),
		RDS:            rds.NewFromConfig(cfg),
		Lambda:         lambda.NewFromConfig(cfg),
		ECR:            ecr.NewFromConfig(cfg),
		SecretsManager: secretsmanager.NewFromConfig(cfg),
		HTTP:           &http.Client{Timeout: 30 * time.Second},
	}
}

// Doctor runs the checks of one environment.
type Doctor struct {
	Config  Config
	Clients *Clients
	// CloudflareToken and CloudflareAPI default to $CLOUDFLARE_API_TOKEN and
	// $LOOKCARD_CLOUDFLARE_API_URL (else Cloudflare's API) in New.
	CloudflareToken string
	CloudflareAPI   string
	// MinUnreserved overrides the account's minimum unreserved concurrency
	// (0: AWS's rule, min(100, the account's concurrency limit)).
	MinUnreserved int

	callerArn string // set by the caller check
}

// New returns a Doctor reading the Cloudflare settings from the environment.
func New(cfg Config, c *Clients) *Doctor {
	api := os.Getenv(EnvCloudflareAPI)
	if api == "" {
		api = DefaultCloudflareAPI
	}
	return &Doctor{Config: cfg, Clients: c, CloudflareToken: os.Getenv("CLOUDFLARE_API_TOKEN"), CloudflareAPI: api}
}

// Run runs the named checks (all when only is empty), in order.
func (d *Doctor) Run(ctx context.Context, only []string) []Result {
	var out []Result
	for _, c := range Checks {
		if len(only) > 0 && !slices.Contains(only, c.Name) {
			continue
		}
		r := c.run(d, ctx)
		r.Check = c.Name
		out = append(out, r)
	}
	return out
}

func pass(format string, a ...any) Result {
	return Result{Status: Pass, Detail: fmt.Sprintf(format, a...)}
}
func skip(format string, a ...any) Result {
	return Result{Status: Skip, Detail: fmt.Sprintf(format, a...)}
}
func fail(fix, format string, a ...any) Result {
	return Result{Status: Fail, Detail: fmt.Sprintf(format, a...), Fix: fix}
}

// code is an AWS error's code ("" for other errors).
func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// roleOf returns the role name of an assumed-role or role ARN.
func roleOf(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) < 6 {
		return ""
	}
	res := strings.Split(parts[5], "/")
	switch {
	case res[0] == "assumed-role" && len(res) >= 2:
		return res[1]
	case res[0] == "role" && len(res) >= 2:
		return res[len(res)-1]
	}
	return ""
}

func (d *Doctor) caller(ctx context.Context) Result {
	c := d.Config
	out, err := d.Clients.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return fail("check the AWS credentials (aws sts get-caller-identity): they are expired, invalid or for another partition",
			"GetCallerIdentity failed: %v", err)
	}
	acct, arn := aws.ToString(out.Account), aws.ToString(out.Arn)
	d.callerArn = arn
	if acct != c.AccountID {
		return fail(fmt.Sprintf("use credentials for account %s (%s's aws_account_id), or fix aws_account_id in terraform.%s.tfvars.json", c.AccountID, c.Environment, c.Environment),
			"caller %s is in account %s, but %s is account %s", arn, acct, c.Environment, c.AccountID)
	}
	role := roleOf(arn)
	switch role {
	case c.DeployRole, c.AdminRole:
		return pass("%s in account %s", arn, acct)
	case c.PlanRole:
		return pass("%s in account %s: the read-only plan role, enough to check; applies run as %s", arn, acct, c.DeployRole)
	}
	return fail(fmt.Sprintf("assume %s (administrators, with MFA) or run in CI as %s; both are created by bootstrap/", c.AdminRole, c.DeployRole),
		"caller %s is neither the deploy role %s nor the admin role %s (nor the plan role %s)", arn, c.DeployRole, c.AdminRole, c.PlanRole)
}

func (d *Doctor) assumeDeploy(ctx context.Context) Result {
	c := d.Config
	if d.callerArn == "" {
		out, err := d.Clients.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			return skip("caller unknown: %v", err)
		}
		d.callerArn = aws.ToString(out.Arn)
	}
	switch roleOf(d.callerArn) {
	case c.DeployRole:
		return pass("the caller already is %s", c.DeployRole)
	case c.PlanRole:
		return skip("the caller is the plan role %s, which changes nothing; the apply job runs as %s", c.PlanRole, c.DeployRole)
	}
	if !c.AssumeDeployRole {
		return fail(fmt.Sprintf("unset TF_VAR_assume_deploy_role (people: the providers then assume %s), or run as %s", c.DeployRole, c.DeployRole),
			"assume_deploy_role is false, so changes would be made as %s instead of %s", d.callerArn, c.DeployRole)
	}
	arn := fmt.Sprintf("arn:%s:iam::%s:role/%s", partition(d.callerArn), c.AccountID, c.DeployRole)
	_, err := d.Clients.STS.AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(arn), RoleSessionName: aws.String("lookcard-doctor"), DurationSeconds: aws.Int32(900),
	})
	if err != nil {
		return fail(fmt.Sprintf("let %s assume %s: the deploy role's trust policy (bootstrap/, modules/access) must trust the admin role; or set deploy_role_name to null where the caller already is the deploy role", d.callerArn, c.DeployRole),
			"%s cannot assume %s: %v", d.callerArn, arn, err)
	}
	return pass("%s can assume %s", d.callerArn, c.DeployRole)
}

func partition(arn string) string {
	if p := strings.Split(arn, ":"); len(p) > 1 && p[1] != "" {
		return p[1]
	}
	return "aws"
}

func (d *Doctor) roles(ctx context.Context) Result {
	c := d.Config
	names := append([]string{c.DeployRole}, c.KMSAdminRoles...)
	slices.Sort(names)
	names = slices.Compact(names)
	var missing, errs []string
	for _, n := range names {
		_, err := d.Clients.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(n)})
		switch {
		case err == nil:
		case code(err) == "NoSuchEntity":
			missing = append(missing, n)
		default:
			errs = append(errs, fmt.Sprintf("%s: %v", n, err))
		}
	}
	switch {
	case len(missing) > 0:
		return fail(fmt.Sprintf("create %s with bootstrap/ (admin_principal_arns creates %s), or name existing roles in deploy_role_name and kms.administrator_role_names of terraform.%s.tfvars.json: KMS rejects key policies naming a missing principal",
			strings.Join(missing, ", "), c.AdminRole, c.Environment),
			"role(s) %s do not exist in account %s", strings.Join(missing, ", "), c.AccountID)
	case len(errs) > 0:
		return fail("allow iam:GetRole to the caller", "GetRole failed: %s", strings.Join(errs, "; "))
	}
	return pass("%s exist", strings.Join(names, ", "))
}

const auroraEngine = "aurora-postgresql"

func (d *Doctor) auroraEngine(ctx context.Context) Result {
	v := d.Config.EngineVersion
	if v == "" {
		return fail("set aurora.engine_version in the tfvars", "aurora.engine_version is empty")
	}
	major := strings.SplitN(v, ".", 2)[0]
	family := "aurora-postgresql" + major
	// Every version of the major still offered: the candidates to suggest,
	// and the match for a major-only pin.
	var offered []string
	in := &rds.DescribeDBEngineVersionsInput{Engine: aws.String(auroraEngine), DBParameterGroupFamily: aws.String(family)}
	for p := rds.NewDescribeDBEngineVersionsPaginator(d.Clients.RDS, in); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fail("allow rds:DescribeDBEngineVersions to the caller", "DescribeDBEngineVersions failed: %v", err)
		}
		for _, e := range page.DBEngineVersions {
			if aws.ToString(e.Status) == "available" || e.Status == nil {
				offered = append(offered, aws.ToString(e.EngineVersion))
			}
		}
	}
	sortVersions(offered)
	exact := v
	if !strings.Contains(v, ".") {
		if len(offered) == 0 {
			return fail(fmt.Sprintf("pin an Aurora PostgreSQL major AWS still offers in %s (aws rds describe-db-engine-versions --engine aurora-postgresql)", d.Config.Region),
				"no Aurora PostgreSQL %s version is offered in %s", major, d.Config.Region)
		}
		exact = offered[len(offered)-1]
	} else if !slices.Contains(offered, v) {
		return fail(fmt.Sprintf("set aurora.engine_version to a version AWS offers (%s), or to the major %q so AWS picks the minor", strings.Join(lastN(offered, 5), ", "), major),
			"Aurora PostgreSQL %s is not offered for new clusters in %s", v, d.Config.Region)
	}
	out, err := d.Clients.RDS.DescribeOrderableDBInstanceOptions(ctx, &rds.DescribeOrderableDBInstanceOptionsInput{
		Engine: aws.String(auroraEngine), EngineVersion: aws.String(exact), DBInstanceClass: aws.String("db.serverless"), MaxRecords: aws.Int32(20),
	})
	if err != nil {
		return fail("allow rds:DescribeOrderableDBInstanceOptions to the caller", "DescribeOrderableDBInstanceOptions failed: %v", err)
	}
	if len(out.OrderableDBInstanceOptions) == 0 {
		return fail(fmt.Sprintf("set aurora.engine_version to a version orderable as db.serverless (aws rds describe-orderable-db-instance-options --engine aurora-postgresql --db-instance-class db.serverless); offered: %s", strings.Join(lastN(offered, 5), ", ")),
			"Aurora PostgreSQL %s cannot be ordered as db.serverless (Serverless v2) in %s", exact, d.Config.Region)
	}
	return pass("Aurora PostgreSQL %s is orderable as db.serverless in %s", exact, d.Config.Region)
}

func lastN(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// sortVersions orders dotted versions numerically.
func sortVersions(vs []string) {
	sort.Slice(vs, func(i, j int) bool {
		a, b := strings.Split(vs[i], "."), strings.Split(vs[j], ".")
		for k := 0; k < len(a) && k < len(b); k++ {
			var x, y int
			fmt.Sscan(a[k], &x)
			fmt.Sscan(b[k], &y)
			if x != y {
				return x < y
			}
		}
		return len(a) < len(b)
	})
}

func (d *Doctor) lambdaConcurrency(ctx context.Context) Result {
	c := d.Config
	if c.RotationReservationErr != "" {
		return skip("the rotation function's reservation could not be read: %s", c.RotationReservationErr)
	}
	out, err := d.Clients.Lambda.GetAccountSettings(ctx, &lambda.GetAccountSettingsInput{})
	if err != nil {
		return fail("allow lambda:GetAccountSettings to the caller", "GetAccountSettings failed: %v", err)
	}
	if out.AccountLimit == nil {
		return fail("retry; AWS returned no account limit", "GetAccountSettings returned no AccountLimit")
	}
	limit := int(out.AccountLimit.ConcurrentExecutions)
	unreserved := int(aws.ToInt32(out.AccountLimit.UnreservedConcurrentExecutions))
	// A reservation the function already holds is already out of the
	// unreserved pool.
	held := 0
	fc, err := d.Clients.Lambda.GetFunctionConcurrency(ctx, &lambda.GetFunctionConcurrencyInput{FunctionName: aws.String(c.RotationFunction)})
	switch {
	case err == nil:
		held = int(aws.ToInt32(fc.ReservedConcurrentExecutions))
	case code(err) == "ResourceNotFoundException":
	default:
		return fail("allow lambda:GetFunctionConcurrency to the caller", "GetFunctionConcurrency %s failed: %v", c.RotationFunction, err)
	}
	want := max(c.RotationReservation, 0)
	minimum := d.MinUnreserved
	if minimum == 0 {
		minimum = min(100, limit)
	}
	after := unreserved + held - want
	quota := ""
	if c.LambdaQuota > 0 {
		quota = fmt.Sprintf("; lambda_concurrency_quota %d", c.LambdaQuota)
	}
	switch {
	case c.LambdaQuota > limit:
		return fail(fmt.Sprintf("set lambda_concurrency_quota to %d in terraform.%s.tfvars.json, or have the quota raised (Service Quotas L-B99A9384) before applying", limit, c.Environment),
			"lambda_concurrency_quota is %d but the account's concurrent executions quota in %s is %d", c.LambdaQuota, c.Region, limit)
	case want > 0 && after < minimum:
		return fail(fmt.Sprintf("request a higher Lambda concurrent executions quota (Service Quotas L-B99A9384) for %s, or reserve no concurrency for the rotation function", c.AccountID),
			"reserving %d for %s leaves %d unreserved of the account's %d; Lambda requires at least %d", want, c.RotationFunction, after, limit, minimum)
	case want == 0:
		return pass("the rotation function reserves no concurrency (account quota %d, unreserved %d%s)", limit, unreserved, quota)
	}
	return pass("reserving %d leaves %d unreserved of %d (minimum %d%s)", want, after, limit, minimum, quota)
}

func (d *Doctor) images(ctx context.Context) Result {
	c := d.Config
	var missing, noRepo, errs []string
	for _, s := range c.Services {
		repo := c.Repository(s)
		_, err := d.Clients.ECR.DescribeImages(ctx, &ecr.DescribeImagesInput{
			RepositoryName: aws.String(repo), ImageIds: []ecrtypes.ImageIdentifier{{ImageTag: aws.String(c.ImageTag)}},
		})
		switch {
		case err == nil:
		case code(err) == "ImageNotFoundException":
			missing = append(missing, repo)
		case code(err) == "RepositoryNotFoundException":
			noRepo = append(noRepo, repo)
		default:
			errs = append(errs, fmt.Sprintf("%s: %v", repo, err))
		}
	}
	switch {
	case len(noRepo) > 0:
		return fail(fmt.Sprintf("create the repositories first (lookcard plan --env %s --first-apply, then lookcard apply), then push each service's image tagged %s", c.Environment, c.ImageTag),
			"%d of %d repositories do not exist: %s", len(noRepo), len(c.Services), strings.Join(noRepo, ", "))
	case len(missing) > 0:
		return fail(fmt.Sprintf("build and push each image tagged %s (docker push <account>.dkr.ecr.%s.amazonaws.com/<repository>:%s), or set compute.image_tag to a tag that was pushed", c.ImageTag, c.Region, c.ImageTag),
			"image tag %s is missing from %d of %d repositories: %s", c.ImageTag, len(missing), len(c.Services), strings.Join(missing, ", "))
	case len(errs) > 0:
		return fail("allow ecr:DescribeImages to the caller", "DescribeImages failed: %s", strings.Join(errs, "; "))
	}
	return pass("image tag %s is in all %d repositories", c.ImageTag, len(c.Services))
}

// cloudflareReply is the v4 API's envelope.
type cloudflareReply struct {
	Success bool `json:"success"`
	Errors  []struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
	Result json.RawMessage `json:"result"`
}

func (d *Doctor) cloudflareGet(ctx context.Context, path string) (int, cloudflareReply, error) {
	var r cloudflareReply
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(d.CloudflareAPI, "/")+path, nil)
	if err != nil {
		return 0, r, err
	}
	req.Header.Set("Authorization", "Bearer "+d.CloudflareToken)
	resp, err := d.Clients.HTTP.Do(req)
	if err != nil {
		return 0, r, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return resp.StatusCode, r, fmt.Errorf("HTTP %d, not a Cloudflare API reply: %w", resp.StatusCode, err)
	}
	return resp.StatusCode, r, nil
}

func (r cloudflareReply) errorText() string {
	var s []string
	for _, e := range r.Errors {
		s = append(s, fmt.Sprintf("%d %s", e.Code, e.Message))
	}
	return strings.Join(s, "; ")
}

func (d *Doctor) cloudflare(ctx context.Context) Result {
	const create = "create an API token with Zone:DNS:Edit on the zone (Cloudflare dashboard → My Profile → API Tokens) and export it as CLOUDFLARE_API_TOKEN"
	if d.CloudflareToken == "" {
		return fail(create, "CLOUDFLARE_API_TOKEN is not set")
	}
	status, r, err := d.cloudflareGet(ctx, "/user/tokens/verify")
	if err != nil {
		return fail("check network access to the Cloudflare API", "verifying the token failed: %v", err)
	}
	var tok struct {
		ID        string `json:"id"`
		Status    string `json:"status"`
		ExpiresOn string `json:"expires_on"`
	}
	_ = json.Unmarshal(r.Result, &tok)
	if !r.Success || status != http.StatusOK {
		return fail(create, "Cloudflare refused the token (HTTP %d): %s", status, r.errorText())
	}
	if tok.Status != "active" {
		return fail("the token is "+tok.Status+": roll it or "+create, "CLOUDFLARE_API_TOKEN %s is %s, not active", tok.ID, tok.Status)
	}
	if d.Config.CloudflareZoneID == "" {
		return pass("token %s is active (no cloudflare.zone_id in the tfvars to check it against)", tok.ID)
	}
	status, r, err = d.cloudflareGet(ctx, "/zones/"+url.PathEscape(d.Config.CloudflareZoneID)+"/dns_records?per_page=1")
	if err != nil {
		return fail("check network access to the Cloudflare API", "listing the zone's DNS records failed: %v", err)
	}
	if !r.Success || status != http.StatusOK {
		return fail(fmt.Sprintf("give the token Zone:DNS:Edit on zone %s (cloudflare.zone_id), or fix cloudflare.zone_id in the tfvars", d.Config.CloudflareZoneID),
			"token %s is active but cannot read zone %s's DNS records (HTTP %d): %s", tok.ID, d.Config.CloudflareZoneID, status, r.errorText())
	}
	return pass("token %s is active and reads zone %s's DNS records (edit rights are only proven by an apply)", tok.ID, d.Config.CloudflareZoneID)
}

func (d *Doctor) secrets(ctx context.Context) Result {
	c := d.Config
	if len(c.ThirdPartySecrets) == 0 {
		return pass("the catalog has no third-party secrets")
	}
	var empty, absent, errs []string
	for _, s := range c.ThirdPartySecrets {
		name := c.SecretName(s)
		out, err := d.Clients.SecretsManager.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
		switch {
		case err == nil:
			current := false
			for _, stages := range out.VersionIdsToStages {
				current = current || slices.Contains(stages, "AWSCURRENT")
			}
			if !current {
				empty = append(empty, name)
			}
		case code(err) == "ResourceNotFoundException":
			absent = append(absent, name)
		default:
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
		}
	}
	switch {
	case len(absent) > 0:
		return fail(fmt.Sprintf("apply the environment first (lookcard apply --env %s), which creates the secrets; then seed them", c.Environment),
			"%d secret(s) do not exist yet: %s", len(absent), strings.Join(absent, ", "))
	case len(empty) > 0:
		return fail(fmt.Sprintf("seed each from its owner: aws secretsmanager put-secret-value --secret-id <name> --secret-string file://<value file> (%s)", strings.Join(empty, ", ")),
			"%d third-party secret(s) have no AWSCURRENT value: %s", len(empty), strings.Join(empty, ", "))
	case len(errs) > 0:
		return fail("allow secretsmanager:DescribeSecret to the caller", "DescribeSecret failed: %s", strings.Join(errs, "; "))
	}
	return pass("all %d third-party secrets have an AWSCURRENT value", len(c.ThirdPartySecrets))
}
