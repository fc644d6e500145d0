package graph

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/lookcard/infrastructure/internal/catalog"
)

// loadCatalog reads the catalog the plan was made with: its catalog_file
// variable, else catalog/services.yaml. No file is no catalog.
func loadCatalog(p *planJSON, root string) (*catalog.Catalog, error) {
	path := filepath.Join(root, catalog.Path)
	if v := p.String("catalog_file"); v != "" {
		path = v
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return catalog.Load(path)
}

// serviceResourceTypes mark a module as one ECS service per instance: the
// string key of its instance is the service.
var serviceResourceTypes = map[string]bool{"aws_ecs_service": true, "aws_ecs_task_definition": true}

// assignServices sets Service and Cluster. The service of a resource is the
// key of the innermost ECS-service module instance holding it
// (module.ecs_service["card-api"]), else its Service tag. The cluster of a
// service comes from its aws_ecs_service: the planned cluster value when
// known, else the cluster reference when it resolves to one aws_ecs_cluster;
// else from the catalog. ECS clusters (and their capacity providers) belong
// to their own cluster.
func assignServices(r *resolver, insts []*instance, values []map[string]any, cat *catalog.Catalog) {
	serviceModule := map[string]bool{}
	for addr, m := range r.modules {
		for _, res := range m.resources {
			if serviceResourceTypes[res.typ] {
				serviceModule[addr] = true
			}
		}
	}
	clusterOf := func(i int) string { // the cluster an ECS cluster resource names
		in := insts[i]
		if k := unquoteKey(in.key); in.key != "" && k != in.key {
			return k
		}
		for _, attr := range []string{"name", "cluster_name"} {
			if s, ok := values[i][attr].(string); ok && s != "" {
				return s
			}
		}
		return ""
	}
	idx := map[*instance]int{}
	clusterNames := map[string]string{} // name, ARN or short name → cluster
	for i, in := range insts {
		idx[in] = i
		n := in.node
		for j := len(in.steps) - 1; j >= 0; j-- {
			k := in.steps[j].key
			if serviceModule[configAddress(in.steps[:j+1])] && strings.HasPrefix(k, `"`) {
				n.Service = unquoteKey(k)
				break
			}
		}
		if n.Service == "" {
			if tags, ok := values[i]["tags_all"].(map[string]any); ok {
				n.Service, _ = tags["Service"].(string)
			}
		}
		if strings.HasPrefix(n.Type, "aws_ecs_cluster") {
			n.Cluster = clusterOf(i)
			if n.Type == "aws_ecs_cluster" && n.Cluster != "" {
				for _, attr := range []string{"name", "arn", "id"} {
					if s, ok := values[i][attr].(string); ok && s != "" {
						clusterNames[s] = n.Cluster
					}
				}
			}
		}
	}
	serviceCluster := map[string]string{}
	for i, in := range insts {
		n := in.node
		if n.Type != "aws_ecs_service" || n.Service == "" || serviceCluster[n.Service] != "" {
			continue
		}
		if s, ok := values[i]["cluster"].(string); ok && clusterNames[s] != "" {
			serviceCluster[n.Service] = clusterNames[s]
			continue
		}
		found := map[string]bool{}
		for _, t := range r.attrTargets(in, "cluster") {
			if t.node.Type == "aws_ecs_cluster" {
				if c := clusterOf(idx[t]); c != "" {
					found[c] = true
				}
			}
		}
		if len(found) == 1 {
			for c := range found {
				serviceCluster[n.Service] = c
			}
		}
	}
	for _, in := range insts {
		n := in.node
		if n.Service == "" || n.Cluster != "" {
			continue
		}
		if c := serviceCluster[n.Service]; c != "" {
			n.Cluster = c
		} else if cat != nil {
			n.Cluster = cat.Services[n.Service].Cluster
		}
	}
}
