# METADATA
# title: Origins admit only the edge in front of them
# description: >-
#   The REST API serves only its custom domain (the execute-api endpoint is
#   disabled); when Cloudflare proxies the public names, the custom domain
#   requires mutual TLS (Cloudflare's origin-pull certificate); and a publicly
#   accessible App Runner service is guarded by a web ACL that blocks by
#   default (admitting only CloudFront's secret origin header), with
#   CloudFront adding that header on its App Runner origin.
# custom:
#   id: LC-EDGE-003
#   severity: deny
#   pci: ["1.4.1", "6.4.2"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_api_gateway_rest_api, aws_api_gateway_domain_name, aws_apprunner_service]
#   remediation: >-
#     Keep disable_execute_api_endpoint = true and pass mutual_tls to
#     modules/api-gateway behind Cloudflare; guard App Runner with the
#     origin web ACL (modules/waf origin_verify) and pass its header to
#     modules/cloudfront.
package lookcard.rules.edge.origin_authentication

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

cloudflare_proxied if {
	some rc in lib.resources("cloudflare_dns_record")
	lib.value(rc, "proxied") == true
}

violation contains lib.violation(rc, "disable_execute_api_endpoint is not true: the execute-api address skips the custom domain and its edge") if {
	some rc in lib.resources("aws_api_gateway_rest_api")
	not lib.enabled(rc, "disable_execute_api_endpoint")
}

violation contains lib.violation(rc, "no mutual_tls_authentication: behind Cloudflare anyone who finds the regional domain can skip Cloudflare") if {
	cloudflare_proxied
	some rc in lib.resources("aws_api_gateway_domain_name")
	not lib.has_block(rc, "mutual_tls_authentication")
}

public_app_runner(rc) if {
	lib.value(rc, ["network_configuration", 0, "ingress_configuration", 0, "is_publicly_accessible"]) != false
}

guarded_by_default_block if {
	some assoc in lib.resources("aws_wafv2_web_acl_association")
	contains(lib.instance_key(assoc), "app-runner")
	some acl in lib.resources("aws_wafv2_web_acl")
	lib.module_path(acl) == lib.module_path(assoc)
	count(lib.value(acl, ["default_action", 0, "block"])) == 1
}

cloudfront_adds_origin_header if {
	some d in lib.resources("aws_cloudfront_distribution")
	some o in lib.value(d, "origin")
	count(object.get(o, "custom_header", [])) > 0
}

violation contains lib.violation(rc, "publicly accessible without a web ACL that blocks by default: its *.awsapprunner.com address skips CloudFront, its WAF and security headers") if {
	some rc in lib.resources("aws_apprunner_service")
	public_app_runner(rc)
	not guarded_by_default_block
}

violation contains lib.violation(rc, "publicly accessible, but no CloudFront origin adds the secret header its web ACL admits") if {
	some rc in lib.resources("aws_apprunner_service")
	public_app_runner(rc)
	guarded_by_default_block
	not cloudfront_adds_origin_header
}
