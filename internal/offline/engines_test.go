package offline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// The requests in testdata/engine_requests are what OpenTofu v1.10.6 and
// Terraform v1.11.4 sent the offline provider for `validate` and `plan` of
// testdata/engine_requests/config (plan from config/seed-state.json, so that one
// key is read, upgraded and updated while the rest is created), captured by a
// throwaway build of the provider that logged every request as JSON. Each
// session is one provider process, in the order the engine started them; its
// requests are in the order the engine sent them.
//
// To capture again: copy testdata/engine_requests/capture/main.go (the
// provider wrapped in a logger of every request) to cmd/ of a scratch copy of
// the repository and build it as terraform-provider-aws (and -cloudflare);
// serve it through dev_overrides with CAPTURE_DIR set; run `<engine>
// validate` and `<engine> plan -state=<copy of seed-state.json>` in config/;
// split each file of CAPTURE_DIR into sessions where seq restarts at 1.

type capturedEngine struct {
	Engine   string            `json:"engine"`
	Sessions []capturedSession `json:"sessions"`
}

type capturedSession struct {
	Command  string            `json:"command"`  // validate or plan
	Provider string            `json:"provider"` // aws or cloudflare
	Requests []capturedRequest `json:"requests"`
}

type capturedRequest struct {
	RPC     string          `json:"rpc"`
	Request json.RawMessage `json:"request"`
}

var loadCloudflare = sync.OnceValues(func() (*providerschema.Provider, error) {
	return providerschema.LoadFile(providerschema.File(os.Getenv(providerschema.EnvDir), "cloudflare"))
})

func readCapture(t *testing.T, name string) capturedEngine {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "engine_requests", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c capturedEngine
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return c
}

// answer is what the provider answered one request, in a form two answers
// can be compared by: decoded values, not their encoding.
type answer struct {
	values map[string]tftypes.Value // response field -> decoded value
	rest   any                      // everything else (diagnostics, replace paths, private state, schemas)
}

