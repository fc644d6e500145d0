# METADATA
# title: Resource policies never admit every principal unconditionally
# description: >-
#   No Allow in a resource policy (KMS key policy, SQS queue policy, SNS
#   topic policy, S3 bucket policy, ECR repository or registry policy,
#   Lambda permission) names Principal "*" (or AWS "*") without a condition
#   that limits it to known callers (aws:SourceArn, aws:SourceAccount,
#   aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce, ...). Public
#   ECR Gallery repositories are refused outright. Policies computed at
#   apply time are read from the rehearsal state and are unverified without
#   one.
# custom:
#   id: LC-IAM-010
#   severity: deny
#   pci: ["7.2.1", "1.4.4"]
#   soc2: ["CC6.1", "CC6.6"]
#   equivalents: {security_hub: [S3.2, S3.3, S3.6, SNS.4, SQS.3, Lambda.1, KMS.5], checkov: [CKV_AWS_33, CKV_AWS_72, CKV_AWS_169, CKV_AWS_70, CKV_AWS_32, CKV_AWS_301]}
#   applies_to: [aws_kms_key, aws_kms_key_policy, aws_sqs_queue, aws_sqs_queue_policy, aws_sns_topic, aws_sns_topic_policy, aws_s3_bucket_policy, aws_ecr_repository_policy, aws_ecr_registry_policy, aws_ecrpublic_repository, aws_lambda_permission]
#   remediation: >-
#     Name the principals (account roles, services) that need access, or
#     keep Principal "*" only under a condition on aws:SourceArn,
#     aws:SourceAccount or aws:PrincipalOrgID; keep container images in
#     private ECR repositories.
package lookcard.rules.identity.resource_policy_principals

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

policy_types := {"aws_kms_key", "aws_kms_key_policy", "aws_sqs_queue", "aws_sqs_queue_policy", "aws_sns_topic", "aws_sns_topic_policy", "aws_s3_bucket_policy", "aws_ecr_repository_policy", "aws_ecr_registry_policy"}

subjects := [rc |
	some type in policy_types
	some rc in lib.resources(type)
]

# aws_sns_topic, aws_sqs_queue and aws_kms_key compute policy when the
# configuration leaves it to a separate *_policy resource (or the default).
unverified contains rc.address if {
	some rc in subjects
	lib.unknown(rc, "policy")
	lib.configured(rc, "policy")
}

violation contains lib.violation(rc, sprintf("policy statement %v allows %v to every principal with no condition limiting the caller", [object.get(st, "Sid", i), object.get(st, "Action", "?")])) if {
	some rc in subjects
	some i, st in lib.statements(lib.policy(rc, "policy"))
	lib.allows(st)
	lib.wildcard_principal(st)
	not lib.scoped(st)
}

violation contains lib.violation(rc, "a public ECR Gallery repository: anyone can pull its images") if {
	some rc in lib.resources("aws_ecrpublic_repository")
}

violation contains lib.violation(rc, "principal is \"*\" with no source_arn or source_account: anyone can invoke the function") if {
	some rc in lib.resources("aws_lambda_permission")
	lib.value(rc, "principal") == "*"
	lib.missing(rc, "source_arn")
	lib.missing(rc, "source_account")
	lib.missing(rc, "principal_org_id")
}
