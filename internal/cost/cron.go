package cost

import (
	"fmt"
	"strconv"
	"strings"
)

// daysPerMonth is the average month in days: 730 hours / 24.
const daysPerMonth = 730.0 / 24

var (
	dowNames   = map[string]int{"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
	monthNames = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}
)

// runsPerMonth estimates how often an EventBridge (Scheduler or Application
// Auto Scaling) schedule expression fires in an average month:
// cron(min hour day-of-month month day-of-week year), rate(n unit) or at(...)
// (once: 0 per month).
func runsPerMonth(expr string) (float64, error) {
	expr = strings.TrimSpace(expr)
	switch {
	case strings.HasPrefix(expr, "rate(") && strings.HasSuffix(expr, ")"):
		f := strings.Fields(expr[len("rate(") : len(expr)-1])
		if len(f) != 2 {
			return 0, fmt.Errorf("bad rate expression %q", expr)
		}
		n, err := strconv.ParseFloat(f[0], 64)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("bad rate expression %q", expr)
		}
		switch strings.TrimSuffix(f[1], "s") {
		case "minute":
			return daysPerMonth * 24 * 60 / n, nil
		case "hour":
			return daysPerMonth * 24 / n, nil
		case "day":
			return daysPerMonth / n, nil
		}
		return 0, fmt.Errorf("bad rate unit in %q", expr)
	case strings.HasPrefix(expr, "at("):
		return 0, nil
	}
	c, err := parseCron(expr)
	if err != nil {
		return 0, err
	}
	return c.minutes * c.hours * c.days * c.months / 12, nil
}

type cronExpr struct {
	minute, hour, dom, month, dow string
	minutes, hours, days, months  float64
}

func parseCron(expr string) (cronExpr, error) {
	if !strings.HasPrefix(expr, "cron(") || !strings.HasSuffix(expr, ")") {
		return cronExpr{}, fmt.Errorf("not a schedule expression: %q", expr)
	}
	f := strings.Fields(expr[len("cron(") : len(expr)-1])
	if len(f) != 6 {
		return cronExpr{}, fmt.Errorf("cron expression %q needs 6 fields", expr)
	}
	c := cronExpr{minute: f[0], hour: f[1], dom: f[2], month: f[3], dow: f[4]}
	var err error
	if c.minutes, err = countField(f[0], 0, 59, nil); err != nil {
		return c, fmt.Errorf("%s: minutes: %w", expr, err)
	}
	if c.hours, err = countField(f[1], 0, 23, nil); err != nil {
		return c, fmt.Errorf("%s: hours: %w", expr, err)
	}
	if c.months, err = countField(f[3], 1, 12, monthNames); err != nil {
		return c, fmt.Errorf("%s: month: %w", expr, err)
	}
	if c.days, err = daysOf(f[2], f[4]); err != nil {
		return c, fmt.Errorf("%s: %w", expr, err)
	}
	return c, nil
}

// daysOf is the number of days a month the schedule fires on.
func daysOf(dom, dow string) (float64, error) {
	if dom != "*" && dom != "?" {
		n := 0.0
		for _, part := range strings.Split(dom, ",") {
			if part == "L" || strings.HasSuffix(part, "W") || strings.HasPrefix(part, "L-") {
				n++
				continue
			}
			k, err := countField(part, 1, 31, nil)
			if err != nil {
				return 0, fmt.Errorf("day-of-month: %w", err)
			}
			n += k
		}
		return n, nil
	}
	if dow == "*" || dow == "?" {
		return daysPerMonth, nil
	}
	weekly, monthly := 0.0, 0.0
	for _, part := range strings.Split(dow, ",") {
		if strings.Contains(part, "#") || strings.HasSuffix(part, "L") {
			monthly++ // the nth or last such weekday: once a month
			continue
		}
		k, err := countField(part, 1, 7, dowNames)
		if err != nil {
			return 0, fmt.Errorf("day-of-week: %w", err)
		}
		weekly += k
	}
	return weekly*daysPerMonth/7 + monthly, nil
}

// countField counts the values a cron field matches: *, n, a-b, a/b, a-b/c
// and comma lists, with optional names (MON, JAN).
func countField(field string, lo, hi int, names map[string]int) (float64, error) {
	n := 0.0
	for _, part := range strings.Split(field, ",") {
		step := 1
		if base, s, ok := strings.Cut(part, "/"); ok {
			v, err := strconv.Atoi(s)
			if err != nil || v <= 0 {
				return 0, fmt.Errorf("bad step in %q", part)
			}
			step, part = v, base
		}
		from, to := lo, hi
		switch {
		case part == "*" || part == "?":
		case strings.Contains(part, "-"):
			a, b, _ := strings.Cut(part, "-")
			var err error
			if from, err = value(a, names); err != nil {
				return 0, err
			}
			if to, err = value(b, names); err != nil {
				return 0, err
			}
		default:
			v, err := value(part, names)
			if err != nil {
				return 0, err
			}
			from = v
			if step == 1 {
				to = v
			}
		}
		if from < lo || to > hi || from > to {
			return 0, fmt.Errorf("%q is out of range %d-%d", part, lo, hi)
		}
		n += float64((to-from)/step + 1)
	}
	return n, nil
}

func value(s string, names map[string]int) (int, error) {
	if v, ok := names[strings.ToUpper(s)]; ok {
		return v, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("bad value %q", s)
	}
	return v, nil
}

// scheduledWindow is how many hours a month a service runs between a
// scale-up and a scale-down schedule of the form cron(M H ? * DAYS *) on the
// same days: the working-hours window of scheduled scaling.
func scheduledWindow(up, down string) (float64, bool) {
	u, err1 := parseCron(up)
	d, err2 := parseCron(down)
	if err1 != nil || err2 != nil || u.minutes != 1 || u.hours != 1 || d.minutes != 1 || d.hours != 1 ||
		u.dom != d.dom || u.dow != d.dow || u.month != d.month {
		return 0, false
	}
	um, _ := strconv.Atoi(u.minute)
	uh, _ := strconv.Atoi(u.hour)
	dm, _ := strconv.Atoi(d.minute)
	dh, _ := strconv.Atoi(d.hour)
	window := ((dh*60 + dm) - (uh*60 + um) + 24*60) % (24 * 60)
	if window == 0 {
		return 0, false
	}
	return float64(window) / 60 * u.days * u.months / 12, true
}
