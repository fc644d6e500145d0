package cost

// Pricers of the observability tier: CloudWatch logs, alarms and dashboards,
// and CloudTrail. pricers.go maps resource types to them.

import "fmt"

func priceLogGroup(c *calc, r *Resource, rc *ResourceCost) {
	name := str(r.Values, "name")
	if class := str(r.Values, "log_group_class"); class != "" && class != "STANDARD" {
		rc.unpriced = "log group class " + class + " is not in the price book"
		return
	}
	gb, rule := c.usage.logGBPerDay(name)
	c.add(rc, "cloudwatch_logs_ingest_gb", "Log ingestion", UsageBased, gb*daysPerMonth,
		fmt.Sprintf("%s GB/day (logs: %s) × %s days", n(gb), rule, n(daysPerMonth)))
	days, ok := num(r.Values, "retention_in_days")
	kept := "retention_in_days"
	if !ok || days == 0 {
		days, kept = c.usage.Logs.NeverExpireDays, "never expires: logs.never_expire_days"
	}
	f := c.usage.Logs.StoredFraction
	c.add(rc, "cloudwatch_logs_storage_gb_month", "Log storage (steady state)", UsageBased, gb*days*f,
		fmt.Sprintf("%s GB/day × %s days kept (%s) × %s stored after compression (logs.stored_fraction)", n(gb), n(days), kept, n(f)))
}

func priceMetricAlarm(c *calc, r *Resource, rc *ResourceCost) {
	metrics := 0.0
	for _, q := range blocks(r.Values, "metric_query") {
		if block(q, "metric") != nil {
			metrics++
		}
	}
	why := "1 metric"
	if metrics == 0 {
		metrics = 1
	} else {
		why = fmt.Sprintf("%s metrics in metric_query", n(metrics))
	}
	key, what := "cloudwatch_alarm_month", "standard resolution"
	if p, ok := num(r.Values, "period"); ok && p < 60 {
		key, what = "cloudwatch_alarm_high_resolution_month", "high resolution"
	}
	c.add(rc, key, "Alarm ("+what+")", Hourly, metrics, why)
}

func priceCompositeAlarm(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "cloudwatch_composite_alarm_month", "Composite alarm", Hourly, 1, "1 alarm")
}

func priceDashboard(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "cloudwatch_dashboard_month", "Dashboard", Hourly, 1, "1 dashboard (the account's 3 free dashboards are not netted)")
}

func priceCloudTrail(c *calc, r *Resource, rc *ResourceCost) {
	t := c.usage.CloudTrail
	if c.count["aws_cloudtrail"] > 1 && t.ManagementEventsMillions > 0 {
		c.add(rc, "cloudtrail_management_100k", "Management events (additional trail copy)", UsageBased, t.ManagementEventsMillions*10,
			fmt.Sprintf("%s million (cloudtrail.management_events_millions) × 10", n(t.ManagementEventsMillions)))
	} else {
		rc.Notes = append(rc.Notes, "the first copy of management events is free")
	}
	dataEvents := false
	for _, s := range blocks(r.Values, "event_selector") {
		if len(blocks(s, "data_resource")) > 0 {
			dataEvents = true
		}
	}
	if len(blocks(r.Values, "advanced_event_selector")) > 0 {
		dataEvents = true
	}
	if dataEvents {
		c.add(rc, "cloudtrail_data_100k", "Data events", UsageBased, t.DataEventsMillions*10,
			fmt.Sprintf("%s million (cloudtrail.data_events_millions) × 10", n(t.DataEventsMillions)))
	}
}
