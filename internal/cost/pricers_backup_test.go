package cost

import (
	"strings"
	"testing"
)

// A backup selection that cannot be priced says why; it is never free.
func TestBackupSelectionUnpriced(t *testing.T) {
	u := mustUsage(t, testUsage)
	plan := func(rule map[string]any) *Resource {
		return res("module.backup[0]", "aws_backup_plan", "this", nil, m{"rule": l(rule)})
	}
	sel := func(values map[string]any) *Resource {
		return res("module.backup[0]", "aws_backup_selection", "this", nil, values)
	}
	table := "arn:aws:dynamodb:ap-southeast-1:111111111111:table/t"
	daily := m{"rule_name": "daily", "schedule": "cron(0 18 * * ? *)", "lifecycle": l(m{"delete_after": 7.0})}
	unknownResources := sel(m{})
	unknownResources.Unknown = map[string]any{"resources": true}
	cases := []struct {
		name string
		rs   []*Resource
		want string
	}{
		{"recovery points kept forever",
			[]*Resource{plan(m{"rule_name": "daily", "schedule": "cron(0 18 * * ? *)", "lifecycle": l()}), sel(m{"resources": l(table)})},
			"keeps its recovery points forever"},
		{"copies kept forever",
			[]*Resource{plan(m{"rule_name": "daily", "schedule": "cron(0 18 * * ? *)", "lifecycle": l(m{"delete_after": 7.0}),
				"copy_action": l(m{"destination_vault_arn": "arn:aws:backup:ap-southeast-2:111111111111:backup-vault:c"})}), sel(m{"resources": l(table)})},
			"keeps its copies in ap-southeast-2 forever"},
		{"a resource type the book has no backup price for",
			[]*Resource{plan(daily), sel(m{"resources": l("arn:aws:elasticfilesystem:ap-southeast-1:111111111111:file-system/fs-1")})},
			"only DynamoDB tables and Aurora clusters are priced"},
		{"resources known only after apply, and no rehearsal",
			[]*Resource{plan(daily), unknownResources},
			"known only after apply"},
		{"a schedule that is not one",
			[]*Resource{plan(m{"rule_name": "daily", "schedule": "every day", "lifecycle": l(m{"delete_after": 7.0})}), sel(m{"resources": l(table)})},
			"backup rule daily"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bd := priceAll(t, u, nil, c.rs...)
			if len(bd.NotPriced) != 1 || !strings.Contains(bd.NotPriced[0].Reason, c.want) {
				t.Errorf("NOT PRICED = %+v, want one with %q", bd.NotPriced, c.want)
			}
		})
	}
}

// A new table's ARN is known only after apply: the rehearsal's state gives
// the selection's resources.
func TestBackupSelectionFromRehearsalState(t *testing.T) {
	sel := res("module.backup[0]", "aws_backup_selection", "this", nil, m{})
	sel.Unknown = map[string]any{"resources": true}
	pl := &Plan{Resources: []*Resource{
		res("module.backup[0]", "aws_backup_plan", "this", nil, m{"rule": l(m{"rule_name": "daily", "schedule": "cron(0 18 * * ? *)",
			"lifecycle": l(m{"delete_after": 7.0})})}),
		sel,
	}, Outputs: map[string]any{}, Variables: map[string]any{"environment": "develop", "aws_region": "ap-southeast-1"}}
	st := State{sel.Address: {"resources": []any{"arn:aws:dynamodb:ap-southeast-1:111111111111:table/t"}}}
	bd, err := Estimate(Input{Plan: pl, Book: repoBook(t), Usage: mustUsage(t, testUsage), State: st})
	if err != nil {
		t.Fatal(err)
	}
	rc, ok := find(bd, sel.Address)
	if !ok {
		t.Fatalf("not priced: %+v", bd.NotPriced)
	}
	// One table of dynamodb.default (3 GB), 7 daily backups kept.
	if want := 7 * 3 * p(t, "backup_dynamodb_gb_month"); !near(rc.Monthly, want) {
		t.Errorf("monthly %.4f, want %.4f", rc.Monthly, want)
	}
	if !strings.Contains(strings.Join(rc.Notes, " "), "rehearsal") {
		t.Errorf("notes %q do not say the resources came from the rehearsal", rc.Notes)
	}
}

func TestARNRegion(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:backup:ap-southeast-2:111111111111:backup-vault:v": "ap-southeast-2",
		"arn:aws:iam::111111111111:role/r":                          "",
		"not an arn":                                                "",
	} {
		if got := arnRegion(arn); got != want {
			t.Errorf("arnRegion(%q) = %q, want %q", arn, got, want)
		}
	}
}

// The copy vault's ARN is known only after apply; its region is the
// module's vault in another region.
func TestBackupCopyRegionFromTheModulesVault(t *testing.T) {
	plan := res("module.backup[0]", "aws_backup_plan", "this", nil, m{"rule": l(m{"rule_name": "daily", "schedule": "cron(0 18 * * ? *)",
		"lifecycle": l(m{"delete_after": 7.0}), "copy_action": l(m{"lifecycle": l(m{"delete_after": 7.0})})})})
	sel := res("module.backup[0]", "aws_backup_selection", "this", nil, m{"resources": l("arn:aws:dynamodb:ap-southeast-1:111111111111:table/t")})
	home := res("module.backup[0]", "aws_backup_vault", "this", nil, m{"region": "ap-southeast-1"})
	away := res("module.backup[0]", "aws_backup_vault", "copy", 0, m{"region": "ap-southeast-2"})
	bd := priceAll(t, mustUsage(t, testUsage), nil, plan, sel, home, away)
	rc, ok := find(bd, sel.Address)
	if !ok {
		t.Fatalf("not priced: %+v", bd.NotPriced)
	}
	runs := 365.0 / 12
	want := 7*3*p(t, "backup_dynamodb_gb_month") + runs*3*p(t, "data_transfer_inter_region_gb") + 7*3*p(t, "backup_dynamodb_gb_month/ap-southeast-2")
	if !near(rc.Monthly, want) {
		t.Errorf("monthly %.4f, want %.4f", rc.Monthly, want)
	}
	// Two vaults elsewhere: which one is meant is not known.
	other := res("module.backup[0]", "aws_backup_vault", "copy", 1, m{"region": "ap-northeast-1"})
	bd = priceAll(t, mustUsage(t, testUsage), nil, plan, sel, home, away, other)
	if len(bd.NotPriced) != 1 || !strings.Contains(bd.NotPriced[0].Reason, "region is unknown") {
		t.Errorf("NOT PRICED = %+v", bd.NotPriced)
	}
}
