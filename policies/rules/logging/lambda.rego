# METADATA
# title: Lambda functions log to a managed log group and are traced
# description: >-
#   Every aws_lambda_function names its log group in logging_config (one this
#   configuration manages, with KMS encryption and retention, instead of the
#   group Lambda creates on first use with neither) and has active X-Ray
#   tracing.
# custom:
#   id: LC-LOG-008
#   severity: deny
#   pci: ["10.2.1", "10.5.1"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_lambda_function]
#   remediation: Set logging_config { log_format = "JSON", log_group = aws_cloudwatch_log_group.<fn>.name } and tracing_config { mode = "Active" }.
package lookcard.rules.logging.lambda

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "logging_config names no log group: Lambda would create one with no retention and no KMS key") if {
	some rc in lib.resources("aws_lambda_function")
	not lib.is_set(rc, ["logging_config", 0, "log_group"])
}

violation contains lib.violation(rc, "tracing_config mode is not Active: invocations are not traced") if {
	some rc in lib.resources("aws_lambda_function")
	not lib.equals(rc, ["tracing_config", 0, "mode"], "Active")
}
