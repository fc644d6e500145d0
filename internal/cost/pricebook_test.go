package cost

import (
	"strings"
	"testing"
)

func TestRepositoryPriceBook(t *testing.T) {
	b := repoBook(t)
	if b.Region != "ap-southeast-1" || b.Currency != "USD" || b.HoursPerMonth != 730 {
		t.Errorf("region/currency/hours = %s/%s/%v", b.Region, b.Currency, b.HoursPerMonth)
	}
	for k, pr := range b.Prices {
		if pr.Confidence == Estimated && !strings.Contains(pr.Basis+pr.Note, " ") {
			t.Errorf("%s: estimated without saying how", k)
		}
	}
	if !b.spotArchitecture("X86_64") || b.spotArchitecture("ARM64") {
		t.Errorf("Fargate Spot architectures = %v, want X86_64 only", b.FargateSpot.Architectures)
	}
	for _, typ := range PricedTypes() {
		if _, free := b.Free[typ]; free {
			t.Errorf("%s is priced and listed as free", typ)
		}
	}
}

func TestPriceBookValidation(t *testing.T) {
	entry := func(extra string) string {
		return "region: ap-southeast-1\ncurrency: USD\nhours_per_month: 730\nprices:\n  x:\n" + extra
	}
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown field", "region: ap-southeast-1\nbogus: 1\n", "field bogus not found"},
		{"missing source", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2026-11-29\n    confidence: sourced\n"), "x: description, unit, checked and source are required"},
		{"bad confidence", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2026-11-29\n    source: https://example.com\n    confidence: guessed\n"), `confidence must be "sourced" or "estimated"`},
		{"estimated without basis", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2026-11-29\n    source: https://example.com\n    confidence: estimated\n"), "needs a basis or a note"},
		{"non-https source", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2026-11-29\n    source: ftp://x\n    confidence: sourced\n"), "public https URL"},
		{"required prices", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2026-11-29\n    source: https://x\n    confidence: sourced\n"), "missing price fargate_x86_vcpu_hour"},
		{"priced type listed free", "region: r\ncurrency: USD\nhours_per_month: 730\nfree:\n  aws_nat_gateway: no\n", "aws_nat_gateway is both priced and listed as free"},
		{"checked is not a date", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: yesterday\n    source: https://x\n    confidence: sourced\n"), `x: checked "yesterday" is not a date`},
		{"checked is not a real day", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2026-02-30\n    source: https://x\n    confidence: sourced\n"), `checked "2026-02-30" is not a date`},
		{"checked in the future", entry("    description: d\n    unit: GB\n    usd: 1\n    checked: 2999-01-01\n    source: https://x\n    confidence: sourced\n"), "checked 2999-01-01 is in the future"},
		{"fargate spot checked", "region: r\ncurrency: USD\nhours_per_month: 730\nfargate_spot:\n  checked: soon\n", `fargate_spot: checked "soon" is not a date`},
		{"free without reason", "region: r\ncurrency: USD\nhours_per_month: 730\nfree:\n  aws_vpc: \"\"\n", "free type aws_vpc needs a reason"},
	}
	for _, c := range cases {
		_, err := ParsePriceBook([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestRepositoryUsageFiles(t *testing.T) {
	for _, env := range []string{"develop", "testing", "staging", "production", "sandbox"} {
		u, err := LoadUsage(UsagePath(repoRoot, env))
		if err != nil {
			t.Fatal(err)
		}
		if u.Environment != env {
			t.Errorf("%s: environment = %q", u.Path(), u.Environment)
		}
		if u.Logs.StoredFraction == 0 || u.Logs.NeverExpireDays == 0 || u.Aurora.WriterAverageACU == 0 || u.ECS.JobMinutesPerRun == 0 {
			t.Errorf("%s: logs.stored_fraction, logs.never_expire_days, aurora.writer_average_acu and ecs.job_minutes_per_run must be set", u.Path())
		}
	}
}

func TestUsageIsStrict(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"environment: develop\nnetwork: {nat_gb: 10}\n", "field nat_gb not found"},
		{"logs: {groups: [{match: \"[\", gb_per_day: 1}]}\n", "bad pattern"},
		{"logs: {stored_fraction: 2}\n", "stored_fraction must be from 0 to 1"},
	} {
		if _, err := ParseUsage([]byte(c.yaml)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseUsage(%q) = %v, want %q", c.yaml, err, c.want)
		}
	}
	u := mustUsage(t, "logs:\n  default_gb_per_day: 0.1\n  groups: [{match: \"/ecs/*/exec\", gb_per_day: 0.001}, {match: \"/ecs/*/*\", gb_per_day: 0.2}]\n")
	for name, want := range map[string]float64{"/ecs/lookcard-develop/exec": 0.001, "/ecs/lookcard-develop/card-api": 0.2, "/aws/other": 0.1} {
		if got, _ := u.logGBPerDay(name); got != want {
			t.Errorf("logGBPerDay(%s) = %v, want %v", name, got, want)
		}
	}
}
