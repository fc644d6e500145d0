package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lookcard/infrastructure/internal/catalog"
)

// The architecture model: the plan's resources folded into the things a
// person names (Cloudflare, the API Gateway, the ALB, card-api, Aurora, the
// data key), each supporting resource (security group rules, alarms,
// policies, attachments, log groups) folded into the thing it serves, and
// the relations between things derived from the plan (references, security
// group rule keys, listener rules) and the catalog (what a service reads).

// Kinds of things, in the order a lane lists them.
const (
	KindCloudflare = "cloudflare"
	KindAPIGateway = "api-gateway"
	KindNLB        = "nlb"
	KindALB        = "alb"
	KindCDN        = "cloudfront"
	KindWeb        = "app-runner"
	KindWAF        = "waf"
	KindService    = "service"
	KindCluster    = "cluster"
	KindProxy      = "db-proxy"
	KindDatabase   = "database"
	KindCache      = "cache"
	KindTable      = "table"
	KindQueue      = "queue"
	KindSecret     = "secret"
	KindSecrets    = "secrets" // every secret, as one node of the architecture view
	KindBucket     = "bucket"
	KindFunction   = "function"
	KindTopic      = "topic"
	KindKey        = "key"
	KindAlarm      = "alarm"
	KindNetwork    = "network"
	KindAudit      = "audit"
	KindOther      = "other"
)

var kindOrder = []string{KindCloudflare, KindAPIGateway, KindNLB, KindALB, KindCDN, KindWeb, KindWAF,
	KindService, KindCluster, KindProxy, KindDatabase, KindCache, KindTable, KindQueue, KindSecrets, KindSecret,
	KindBucket, KindFunction, KindTopic, KindKey, KindAlarm, KindNetwork, KindAudit, KindOther}

// kindNames are the legend's words for each kind.
var kindNames = map[string]string{
	KindCloudflare: "Cloudflare (DNS, proxy)", KindAPIGateway: "API Gateway", KindNLB: "network load balancer",
	KindALB: "application load balancer", KindCDN: "CloudFront", KindWeb: "App Runner", KindWAF: "web ACL (WAF)",
	KindService: "ECS service", KindCluster: "ECS cluster", KindProxy: "RDS Proxy", KindDatabase: "Aurora PostgreSQL",
	KindCache: "ElastiCache Redis", KindTable: "DynamoDB table", KindQueue: "SQS queue", KindSecret: "secret",
	KindSecrets: "Secrets Manager", KindBucket: "S3 bucket", KindFunction: "Lambda function", KindTopic: "SNS topic",
	KindKey: "KMS key", KindAlarm: "CloudWatch alarm", KindNetwork: "VPC", KindAudit: "audit and posture", KindOther: "other resources",
}

// primaryKinds: a resource of one of these types is a thing of its own; every
// other resource folds into one.
var primaryKinds = map[string]string{
	"cloudflare_dns_record":       KindCloudflare,
	"aws_api_gateway_rest_api":    KindAPIGateway,
	"aws_lb":                      KindALB, // or KindNLB, by load_balancer_type
	"aws_cloudfront_distribution": KindCDN,
	"aws_apprunner_service":       KindService,
	"aws_ecs_service":             KindService,
	"aws_ecs_task_definition":     KindService,
	"aws_ecs_cluster":             KindCluster,
	"aws_db_proxy":                KindProxy,
	"aws_rds_cluster":             KindDatabase,
	"aws_db_instance":             KindDatabase, // outside a cluster

	"aws_elasticache_replication_group": KindCache,
	"aws_dynamodb_table":                KindTable,
	"aws_sqs_queue":                     KindQueue,
	"aws_secretsmanager_secret":         KindSecret,
	"aws_s3_bucket":                     KindBucket,
	"aws_lambda_function":               KindFunction,
	"aws_sns_topic":                     KindTopic,
	"aws_kms_key":                       KindKey,
	"aws_wafv2_web_acl":                 KindWAF,
	"aws_vpc":                           KindNetwork,
	"aws_cloudtrail":                    KindAudit,
	"aws_guardduty_detector":            KindAudit,
	"aws_securityhub_account":           KindAudit,
	"aws_config_configuration_recorder": KindAudit,
}

// Relations between things.
const (
	RelRequest = "request"   // a request flows from one to the other
	RelRoutes  = "routes"    // a load balancer routes to a service
	RelCalls   = "calls"     // a security group rule lets one service call another
	RelUses    = "uses"      // reads and writes
	RelDecrypt = "decrypts"  // may use the key
	RelEncrypt = "encrypted" // the store is encrypted with the key
	RelAlarm   = "alarms"    // an alarm watches the thing
)

