package awsrules

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// PolicyAttributes are the attributes that hold a resource policy naming
// principals, by resource type. aws_lambda_permission's principal is a
// single principal, not a policy document.
var PolicyAttributes = map[string]string{
	"aws_kms_key":                      "policy",
	"aws_kms_key_policy":               "policy",
	"aws_iam_role":                     "assume_role_policy",
	"aws_s3_bucket":                    "policy",
	"aws_s3_bucket_policy":             "policy",
	"aws_secretsmanager_secret":        "policy",
	"aws_secretsmanager_secret_policy": "policy",
	"aws_sns_topic":                    "policy",
	"aws_sns_topic_policy":             "policy",
	"aws_sqs_queue":                    "policy",
	"aws_sqs_queue_policy":             "policy",
	"aws_ecr_repository_policy":        "policy",
	"aws_lambda_permission":            "principal",
}

// Principals is what the principals rule accepts besides AWS services.
type Principals struct {
	AccountID     string         // the plan's account; its root (and bare ID) always exists
	BootstrapRole []string       // role names bootstrap/ creates in that account
	BootstrapOIDC []string       // OIDC provider hosts bootstrap/ creates
	Prerequisites []Prerequisite // created elsewhere, listed once
}

// Statement is one policy statement, with its principals flattened.
type statement struct {
	Effect     string
	Actions    []string
	Principals map[string][]string // AWS, Service, Federated, CanonicalUser, or "*" => ["*"]
}

func stringsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// parseStatements parses a policy document's statements.
func parseStatements(doc string) ([]statement, error) {
	var d struct {
		Statement any `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, err
	}
	var raws []map[string]any
	switch s := d.Statement.(type) {
	case map[string]any:
		raws = []map[string]any{s}
	case []any:
		for _, e := range s {
			if m, ok := e.(map[string]any); ok {
				raws = append(raws, m)
			}
		}
	}
	var out []statement
	for _, r := range raws {
		st := statement{Principals: map[string][]string{}}
		st.Effect, _ = r["Effect"].(string)
		st.Actions = stringsOf(r["Action"])
		switch p := r["Principal"].(type) {
		case string:
			st.Principals["*"] = []string{p}
		case map[string]any:
			for k, v := range p {
				st.Principals[k] = stringsOf(v)
			}
		}
		out = append(out, st)
	}
	return out, nil
}

var (
	accountIDRe = regexp.MustCompile(`^[0-9]{12}$`)
	iamARNRe    = regexp.MustCompile(`^arn:aws[a-z-]*:(iam|sts)::([0-9]{12}):(.+)$`)
)

// CheckPrincipals returns a violation for every principal a policy names
// that may not exist when the policy is applied: KMS, IAM, S3, Secrets
// Manager, SNS and SQS reject (or silently break on) a principal that does
// not exist, so each must be created by this plan, by bootstrap/ (in the
// plan's account), be an AWS service, or match Prerequisites. Policies that
// are known only after apply, or hold no JSON document, are returned in
// unchecked (by address).
func CheckPrincipals(p *Plan, ok Principals) (vs []Violation, unchecked []string) {
	account := ok.AccountID
	roles, users, oidc := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range p.OfType("aws_iam_role") {
		roles[r.str("name")] = true
	}
	for _, r := range p.OfType("aws_iam_user") {
		users[r.str("name")] = true
	}
	for _, r := range p.OfType("aws_iam_openid_connect_provider") {
		oidc[strings.TrimPrefix(r.str("url"), "https://")] = true
	}
	for _, n := range ok.BootstrapRole {
		roles[n] = true
	}
	for _, h := range ok.BootstrapOIDC {
		oidc[strings.TrimPrefix(h, "https://")] = true
	}

	exists := func(kind, principal string) (bool, string) {
		if principal == "*" {
			return true, ""
		}
		switch kind {
		case "Service":
			if strings.HasSuffix(principal, ".amazonaws.com") || strings.HasSuffix(principal, ".amazonaws.com.cn") {
				return true, ""
			}
			return false, "is not an AWS service principal (<service>.amazonaws.com)"
		case "CanonicalUser":
			return true, ""
		case "Federated":
			switch principal {
			case "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com", "accounts.google.com":
				return true, ""
			}
		}
		if _, listed := prerequisite(principal, ok.Prerequisites); listed {
			return true, ""
		}
		if accountIDRe.MatchString(principal) {
			if principal == account {
				return true, ""
			}
			return false, "is another account: list it in awsrules.Prerequisites with the reason it must exist"
		}
		m := iamARNRe.FindStringSubmatch(principal)
		if m == nil {
			return false, "is not an ARN, account ID or service this rule understands"
		}
		acct, res := m[2], m[3]
		if acct != account {
			return false, "is in account " + acct + ", which this configuration does not manage: list it in awsrules.Prerequisites with the reason it exists"
		}
		kindOf, name, _ := strings.Cut(res, "/")
		name = name[strings.LastIndex(name, "/")+1:] // strip an IAM path
		switch {
		case res == "root":
			return true, ""
		case m[1] == "iam" && kindOf == "role" && roles[name]:
			return true, ""
		case m[1] == "iam" && kindOf == "user" && users[name]:
			return true, ""
		case m[1] == "iam" && kindOf == "oidc-provider" && oidc[strings.TrimPrefix(res, "oidc-provider/")]:
			return true, ""
		}
		return false, "is created neither by this configuration nor by bootstrap/, and is not in awsrules.Prerequisites (KMS, IAM and S3 reject policies naming principals that do not exist)"
	}

	for _, r := range p.Resources {
		attr, has := PolicyAttributes[r.Type]
		if !has {
			continue
		}
		if r.unknown(attr) {
			unchecked = append(unchecked, r.Address)
			continue
		}
		doc := r.str(attr)
		if doc == "" {
			continue
		}
		if r.Type == "aws_lambda_permission" {
			kind := "AWS"
			if strings.Contains(doc, ".amazonaws.com") {
				kind = "Service"
			}
			if good, why := exists(kind, doc); !good {
				vs = append(vs, Violation{RulePrincipals, r.Address, fmt.Sprintf("principal %s %s", doc, why)})
			}
			continue
		}
		sts, err := parseStatements(doc)
		if err != nil {
			// The provider validates policy JSON; what is not JSON here is a
			// computed placeholder (an offline rehearsal's), not a policy.
			unchecked = append(unchecked, r.Address)
			continue
		}
		seen := map[string]bool{}
		for _, st := range sts {
			kinds := make([]string, 0, len(st.Principals))
			for k := range st.Principals {
				kinds = append(kinds, k)
			}
			sort.Strings(kinds)
			for _, k := range kinds {
				for _, pr := range st.Principals[k] {
					if seen[k+pr] {
						continue
					}
					seen[k+pr] = true
					if good, why := exists(k, pr); !good {
						vs = append(vs, Violation{RulePrincipals, r.Address, fmt.Sprintf("%s principal %s %s", k, pr, why)})
					}
				}
			}
		}
	}
	sort.Strings(unchecked)
	return sortViolations(vs), unchecked
}

func assumes(actions []string) bool {
	for _, a := range actions {
		switch strings.ToLower(a) {
		case "*", "sts:*", "sts:assumerole", "sts:assumerole*", "sts:assume*":
			return true
		}
	}
	return false
}

// CheckSelfTrust returns a violation for every IAM role whose trust policy
// allows the role itself to assume it: IAM rejects the principal when the
// role is created (it does not exist yet), and a role needs no trust in
// itself. A role with an unknown name or policy is not checked.
func CheckSelfTrust(p *Plan, accountID string) []Violation {
	var vs []Violation
	for _, r := range p.OfType("aws_iam_role") {
		name, doc := r.str("name"), r.str("assume_role_policy")
		if name == "" || doc == "" {
			continue
		}
		sts, err := parseStatements(doc)
		if err != nil {
			continue // CheckPrincipals reports it
		}
		for _, st := range sts {
			if st.Effect != "Allow" || !assumes(st.Actions) {
				continue
			}
			for _, pr := range st.Principals["AWS"] {
				m := iamARNRe.FindStringSubmatch(pr)
				if m == nil || m[1] != "iam" || (accountID != "" && m[2] != accountID) {
					continue
				}
				res := m[3]
				if strings.HasPrefix(res, "role/") && res[strings.LastIndex(res, "/")+1:] == name {
					vs = append(vs, Violation{RuleSelfTrust, r.Address, fmt.Sprintf("role %s trusts itself (%s) with %s", name, pr, strings.Join(st.Actions, ", "))})
				}
			}
		}
	}
	return sortViolations(vs)
}
