// Command capture is the offline provider with every request it receives
// logged as a JSON line to $CAPTURE_DIR/<type>-<engine pid>.jsonl: how the
// requests in testdata/engine_requests were captured (see engines_test.go).
// It lives in testdata so that it is never built with the repository.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/lookcard/infrastructure/internal/offline"
	"github.com/lookcard/infrastructure/internal/providerschema"
)

type logger struct {
	*offline.Server
	mu  sync.Mutex
	f   *os.File
	seq int
}

func (l *logger) log(rpc string, req any) {
	if l.f == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	b, _ := json.Marshal(map[string]any{"seq": l.seq, "rpc": rpc, "request": req})
	l.f.Write(append(b, '\n'))
}

func (l *logger) GetMetadata(ctx context.Context, r *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	l.log("GetMetadata", r)
	return l.Server.GetMetadata(ctx, r)
}
func (l *logger) GetProviderSchema(ctx context.Context, r *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	l.log("GetProviderSchema", r)
	return l.Server.GetProviderSchema(ctx, r)
}
func (l *logger) ValidateProviderConfig(ctx context.Context, r *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	l.log("ValidateProviderConfig", r)
	return l.Server.ValidateProviderConfig(ctx, r)
}
func (l *logger) ConfigureProvider(ctx context.Context, r *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	l.log("ConfigureProvider", r)
	return l.Server.ConfigureProvider(ctx, r)
}
func (l *logger) ValidateResourceConfig(ctx context.Context, r *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	l.log("ValidateResourceConfig", r)
	return l.Server.ValidateResourceConfig(ctx, r)
}
func (l *logger) ValidateDataResourceConfig(ctx context.Context, r *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	l.log("ValidateDataResourceConfig", r)
	return l.Server.ValidateDataResourceConfig(ctx, r)
}
func (l *logger) PlanResourceChange(ctx context.Context, r *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	l.log("PlanResourceChange", r)
	return l.Server.PlanResourceChange(ctx, r)
}
func (l *logger) ApplyResourceChange(ctx context.Context, r *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	l.log("ApplyResourceChange", r)
	return l.Server.ApplyResourceChange(ctx, r)
}
func (l *logger) ReadDataSource(ctx context.Context, r *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	l.log("ReadDataSource", r)
	return l.Server.ReadDataSource(ctx, r)
}
func (l *logger) ReadResource(ctx context.Context, r *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	l.log("ReadResource", r)
	return l.Server.ReadResource(ctx, r)
}
func (l *logger) UpgradeResourceState(ctx context.Context, r *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	l.log("UpgradeResourceState", r)
	return l.Server.UpgradeResourceState(ctx, r)
}
func (l *logger) GetFunctions(ctx context.Context, r *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	l.log("GetFunctions", r)
	return l.Server.GetFunctions(ctx, r)
}
func (l *logger) StopProvider(ctx context.Context, r *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	l.log("StopProvider", r)
	return l.Server.StopProvider(ctx, r)
}

func main() {
	name := strings.TrimPrefix(filepath.Base(os.Args[0]), "terraform-provider-")
	if i := strings.Index(name, "_"); i >= 0 {
		name = name[:i]
	}
	schema, err := providerschema.LoadFile(providerschema.File(os.Getenv(providerschema.EnvDir), name))
	fx, _ := offline.LoadFixtures(os.Getenv(offline.EnvFixtures))
	l := &logger{Server: offline.New(schema, fx, err)}
	if d := os.Getenv("CAPTURE_DIR"); d != "" {
		l.f, _ = os.OpenFile(filepath.Join(d, fmt.Sprintf("%s-%d.jsonl", name, os.Getppid())), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	}
	if err := tf6server.Serve("registry.opentofu.org/offline/"+name, func() tfprotov6.ProviderServer { return l }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