// Thing is one node of a view: a service, a store, an entry point; with the
// resources folded into it.
type Thing struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Kind      string `json:"kind"`
	Tier      string `json:"tier"`
	Service   string `json:"service,omitempty"` // the service it is, or that owns it
	Cluster   string `json:"cluster,omitempty"`
	Action    string `json:"action"`
	Resources []int  `json:"-"` // node IDs, the primary ones first
	primary   int
}

// Rel is one relation.
type Rel struct {
	From, To, Kind string
}

// Model is the plan as things and relations.
type Model struct {
	Title  string
	Things []*Thing // sorted by kind, then label
	Rels   []Rel    // sorted, without duplicates
	byID   map[string]*Thing
	of     []*Thing // the thing of each node
	g      *Graph
}

// Thing returns a thing by ID, nil when there is none.
func (m *Model) Thing(id string) *Thing { return m.byID[id] }

// ThingOf is the thing a resource folds into.
func (m *Model) ThingOf(node int) *Thing { return m.of[node] }

// Services lists the services of the model, sorted.
func (m *Model) Services() []string {
	var out []string
	for _, t := range m.Things {
		if t.Kind == KindService || t.Kind == KindWeb {
			out = append(out, t.Service)
		}
	}
	sort.Strings(out)
	return out
}

func (g *Graph) str(id int, attr string) string {
	if id < 0 || id >= len(g.values) || g.values[id] == nil {
		return ""
	}
	s, _ := g.values[id][attr].(string)
	return s
}

// instanceKey is the bare instance key of a resource: card-api/idempotency-keys.
func instanceKey(n *Node) string {
	i := strings.LastIndexByte(n.Address, '[')
	if i < 0 || !strings.HasSuffix(n.Address, "]") || strings.Contains(n.Address[i:], ".") {
		return ""
	}
	_, key, err := readIndex(n.Address, i)
	if err != nil {
		return ""
	}
	return unquoteKey(key)
}

