variable "names" {}
