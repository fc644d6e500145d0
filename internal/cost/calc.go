package cost

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// calc holds what pricing one resource needs to know about the others.
type calc struct {
	plan     *Plan
	book     *PriceBook
	usage    *Usage
	state    State
	hours    float64
	warnings []string
	warned   map[string]bool

	byModule        map[string][]*Resource // module instance address → resources
	count           map[string]int         // resources per type
	clusterByName   map[string]string      // ECS cluster name → key
	clusterNameOf   map[string]string      // ECS cluster key → name
	strategy        map[string][]strategy  // ECS cluster name → default capacity provider strategy
	serviceCluster  map[string]string      // service name → cluster key
	ecs             map[string]*ecsUnit    // module instance address → its ECS service or job
	clusterTasks    map[string]float64     // cluster key → average running tasks
	clusterServices map[string]int         // cluster key → ECS services
	auroraACU       map[string]float64     // module instance → average ACU of its Serverless v2 instances
	noSpot          map[string][]string    // architecture → services asking for Spot they cannot use
	interfaceEPs    int
}

// serviceModules are the module calls whose instance key names a service.
var serviceModules = map[string]bool{"module.ecs_service": true}

type strategy struct {
	provider     string
	base, weight float64
}

func newCalc(p *Plan, book *PriceBook, u *Usage) *calc {
	c := &calc{
		plan: p, book: book, usage: u, hours: book.HoursPerMonth, warned: map[string]bool{},
		byModule: map[string][]*Resource{}, count: map[string]int{},
		clusterByName: map[string]string{}, clusterNameOf: map[string]string{}, strategy: map[string][]strategy{},
		serviceCluster: map[string]string{}, ecs: map[string]*ecsUnit{}, clusterTasks: map[string]float64{},
		clusterServices: map[string]int{}, auroraACU: map[string]float64{}, noSpot: map[string][]string{},
	}
	for _, r := range p.Resources {
		c.byModule[r.ModuleAddress] = append(c.byModule[r.ModuleAddress], r)
		c.count[r.Type]++
		switch r.Type {
		case "aws_ecs_cluster":
			name := str(r.Values, "name")
			key := r.indexKey()
			if key == "" {
				key = name
			}
			c.clusterByName[name] = key
			c.clusterNameOf[key] = name
		case "aws_ecs_cluster_capacity_providers":
			c.strategy[str(r.Values, "cluster_name")] = strategies(blocks(r.Values, "default_capacity_provider_strategy"))
		case "aws_vpc_endpoint":
			if strings.EqualFold(str(r.Values, "vpc_endpoint_type"), "Interface") {
				c.interfaceEPs++
			}
		}
	}
	// The catalog's service → cluster map, when the root exports it.
	if m, ok := p.Outputs["services_by_cluster"].(map[string]any); ok {
		for cluster, v := range m {
			if l, ok := v.([]any); ok {
				for _, s := range l {
					if name, ok := s.(string); ok {
						c.serviceCluster[name] = cluster
					}
				}
			}
		}
	}
	// ECS services and jobs first: clusters (Container Insights) and the
	// RDS Proxy need their totals.
	for _, r := range p.Resources {
		switch r.Type {
		case "aws_ecs_service":
			if u := c.ecsService(r); u != nil {
				c.ecs[r.Address] = u
			}
		case "aws_scheduler_schedule":
			if u := c.ecsJob(r); u != nil {
				c.ecs[r.Address] = u
			}
		case "aws_rds_cluster_instance":
			if str(r.Values, "instance_class") == "db.serverless" {
				acu, _, _ := c.averageACU(r)
				c.auroraACU[r.ModuleAddress] += acu
			}
		}
	}
	c.spotWarnings()
	for _, k := range slices.Sorted(maps.Keys(c.ecs)) { // sorted: float sums must not depend on map order
		u := c.ecs[k]
		if u.cluster != "" {
			c.clusterTasks[u.cluster] += u.tasks * u.hours / c.hours
			if !u.job {
				c.clusterServices[u.cluster]++
			}
		}
	}
	return c
}

func (c *calc) warn(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !c.warned[msg] {
		c.warned[msg] = true
		c.warnings = append(c.warnings, msg)
		sort.Strings(c.warnings)
	}
}