// Model folds the graph into things.
func (g *Graph) Model() *Model {
	m := &Model{Title: g.Title, byID: map[string]*Thing{}, of: make([]*Thing, len(g.Nodes)), g: g}
	services := map[string]bool{}
	for _, n := range g.Nodes {
		if n.Service != "" && (n.Type == "aws_ecs_service" || n.Type == "aws_ecs_task_definition" || n.Type == "aws_apprunner_service") {
			services[n.Service] = true
		}
	}
	add := func(t *Thing) *Thing {
		if old := m.byID[t.ID]; old != nil {
			return old
		}
		m.byID[t.ID] = t
		m.Things = append(m.Things, t)
		return t
	}
	// Primary resources first.
	for _, n := range g.Nodes {
		kind, ok := primaryKinds[n.Type]
		if !ok {
			continue
		}
		var t *Thing
		switch {
		case kind == KindService:
			if n.Service == "" {
				continue
			}
			k := KindService
			if n.Cluster == "app-runner" || n.Type == "aws_apprunner_service" {
				k = KindWeb
			}
			t = add(&Thing{ID: "svc:" + n.Service, Label: n.Service, Kind: k, Tier: TierCompute, Service: n.Service, Cluster: n.Cluster, primary: n.ID})
			if n.Type == "aws_apprunner_service" {
				t.Kind, t.Cluster, t.primary = KindWeb, "", n.ID
			}
		case kind == KindCloudflare:
			t = add(&Thing{ID: "cloudflare", Label: "Cloudflare", Kind: kind, Tier: TierEdge, primary: n.ID})
		case kind == KindCluster:
			t = add(&Thing{ID: "cluster:" + n.Cluster, Label: n.Cluster, Kind: kind, Tier: TierCompute, Cluster: n.Cluster, primary: n.ID})
		default:
			if n.Type == "aws_lb" && g.str(n.ID, "load_balancer_type") == "network" {
				kind = KindNLB
			}
			t = add(&Thing{ID: n.Address, Label: thingLabel(g, n, kind), Kind: kind, Tier: n.Tier, primary: n.ID})
			if services[n.Service] {
				t.Service, t.Cluster = n.Service, n.Cluster
			}
		}
		t.Resources = append(t.Resources, n.ID)
		m.of[n.ID] = t
	}
	// Folding: the service a resource belongs to; else the one thing of its
	// module; else the thing it references, or that references it, or whose
	// instance key it shares; else its module's "other" thing.
	deps := make([][]int, len(g.Nodes))
	users := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		deps[e.From] = append(deps[e.From], e.To)
		users[e.To] = append(users[e.To], e.From)
	}
	inModule := map[string][]*Thing{}
	for _, t := range m.Things {
		mod := g.Nodes[t.primary].Module
		if t.Kind == KindService && g.Nodes[t.primary].Module != "" {
			continue // a service's module holds only the service
		}
		inModule[mod] = append(inModule[mod], t)
	}
	unique := func(ids []int, ok func(*Thing) bool) *Thing {
		var found *Thing
		for _, id := range ids {
			t := m.of[id]
			if t == nil || !ok(t) {
				continue
			}
			if found != nil && found != t {
				return nil
			}
			found = t
		}
		return found
	}
	for _, n := range g.Nodes {
		if m.of[n.ID] != nil {
			continue
		}
		var t *Thing
		key := instanceKey(n)
		owner, _, _ := strings.Cut(key, "/")
		switch {
		case services[n.Service]:
			t = m.byID["svc:"+n.Service]
		case services[owner] && n.Module != "":
			t = m.byID["svc:"+owner]
		}
		if t == nil {
			cands := inModule[n.Module]
			in := func(x *Thing) bool {
				for _, c := range cands {
					if c == x {
						return true
					}
				}
				return false
			}
			switch {
			case len(cands) == 1:
				t = cands[0]
			case len(cands) > 1:
				if t = unique(deps[n.ID], in); t == nil {
					if t = unique(users[n.ID], in); t == nil {
						for _, c := range cands {
							if key != "" && instanceKey(g.Nodes[c.primary]) == key {
								t = c
								break
							}
						}
						if t == nil {
							t = cands[0]
						}
					}
				}
			default:
				all := func(*Thing) bool { return true }
				if t = unique(deps[n.ID], all); t == nil {
					t = unique(users[n.ID], all)
				}
			}
		}
		if t == nil {
			id := "other:" + n.Module
			t = m.byID[id]
			if t == nil {
				label := shortModule(n.Module)
				t = add(&Thing{ID: id, Label: label, Kind: KindOther, Tier: n.Tier, primary: n.ID})
			}
		}
		t.Resources = append(t.Resources, n.ID)
		m.of[n.ID] = t
	}
	for _, t := range m.Things {
		for _, id := range t.Resources {
			if a := g.Nodes[id].Action; t.Action == "" || rank(a) < rank(t.Action) {
				t.Action = a
			}
		}
	}
	// Two things of one label (two modules' access-logs buckets) say their module.
	count := map[string]int{}
	for _, t := range m.Things {
		count[t.Label]++
	}
	for _, t := range m.Things {
		if count[t.Label] > 1 && t.Kind != KindService && t.Kind != KindWeb {
			t.Label += " (" + strings.SplitN(shortModule(g.Nodes[t.primary].Module), ".", 2)[0] + ")"
		}
	}
	sort.SliceStable(m.Things, func(i, j int) bool {
		a, b := m.Things[i], m.Things[j]
		if kindRank(a.Kind) != kindRank(b.Kind) {
			return kindRank(a.Kind) < kindRank(b.Kind)
		}
		return a.Label < b.Label
	})
	m.Rels = m.relations(services, deps)
	return m
}

func kindRank(k string) int {
	for i, x := range kindOrder {
		if x == k {
			return i
		}
	}
	return len(kindOrder)
}

func shortModule(mod string) string {
	if mod == "" {
		return "root module"
	}
	return strings.ReplaceAll(strings.TrimPrefix(mod, "module."), ".module.", ".")
}

