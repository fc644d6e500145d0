resource "aws_sns_topic" "alerts" {
  name = "lookcard-test-alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = "{}"
}
