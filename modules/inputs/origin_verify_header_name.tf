variable "origin_verify_header_name" {
  type        = string
  description = "Header the module adds to every request it sends to its origin, carrying origin_verify_header_value: the origin's web ACL (modules/waf origin_verify) admits only requests with it. null: no header (the origin is then reachable without this edge)."
  default     = null

  validation {
    condition     = var.origin_verify_header_name == null || can(regex("^[a-z0-9-]{1,64}$", coalesce(var.origin_verify_header_name, "x")))
    error_message = "origin_verify_header_name must be a lower-case HTTP header name such as x-origin-verify."
  }
}
