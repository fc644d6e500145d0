# METADATA
# title: The account blocks S3 public access for every bucket
# description: >-
#   Each environment's stack manages aws_s3_account_public_access_block with
#   all four settings true, so that no bucket in the account, including one
#   created outside this code, can be made public. Previews and bootstrap/
#   rely on their environment's stack.
# custom:
#   id: LC-NET-012
#   severity: deny
#   pci: ["1.4.4", "7.2.1"]
#   soc2: ["CC6.1", "CC6.6"]
#   equivalents: {security_hub: [S3.1], checkov: [CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56]}
#   applies_to: [aws_s3_account_public_access_block]
#   remediation: >-
#     Add aws_s3_account_public_access_block with block_public_acls,
#     block_public_policy, ignore_public_acls and restrict_public_buckets true
#     to the environment's stack.
package lookcard.rules.network.s3_account_public_access

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

examined contains "(plan)" if lib.account_stack

examined contains rc.address if some rc in lib.resources("aws_s3_account_public_access_block")

violation contains {"address": "(plan)", "msg": "no aws_s3_account_public_access_block: buckets created outside this stack may be made public"} if {
	lib.account_stack
	count(lib.resources("aws_s3_account_public_access_block")) == 0
}

violation contains lib.violation(rc, sprintf("%s is %v: the account does not block public access", [s, lib.value(rc, s)])) if {
	some rc in lib.resources("aws_s3_account_public_access_block")
	some s in settings
	not lib.enabled(rc, s)
}
