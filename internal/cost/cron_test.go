package cost

import "testing"

func TestRunsPerMonth(t *testing.T) {
	days := 730.0 / 24
	cases := []struct {
		expr string
		want float64
	}{
		{"cron(0 2 * * ? *)", days},               // daily at 02:00
		{"cron(30 3 * * ? *)", days},              // daily at 03:30
		{"cron(0 4 1 * ? *)", 1},                  // the 1st of the month
		{"cron(0 8 ? * MON-FRI *)", 5 * days / 7}, // weekdays
		{"cron(0/15 * * * ? *)", 4 * 24 * days},   // every 15 minutes
		{"cron(0 0,12 ? * SAT,SUN *)", 2 * 2 * days / 7},
		{"cron(0 9 ? * 2#1 *)", 1},        // first Monday
		{"cron(0 6 L * ? *)", 1},          // last day of the month
		{"cron(0 6 1 1,7 ? *)", 2.0 / 12}, // January and July
		{"rate(1 day)", days},
		{"rate(6 hours)", 730.0 / 6},
		{"rate(30 minutes)", 730.0 * 2},
		{"at(2027-01-01T00:00:00)", 0},
	}
	for _, c := range cases {
		got, err := runsPerMonth(c.expr)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if !near(got, c.want) {
			t.Errorf("runsPerMonth(%s) = %v, want %v", c.expr, got, c.want)
		}
	}
	for _, bad := range []string{"cron(0 2 * *)", "cron(61 2 * * ? *)", "rate(x days)", "rate(1 fortnight)", "every day", "cron(0 2 ? * FUNDAY *)"} {
		if _, err := runsPerMonth(bad); err == nil {
			t.Errorf("runsPerMonth(%q) must fail", bad)
		}
	}
}

func TestScheduledWindow(t *testing.T) {
	days := 730.0 / 24
	cases := []struct {
		up, down string
		want     float64
		ok       bool
	}{
		{"cron(0 8 ? * MON-FRI *)", "cron(0 20 ? * MON-FRI *)", 12 * 5 * days / 7, true},
		{"cron(30 9 ? * MON-FRI *)", "cron(0 18 ? * MON-FRI *)", 8.5 * 5 * days / 7, true},
		{"cron(0 20 * * ? *)", "cron(0 2 * * ? *)", 6 * days, true}, // overnight window
		{"cron(0 8 ? * MON-FRI *)", "cron(0 20 ? * MON-SAT *)", 0, false},
		{"cron(0 8,9 ? * MON-FRI *)", "cron(0 20 ? * MON-FRI *)", 0, false},
		{"", "cron(0 20 ? * MON-FRI *)", 0, false},
	}
	for _, c := range cases {
		got, ok := scheduledWindow(c.up, c.down)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("scheduledWindow(%s, %s) = %v, %v; want %v, %v", c.up, c.down, got, ok, c.want, c.ok)
		}
	}
}
