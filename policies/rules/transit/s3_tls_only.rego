# METADATA
# title: S3 bucket policies refuse requests without TLS
# description: >-
#   Every aws_s3_bucket has an aws_s3_bucket_policy with a Deny for every
#   principal of s3:* (or all actions) when aws:SecureTransport is false,
#   so no client can read or write its objects in plaintext. A policy
#   computed at apply time is unverified.
# custom:
#   id: LC-TLS-009
#   severity: deny
#   pci: ["4.2.1"]
#   soc2: ["CC6.7"]
#   equivalents: {security_hub: [S3.5], checkov: [CKV_AWS_379]}
#   applies_to: [aws_s3_bucket]
#   remediation: >-
#     Use modules/s3-bucket, whose bucket policy starts with the statement
#     DenyInsecureTransport (Deny s3:* to Principal "*" when
#     aws:SecureTransport is "false").
package lookcard.rules.transit.s3_tls_only

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

policies_of(bucket) := [p |
	some p in lib.resources("aws_s3_bucket_policy")
	lib.same_bucket(p, bucket)
]

denies_plaintext(st) if {
	st.Effect == "Deny"
	lib.wildcard_principal(st)
	some a in lib.as_list(st.Action)
	a in {"s3:*", "*"}
	object.get(st, ["Condition", "Bool", "aws:SecureTransport"], null) in {"false", false, ["false"], [false]}
}

tls_only(p) if {
	some st in lib.statements(lib.policy(p, "policy"))
	denies_plaintext(st)
}

unverified contains rc.address if {
	some rc in lib.resources("aws_s3_bucket")
	some p in policies_of(rc)
	lib.unknown(p, "policy")
}

violation contains lib.violation(rc, "no aws_s3_bucket_policy: requests without TLS are not refused") if {
	some rc in lib.resources("aws_s3_bucket")
	count(policies_of(rc)) == 0
}

violation contains lib.violation(rc, sprintf("%s has no Deny of s3:* to every principal when aws:SecureTransport is false", [p.address])) if {
	some rc in lib.resources("aws_s3_bucket")
	some p in policies_of(rc)
	not lib.unknown(p, "policy")
	not tls_only(p)
}
