// Package offline implements a plugin-protocol-6 provider that serves a real
// provider's schema and plans without any cloud access. OpenTofu core does all
// configuration conformance checking against the schema; this server only
// plans (computed values become unknown), reads data sources from
// deterministic placeholders, and refuses to apply.
package offline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// ApplyRefusal is the message every state-changing RPC answers with.
const ApplyRefusal = "the offline provider plans only; configure AWS credentials to apply"

// Server serves one provider schema. One process serves one provider
// configuration, so per-configuration values (region, default tags) live here.
type Server struct {
	schema   *providerschema.Provider
	loadErr  error
	fixtures Fixtures

	mu          sync.Mutex
	region      string
	account     string // allowed_account_ids[0], where the configuration names one
	defaultTags map[string]tftypes.Value
}

var _ tfprotov6.ProviderServer = (*Server)(nil)

// New returns a server for schema. When the schema could not be loaded, pass
// loadErr instead: OpenTofu then shows it as a diagnostic rather than a
// crashed plugin.
func New(schema *providerschema.Provider, fixtures Fixtures, loadErr error) *Server {
	if fixtures == nil {
		fixtures = Fixtures{}
	}
	return &Server{schema: schema, fixtures: fixtures, loadErr: loadErr}
}

func errDiag(summary, detail string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary, Detail: detail}}
}

func (s *Server) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp := &tfprotov6.GetMetadataResponse{ServerCapabilities: capabilities()}
	if s.loadErr != nil {
		resp.Diagnostics = errDiag("Offline provider schema not loaded", s.loadErr.Error())
		return resp, nil
	}
	for _, n := range s.schema.Names(providerschema.Resources) {
		resp.Resources = append(resp.Resources, tfprotov6.ResourceMetadata{TypeName: n})
	}
	for _, n := range s.schema.Names(providerschema.DataSources) {
		resp.DataSources = append(resp.DataSources, tfprotov6.DataSourceMetadata{TypeName: n})
	}
	for _, n := range s.schema.Names(providerschema.EphemeralResources) {
		resp.EphemeralResources = append(resp.EphemeralResources, tfprotov6.EphemeralResourceMetadata{TypeName: n})
	}
	return resp, nil
}

// capabilities: GetProviderSchemaOptional lets both engines ask only the
// first provider process of a run for the 5 MB schema and reuse it for every
// later one (a `tofu test` starts hundreds), which makes each start cheap.
func capabilities() *tfprotov6.ServerCapabilities {
	return &tfprotov6.ServerCapabilities{PlanDestroy: true, GetProviderSchemaOptional: true}
}

func (s *Server) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp := &tfprotov6.GetProviderSchemaResponse{ServerCapabilities: capabilities()}
	if s.loadErr != nil {
		resp.Diagnostics = errDiag("Offline provider schema not loaded", s.loadErr.Error())
		return resp, nil
	}
	all, err := s.schema.Complete()
	if err != nil {
		resp.Diagnostics = errDiag("Offline provider schema not loaded", err.Error())
		return resp, nil
	}
	resp.Provider = all.Provider
	resp.ResourceSchemas = all.Resources
	resp.DataSourceSchemas = all.DataSources
	resp.EphemeralResourceSchemas = all.EphemeralResources
	return resp, nil
}

func (s *Server) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

func (s *Server) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

// ConfigureProvider remembers the region and default tags so that data
// sources answer for the configured region and tags_all is planned as the
// real AWS provider plans it.
func (s *Server) ConfigureProvider(_ context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp := &tfprotov6.ConfigureProviderResponse{}
	if s.loadErr != nil {
		resp.Diagnostics = errDiag("Offline provider schema not loaded", s.loadErr.Error())
		return resp, nil
	}
	if req.Config == nil {
		return resp, nil
	}
	cfg, err := req.Config.Unmarshal(s.schema.Provider.ValueType())
	if err != nil {
		resp.Diagnostics = errDiag("Invalid provider configuration", err.Error())
		return resp, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.region = stringAt(cfg, tftypes.NewAttributePath().WithAttributeName("region"))
	s.account = firstAllowedAccount(cfg)
	s.defaultTags = defaultTags(cfg)
	return resp, nil
}

func (s *Server) configuredRegion() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.region != "" {
		return s.region
	}
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return "us-east-1"
}