// thingLabel names a store or an entry point by what people call it: its
// instance key (card-api/idempotency-keys, data), else its kind, with the
// module when the kind alone is ambiguous (two buckets).
func thingLabel(g *Graph, n *Node, kind string) string {
	key := instanceKey(n)
	if strings.Trim(key, "0123456789") == "" { // count.index says nothing
		key = ""
	}
	if l, ok := typeLabels[n.Type]; ok {
		return l
	}
	switch kind {
	case KindAPIGateway:
		return "API Gateway"
	case KindNLB:
		return "NLB (internal)"
	case KindALB:
		return "ALB"
	case KindCDN:
		return "CloudFront"
	case KindDatabase:
		return "Aurora PostgreSQL"
	case KindProxy:
		return "RDS Proxy"
	case KindCache:
		return "Redis"
	case KindKey:
		if key == "" {
			key = strings.TrimPrefix(strings.TrimPrefix(shortName(g, n), "alias/"), "lookcard-")
		}
		if strings.Contains(n.Module, "us_east_1") {
			return "key " + key + " (us-east-1)"
		}
		if key == "" {
			return "key " + shortModule(n.Module)
		}
		return "key " + key
	case KindSecret:
		if key == "" {
			return shortName(g, n)
		}
		return key
	case KindWAF:
		return "WAF " + strings.TrimPrefix(shortModule(n.Module), "waf_")
	case KindBucket: // named by its module: module.cloudfront.module.assets_bucket is "bucket assets"
		segs := strings.Split(shortModule(n.Module), ".")
		last := func(i int) string { s, _, _ := strings.Cut(segs[i], "["); return s }
		name := last(len(segs) - 1)
		if name == "bucket" && len(segs) > 1 {
			name = last(len(segs) - 2)
		}
		return "bucket " + strings.ReplaceAll(strings.TrimSuffix(name, "_bucket"), "_", "-")
	case KindTopic:
		if key == "" {
			return "topic " + n.Name
		}
		return "topic " + key
	}
	if key != "" {
		return key
	}
	if name := shortName(g, n); name != "" {
		return name
	}
	return shortModule(n.Module) + " " + strings.TrimPrefix(n.Type, "aws_")
}

// typeLabels name the things there is one of.
var typeLabels = map[string]string{
	"aws_vpc": "VPC", "aws_cloudtrail": "CloudTrail", "aws_guardduty_detector": "GuardDuty",
	"aws_securityhub_account": "Security Hub", "aws_config_configuration_recorder": "AWS Config recorder",
}

// shortName is a resource's name without the lookcard-<stack>- prefix
// every name has.
func shortName(g *Graph, n *Node) string {
	name := g.str(n.ID, "name")
	if name == "" {
		name = g.str(n.ID, "function_name")
	}
	return strings.TrimPrefix(name, "lookcard-"+g.Title+"-")
}

func (m *Model) relations(services map[string]bool, deps [][]int) []Rel {
	g := m.g
	seen := map[Rel]bool{}
	var out []Rel
	rel := func(from, to *Thing, kind string) {
		if from == nil || to == nil || from == to {
			return
		}
		r := Rel{from.ID, to.ID, kind}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	byKind := func(kind string) []*Thing {
		var out []*Thing
		for _, t := range m.Things {
			if t.Kind == kind {
				out = append(out, t)
			}
		}
		return out
	}
	one := func(kind string) *Thing {
		if ts := byKind(kind); len(ts) == 1 {
			return ts[0]
		}
		return nil
	}
	refs := func(t *Thing, kind string) []*Thing { // things of kind that t's resources reference
		var out []*Thing
		got := map[*Thing]bool{}
		for _, id := range t.Resources {
			for _, d := range deps[id] {
				if o := m.of[d]; o != nil && o.Kind == kind && !got[o] {
					got[o] = true
					out = append(out, o)
				}
			}
		}
		return out
	}
	// The request paths, from the references of the edge resources.
	if cf := m.byID["cloudflare"]; cf != nil {
		for _, k := range []string{KindAPIGateway, KindCDN} {
			for _, t := range refs(cf, k) {
				rel(cf, t, RelRequest)
			}
		}
	}
	for _, api := range byKind(KindAPIGateway) {
		for _, nlb := range refs(api, KindNLB) {
			rel(api, nlb, RelRequest)
		}
	}
	// NLB → ALB: a target group of type alb.
	for _, n := range g.Nodes {
		if n.Type == "aws_lb_target_group" && g.str(n.ID, "target_type") == "alb" {
			nlb, alb := one(KindNLB), one(KindALB)
			rel(nlb, alb, RelRequest)
		}
	}
	for _, cdn := range byKind(KindCDN) {
		for _, t := range refs(cdn, KindWeb) {
			rel(cdn, t, RelRequest)
		}
		for _, t := range refs(cdn, KindBucket) {
			if strings.Contains(t.Label, "assets") {
				rel(cdn, t, RelRequest)
			}
		}
	}
	// ALB → service: the service's listener rule.
	alb := one(KindALB)
	for _, n := range g.Nodes {
		if n.Type == "aws_lb_listener_rule" && services[n.Service] {
			rel(alb, m.byID["svc:"+n.Service], RelRoutes)
		}
	}
	// Service → service: the security group rules "a/to-b".
	for _, n := range g.Nodes {
		if n.Type != "aws_vpc_security_group_egress_rule" {
			continue
		}
		from, to, ok := strings.Cut(instanceKey(n), "/to-")
		if ok && services[from] && services[to] {
			rel(m.byID["svc:"+from], m.byID["svc:"+to], RelCalls)
		}
	}
	// Service → stores: the catalog says what a service reads, the plan
	// says which store that is. Without a catalog, the plan's references
	// alone (an over-approximation: a for_each map references all of it).
	cat := g.Catalog
	proxy, db, cache := one(KindProxy), one(KindDatabase), one(KindCache)
	rel(proxy, db, RelUses)
	for _, t := range m.Things {
		if t.Kind != KindService && t.Kind != KindWeb {
			continue
		}
		s, inCatalog := lookupService(cat, t.Service)
		if inCatalog {
			if s.Database {
				if proxy != nil {
					rel(t, proxy, RelUses)
				} else {
					rel(t, db, RelUses)
				}
			}
			if s.Redis {
				rel(t, cache, RelUses)
			}
			for _, sec := range s.Secrets {
				for _, x := range byKind(KindSecret) {
					if x.Label == sec || strings.HasSuffix(x.Label, "/"+sec) {
						rel(t, x, RelUses)
					}
				}
			}
			for _, k := range s.KMS {
				rel(t, m.byID[keyID(m, k)], RelDecrypt)
			}
		} else {
			for _, k := range []string{KindProxy, KindDatabase, KindCache, KindSecret, KindTable, KindQueue, KindBucket} {
				for _, x := range refs(t, k) {
					rel(t, x, RelUses)
				}
			}
		}
		for _, x := range m.Things { // owned tables and queues
			if x.Service == t.Service && (x.Kind == KindTable || x.Kind == KindQueue) {
				rel(t, x, RelUses)
			}
		}
	}
	// Store → key: the key each store is encrypted with.
	for _, t := range m.Things {
		switch t.Kind {
		case KindDatabase, KindCache, KindTable, KindQueue, KindSecret, KindBucket, KindTopic:
			for _, d := range deps[t.primary] {
				if k := m.of[d]; k != nil && k.Kind == KindKey {
					rel(t, k, RelEncrypt)
				}
			}
		}
	}
	// Alarms: the alarms folded into a thing watch it.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Kind < b.Kind
	})
	return out
}

