# METADATA
# title: API Gateway stages write access logs
# description: >-
#   Every aws_api_gateway_stage has access_log_settings and every
#   aws_apigatewayv2_stage has access_settings with a destination_arn, so
#   each API call is on record with its caller and result.
# custom:
#   id: LC-LOG-005
#   severity: deny
#   severity_by_environment: {develop: warn, sandbox: warn}
#   pci: ["10.2.1", "10.2.2"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#   remediation: Add access_log_settings { destination_arn = <encrypted log group ARN>, format = jsonencode({...}) }.
package lookcard.rules.logging.api_gateway_access_logs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

settings := {"aws_api_gateway_stage": "access_log_settings", "aws_apigatewayv2_stage": "access_settings"}

violation contains lib.violation(rc, sprintf("no %s: API calls are not recorded", [block])) if {
	some type, block in settings
	some rc in lib.resources(type)
	not lib.has_block(rc, block)
}

violation contains lib.violation(rc, sprintf("%s has no destination_arn", [block])) if {
	some type, block in settings
	some rc in lib.resources(type)
	some i in lib.blocks(rc, block)
	not lib.is_set(rc, [block, i, "destination_arn"])
}
