package review

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/lookcard/infrastructure/internal/compliance"
	"github.com/lookcard/infrastructure/internal/cost"
)

// Assessor prices and checks the two sides of a review with the
// repository's price book, usage assumptions and policies.
type Assessor struct {
	Root     string // repository root: pricing/ lives there
	Policies *compliance.Policies
	Now      time.Time // decides which exceptions have expired
}

// CostDiff prices the base and the head plan JSON for env and compares them.
func (a Assessor) CostDiff(env string, base, head []byte) (*cost.Diff, error) {
	bb, err := a.estimate(env, "base", base)
	if err != nil {
		return nil, err
	}
	hb, err := a.estimate(env, "head", head)
	if err != nil {
		return nil, err
	}
	return cost.Compare(bb, hb), nil
}

func (a Assessor) estimate(env, name string, planJSON []byte) (*cost.Breakdown, error) {
	p, err := cost.ParsePlan(planJSON)
	if err != nil {
		return nil, fmt.Errorf("pricing the %s: %w", name, err)
	}
	region := p.Variable("aws_region")
	if region == "" {
		region = "ap-southeast-1"
	}
	book, err := cost.LoadPriceBook(filepath.Join(a.Root, "pricing", region+".yaml"))
	if err != nil {
		return nil, err
	}
	u, err := cost.LoadUsage(cost.UsagePath(a.Root, env))
	if err != nil {
		return nil, err
	}
	bd, err := cost.Estimate(cost.Input{Plan: p, Book: book, Usage: u, PlanPath: name, Environment: env})
	if err != nil {
		return nil, fmt.Errorf("pricing the %s: %w", name, err)
	}
	return bd, nil
}

// Findings evaluates the policies over one plan JSON (exceptions applied).
func (a Assessor) Findings(ctx context.Context, env, name string, planJSON []byte) ([]compliance.Finding, error) {
	p, err := compliance.ParsePlan(name, planJSON)
	if err != nil {
		return nil, err
	}
	now := a.Now
	if now.IsZero() {
		now = time.Now()
	}
	res, err := a.Policies.Evaluate(ctx, p, compliance.Options{Now: now, Environment: env})
	if err != nil {
		return nil, err
	}
	return res.Findings, nil
}
