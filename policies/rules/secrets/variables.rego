# METADATA
# title: Root variables (tfvars) hold no secrets
# description: >-
#   No root module variable that is not declared sensitive holds, at any
#   depth, a string named like a secret or a value that looks like an AWS
#   access key id or a PEM block. tfvars files are committed; secrets are
#   created in Secrets Manager and put there by their owners.
# custom:
#   id: LC-SEC-003
#   severity: deny
#   pci: ["8.6.2", "3.5.1"]
#   soc2: ["CC6.1"]
#   applies_to: [variable]
#   remediation: Remove the value from the tfvars file; create the secret with modules/secrets and put its value out of band.
package lookcard.rules.secrets.variables

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

sensitive(name) if input.configuration.root_module.variables[name].sensitive == true

examined contains sprintf("var.%s", [name]) if some name, _ in object.get(input, "variables", {})

violation contains {"address": sprintf("var.%s", [name]), "msg": sprintf("%s %s", [concat(".", keys), reason])} if {
	some name, v in object.get(input, "variables", {})
	not sensitive(name)
	some [keys, reason] in lib.secret_literals(name, object.get(v, "value", null))
}
