# METADATA
# title: Root outputs expose no secrets
# description: >-
#   No root output that is not sensitive holds a string named like a secret
#   or a value that looks like an AWS access key id or a PEM block: outputs
#   are printed by every plan and apply and read by other stacks. Outputs
#   unknown at plan time are listed as unverified.
# custom:
#   id: LC-SEC-004
#   severity: deny
#   pci: ["8.6.2", "3.5.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [output]
#   remediation: Output the secret's ARN or name instead, or mark the output sensitive = true if another stack must read it.
package lookcard.rules.secrets.outputs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

outputs := {name: o |
	some name, o in object.get(input, "output_changes", {})
	o.actions != ["delete"]
}

sensitive(name) if outputs[name].after_sensitive == true

sensitive(name) if input.configuration.root_module.outputs[name].sensitive == true

examined contains sprintf("output.%s", [name]) if some name, _ in outputs

unverified contains sprintf("output.%s", [name]) if {
	some name, o in outputs
	o.after_unknown == true
}

violation contains {"address": sprintf("output.%s", [name]), "msg": sprintf("%s %s", [concat(".", keys), reason])} if {
	some name, o in outputs
	not sensitive(name)
	some [keys, reason] in lib.secret_literals(name, o.after)
}
