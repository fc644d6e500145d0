package cost

// AWS Backup. A plan, a vault and its lock cost nothing themselves (the price
// book's free list); what they keep does. The selection names what is backed
// up, so it carries the recovery points' storage, their cross-region copies'
// storage and the transfer of those copies. pricers.go maps it here.

import (
	"fmt"
	"strings"
)

func priceBackupSelection(c *calc, r *Resource, rc *ResourceCost) {
	plan, why := c.backupPlanOf(r)
	if plan == nil {
		rc.unpriced = why
		return
	}
	arns, ok := c.selectionResources(r, rc)
	if !ok {
		return
	}
	// Sizes from the usage file: DynamoDB backups are full copies of each
	// table; the Aurora cluster's in-region snapshots are Aurora backup
	// storage, priced on the cluster (aurora.backup_gb_beyond_free), but its
	// cross-region copies are full copies of the volume.
	var ddbGB, auroraGB float64
	var ddbWhy, auroraWhy []string
	tables := c.tablesByName()
	for _, arn := range arns {
		switch {
		case strings.Contains(arn, ":dynamodb:") && strings.Contains(arn, ":table/"):
			name := arn[strings.LastIndex(arn, ":table/")+len(":table/"):]
			key, src := "", "dynamodb.default"
			if t, ok := tables[name]; ok {
				key = t.indexKey()
				if _, ok := c.usage.DynamoDB.Tables[key]; ok {
					src = "dynamodb.tables[" + key + "]"
				}
			}
			gb := c.usage.table(key).StorageGB
			ddbGB += gb
			ddbWhy = append(ddbWhy, fmt.Sprintf("%s %s GB (%s)", name, n(gb), src))
		case strings.Contains(arn, ":rds:") && strings.Contains(arn, ":cluster:"):
			auroraGB += c.usage.Aurora.StorageGB
			auroraWhy = append(auroraWhy, fmt.Sprintf("%s %s GB (aurora.storage_gb)", arn[strings.LastIndex(arn, ":")+1:], n(c.usage.Aurora.StorageGB)))
		default:
			rc.unpriced = "recovery points of " + arn + " (only DynamoDB tables and Aurora clusters are priced)"
			return
		}
	}
	if auroraGB > 0 {
		rc.Notes = append(rc.Notes, "Aurora's in-region recovery points are Aurora backup storage, priced on the cluster (aurora.backup_gb_beyond_free)")
	}
	for _, rule := range blocks(plan.Values, "rule") {
		name := str(rule, "rule_name")
		runs, err := runsPerMonth(str(rule, "schedule"))
		if err != nil {
			rc.unpriced = fmt.Sprintf("backup rule %s: %v", name, err)
			return
		}
		keep, ok := deleteAfter(rule)
		if !ok {
			rc.unpriced = fmt.Sprintf("backup rule %s keeps its recovery points forever (no lifecycle.delete_after): storage grows without bound", name)
			return
		}
		kept := runs / daysPerMonth * keep
		if ddbGB > 0 {
			c.add(rc, "backup_dynamodb_gb_month", fmt.Sprintf("DynamoDB recovery points (rule %s)", name), UsageBased, kept*ddbGB,
				fmt.Sprintf("%s kept (%s a month × %s days) × %s GB, each a full backup: %s", n(kept), n(runs), n(keep), n(ddbGB), strings.Join(ddbWhy, ", ")))
		}
		for _, cp := range blocks(rule, "copy_action") {
			region := arnRegion(str(cp, "destination_vault_arn"))
			if region == "" {
				// The vault's ARN is known only after apply; its region is
				// configuration (the provider's per-resource region).
				if region = c.otherRegionVault(r.ModuleAddress); region == "" {
					rc.unpriced = fmt.Sprintf("backup rule %s copies to a vault whose region is unknown in the plan", name)
					return
				}
				rc.Notes = append(rc.Notes, "copy destination known only after apply: the module's vault in "+region)
			}
			copyKeep, ok := deleteAfter(cp)
			if !ok {
				rc.unpriced = fmt.Sprintf("backup rule %s keeps its copies in %s forever (no lifecycle.delete_after)", name, region)
				return
			}
			copies := runs / daysPerMonth * copyKeep
			if region != c.book.Region {
				c.add(rc, "data_transfer_inter_region_gb", "Cross-region copies: transfer to "+region, UsageBased, runs*(ddbGB+auroraGB),
					fmt.Sprintf("%s copies a month × %s GB (full copies of every selected resource)", n(runs), n(ddbGB+auroraGB)))
			}
			if ddbGB > 0 {
				c.add(rc, "backup_dynamodb_gb_month/"+region, "DynamoDB copies in "+region, UsageBased, copies*ddbGB,
					fmt.Sprintf("%s kept (%s days) × %s GB", n(copies), n(copyKeep), n(ddbGB)))
			}
			if auroraGB > 0 {
				c.add(rc, "aurora_backup_gb_month/"+region, "Aurora snapshot copies in "+region+" (always full copies)", UsageBased, copies*auroraGB,
					fmt.Sprintf("%s kept (%s days) × %s", n(copies), n(copyKeep), strings.Join(auroraWhy, ", ")))
			}
		}
	}
}