func (c *calc) serviceOf(r *Resource) string {
	if s := r.tag("Service"); s != "" {
		return s
	}
	if serviceModules[r.ModuleCall()] {
		return r.moduleKey()
	}
	return ""
}

func (c *calc) clusterOf(r *Resource, service string) string {
	if u := c.ecs[r.Address]; u != nil && u.cluster != "" {
		return u.cluster
	}
	switch {
	case r.Type == "aws_ecs_cluster":
		return c.clusterByName[str(r.Values, "name")]
	case strings.HasPrefix(r.Type, "aws_apprunner_"):
		return "app-runner"
	}
	if service != "" {
		if k, ok := c.serviceCluster[service]; ok {
			return k
		}
		for _, k := range slices.Sorted(maps.Keys(c.ecs)) {
			u := c.ecs[k]
			if u.service == service && u.cluster != "" {
				return u.cluster
			}
		}
	}
	return ""
}

// ── components ─────────────────────────────────────────────────────────────

// add prices quantity × the price-book figure of key.
func (c *calc) add(rc *ResourceCost, key, name string, kind Kind, qty float64, formula string) {
	p, ok := c.book.price(key)
	if !ok {
		rc.unpriced = fmt.Sprintf("no price %s in the price book", key)
		return
	}
	rc.Components = append(rc.Components, Component{
		Name: name, Category: category(key), Kind: kind, Quantity: qty, Unit: p.Unit, Price: key,
		UnitPrice: p.USD, Monthly: qty * p.USD, Formula: formula, Estimated: p.Confidence == Estimated,
	})
}

// addAt prices at a derived unit price (Spot, tiers), naming how it was derived.
func (c *calc) addAt(rc *ResourceCost, key, name string, kind Kind, qty, unitPrice float64, priceLabel, formula string, estimated bool) {
	p, _ := c.book.price(key)
	rc.Components = append(rc.Components, Component{
		Name: name, Category: category(key), Kind: kind, Quantity: qty, Unit: p.Unit, Price: priceLabel,
		UnitPrice: unitPrice, Monthly: qty * unitPrice, Formula: formula, Estimated: estimated,
	})
}

func (c *calc) estimated(keys ...string) bool {
	for _, k := range keys {
		if p, ok := c.book.price(k); ok && p.Confidence == Estimated {
			return true
		}
	}
	return false
}

// n formats a quantity for formulas: at most 4 decimals (4 significant
// digits below 0.01), no trailing zeros.
func n(v float64) string {
	if v != 0 && math.Abs(v) < 0.01 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strconv.FormatFloat(math.Round(v*10000)/10000, 'f', -1, 64)
}

func plural(v float64, one, many string) string {
	if v == 1 {
		return one
	}
	return many
}

// ── ECS: services and scheduled jobs ───────────────────────────────────────

// ecsUnit is an ECS service or job as priced: tasks of one size running for
// some hours a month on Fargate, part of them on Spot.
type ecsUnit struct {
	service, cluster string
	job              bool
	vcpu, gb         float64
	arch             string
	tasks, hours     float64
	spot             float64 // share of task-hours on Fargate Spot
	hoursWhy         string
	unpriced         string
	runs, minutes    float64 // jobs
}

func strategies(bs []map[string]any) []strategy {
	var out []strategy
	for _, b := range bs {
		base, _ := num(b, "base")
		w, _ := num(b, "weight")
		out = append(out, strategy{provider: str(b, "capacity_provider"), base: base, weight: w})
	}
	return out
}

// spotShare is the expected share of tasks on FARGATE_SPOT for a strategy:
// the base tasks go to their provider first, the rest split by weight.
func spotShare(st []strategy, tasks float64) float64 {
	if tasks <= 0 || len(st) == 0 {
		return 0
	}
	var spotW, totalW, spotBase, base float64
	for _, s := range st {
		totalW += s.weight
		base += s.base
		if s.provider == "FARGATE_SPOT" {
			spotW += s.weight
			spotBase += s.base
		}
	}
	baseTasks := math.Min(tasks, base)
	spotTasks := 0.0
	if base > 0 {
		spotTasks = baseTasks * spotBase / base
	}
	if rest := tasks - baseTasks; rest > 0 && totalW > 0 {
		spotTasks += rest * spotW / totalW
	}
	return spotTasks / tasks
}

func (c *calc) taskDefinition(module string) *Resource {
	for _, r := range c.byModule[module] {
		if r.Type == "aws_ecs_task_definition" {
			return r
		}
	}
	return nil
}

