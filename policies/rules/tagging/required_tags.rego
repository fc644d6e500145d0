# METADATA
# title: Every taggable resource carries the required tags
# description: >-
#   Every resource with tags_all carries Project, Environment, ManagedBy,
#   GitCommit and DataClassification (normally from the provider's
#   default_tags), so the inventory of in-scope components, their owner
#   stack, the change that made them and the data they hold can be read from
#   AWS itself.
# custom:
#   id: LC-TAG-001
#   severity: deny
#   pci: ["12.5.1", "6.5.1"]
#   soc2: ["CC6.1", "CC8.1"]
#   applies_to: [taggable]
#   remediation: Keep default_tags = local.tags in providers.tf, or add the missing tags to the resource's tags.
package lookcard.rules.tagging.required_tags

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

required := ["Project", "Environment", "ManagedBy", "GitCommit", "DataClassification"]

# Resources whose schema has tags_all (present even when null).
taggable := [rc |
	some rc in lib.changes
	object.get(rc.change.after, "tags_all", false) != false
]

examined contains rc.address if some rc in taggable

# computed(unknown, key): the tag (or all of tags_all) is computed at apply time.
computed(unknown, _) if unknown == true

computed(unknown, key) if unknown[key] == true

violation contains lib.violation(rc, sprintf("missing required tags: %s", [concat(", ", missing)])) if {
	some rc in taggable
	tags := tags_object(object.get(rc.change.after, "tags_all", {}))
	present := {k | some k in required; v := tags[k]; is_string(v); v != ""}
	count(present) < count(required)
	unknown := object.get(rc.change, ["after_unknown", "tags_all"], {})
	missing := [k | some k in required; not k in present; not computed(unknown, k)]
	count(missing) > 0
}

tags_object(tags) := tags if is_object(tags)

tags_object(tags) := {} if not is_object(tags)
