package cli

import (
	"context"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/gitinfo"
)

func TestCreatesServices(t *testing.T) {
	plan := func(typ string, actions ...tfjson.Action) *tfjson.Plan {
		return &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{{Type: typ, Change: &tfjson.Change{Actions: actions}}}}
	}
	cases := []struct {
		name string
		p    *tfjson.Plan
		want bool
	}{
		{"ecs service created", plan("aws_ecs_service", tfjson.ActionCreate), true},
		{"app runner replaced", plan("aws_apprunner_service", tfjson.ActionDelete, tfjson.ActionCreate), true},
		{"ecs service updated", plan("aws_ecs_service", tfjson.ActionUpdate), false},
		{"repository created", plan("aws_ecr_repository", tfjson.ActionCreate), false},
	}
	for _, c := range cases {
		if got := createsServices(c.p); got != c.want {
			t.Errorf("%s: createsServices = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRequireImages drives the ordered first apply's guard against the fake
// AWS endpoint (the real SDK clients): missing images refuse with the fix,
// pushed images pass.
func TestRequireImages(t *testing.T) {
	f := fakeAccount(t)
	dir := doctorRepo(t)
	target, err := environment.ForEnvironment("sandbox", "sandbox")
	if err != nil {
		t.Fatal(err)
	}
	g, err := gitinfo.Read(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	s := &session{git: g, target: target}
	if err := requireImages(context.Background(), s); err != nil {
		t.Fatalf("every image is pushed, want no error: %v", err)
	}
	f.Images = map[string][]string{"lookcard-sandbox/card-api": {"release-7"}, "lookcard-sandbox/web-app": {}}
	err = requireImages(context.Background(), s)
	if err == nil {
		t.Fatal("a missing image must refuse the plan")
	}
	for _, want := range []string{"creates ECS or App Runner services", "lookcard-sandbox/web-app", "docs/first-apply.md"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	f.Images = map[string][]string{}
	err = requireImages(context.Background(), s)
	if err == nil || !strings.Contains(err.Error(), "--first-apply") {
		t.Errorf("with no repositories the fix must name --first-apply, got %v", err)
	}
}
