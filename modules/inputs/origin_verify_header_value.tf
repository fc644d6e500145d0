variable "origin_verify_header_value" {
  type        = string
  description = "The secret value of origin_verify_header_name (modules/waf's origin_verify_header.value). Sensitive."
  default     = null
  sensitive   = true
}
