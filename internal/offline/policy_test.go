package offline

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// policyTypes are the types of aws_iam_policy_document's configuration and
// of its nested blocks, from the real schema.
type policyTypes struct {
	doc, stmt, principal, condition tftypes.Type
}

func loadPolicyTypes(t *testing.T) policyTypes {
	t.Helper()
	sch := awsSchema(t).DataSources["aws_iam_policy_document"]
	if sch == nil {
		t.Fatal("aws_iam_policy_document is not in the schema")
	}
	var p policyTypes
	p.doc = sch.ValueType()
	p.stmt = elemType(t, attrType(t, p.doc, "statement"))
	p.principal = elemType(t, attrType(t, p.stmt, "principals"))
	p.condition = elemType(t, attrType(t, p.stmt, "condition"))
	return p
}

// stmtSpec is one statement block, in configuration terms.
type stmtSpec struct {
	sid, effect                                  string
	actions, notActions, resources, notResources []string
	principals, notPrincipals                    []principalSpec
	conditions                                   []conditionSpec
}

type principalSpec struct {
	typ string
	ids []string
}

type conditionSpec struct {
	test, variable string
	values         []string
}

// docSpec is one aws_iam_policy_document configuration.
type docSpec struct {
	version, policyID string
	source, override  []string
	statements        []stmtSpec
}

func (p policyTypes) config(t *testing.T, d docSpec) tftypes.Value {
	t.Helper()
	set := map[string]tftypes.Value{}
	if d.version != "" {
		set["version"] = tftypes.NewValue(tftypes.String, d.version)
	}
	if d.policyID != "" {
		set["policy_id"] = tftypes.NewValue(tftypes.String, d.policyID)
	}
	if d.source != nil {
		set["source_policy_documents"] = stringsOf(attrType(t, p.doc, "source_policy_documents"), d.source...)
	}
	if d.override != nil {
		set["override_policy_documents"] = stringsOf(attrType(t, p.doc, "override_policy_documents"), d.override...)
	}
	if d.statements != nil {
		var stmts []tftypes.Value
		for _, s := range d.statements {
			stmts = append(stmts, p.statement(t, s))
		}
		set["statement"] = tftypes.NewValue(attrType(t, p.doc, "statement"), stmts)
	}
	return objectOf(t, p.doc, set)
}

func (p policyTypes) statement(t *testing.T, s stmtSpec) tftypes.Value {
	t.Helper()
	set := map[string]tftypes.Value{}
	if s.sid != "" {
		set["sid"] = tftypes.NewValue(tftypes.String, s.sid)
	}
	if s.effect != "" {
		set["effect"] = tftypes.NewValue(tftypes.String, s.effect)
	}
	for name, list := range map[string][]string{
		"actions": s.actions, "not_actions": s.notActions, "resources": s.resources, "not_resources": s.notResources,
	} {
		if list != nil {
			set[name] = stringsOf(attrType(t, p.stmt, name), list...)
		}
	}
	for name, list := range map[string][]principalSpec{"principals": s.principals, "not_principals": s.notPrincipals} {
		if list == nil {
			continue
		}
		var blocks []tftypes.Value
		for _, pr := range list {
			blocks = append(blocks, objectOf(t, p.principal, map[string]tftypes.Value{
				"type":        tftypes.NewValue(tftypes.String, pr.typ),
				"identifiers": stringsOf(attrType(t, p.principal, "identifiers"), pr.ids...),
			}))
		}
		set[name] = tftypes.NewValue(attrType(t, p.stmt, name), blocks)
	}
	if s.conditions != nil {
		var blocks []tftypes.Value
		for _, c := range s.conditions {
			blocks = append(blocks, objectOf(t, p.condition, map[string]tftypes.Value{
				"test":     tftypes.NewValue(tftypes.String, c.test),
				"variable": tftypes.NewValue(tftypes.String, c.variable),
				"values":   stringsOf(attrType(t, p.condition, "values"), c.values...),
			}))
		}
		set["condition"] = tftypes.NewValue(attrType(t, p.stmt, "condition"), blocks)
	}
	return objectOf(t, p.stmt, set)
}