// identity is the account, region and partition offline resources live in:
// the configured allowed account (the one the real provider would insist
// on), else the caller-identity fixture, else OfflineAccountID.
func (s *Server) identity() identity {
	region := s.configuredRegion()
	s.mu.Lock()
	account := s.account
	s.mu.Unlock()
	if account == "" {
		account = OfflineAccountID
		if raw, ok := s.fixtures["aws_caller_identity"]["account_id"]; ok {
			var a string
			if err := json.Unmarshal(raw, &a); err == nil && a != "" {
				account = a
			}
		}
	}
	return identity{account: account, region: region, partition: "aws"}
}

func (s *Server) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

func (s *Server) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

func (s *Server) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	resp := &tfprotov6.UpgradeResourceStateResponse{}
	sch, diags := s.resource(req.TypeName)
	if diags != nil {
		resp.Diagnostics = diags
		return resp, nil
	}
	ty := sch.ValueType()
	if req.RawState == nil {
		resp.UpgradedState = dynamic(ty, tftypes.NewValue(ty, nil), &resp.Diagnostics)
		return resp, nil
	}
	v, err := req.RawState.UnmarshalWithOpts(ty, tfprotov6.UnmarshalOpts{
		ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
	})
	if err != nil {
		resp.Diagnostics = errDiag("Cannot read stored state", fmt.Sprintf("%s: %s", req.TypeName, err))
		return resp, nil
	}
	resp.UpgradedState = dynamic(ty, v, &resp.Diagnostics)
	return resp, nil
}

// ReadResource has no cloud to ask, so the stored state is the truth.
func (s *Server) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

func (s *Server) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedPrivate: req.PriorPrivate}
	sch, diags := s.resource(req.TypeName)
	if diags != nil {
		resp.Diagnostics = diags
		return resp, nil
	}
	ty := sch.ValueType()
	proposed, err := req.ProposedNewState.Unmarshal(ty)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot decode proposed state", err.Error())
		return resp, nil
	}
	prior := tftypes.NewValue(ty, nil)
	if req.PriorState != nil {
		if prior, err = req.PriorState.Unmarshal(ty); err != nil {
			resp.Diagnostics = errDiag("Cannot decode prior state", err.Error())
			return resp, nil
		}
	}
	s.mu.Lock()
	tags := s.defaultTags
	s.mu.Unlock()
	planned, err := Plan(sch.Block, proposed, prior, tags)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot plan "+req.TypeName, err.Error())
		return resp, nil
	}
	resp.PlannedState = dynamic(ty, planned, &resp.Diagnostics)
	return resp, nil
}

// ApplyResourceChange applies into the engine's (local) state only, and only
// when offline apply was asked for (EnvApply): values the plan left unknown
// get deterministic AWS-shaped values (see Resolve); a destroy returns null.
func (s *Server) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if !ApplyEnabled() {
		return &tfprotov6.ApplyResourceChangeResponse{
			Diagnostics: errDiag("Offline provider cannot apply", fmt.Sprintf("%s: %s (offline apply into local state only: lookcard apply --offline).", req.TypeName, ApplyRefusal)),
		}, nil
	}
	resp := &tfprotov6.ApplyResourceChangeResponse{Private: req.PlannedPrivate}
	sch, diags := s.resource(req.TypeName)
	if diags != nil {
		resp.Diagnostics = diags
		return resp, nil
	}
	ty := sch.ValueType()
	planned, err := req.PlannedState.Unmarshal(ty)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot decode planned state", err.Error())
		return resp, nil
	}
	state, err := Resolve(req.TypeName, sch.Block, planned, s.identity())
	if err != nil {
		resp.Diagnostics = errDiag("Cannot apply "+req.TypeName+" offline", err.Error())
		return resp, nil
	}
	resp.NewState = dynamic(ty, state, &resp.Diagnostics)
	return resp, nil
}

func (s *Server) ImportResourceState(_ context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return &tfprotov6.ImportResourceStateResponse{
		Diagnostics: errDiag("Offline provider cannot import", fmt.Sprintf("%s: %s.", req.TypeName, ApplyRefusal)),
	}, nil
}

func (s *Server) MoveResourceState(_ context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return &tfprotov6.MoveResourceStateResponse{
		Diagnostics: errDiag("Offline provider cannot move state across resource types", fmt.Sprintf("%s -> %s: %s.", req.SourceTypeName, req.TargetTypeName, ApplyRefusal)),
	}, nil
}