// size reads a task definition's Fargate size and architecture.
func (c *calc) size(u *ecsUnit, td *Resource) {
	if td == nil {
		u.unpriced = "no aws_ecs_task_definition in the same module instance to size its tasks"
		return
	}
	cpu, ok1 := num(td.Values, "cpu")
	mem, ok2 := num(td.Values, "memory")
	if !ok1 || !ok2 {
		u.unpriced = "the task definition's task-level cpu and memory are unknown"
		return
	}
	u.vcpu, u.gb = cpu/1024, mem/1024
	u.arch = "X86_64"
	if rp := block(td.Values, "runtime_platform"); rp != nil {
		if a := str(rp, "cpu_architecture"); a != "" {
			u.arch = strings.ToUpper(a)
		}
		if family := str(rp, "operating_system_family"); family != "" && family != "LINUX" {
			u.unpriced = "Fargate Windows (" + family + ") is not in the price book"
		}
	}
}

func (c *calc) ecsService(r *Resource) *ecsUnit {
	u := &ecsUnit{service: c.serviceOf(r), hours: c.hours}
	lt := str(r.Values, "launch_type")
	if lt != "" && lt != "FARGATE" {
		u.unpriced = "launch type " + lt + " (only Fargate is priced)"
		return u
	}
	c.size(u, c.taskDefinition(r.ModuleAddress))
	desired, known := num(r.Values, "desired_count")
	u.tasks = desired

	var clusterName string
	var up, down *Resource
	for _, o := range c.byModule[r.ModuleAddress] {
		switch o.Type {
		case "aws_appautoscaling_target":
			if parts := strings.Split(str(o.Values, "resource_id"), "/"); len(parts) == 3 && parts[0] == "service" {
				clusterName = parts[1]
			}
			if lo, ok := num(o.Values, "min_capacity"); ok {
				known = true
				if u.tasks < lo {
					u.tasks = lo
				}
			}
			if hi, ok := num(o.Values, "max_capacity"); ok && u.tasks > hi {
				u.tasks = hi
			}
		case "aws_appautoscaling_scheduled_action":
			if str(o.Values, "service_namespace") != "ecs" {
				continue
			}
			if hi, ok := num(block(o.Values, "scalable_target_action"), "max_capacity"); ok && hi == 0 {
				down = o
			} else {
				up = o
			}
		}
	}
	if !known && u.unpriced == "" {
		u.unpriced = "desired_count is unknown in the plan and no autoscaling target gives a minimum"
	}
	if clusterName != "" {
		u.cluster = c.clusterByName[clusterName]
		if u.cluster == "" {
			u.cluster = clusterName
		}
	} else if k, ok := c.serviceCluster[u.service]; ok {
		u.cluster, clusterName = k, c.clusterNameOf[k]
	}
	if down != nil {
		upExpr, downExpr := str(valuesOf(up), "schedule"), str(down.Values, "schedule")
		if up != nil {
			act := block(up.Values, "scalable_target_action")
			if lo, ok := num(act, "min_capacity"); ok && u.tasks < lo {
				u.tasks = lo
			}
			if hi, ok := num(act, "max_capacity"); ok && u.tasks > hi {
				u.tasks = hi
			}
		}
		if h, ok := scheduledWindow(upExpr, downExpr); ok {
			u.hours = h
			u.hoursWhy = fmt.Sprintf("scheduled scaling %s–%s", upExpr, downExpr)
		} else if h := c.usage.ECS.ScheduledHoursPerMonth; h > 0 {
			u.hours = h
			u.hoursWhy = "scheduled scaling (ecs.scheduled_hours_per_month)"
		} else {
			c.warn("%s scales to zero on a schedule the estimator cannot read (%q/%q) and ecs.scheduled_hours_per_month is unset: priced as always on", r.ModuleAddress, upExpr, downExpr)
		}
	}
	st := strategies(blocks(r.Values, "capacity_provider_strategy"))
	if len(st) == 0 && lt == "" {
		st = c.strategy[clusterName]
	}
	u.spot = c.spotFor(u, st, r.ModuleAddress)
	return u
}

func valuesOf(r *Resource) map[string]any {
	if r == nil {
		return nil
	}
	return r.Values
}