type obj = map[string]any
type arr = []any

const (
	account = "123456789012"
	rootARN = "arn:aws:iam::123456789012:root"
	bucket  = "arn:aws:s3:::lookcard-logs"
)

func TestRenderPolicyDocument(t *testing.T) {
	types := loadPolicyTypes(t)
	cases := []struct {
		name string
		doc  docSpec
		want obj // the decoded json
	}{
		{
			name: "one action collapses to a string",
			doc:  docSpec{statements: []stmtSpec{{actions: []string{"s3:GetObject"}, resources: []string{bucket + "/*"}}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "s3:GetObject", "Resource": bucket + "/*"},
			}},
		},
		{
			name: "several actions and resources become reverse-sorted lists",
			doc: docSpec{statements: []stmtSpec{{
				actions:   []string{"s3:PutObject", "kms:Decrypt", "s3:GetObject"},
				resources: []string{bucket + "/*", bucket},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": arr{"s3:PutObject", "s3:GetObject", "kms:Decrypt"}, "Resource": arr{bucket + "/*", bucket}},
			}},
		},
		{
			name: "explicit version, id, sid and effect",
			doc: docSpec{version: "2008-10-17", policyID: "key-policy", statements: []stmtSpec{{
				sid: "DenyDelete", effect: "Deny", actions: []string{"kms:ScheduleKeyDeletion"}, resources: []string{"*"},
			}}},
			want: obj{"Version": "2008-10-17", "Id": "key-policy", "Statement": arr{
				obj{"Sid": "DenyDelete", "Effect": "Deny", "Action": "kms:ScheduleKeyDeletion", "Resource": "*"},
			}},
		},
		{
			name: "not_actions and not_resources",
			doc: docSpec{statements: []stmtSpec{{
				effect: "Deny", notActions: []string{"iam:*", "sts:*"}, notResources: []string{bucket},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Deny", "NotAction": arr{"sts:*", "iam:*"}, "NotResource": bucket},
			}},
		},
		{
			name: "AWS principal",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"kms:*"}, resources: []string{"*"},
				principals: []principalSpec{{"AWS", []string{rootARN}}},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "kms:*", "Resource": "*", "Principal": obj{"AWS": rootARN}},
			}},
		},
		{
			name: "principals of two types, several identifiers",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"sts:AssumeRole"},
				principals: []principalSpec{
					{"Service", []string{"lambda.amazonaws.com"}},
					{"AWS", []string{"arn:aws:iam::210987654321:root", rootARN}},
				},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": obj{
					"Service": "lambda.amazonaws.com",
					"AWS":     arr{"arn:aws:iam::210987654321:root", "arn:aws:iam::123456789012:root"},
				}},
			}},
		},
		{
			name: "anonymous principal",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"s3:GetObject"}, resources: []string{bucket + "/*"},
				principals: []principalSpec{{"*", []string{"*"}}},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "s3:GetObject", "Resource": bucket + "/*", "Principal": "*"},
			}},
		},
		{
			name: "AWS star principal stays an object",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"sts:AssumeRole"}, principals: []principalSpec{{"AWS", []string{"*"}}},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": obj{"AWS": "*"}},
			}},
		},
		{
			name: "not_principals",
			doc: docSpec{statements: []stmtSpec{{
				effect: "Deny", actions: []string{"s3:*"}, resources: []string{bucket},
				notPrincipals: []principalSpec{{"AWS", []string{rootARN}}},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Deny", "Action": "s3:*", "Resource": bucket, "NotPrincipal": obj{"AWS": rootARN}},
			}},
		},
		{
			name: "conditions",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"sns:Publish"}, resources: []string{"*"},
				principals: []principalSpec{{"Service", []string{"events.amazonaws.com"}}},
				conditions: []conditionSpec{
					{"StringEquals", "aws:SourceAccount", []string{account}},
					{"ArnLike", "aws:SourceArn", []string{"arn:aws:events:*:123456789012:rule/b", "arn:aws:events:*:123456789012:rule/a"}},
					{"StringEquals", "aws:SourceRegion", []string{"ap-southeast-1"}},
				},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{
					"Effect": "Allow", "Action": "sns:Publish", "Resource": "*",
					"Principal": obj{"Service": "events.amazonaws.com"},
					"Condition": obj{
						"StringEquals": obj{"aws:SourceAccount": account, "aws:SourceRegion": "ap-southeast-1"},
						// Condition values keep their configured order.
						"ArnLike": obj{"aws:SourceArn": arr{"arn:aws:events:*:123456789012:rule/b", "arn:aws:events:*:123456789012:rule/a"}},
					},
				},
			}},
		},
		{
			name: "several not_resources are reverse-sorted",
			doc: docSpec{statements: []stmtSpec{{
				effect: "Deny", actions: []string{"s3:*"}, notResources: []string{bucket, bucket + "/*", "arn:aws:s3:::a"},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Deny", "Action": "s3:*", "NotResource": arr{bucket + "/*", bucket, "arn:aws:s3:::a"}},
			}},
		},
		{
			name: "principal blocks of one type merge, reverse-sorted",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"sts:AssumeRole"},
				principals: []principalSpec{
					{"AWS", []string{"arn:aws:iam::111111111111:root"}},
					{"AWS", []string{rootARN, "arn:aws:iam::999999999999:root"}},
				},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": obj{
					"AWS": arr{"arn:aws:iam::999999999999:root", rootARN, "arn:aws:iam::111111111111:root"},
				}},
			}},
		},
		{
			name: "conditions with the same test and variable append their values",
			doc: docSpec{statements: []stmtSpec{{
				actions: []string{"s3:GetObject"},
				conditions: []conditionSpec{
					{"StringEquals", "aws:PrincipalAccount", []string{"333333333333"}},
					{"StringLike", "s3:prefix", []string{"home/"}},
					{"StringEquals", "aws:PrincipalAccount", []string{"222222222222", account}},
					{"StringEquals", "aws:PrincipalAccount", []string{"111111111111"}},
				},
			}}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Effect": "Allow", "Action": "s3:GetObject", "Condition": obj{
					"StringEquals": obj{"aws:PrincipalAccount": arr{"333333333333", "222222222222", account, "111111111111"}},
					"StringLike":   obj{"s3:prefix": "home/"},
				}},
			}},
		},
		{
			name: "&{ becomes ${ in resources, principals and condition values",
			doc: docSpec{statements: []stmtSpec{
				{
					actions:   []string{"s3:GetObject"},
					resources: []string{bucket + "/home/&{aws:username}/*", bucket + "/shared/*"},
					principals: []principalSpec{
						{"AWS", []string{"arn:aws:iam::123456789012:user/&{aws:username}"}},
					},
					conditions: []conditionSpec{
						{"StringLike", "s3:prefix", []string{"home/&{aws:username}/", "shared/"}},
					},
				},
				{
					effect: "Deny", notActions: []string{"s3:*"}, notResources: []string{bucket + "/&{aws:userid}"},
					notPrincipals: []principalSpec{{"AWS", []string{"arn:aws:iam::123456789012:role/&{aws:PrincipalTag/team}", rootARN}}},
				},
			}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{
					"Effect": "Allow", "Action": "s3:GetObject",
					"Resource":  arr{bucket + "/shared/*", bucket + "/home/${aws:username}/*"},
					"Principal": obj{"AWS": "arn:aws:iam::123456789012:user/${aws:username}"},
					"Condition": obj{"StringLike": obj{"s3:prefix": arr{"home/${aws:username}/", "shared/"}}},
				},
				obj{
					"Effect": "Deny", "NotAction": "s3:*", "NotResource": bucket + "/${aws:userid}",
					"NotPrincipal": obj{"AWS": arr{"arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/${aws:PrincipalTag/team}"}},
				},
			}},
		},
		{
			name: "statements keep their order",
			doc: docSpec{statements: []stmtSpec{
				{sid: "B", actions: []string{"s3:GetObject"}},
				{sid: "A", actions: []string{"s3:PutObject"}},
				{actions: []string{"s3:ListBucket"}},
			}},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject"},
				obj{"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject"},
				obj{"Effect": "Allow", "Action": "s3:ListBucket"},
			}},
		},
		{
			name: "override with the same Sid replaces the statement, others are appended",
			doc: docSpec{
				statements: []stmtSpec{
					{sid: "Read", actions: []string{"s3:GetObject"}, resources: []string{bucket + "/*"}},
					{sid: "List", actions: []string{"s3:ListBucket"}, resources: []string{bucket}},
				},
				override: []string{`{"Version": "2012-10-17", "Statement": [
					{"Sid": "Read", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
					{"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "*"}
				]}`},
			},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Sid": "Read", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
				obj{"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": bucket},
				obj{"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "*"},
			}},
		},
		{
			name: "override holding a single statement object",
			doc: docSpec{
				statements: []stmtSpec{{sid: "Read", actions: []string{"s3:GetObject"}}},
				override:   []string{`{"Statement": {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"]}}`},
			},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Sid": "Read", "Effect": "Allow", "Action": arr{"s3:GetObject", "s3:GetObjectVersion"}},
			}},
		},
		{
			name: "later overrides win",
			doc: docSpec{
				statements: []stmtSpec{{sid: "S", actions: []string{"a:One"}}},
				override: []string{
					`{"Statement": [{"Sid": "S", "Effect": "Allow", "Action": "a:Two"}]}`,
					`{"Statement": [{"Sid": "S", "Effect": "Allow", "Action": "a:Three"}]}`,
				},
			},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Sid": "S", "Effect": "Allow", "Action": "a:Three"},
			}},
		},
		{
			name: "statement blocks replace source statements with the same Sid",
			doc: docSpec{
				source: []string{`{"Version": "2012-10-17", "Statement": [
					{"Sid": "Base", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
					{"Sid": "Keep", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}
				]}`},
				statements: []stmtSpec{{sid: "Base", effect: "Deny", actions: []string{"s3:GetObject"}, resources: []string{"*"}}},
			},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{"Sid": "Base", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"},
				obj{"Sid": "Keep", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
			}},
		},
		{
			name: "source statements keep principals and conditions",
			doc: docSpec{
				source: []string{`{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
					"Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
					"Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:lookcard/*"}}}]}`},
			},
			want: obj{"Version": "2012-10-17", "Statement": arr{
				obj{
					"Effect": "Allow", "Action": "sts:AssumeRole",
					"Principal": obj{"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
					"Condition": obj{"StringLike": obj{"token.actions.githubusercontent.com:sub": "repo:lookcard/*"}},
				},
			}},
		},
		{
			name: "no statements",
			doc:  docSpec{},
			want: obj{"Version": "2012-10-17", "Statement": arr{}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := types.config(t, c.doc)
			doc, err := RenderPolicyDocument(cfg)
			if err != nil {
				t.Fatalf("RenderPolicyDocument: %v", err)
			}
			var got any
			if err := json.Unmarshal([]byte(doc.Pretty), &got); err != nil {
				t.Fatalf("json is not valid JSON: %v\n%s", err, doc.Pretty)
			}
			if !reflect.DeepEqual(got, any(c.want)) {
				wantJSON, _ := json.MarshalIndent(c.want, "", "  ")
				t.Errorf("json =\n%s\nwant (keys in any order)\n%s", doc.Pretty, wantJSON)
			}

			// minified_json is the same document without whitespace.
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(doc.Pretty)); err != nil {
				t.Fatal(err)
			}
			if doc.Minified != compact.String() {
				t.Errorf("minified_json = %s\nwant %s", doc.Minified, compact.String())
			}
			if strings.ContainsAny(doc.Minified, "\n\t") {
				t.Errorf("minified_json holds whitespace: %q", doc.Minified)
			}
			if !strings.HasPrefix(doc.Pretty, "{\n  \"Version\": ") {
				t.Errorf("json does not start with an indented Version: %q", doc.Pretty)
			}
			if doc.ID == "" {
				t.Error("id is empty")
			}
			again, err := RenderPolicyDocument(cfg)
			if err != nil || again != doc {
				t.Errorf("rendering is not deterministic: %+v, %v", again, err)
			}
		})
	}
}

// TestRenderPolicyDocumentText pins the exact text of a simple policy: the
// AWS provider renders it with json.MarshalIndent(doc, "", "  ").
func TestRenderPolicyDocumentText(t *testing.T) {
	types := loadPolicyTypes(t)
	doc, err := RenderPolicyDocument(types.config(t, docSpec{statements: []stmtSpec{{
		sid: "Logs", actions: []string{"logs:PutLogEvents"}, resources: []string{"arn:aws:logs:*:*:log-group:/lookcard/*"},
	}}}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Logs",
      "Effect": "Allow",
      "Action": "logs:PutLogEvents",
      "Resource": "arn:aws:logs:*:*:log-group:/lookcard/*"
    }
  ]
}`
	if doc.Pretty != want {
		t.Errorf("json =\n%s\nwant\n%s", doc.Pretty, want)
	}
	if wantMin := `{"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:*:*:log-group:/lookcard/*"}]}`; doc.Minified != wantMin {
		t.Errorf("minified_json = %s\nwant %s", doc.Minified, wantMin)
	}
}

func TestRenderPolicyDocumentIDChanges(t *testing.T) {
	types := loadPolicyTypes(t)
	a, err := RenderPolicyDocument(types.config(t, docSpec{statements: []stmtSpec{{actions: []string{"s3:GetObject"}}}}))
	if err != nil {
		t.Fatal(err)
	}
	b, err := RenderPolicyDocument(types.config(t, docSpec{statements: []stmtSpec{{actions: []string{"s3:PutObject"}}}}))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == b.ID {
		t.Errorf("different documents share the id %s", a.ID)
	}
}

func TestRenderPolicyDocumentErrors(t *testing.T) {
	types := loadPolicyTypes(t)
	cases := []struct {
		name string
		doc  docSpec
		want string
	}{
		{"malformed override", docSpec{override: []string{`{"Statement": [`}}, "override_policy_documents"},
		{"malformed source", docSpec{source: []string{`not json`}}, "source_policy_documents"},
		{"statement of the wrong shape", docSpec{source: []string{`{"Statement": "s3:*"}`}}, "source_policy_documents"},
		// Version 2008-10-17 has no policy variables: the provider refuses the escape.
		{"&{ in a 2008-10-17 resource", docSpec{version: "2008-10-17", statements: []stmtSpec{{resources: []string{"arn:aws:s3:::b/&{aws:username}"}}}}, "resources"},
		{"&{ in a 2008-10-17 principal", docSpec{version: "2008-10-17", statements: []stmtSpec{{principals: []principalSpec{{"AWS", []string{"&{aws:username}"}}}}}}, "principals"},
		{"&{ in a 2008-10-17 condition", docSpec{version: "2008-10-17", statements: []stmtSpec{{conditions: []conditionSpec{{"StringLike", "s3:prefix", []string{"&{aws:username}"}}}}}}, "condition"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := RenderPolicyDocument(types.config(t, c.doc))
			if err == nil {
				t.Fatalf("RenderPolicyDocument = %+v, want an error", doc)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
	t.Run("not an object", func(t *testing.T) {
		if _, err := RenderPolicyDocument(tftypes.NewValue(tftypes.String, "x")); err == nil {
			t.Error("a string configuration was accepted")
		}
	})
}

// TestRenderPolicyDocumentUnknown checks that unknown values (not yet known
// at plan time) do not break rendering.
func TestRenderPolicyDocumentUnknown(t *testing.T) {
	types := loadPolicyTypes(t)
	stmt := objectOf(t, types.stmt, map[string]tftypes.Value{
		"actions":   stringsOf(attrType(t, types.stmt, "actions"), "s3:GetObject"),
		"resources": tftypes.NewValue(attrType(t, types.stmt, "resources"), tftypes.UnknownValue),
	})
	cfg := objectOf(t, types.doc, map[string]tftypes.Value{
		"statement": tftypes.NewValue(attrType(t, types.doc, "statement"), []tftypes.Value{stmt}),
	})
	doc, err := RenderPolicyDocument(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid([]byte(doc.Pretty)) {
		t.Errorf("json is not valid: %s", doc.Pretty)
	}
}