// replay sends a session's requests, in order, to a fresh server (one
// provider process) and returns each answer under a key that names the RPC,
// the type and the how-many-th such request of the session it is.
func replay(t *testing.T, srv *Server, s capturedSession) map[string]answer {
	t.Helper()
	ctx := context.Background()
	out := map[string]answer{}
	seen := map[string]int{}
	for _, r := range s.Requests {
		var typeName struct{ TypeName string }
		_ = json.Unmarshal(r.Request, &typeName)
		key := r.RPC + " " + typeName.TypeName
		seen[key]++
		key = fmt.Sprintf("%s #%d", key, seen[key])

		decode := func(into any) {
			if err := json.Unmarshal(r.Request, into); err != nil {
				t.Fatalf("%s: decoding the captured request: %v", key, err)
			}
		}
		var a answer
		var err error
		switch r.RPC {
		case "GetProviderSchema":
			var req tfprotov6.GetProviderSchemaRequest
			decode(&req)
			var resp *tfprotov6.GetProviderSchemaResponse
			resp, err = srv.GetProviderSchema(ctx, &req)
			a.rest = resp
		case "GetMetadata":
			var req tfprotov6.GetMetadataRequest
			decode(&req)
			var resp *tfprotov6.GetMetadataResponse
			resp, err = srv.GetMetadata(ctx, &req)
			a.rest = resp
		case "GetFunctions":
			var req tfprotov6.GetFunctionsRequest
			decode(&req)
			var resp *tfprotov6.GetFunctionsResponse
			resp, err = srv.GetFunctions(ctx, &req)
			a.rest = resp
		case "ValidateProviderConfig":
			var req tfprotov6.ValidateProviderConfigRequest
			decode(&req)
			var resp *tfprotov6.ValidateProviderConfigResponse
			resp, err = srv.ValidateProviderConfig(ctx, &req)
			a.values = map[string]tftypes.Value{"PreparedConfig": decodeValue(t, key, resp.PreparedConfig, srv.schema.Provider)}
			a.rest = resp.Diagnostics
		case "ConfigureProvider":
			var req tfprotov6.ConfigureProviderRequest
			decode(&req)
			var resp *tfprotov6.ConfigureProviderResponse
			resp, err = srv.ConfigureProvider(ctx, &req)
			a.rest = resp.Diagnostics
		case "ValidateResourceConfig":
			var req tfprotov6.ValidateResourceConfigRequest
			decode(&req)
			var resp *tfprotov6.ValidateResourceConfigResponse
			resp, err = srv.ValidateResourceConfig(ctx, &req)
			a.rest = resp.Diagnostics
		case "ValidateDataResourceConfig":
			var req tfprotov6.ValidateDataResourceConfigRequest
			decode(&req)
			var resp *tfprotov6.ValidateDataResourceConfigResponse
			resp, err = srv.ValidateDataResourceConfig(ctx, &req)
			a.rest = resp.Diagnostics
		case "UpgradeResourceState":
			var req tfprotov6.UpgradeResourceStateRequest
			decode(&req)
			var resp *tfprotov6.UpgradeResourceStateResponse
			resp, err = srv.UpgradeResourceState(ctx, &req)
			a.values = map[string]tftypes.Value{"UpgradedState": decodeValue(t, key, resp.UpgradedState, srv.schema.Resources[req.TypeName])}
			a.rest = resp.Diagnostics
		case "ReadResource":
			var req tfprotov6.ReadResourceRequest
			decode(&req)
			var resp *tfprotov6.ReadResourceResponse
			resp, err = srv.ReadResource(ctx, &req)
			a.values = map[string]tftypes.Value{"NewState": decodeValue(t, key, resp.NewState, srv.schema.Resources[req.TypeName])}
			a.rest = []any{resp.Diagnostics, resp.Private, resp.Deferred}
		case "PlanResourceChange":
			var req tfprotov6.PlanResourceChangeRequest
			decode(&req)
			var resp *tfprotov6.PlanResourceChangeResponse
			resp, err = srv.PlanResourceChange(ctx, &req)
			a.values = map[string]tftypes.Value{"PlannedState": decodeValue(t, key, resp.PlannedState, srv.schema.Resources[req.TypeName])}
			a.rest = []any{resp.Diagnostics, resp.RequiresReplace, resp.PlannedPrivate, resp.Deferred, resp.UnsafeToUseLegacyTypeSystem}
		case "ReadDataSource":
			var req tfprotov6.ReadDataSourceRequest
			decode(&req)
			var resp *tfprotov6.ReadDataSourceResponse
			resp, err = srv.ReadDataSource(ctx, &req)
			a.values = map[string]tftypes.Value{"State": decodeValue(t, key, resp.State, srv.schema.DataSources[req.TypeName])}
			a.rest = []any{resp.Diagnostics, resp.Deferred}
		case "StopProvider":
			var req tfprotov6.StopProviderRequest
			decode(&req)
			var resp *tfprotov6.StopProviderResponse
			resp, err = srv.StopProvider(ctx, &req)
			a.rest = resp
		default:
			t.Fatalf("%s: the capture holds an RPC this test does not replay: add it", key)
		}
		if err != nil {
			t.Fatalf("%s: Go error (crashes the plugin): %v", key, err)
		}
		out[key] = a
	}
	return out
}

func decodeValue(t *testing.T, key string, dv *tfprotov6.DynamicValue, sch *tfprotov6.Schema) tftypes.Value {
	t.Helper()
	if dv == nil {
		return tftypes.Value{}
	}
	if sch == nil {
		t.Fatalf("%s: no schema to decode the answer with", key)
	}
	v, err := dv.Unmarshal(sch.ValueType())
	if err != nil {
		t.Fatalf("%s: decoding the answer: %v", key, err)
	}
	return v
}

