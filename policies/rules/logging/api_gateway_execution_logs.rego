# METADATA
# title: API Gateway stages write execution logs
# description: >-
#   Every aws_api_gateway_stage has an aws_api_gateway_method_settings for
#   all methods (method_path "*/*", matched by stage name) whose
#   logging_level is ERROR or INFO, so failed and refused requests leave a
#   trace beside the access log. data_trace_enabled (full request and
#   response bodies, which may hold card data) must stay off.
# custom:
#   id: LC-LOG-013
#   severity: deny
#   severity_by_environment: {develop: warn, sandbox: warn}
#   pci: ["10.2.1", "3.3.1"]
#   soc2: ["CC7.2"]
#   equivalents: {security_hub: [APIGateway.1], checkov: [CKV2_AWS_4]}
#   applies_to: [aws_api_gateway_stage, aws_api_gateway_method_settings]
#   remediation: >-
#     Keep aws_api_gateway_method_settings "all" (method_path "*/*") with
#     logging_level = "ERROR" (or "INFO") and data_trace_enabled = false in
#     modules/api-gateway.
package lookcard.rules.logging.api_gateway_execution_logs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

examined contains rc.address if some rc in lib.resources("aws_api_gateway_stage")

examined contains rc.address if some rc in lib.resources("aws_api_gateway_method_settings")

logs_all(stage) if {
	some ms in lib.resources("aws_api_gateway_method_settings")
	ms.module_address == stage.module_address
	lib.value(ms, "stage_name") == lib.value(stage, "stage_name")
	lib.value(ms, "method_path") == "*/*"
	some i in lib.blocks(ms, "settings")
	lib.value(ms, ["settings", i, "logging_level"]) in {"ERROR", "INFO"}
}

violation contains lib.violation(rc, "no method settings for */* with logging_level ERROR or INFO: execution errors are not logged") if {
	some rc in lib.resources("aws_api_gateway_stage")
	not logs_all(rc)
}

violation contains lib.violation(rc, sprintf("method_path %v: data_trace_enabled logs full request and response bodies, which may hold cardholder data", [lib.value(rc, "method_path")])) if {
	some rc in lib.resources("aws_api_gateway_method_settings")
	some i in lib.blocks(rc, "settings")
	lib.value(rc, ["settings", i, "data_trace_enabled"]) == true
}

violation contains lib.violation(rc, sprintf("method_path %v: logging_level is OFF", [lib.value(rc, "method_path")])) if {
	some rc in lib.resources("aws_api_gateway_method_settings")
	some i in lib.blocks(rc, "settings")
	lib.value(rc, ["settings", i, "logging_level"]) == "OFF"
}
