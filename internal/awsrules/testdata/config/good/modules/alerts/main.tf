module "topics" {
  source = "./topics"
}