// spotFor applies a strategy, honouring which architectures Spot runs.
func (c *calc) spotFor(u *ecsUnit, st []strategy, where string) float64 {
	share := spotShare(st, u.tasks)
	if share > 0 && !c.book.spotArchitecture(u.arch) {
		c.noSpot[u.arch] = append(c.noSpot[u.arch], orDefault(u.service, where))
		return 0
	}
	return share
}

// spotWarnings reports, once per architecture, the services whose strategy
// asks for Fargate Spot that their tasks cannot use.
func (c *calc) spotWarnings() {
	for arch, names := range c.noSpot {
		sort.Strings(names)
		c.warn("%d ECS services/jobs run %s tasks under a capacity provider strategy with FARGATE_SPOT (%s), but Fargate Spot supports only %s (%s): their Spot share is priced on demand, and ECS cannot place those tasks on Spot",
			len(names), arch, strings.Join(names, ", "), strings.Join(c.book.FargateSpot.Architectures, ", "), c.book.FargateSpot.Source)
	}
}

func (c *calc) ecsJob(r *Resource) *ecsUnit {
	t := block(r.Values, "target")
	ep := block(t, "ecs_parameters")
	if ep == nil {
		return nil
	}
	u := &ecsUnit{service: c.serviceOf(r), job: true}
	if k, ok := c.serviceCluster[u.service]; ok {
		u.cluster = k
	}
	c.size(u, c.taskDefinition(r.ModuleAddress))
	runs, err := runsPerMonth(str(r.Values, "schedule_expression"))
	if err != nil {
		u.unpriced = err.Error()
		return u
	}
	count, ok := num(ep, "task_count")
	if !ok || count <= 0 {
		count = 1
	}
	u.runs = runs
	u.minutes = lookup(c.usage.ECS.JobMinutes, u.service, c.usage.ECS.JobMinutesPerRun)
	u.tasks = count
	u.hours = runs * u.minutes / 60
	st := strategies(blocks(ep, "capacity_provider_strategy"))
	u.spot = c.spotFor(u, st, r.ModuleAddress)
	return u
}

// fargate prices an ECS unit's task-hours, on demand and on Spot.
func (c *calc) fargate(rc *ResourceCost, u *ecsUnit, kind Kind, what string) {
	cpuKey, memKey := "fargate_x86_vcpu_hour", "fargate_x86_gb_hour"
	if u.arch == "ARM64" {
		cpuKey, memKey = "fargate_arm_vcpu_hour", "fargate_arm_gb_hour"
	}
	tasks := n(u.tasks) + " " + plural(u.tasks, "task", "tasks")
	od, spot := u.tasks*(1-u.spot), u.tasks*u.spot
	if od > 0 {
		share := ""
		if u.spot > 0 {
			share = fmt.Sprintf(" × %s%% on demand", n(100*(1-u.spot)))
		}
		c.add(rc, cpuKey, "Fargate vCPU ("+u.arch+", on-demand)", kind, od*u.vcpu*u.hours,
			fmt.Sprintf("%s%s × %s vCPU × %s h%s", tasks, share, n(u.vcpu), n(u.hours), what))
		c.add(rc, memKey, "Fargate memory ("+u.arch+", on-demand)", kind, od*u.gb*u.hours,
			fmt.Sprintf("%s%s × %s GB × %s h%s", tasks, share, n(u.gb), n(u.hours), what))
	}
	if spot > 0 {
		d := c.book.USD("fargate_spot_discount")
		est := c.estimated(cpuKey, "fargate_spot_discount")
		c.addAt(rc, cpuKey, "Fargate vCPU ("+u.arch+", Spot)", kind, spot*u.vcpu*u.hours, c.book.USD(cpuKey)*(1-d),
			cpuKey+" × (1 − fargate_spot_discount)", fmt.Sprintf("%s × %s%% Spot × %s vCPU × %s h%s", tasks, n(100*u.spot), n(u.vcpu), n(u.hours), what), est)
		c.addAt(rc, memKey, "Fargate memory ("+u.arch+", Spot)", kind, spot*u.gb*u.hours, c.book.USD(memKey)*(1-d),
			memKey+" × (1 − fargate_spot_discount)", fmt.Sprintf("%s × %s%% Spot × %s GB × %s h%s", tasks, n(100*u.spot), n(u.gb), n(u.hours), what), est)
	}
}

// ── Aurora ─────────────────────────────────────────────────────────────────

