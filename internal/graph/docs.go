package graph

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DocsPlans are the plans the README's picture is drawn from, in order of
// preference: production's saved online plan, else its offline one.
var DocsPlans = []string{".lookcard/plans/production.json", ".lookcard/plans/production.offline.json"}

// DocsFiles draws the architecture view of production's saved plan for the
// README: docs/architecture.svg and docs/architecture-diagram.md (the Mermaid
// source, which GitHub renders), by path relative to root. No saved plan is
// (nil, nil): the picture stays as last drawn.
func DocsFiles(root string) (map[string][]byte, error) {
	var raw []byte
	var planPath string
	for _, p := range DocsPlans {
		b, err := os.ReadFile(filepath.Join(root, p))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		raw, planPath = b, p
		break
	}
	if raw == nil {
		return nil, nil
	}
	g, err := Build(raw, Options{Title: "production", ConfigDir: root})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", planPath, err)
	}
	return docsOf(g)
}

// docsOf draws the README's picture of a graph.
func docsOf(g *Graph) (map[string][]byte, error) {
	v := g.Model().Architecture()
	var svg, mmd bytes.Buffer
	if err := v.SVG(&svg); err != nil {
		return nil, err
	}
	if err := v.Mermaid(&mmd); err != nil {
		return nil, err
	}
	if err := CheckGitHub(v.ID, mmd.String(), len(v.Edges), "lookcard graph --service <name>"); err != nil {
		return nil, err
	}
	md := "# Architecture (generated)\n\n" +
		"Drawn by `lookcard docs` from production's saved plan and catalog/services.yaml: the request paths,\n" +
		"the ECS clusters with their services, and the stores, caches, queues and keys each service uses.\n" +
		"Security group rules, alarms, policies and attachments are folded into the thing they serve\n" +
		"(`lookcard graph --env production` opens them, one service with `--service <name>`).\n\n" +
		"![architecture](architecture.svg)\n\n```mermaid\n" + mmd.String() + "```\n"
	return map[string][]byte{
		filepath.Join("docs", "architecture.svg"):        svg.Bytes(),
		filepath.Join("docs", "architecture-diagram.md"): []byte(md),
	}, nil
}