func lookupService(cat *catalog.Catalog, name string) (catalog.Service, bool) {
	if cat == nil {
		return catalog.Service{}, false
	}
	s, ok := cat.Services[name]
	return s, ok
}

func keyID(m *Model, purpose string) string {
	for _, t := range m.Things {
		if t.Kind == KindKey && t.Label == "key "+purpose {
			return t.ID
		}
	}
	return ""
}

// Supporting lists the resources folded into a thing, by category: the
// thing's own primary resources first, then rules, alarms, policies,
// attachments and the rest.
func (m *Model) Supporting(t *Thing) map[string][]string {
	out := map[string][]string{}
	for _, id := range t.Resources {
		n := m.g.Nodes[id]
		out[category(n.Type)] = append(out[category(n.Type)], n.Address)
	}
	return out
}

// Categories of supporting resources, in the order the page shows them.
var Categories = []string{"resources", "rules", "alarms", "policies", "attachments", "logs", "other"}

func category(typ string) string {
	switch {
	case primaryKinds[typ] != "":
		return "resources"
	case strings.Contains(typ, "security_group") || strings.Contains(typ, "network_acl") || strings.HasSuffix(typ, "_rule") || strings.Contains(typ, "lb_listener"):
		return "rules"
	case strings.Contains(typ, "alarm"):
		return "alarms"
	case strings.HasPrefix(typ, "aws_iam") || strings.HasSuffix(typ, "_policy") || strings.Contains(typ, "policy"):
		return "policies"
	case strings.Contains(typ, "attachment") || strings.Contains(typ, "association"):
		return "attachments"
	case strings.Contains(typ, "log_group") || strings.Contains(typ, "logging"):
		return "logs"
	}
	return "other"
}

// Alarms lists the alarms folded into a thing (alarm names).
func (m *Model) Alarms(t *Thing) []string {
	var out []string
	for _, id := range t.Resources {
		n := m.g.Nodes[id]
		if n.Type == "aws_cloudwatch_metric_alarm" {
			if name := m.g.str(id, "alarm_name"); name != "" {
				out = append(out, name)
			} else {
				out = append(out, instanceKey(n))
			}
		}
	}
	sort.Strings(out)
	return out
}

func (t *Thing) String() string { return fmt.Sprintf("%s (%s)", t.Label, t.Kind) }