// averageACU is a Serverless v2 instance's assumed average capacity, clamped
// to its cluster's scaling range; it also returns that range's minimum.
func (c *calc) averageACU(r *Resource) (avg, min float64, why string) {
	role := "reader"
	key := r.indexKey()
	if strings.Contains(key, "writer") || key == "0" || c.onlyInstance(r) {
		role = "writer"
	}
	avg = c.usage.Aurora.ReaderAverageACU
	why = "aurora." + role + "_average_acu"
	if role == "writer" {
		avg = c.usage.Aurora.WriterAverageACU
	} else if scalesWithWriter(r) && avg < c.usage.Aurora.WriterAverageACU {
		// AWS keeps Serverless v2 readers in promotion tier 0 or 1 at least
		// as large as the writer, so a failover lands on a sized instance.
		avg, why = c.usage.Aurora.WriterAverageACU, fmt.Sprintf("aurora.writer_average_acu: promotion tier %s scales with the writer", n(promotionTier(r)))
	}
	lo, hi := 0.5, 256.0
	for _, o := range c.byModule[r.ModuleAddress] {
		if o.Type == "aws_rds_cluster" {
			if sc := block(o.Values, "serverlessv2_scaling_configuration"); sc != nil {
				if v, ok := num(sc, "min_capacity"); ok {
					lo = v
				}
				if v, ok := num(sc, "max_capacity"); ok {
					hi = v
				}
			}
		}
	}
	switch {
	case avg < lo:
		avg, why = lo, why+fmt.Sprintf(", raised to the cluster minimum %s", n(lo))
	case avg > hi:
		c.warn("%s: %s %s is above the cluster maximum %s ACU; priced at the maximum", r.Address, why, n(avg), n(hi))
		avg, why = hi, why+fmt.Sprintf(", capped at the cluster maximum %s", n(hi))
	}
	return avg, lo, why
}

func (c *calc) onlyInstance(r *Resource) bool {
	k := 0
	for _, o := range c.byModule[r.ModuleAddress] {
		if o.Type == "aws_rds_cluster_instance" {
			k++
		}
	}
	return k == 1
}

// promotionTier is an Aurora instance's failover priority (AWS's default 1).
func promotionTier(r *Resource) float64 {
	if v, ok := num(r.Values, "promotion_tier"); ok {
		return v
	}
	return 1
}

// scalesWithWriter: Serverless v2 readers in promotion tiers 0 and 1 scale
// with the writer (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html).
func scalesWithWriter(r *Resource) bool { return promotionTier(r) <= 1 }

// usageContradictions lists usage assumptions the plan makes impossible: a
// reader average below the writer's when every reader is in promotion tier
// 0/1 (they scale with the writer, so the figure can never apply).
func usageContradictions(c *calc) []string {
	var out []string
	a := c.usage.Aurora
	for module, rs := range c.byModule {
		var readers, pinned []string
		for _, r := range rs {
			if r.Type != "aws_rds_cluster_instance" || str(r.Values, "instance_class") != "db.serverless" {
				continue
			}
			if k := r.indexKey(); strings.Contains(k, "writer") || k == "0" || c.onlyInstance(r) {
				continue
			}
			readers = append(readers, r.Address)
			if scalesWithWriter(r) {
				pinned = append(pinned, r.Address)
			}
		}
		if len(readers) > 0 && len(pinned) == len(readers) && a.ReaderAverageACU < a.WriterAverageACU {
			sort.Strings(pinned)
			out = append(out, fmt.Sprintf("usage contradicts the plan: aurora.reader_average_acu %s is below aurora.writer_average_acu %s, but every reader of %s (%s) is in promotion tier 0/1 and scales with the writer: priced at the writer's average; fix the usage file or move a reader to tier 2+",
				n(a.ReaderAverageACU), n(a.WriterAverageACU), orDefault(module, "(root)"), strings.Join(pinned, ", ")))
		}
	}
	for _, module := range slices.Sorted(maps.Keys(c.usage.S3.Buckets)) {
		found := false
		for _, r := range c.byModule[module] {
			found = found || r.Type == "aws_s3_bucket"
		}
		if !found {
			out = append(out, fmt.Sprintf("usage names a bucket the plan does not have: s3.buckets[%s]; fix the module address or remove the entry", module))
		}
	}
	sort.Strings(out)
	return out
}