func (s *Server) UpgradeResourceIdentity(_ context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return &tfprotov6.UpgradeResourceIdentityResponse{
		Diagnostics: errDiag("Offline provider has no resource identities", req.TypeName+": resource identity is not modelled offline."),
	}, nil
}

func (s *Server) GenerateResourceConfig(_ context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return &tfprotov6.GenerateResourceConfigResponse{
		Diagnostics: errDiag("Offline provider cannot generate configuration", fmt.Sprintf("%s: %s.", req.TypeName, ApplyRefusal)),
	}, nil
}

func (s *Server) ValidateDataResourceConfig(context.Context, *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return &tfprotov6.ValidateDataResourceConfigResponse{}, nil
}

func (s *Server) ReadDataSource(_ context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	resp := &tfprotov6.ReadDataSourceResponse{}
	if s.loadErr != nil {
		resp.Diagnostics = errDiag("Offline provider schema not loaded", s.loadErr.Error())
		return resp, nil
	}
	sch, diags := s.typeSchema(providerschema.DataSources, req.TypeName)
	if diags != nil {
		resp.Diagnostics = diags
		return resp, nil
	}
	ty := sch.ValueType()
	cfg, err := req.Config.Unmarshal(ty)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot decode data source configuration", err.Error())
		return resp, nil
	}
	state, err := s.readData(req.TypeName, sch.Block, cfg)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot read "+req.TypeName+" offline", err.Error())
		return resp, nil
	}
	resp.State = dynamic(ty, state, &resp.Diagnostics)
	return resp, nil
}

func (s *Server) GetFunctions(context.Context, *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return &tfprotov6.GetFunctionsResponse{Functions: map[string]*tfprotov6.Function{}}, nil
}

func (s *Server) CallFunction(_ context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{Error: &tfprotov6.FunctionError{Text: "the offline provider serves no functions: " + req.Name}}, nil
}

func (s *Server) ValidateEphemeralResourceConfig(context.Context, *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov6.ValidateEphemeralResourceConfigResponse{}, nil
}

// OpenEphemeralResource answers with placeholders, like a data source.
func (s *Server) OpenEphemeralResource(_ context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	resp := &tfprotov6.OpenEphemeralResourceResponse{}
	if s.loadErr != nil {
		resp.Diagnostics = errDiag("Offline provider schema not loaded", s.loadErr.Error())
		return resp, nil
	}
	sch, diags := s.typeSchema(providerschema.EphemeralResources, req.TypeName)
	if diags != nil {
		resp.Diagnostics = diags
		return resp, nil
	}
	ty := sch.ValueType()
	cfg, err := req.Config.Unmarshal(ty)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot decode ephemeral resource configuration", err.Error())
		return resp, nil
	}
	v, err := s.readData(req.TypeName, sch.Block, cfg)
	if err != nil {
		resp.Diagnostics = errDiag("Cannot open "+req.TypeName+" offline", err.Error())
		return resp, nil
	}
	resp.Result = dynamic(ty, v, &resp.Diagnostics)
	return resp, nil
}

func (s *Server) RenewEphemeralResource(context.Context, *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return &tfprotov6.RenewEphemeralResourceResponse{}, nil
}

func (s *Server) CloseEphemeralResource(context.Context, *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return &tfprotov6.CloseEphemeralResourceResponse{}, nil
}

func (s *Server) resource(typeName string) (*tfprotov6.Schema, []*tfprotov6.Diagnostic) {
	if s.loadErr != nil {
		return nil, errDiag("Offline provider schema not loaded", s.loadErr.Error())
	}
	return s.typeSchema(providerschema.Resources, typeName)
}

// typeSchema looks a type up (the schema decodes it on first use).
func (s *Server) typeSchema(k providerschema.Kind, typeName string) (*tfprotov6.Schema, []*tfprotov6.Diagnostic) {
	sch, err := s.schema.Schema(k, typeName)
	switch {
	case errors.Is(err, providerschema.ErrUnknown):
		return nil, errDiag("Unknown "+k.String(), typeName+" is not in the provider schema.")
	case err != nil:
		return nil, errDiag("Offline provider schema not loaded", err.Error())
	}
	return sch, nil
}

func dynamic(ty tftypes.Type, v tftypes.Value, diags *[]*tfprotov6.Diagnostic) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(ty, v)
	if err != nil {
		*diags = append(*diags, errDiag("Cannot encode value", err.Error())...)
		return nil
	}
	return &dv
}
