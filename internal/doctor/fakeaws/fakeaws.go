// Package fakeaws is a local stand-in for the AWS and Cloudflare APIs that
// lookcard doctor calls, speaking their real wire protocols (STS, IAM and
// RDS query/XML, Lambda REST-JSON, ECR and Secrets Manager JSON 1.1 with
// X-Amz-Target, Cloudflare's v4 JSON envelope) so that tests drive the real
// AWS SDK for Go v2 clients against it. Tests only: nothing in the lookcard
// binary imports it.
package fakeaws

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Server is the fake. Set its fields before the calls; it is safe for
// concurrent use.
type Server struct {
	*httptest.Server

	mu sync.Mutex
	// Account and CallerArn are what GetCallerIdentity answers.
	Account   string
	CallerArn string
	// AssumeDenied makes AssumeRole answer AccessDenied.
	AssumeDenied bool
	// Roles are the IAM roles that exist.
	Roles []string
	// EngineVersions are the aurora-postgresql versions DescribeDBEngineVersions
	// lists as available; Serverless those orderable as db.serverless.
	EngineVersions []string
	Serverless     []string
	// Lambda account settings and existing reservations by function name.
	ConcurrencyLimit int
	Unreserved       int
	Reserved         map[string]int
	// Images maps each existing ECR repository to its tags.
	Images map[string][]string
	// Secrets maps each existing secret name to the stages of its versions
	// (empty: a secret with no value).
	Secrets map[string][]string
	// Cloudflare: the token that is accepted, its status, and the zones it reads.
	Token       string
	TokenStatus string
	Zones       []string

	calls []string
}

// New starts a fake; Close it when done.
func New() *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Calls lists the operations served, as "service:Operation".
func (s *Server) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

func (s *Server) record(op string) {
	s.calls = append(s.calls, op)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(r.URL.Path, "/client/v4/") {
		s.cloudflare(w, r)
		return
	}
	// Every AWS request is SigV4-signed by the SDK.
	if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=") {
		http.Error(w, `{"message":"Missing Authentication Token"}`, http.StatusForbidden)
		return
	}
	switch {
	case r.Header.Get("X-Amz-Target") != "":
		s.json11(w, r)
	case strings.HasPrefix(r.URL.Path, "/2016-08-19/") || strings.HasPrefix(r.URL.Path, "/2019-09-30/"):
		s.lambda(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"):
		s.query(w, r)
	default:
		http.Error(w, "fakeaws: unrecognised request "+r.Method+" "+r.URL.String(), http.StatusNotFound)
	}
}

// ── query protocol (STS, IAM, RDS) ─────────────────────────────────────────

var queryNamespaces = map[string]struct{ version, ns string }{
	"GetCallerIdentity":                  {"2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/"},
	"AssumeRole":                         {"2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/"},
	"GetRole":                            {"2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/"},
	"DescribeDBEngineVersions":           {"2014-10-31", "http://rds.amazonaws.com/doc/2014-10-31/"},
	"DescribeOrderableDBInstanceOptions": {"2014-10-31", "http://rds.amazonaws.com/doc/2014-10-31/"},
}