// backupPlanOf is the backup plan a selection belongs to: its plan_id is
// known only after apply, so the plan of the same module instance.
func (c *calc) backupPlanOf(r *Resource) (*Resource, string) {
	var plans []*Resource
	for _, o := range c.byModule[r.ModuleAddress] {
		if o.Type == "aws_backup_plan" {
			plans = append(plans, o)
		}
	}
	switch len(plans) {
	case 1:
		return plans[0], ""
	case 0:
		return nil, "no aws_backup_plan in " + orDefault(r.ModuleAddress, "the root module") + " to read the schedule and retention from"
	}
	return nil, fmt.Sprintf("%d backup plans in %s: which one the selection belongs to is known only after apply", len(plans), r.ModuleAddress)
}

// selectionResources are the selected ARNs: from the plan, else from the
// offline rehearsal's state (a new table's ARN is known only after apply).
func (c *calc) selectionResources(r *Resource, rc *ResourceCost) ([]string, bool) {
	raw := list(r.Values, "resources")
	if r.unknown("resources") {
		v, ok := c.state[r.Address]["resources"].([]any)
		if !ok {
			rc.unpriced = "the selected resources are known only after apply (run `lookcard apply --offline` first: the rehearsal's state resolves them)"
			return nil, false
		}
		raw = v
		rc.Notes = append(rc.Notes, "resources unknown in the plan: read from the offline rehearsal's state")
	}
	var arns []string
	for _, v := range raw {
		s, ok := v.(string)
		if !ok || s == "" {
			rc.unpriced = "a selected resource's ARN is known only after apply (run `lookcard apply --offline` first)"
			return nil, false
		}
		arns = append(arns, s)
	}
	return arns, true
}

// otherRegionVault is the region of the one backup vault of a module that
// lies outside the price book's region ("" when there is not exactly one).
func (c *calc) otherRegionVault(module string) string {
	regions := map[string]bool{}
	for _, o := range c.byModule[module] {
		if reg := str(o.Values, "region"); o.Type == "aws_backup_vault" && reg != "" && reg != c.book.Region {
			regions[reg] = true
		}
	}
	if len(regions) != 1 {
		return ""
	}
	for reg := range regions {
		return reg
	}
	return ""
}

func (c *calc) tablesByName() map[string]*Resource {
	m := map[string]*Resource{}
	for _, t := range c.plan.Resources {
		if t.Type == "aws_dynamodb_table" {
			m[str(t.Values, "name")] = t
		}
	}
	return m
}

// deleteAfter is a rule's (or copy action's) lifecycle.delete_after in days.
func deleteAfter(b map[string]any) (float64, bool) {
	for _, l := range blocks(b, "lifecycle") {
		if d, ok := num(l, "delete_after"); ok && d > 0 {
			return d, true
		}
	}
	return 0, false
}

// arnRegion is the region field of an ARN ("" when there is none).
func arnRegion(arn string) string {
	f := strings.SplitN(arn, ":", 6)
	if len(f) < 6 || f[0] != "arn" {
		return ""
	}
	return f[3]
}
