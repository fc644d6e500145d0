package awsrules

import "path"

// Prerequisite is a principal that neither this configuration nor
// bootstrap/ creates, which a policy may still name because it is created
// elsewhere before the first apply. ARN is a pattern: `*` matches any run
// of characters within one ARN segment (path.Match), typically the account.
type Prerequisite struct {
	ARN    string
	Reason string
}

// Prerequisites lists, once each, the principals a first apply needs to exist
// already. `lookcard doctor` and docs/first-apply.md should check and create
// exactly these; keep the reason saying who creates it.
var Prerequisites = []Prerequisite{
	{
		ARN: "arn:aws:iam::*:role/lookcard-dns-records",
		Reason: "the DNS account's role that the aws.dns provider assumes (variable dns_role_name); " +
			"created in the DNS account, outside this repository, trusting each account's plan, deploy and admin roles",
	},
}

// prerequisite returns the entry that allows arn, if any.
func prerequisite(arn string, list []Prerequisite) (Prerequisite, bool) {
	for _, p := range list {
		if ok, _ := path.Match(p.ARN, arn); ok {
			return p, true
		}
	}
	return Prerequisite{}, false
}