func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil {
		queryError(w, http.StatusBadRequest, "MalformedQueryString", err.Error())
		return
	}
	action := form.Get("Action")
	meta, ok := queryNamespaces[action]
	if !ok {
		queryError(w, http.StatusBadRequest, "InvalidAction", "The action "+action+" is not valid for this web service.")
		return
	}
	if form.Get("Version") != meta.version {
		queryError(w, http.StatusBadRequest, "InvalidAction", fmt.Sprintf("Could not find operation %s for version %s", action, form.Get("Version")))
		return
	}
	s.record(map[string]string{"2011-06-15": "sts", "2010-05-08": "iam", "2014-10-31": "rds"}[meta.version] + ":" + action)
	var result string
	switch action {
	case "GetCallerIdentity":
		result = fmt.Sprintf("<Arn>%s</Arn><UserId>AROAEXAMPLE:doctor</UserId><Account>%s</Account>", esc(s.CallerArn), esc(s.Account))
	case "AssumeRole":
		role := form.Get("RoleArn")
		if s.AssumeDenied {
			queryError(w, http.StatusForbidden, "AccessDenied", fmt.Sprintf("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", s.CallerArn, role))
			return
		}
		name := role[strings.LastIndex(role, "/")+1:]
		result = fmt.Sprintf(`<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::%s:assumed-role/%s/%s</Arn><AssumedRoleId>AROAEXAMPLE:%s</AssumedRoleId></AssumedRoleUser>`,
			esc(s.Account), esc(name), esc(form.Get("RoleSessionName")), esc(form.Get("RoleSessionName")))
	case "GetRole":
		name := form.Get("RoleName")
		if !slices.Contains(s.Roles, name) {
			queryError(w, http.StatusNotFound, "NoSuchEntity", "The role with name "+name+" cannot be found.")
			return
		}
		result = fmt.Sprintf(`<Role><Path>/</Path><AssumeRolePolicyDocument>%%7B%%7D</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration><RoleId>AROAEXAMPLE</RoleId><RoleName>%s</RoleName><Arn>arn:aws:iam::%s:role/%s</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role>`,
			esc(name), esc(s.Account), esc(name))
	case "DescribeDBEngineVersions":
		if form.Get("Engine") != "aurora-postgresql" {
			result = "<DBEngineVersions/>"
			break
		}
		var b strings.Builder
		b.WriteString("<DBEngineVersions>")
		for _, v := range s.EngineVersions {
			family := "aurora-postgresql" + strings.SplitN(v, ".", 2)[0]
			if f := form.Get("DBParameterGroupFamily"); f != "" && f != family {
				continue
			}
			if ev := form.Get("EngineVersion"); ev != "" && ev != v {
				continue
			}
			fmt.Fprintf(&b, "<DBEngineVersion><Engine>aurora-postgresql</Engine><EngineVersion>%s</EngineVersion><DBParameterGroupFamily>%s</DBParameterGroupFamily><DBEngineDescription>Aurora (PostgreSQL)</DBEngineDescription><Status>available</Status><SupportsReadReplica>true</SupportsReadReplica></DBEngineVersion>", esc(v), family)
		}
		b.WriteString("</DBEngineVersions>")
		result = b.String()
	case "DescribeOrderableDBInstanceOptions":
		v, class := form.Get("EngineVersion"), form.Get("DBInstanceClass")
		var b strings.Builder
		b.WriteString("<OrderableDBInstanceOptions>")
		if form.Get("Engine") == "aurora-postgresql" && class == "db.serverless" && slices.Contains(s.Serverless, v) {
			fmt.Fprintf(&b, "<OrderableDBInstanceOption><Engine>aurora-postgresql</Engine><EngineVersion>%s</EngineVersion><DBInstanceClass>db.serverless</DBInstanceClass><StorageType>aurora</StorageType><SupportsIAMDatabaseAuthentication>true</SupportsIAMDatabaseAuthentication></OrderableDBInstanceOption>", esc(v))
		}
		b.WriteString("</OrderableDBInstanceOptions>")
		result = b.String()
	}
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<%[1]sResponse xmlns="%[2]s"><%[1]sResult>%[3]s</%[1]sResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></%[1]sResponse>`, action, meta.ns, result)
}

func queryError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`, esc(code), esc(msg))
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ── Lambda REST-JSON ───────────────────────────────────────────────────────

