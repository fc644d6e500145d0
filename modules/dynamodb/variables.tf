variable "kms_key_arn" {
  type        = string
  description = "ARN of the data key that encrypts every table (server-side encryption with a customer managed key)."
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Turn DynamoDB deletion protection on for every table (on in staging and production)."
  nullable    = false
}

variable "services" {
  type        = list(string)
  description = "Every service name in the catalog. Each table's service must be one of them; table_arns_by_service has a key for each."
  nullable    = false

  validation {
    condition     = alltrue([for s in var.services : can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", s))]) && length(distinct(var.services)) == length(var.services)
    error_message = "services must be distinct catalog service names (lower-case letters, digits and dashes)."
  }
}

variable "tables" {
  description = <<-EOT
    Tables keyed "<service>/<table>", exactly the catalog module's tables
    output. Keys are strings (type S). ttl names the attribute holding the
    expiry epoch; stream = true turns on a NEW_AND_OLD_IMAGES stream.
    billing_mode PROVISIONED also needs read_capacity and write_capacity.
  EOT
  type = map(object({
    service        = string
    table          = string
    hash_key       = string
    range_key      = optional(string)
    ttl            = optional(string)
    stream         = optional(bool, false)
    billing_mode   = optional(string, "PAY_PER_REQUEST")
    read_capacity  = optional(number)
    write_capacity = optional(number)
  }))
  nullable = false

  validation {
    condition     = alltrue([for k, t in var.tables : can(regex("^[a-z][a-z0-9-]*[a-z0-9]/[a-z][a-z0-9-]{1,40}$", k)) && k == "${t.service}/${t.table}"])
    error_message = "tables keys must be \"<service>/<table>\" matching each entry's service and table, such as \"card-api/cards\": ${join(", ", [for k, t in var.tables : k if !(can(regex("^[a-z][a-z0-9-]*[a-z0-9]/[a-z][a-z0-9-]{1,40}$", k)) && k == "${t.service}/${t.table}")])}."
  }

  validation {
    condition = alltrue([for k, t in var.tables : alltrue([
      for a in compact([t.hash_key, t.range_key, t.ttl]) : can(regex("^[A-Za-z_][A-Za-z0-9_.-]{0,254}$", a))
    ])])
    error_message = "hash_key, range_key and ttl must be attribute names matching ^[A-Za-z_][A-Za-z0-9_.-]*$ (at most 255 characters)."
  }

  validation {
    condition     = alltrue([for k, t in var.tables : t.range_key != t.hash_key && t.ttl != t.hash_key && (t.ttl == null || t.ttl != t.range_key)])
    error_message = "range_key and ttl must differ from hash_key and from each other (a TTL attribute holds a number; keys here are strings): ${join(", ", [for k, t in var.tables : k if !(t.range_key != t.hash_key && t.ttl != t.hash_key && (t.ttl == null || t.ttl != t.range_key))])}."
  }

  validation {
    condition     = alltrue([for k, t in var.tables : contains(["PAY_PER_REQUEST", "PROVISIONED"], t.billing_mode)])
    error_message = "billing_mode must be PAY_PER_REQUEST or PROVISIONED: ${join(", ", [for k, t in var.tables : "${k} (${t.billing_mode})" if !contains(["PAY_PER_REQUEST", "PROVISIONED"], t.billing_mode)])}."
  }

  validation {
    condition = alltrue([for k, t in var.tables : t.billing_mode != "PROVISIONED" ? (t.read_capacity == null && t.write_capacity == null) : (
      t.read_capacity != null && t.write_capacity != null && try(t.read_capacity >= 1 && t.write_capacity >= 1, false)
    )])
    error_message = "PROVISIONED tables need read_capacity and write_capacity of at least 1; PAY_PER_REQUEST tables take neither."
  }
}