// TestEnginesGetIdenticalAnswers replays what each engine sent for the same
// configuration and requires the same answer to each request: the offline
// provider must not behave differently for OpenTofu and Terraform, although
// their requests differ (Terraform sends client capabilities, its own
// version, and orders requests differently).
func TestEnginesGetIdenticalAnswers(t *testing.T) {
	schemas := map[string]*providerschema.Provider{"aws": awsSchema(t)}
	cf, err := loadCloudflare()
	if err != nil {
		t.Fatal(err)
	}
	schemas["cloudflare"] = cf

	tofu, tf := readCapture(t, "opentofu"), readCapture(t, "terraform")
	if !strings.HasPrefix(tofu.Engine, "OpenTofu") || !strings.HasPrefix(tf.Engine, "Terraform") {
		t.Fatalf("captures are from %q and %q, want OpenTofu and Terraform", tofu.Engine, tf.Engine)
	}
	if len(tofu.Sessions) != len(tf.Sessions) {
		t.Fatalf("OpenTofu started %d provider processes, Terraform %d: capture both from the same configuration", len(tofu.Sessions), len(tf.Sessions))
	}
	requests := 0
	for i := range tofu.Sessions {
		a, b := tofu.Sessions[i], tf.Sessions[i]
		name := fmt.Sprintf("%s/%s/process_%d", a.Command, a.Provider, i)
		t.Run(name, func(t *testing.T) {
			if a.Command != b.Command || a.Provider != b.Provider {
				t.Fatalf("session %d: OpenTofu %s/%s, Terraform %s/%s", i, a.Command, a.Provider, b.Command, b.Provider)
			}
			ansA := replay(t, New(schemas[a.Provider], nil, nil), a)
			ansB := replay(t, New(schemas[b.Provider], nil, nil), b)
			keys := func(m map[string]answer) []string {
				out := make([]string, 0, len(m))
				for k := range m {
					out = append(out, k)
				}
				sort.Strings(out)
				return out
			}
			if ka, kb := keys(ansA), keys(ansB); !reflect.DeepEqual(ka, kb) {
				t.Fatalf("the engines sent different requests:\nOpenTofu:  %q\nTerraform: %q", ka, kb)
			}
			for _, k := range keys(ansA) {
				x, y := ansA[k], ansB[k]
				for field, vx := range x.values {
					vy := y.values[field]
					if !vx.Equal(vy) {
						diffs, _ := vx.Diff(vy)
						t.Errorf("%s: %s differs between the engines' requests:\nOpenTofu:  %s\nTerraform: %s\ndifferences: %v", k, field, vx, vy, diffs)
					}
				}
				if !reflect.DeepEqual(x.rest, y.rest) {
					t.Errorf("%s: answers differ:\nOpenTofu:  %+v\nTerraform: %+v", k, x.rest, y.rest)
				}
				requests++
			}
		})
	}
	if requests == 0 {
		t.Fatal("no request replayed")
	}
}

// TestCapturedRequestsDiffer keeps the test above honest: the two captures
// really are different requests (else comparing the answers proves nothing).
func TestCapturedRequestsDiffer(t *testing.T) {
	tofu, tf := readCapture(t, "opentofu"), readCapture(t, "terraform")
	find := func(c capturedEngine, rpc string) json.RawMessage {
		for _, s := range c.Sessions {
			for _, r := range s.Requests {
				if r.RPC == rpc {
					return r.Request
				}
			}
		}
		t.Fatalf("%s sent no %s", c.Engine, rpc)
		return nil
	}
	var a, b tfprotov6.ConfigureProviderRequest
	if err := json.Unmarshal(find(tofu, "ConfigureProvider"), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(find(tf, "ConfigureProvider"), &b); err != nil {
		t.Fatal(err)
	}
	if a.TerraformVersion == b.TerraformVersion {
		t.Errorf("both captures report version %q", a.TerraformVersion)
	}
	if a.ClientCapabilities != nil || b.ClientCapabilities == nil {
		t.Errorf("client capabilities: OpenTofu %+v, Terraform %+v; want only Terraform's", a.ClientCapabilities, b.ClientCapabilities)
	}
	rpcs := map[string]bool{}
	for _, s := range tf.Sessions {
		for _, r := range s.Requests {
			rpcs[r.RPC] = true
		}
	}
	for _, want := range []string{"GetProviderSchema", "ValidateProviderConfig", "ConfigureProvider", "ValidateResourceConfig",
		"ValidateDataResourceConfig", "UpgradeResourceState", "ReadResource", "ReadDataSource", "PlanResourceChange"} {
		if !rpcs[want] {
			t.Errorf("the capture has no %s request: capture again from config/ with seed-state.json", want)
		}
	}
}
