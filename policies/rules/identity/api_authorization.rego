# METADATA
# title: Methods of sensitive API routes require authorization at the gateway
# description: >-
#   The methods of sensitive routes (those with stricter per-method
#   throttling: cards, crypto, auth, resellers; identified by their
#   aws_api_gateway_method_settings "sensitive" instances) use an
#   authorizer (authorization not NONE) or require an API key, so that
#   unauthenticated traffic is refused before it reaches a service.
#   Routes that authenticate in the service are accepted deviations with an
#   expiry in policies/exceptions.yaml.
# custom:
#   id: LC-IAM-012
#   severity: deny
#   pci: ["7.2.1", "8.2.1", "6.4.1"]
#   soc2: ["CC6.1", "CC6.6"]
#   equivalents: {security_hub: [APIGateway.8], checkov: [CKV_AWS_59]}
#   applies_to: [aws_api_gateway_method]
#   remediation: >-
#     Add an authorizer (COGNITO_USER_POOLS, CUSTOM or AWS_IAM) to the
#     route's methods in modules/api-gateway, or require an API key
#     (api_key_routes); until then, record an expiring exception.
package lookcard.rules.identity.api_authorization

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

# The route keys with sensitive method settings ("card-api", "card-api/proxy").
sensitive_routes contains route if {
	some ms in lib.resources("aws_api_gateway_method_settings")
	ms.name == "sensitive"
	route := split(lib.instance_key(ms), "/")[0]
}

sensitive(rc) if {
	rc.name in {"proxy", "route"}
	lib.instance_key(rc) in sensitive_routes
}

examined contains rc.address if {
	some rc in lib.resources("aws_api_gateway_method")
	sensitive(rc)
}

violation contains lib.violation(rc, sprintf("%v %v route %v: authorization NONE and no API key: the gateway forwards unauthenticated requests", [lib.value(rc, "http_method"), rc.name, lib.instance_key(rc)])) if {
	some rc in lib.resources("aws_api_gateway_method")
	sensitive(rc)
	lib.value(rc, "http_method") != "OPTIONS"
	lib.value(rc, "authorization") == "NONE"
	lib.value(rc, "api_key_required") != true
}