func (s *Server) lambda(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case r.Method == http.MethodGet && p == "/2016-08-19/account-settings":
		s.record("lambda:GetAccountSettings")
		writeJSON(w, "application/json", map[string]any{
			"AccountLimit": map[string]any{
				"TotalCodeSize": 80530636800, "CodeSizeUnzipped": 262144000, "CodeSizeZipped": 52428800,
				"ConcurrentExecutions": s.ConcurrencyLimit, "UnreservedConcurrentExecutions": s.Unreserved,
			},
			"AccountUsage": map[string]any{"TotalCodeSize": 0, "FunctionCount": len(s.Reserved)},
		})
	case r.Method == http.MethodGet && strings.HasPrefix(p, "/2019-09-30/functions/") && strings.HasSuffix(p, "/concurrency"):
		s.record("lambda:GetFunctionConcurrency")
		name := strings.TrimSuffix(strings.TrimPrefix(p, "/2019-09-30/functions/"), "/concurrency")
		n, ok := s.Reserved[name]
		if !ok {
			w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"Type":"User","Message":"Function not found: arn:aws:lambda:ap-southeast-1:%s:function:%s"}`, s.Account, name)
			return
		}
		writeJSON(w, "application/json", map[string]any{"ReservedConcurrentExecutions": n})
	default:
		http.Error(w, "fakeaws: unrecognised Lambda request "+r.Method+" "+r.URL.Path, http.StatusNotFound)
	}
}

// ── JSON 1.1 (ECR, Secrets Manager) ────────────────────────────────────────

func (s *Server) json11(w http.ResponseWriter, r *http.Request) {
	const ct = "application/x-amz-json-1.1"
	if r.Header.Get("Content-Type") != ct {
		jsonError(w, http.StatusBadRequest, "SerializationException", "expected Content-Type "+ct)
		return
	}
	var in map[string]any
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		jsonError(w, http.StatusBadRequest, "SerializationException", err.Error())
		return
	}
	target := r.Header.Get("X-Amz-Target")
	switch target {
	case "AmazonEC2ContainerRegistry_V20150921.DescribeImages":
		s.record("ecr:DescribeImages")
		repo, _ := in["repositoryName"].(string)
		tags, ok := s.Images[repo]
		if !ok {
			jsonError(w, http.StatusBadRequest, "RepositoryNotFoundException", fmt.Sprintf("The repository with name '%s' does not exist in the registry with id '%s'", repo, s.Account))
			return
		}
		var details []map[string]any
		ids, _ := in["imageIds"].([]any)
		for _, id := range ids {
			tag, _ := id.(map[string]any)["imageTag"].(string)
			if !slices.Contains(tags, tag) {
				jsonError(w, http.StatusBadRequest, "ImageNotFoundException", fmt.Sprintf("The image with imageId {imageDigest:'null', imageTag:'%s'} does not exist within the repository with name '%s' in the registry with id '%s'", tag, repo, s.Account))
				return
			}
			details = append(details, map[string]any{
				"registryId": s.Account, "repositoryName": repo, "imageTags": []string{tag},
				"imageDigest":      "sha256:0000000000000000000000000000000000000000000000000000000000000000",
				"imageSizeInBytes": 52428800, "imagePushedAt": 1.7648e9, "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json",
			})
		}
		writeJSON(w, ct, map[string]any{"imageDetails": details})
	case "secretsmanager.DescribeSecret":
		s.record("secretsmanager:DescribeSecret")
		id, _ := in["SecretId"].(string)
		stages, ok := s.Secrets[id]
		if !ok {
			jsonError(w, http.StatusBadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
			return
		}
		out := map[string]any{
			"ARN":  fmt.Sprintf("arn:aws:secretsmanager:ap-southeast-1:%s:secret:%s-AbCdEf", s.Account, id),
			"Name": id, "KmsKeyId": "arn:aws:kms:ap-southeast-1:" + s.Account + ":key/00000000-0000-0000-0000-000000000000",
			"CreatedDate": 1.7648e9,
		}
		if len(stages) > 0 {
			out["VersionIdsToStages"] = map[string][]string{"a1b2c3d4-0000-0000-0000-000000000001": stages}
		}
		writeJSON(w, ct, out)
	default:
		jsonError(w, http.StatusBadRequest, "UnknownOperationException", "fakeaws: unknown target "+target)
	}
}

func jsonError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"__type": typ, "message": msg})
	_, _ = w.Write(b)
}

func writeJSON(w http.ResponseWriter, ct string, v any) {
	w.Header().Set("Content-Type", ct)
	b, _ := json.Marshal(v)
	_, _ = w.Write(b)
}

// ── Cloudflare v4 ──────────────────────────────────────────────────────────

func (s *Server) cloudflare(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/client/v4")
	s.record("cloudflare:GET " + p)
	if r.Header.Get("Authorization") != "Bearer "+s.Token || s.Token == "" {
		w.WriteHeader(http.StatusUnauthorized)
		writeJSON(w, "application/json", map[string]any{"success": false, "errors": []map[string]any{{"code": 1000, "message": "Invalid API Token"}}, "messages": []any{}, "result": nil})
		return
	}
	switch {
	case p == "/user/tokens/verify":
		msg := "This API Token is valid and active"
		if s.TokenStatus != "active" {
			msg = "This API Token is " + s.TokenStatus
		}
		writeJSON(w, "application/json", map[string]any{"success": true, "errors": []any{},
			"messages": []map[string]any{{"code": 10000, "message": msg}},
			"result":   map[string]any{"id": "f267e341f3dd4697bd3b9f71dd96247f", "status": s.TokenStatus}})
	case strings.HasPrefix(p, "/zones/") && strings.HasSuffix(p, "/dns_records"):
		zone := strings.TrimSuffix(strings.TrimPrefix(p, "/zones/"), "/dns_records")
		if !slices.Contains(s.Zones, zone) {
			w.WriteHeader(http.StatusForbidden)
			writeJSON(w, "application/json", map[string]any{"success": false, "errors": []map[string]any{{"code": 10000, "message": "Authentication error"}}, "messages": []any{}, "result": nil})
			return
		}
		writeJSON(w, "application/json", map[string]any{"success": true, "errors": []any{}, "messages": []any{}, "result": []any{},
			"result_info": map[string]any{"page": 1, "per_page": 1, "count": 0, "total_count": 0}})
	default:
		w.WriteHeader(http.StatusNotFound)
		writeJSON(w, "application/json", map[string]any{"success": false, "errors": []map[string]any{{"code": 7003, "message": "No route for the URI"}}, "result": nil})
	}
}
