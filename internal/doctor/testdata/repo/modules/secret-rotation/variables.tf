variable "reserved_concurrent_executions" {
  type    = number
  default = 2
}
