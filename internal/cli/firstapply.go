package cli

import (
	"context"
	"fmt"
	"os"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/doctor"
)

// FirstApplyTargets are what a fresh environment applies before anything
// else: the ECR repositories (and what they need, such as their KMS key),
// so that images can be pushed before ECS and App Runner services that run
// them are created. App Runner fails after ~10 minutes, and ECS services
// never stabilise, on a repository without the image.
var FirstApplyTargets = []string{"module.ecr"}

// createsServices reports whether the plan creates anything that pulls an
// image from ECR when it starts.
func createsServices(p *tfjson.Plan) bool {
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil || !rc.Change.Actions.Create() && !rc.Change.Actions.Replace() {
			continue
		}
		switch rc.Type {
		case "aws_ecs_service", "aws_apprunner_service":
			return true
		}
	}
	return false
}

// requireImages refuses an online plan that creates services while the
// images they run are not in ECR (doctor's ecr-images check), so that the
// ordered first apply is enforced by the tool, not by a README sentence.
func requireImages(ctx context.Context, s *session) error {
	cfg, err := doctor.Load(s.git.Root, s.target, s.git.ShortCommit())
	if err != nil {
		return err
	}
	clients, err := doctor.LoadClients(ctx, cfg.Region, awsProfile())
	if err != nil {
		return err
	}
	for _, r := range doctor.New(cfg, clients).Run(ctx, []string{"ecr-images"}) {
		if r.Status == doctor.Fail {
			return fmt.Errorf("the plan creates ECS or App Runner services, but %s; fix: %s (see docs/first-apply.md)", r.Detail, r.Fix)
		}
	}
	return nil
}

// discardPlan removes a saved plan that must not be applied.
func discardPlan(s *session) {
	for _, p := range []string{s.layout.PlanFile, s.layout.PlanJSON, s.layout.MetaFile()} {
		_ = os.Remove(p)
	}
}
