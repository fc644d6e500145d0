package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/lookcard/infrastructure/internal/providerschema"
)

// envServe makes the test binary serve as the provider of that type, so the
// tests start real provider processes without building one.
const envServe = "LOOKCARD_TEST_SERVE_PROVIDER"

func TestMain(m *testing.M) {
	if ptype := os.Getenv(envServe); ptype != "" {
		serve(ptype)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestProviderType(t *testing.T) {
	for in, want := range map[string]string{
		"terraform-provider-aws":                          "aws",
		"/x/terraform-provider-aws_v6.47.0":               "aws",
		`C:\x\terraform-provider-cloudflare.exe`:          "cloudflare",
		"/bin/providers/terraform-provider-cloudflare_v5": "cloudflare",
	} {
		if got := providerType(filepath.ToSlash(strings.ReplaceAll(in, `\`, "/"))); got != want {
			t.Errorf("providerType(%q) = %q, want %q", in, got, want)
		}
	}
}

// start runs the provider as OpenTofu does and returns how long it took to
// print go-plugin's handshake line, which it prints once the schema is
// loaded and it listens for RPCs. With schema, it then also asks for the
// provider schema over gRPC, as the engine does first, and includes that.
func start(tb testing.TB, ptype, schemas, cache string, schema ...bool) time.Duration {
	tb.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(),
		envServe+"="+ptype,
		providerschema.EnvDir+"="+schemas,
		providerschema.EnvCache+"="+cache,
		"TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
		"PLUGIN_PROTOCOL_VERSIONS=6",
	)
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		tb.Fatalf("no handshake from the provider: %v", err)
	}
	if !strings.HasPrefix(line, "1|6|") {
		tb.Fatalf("handshake %q, want protocol 6", line)
	}
	if len(schema) > 0 && schema[0] {
		if n := getProviderSchema(tb, line); n < 1000 {
			tb.Fatalf("GetProviderSchema answered %d bytes", n)
		}
	}
	return time.Since(began)
}

// rawCodec passes messages through as bytes: an empty request is a valid
// GetProviderSchema.Request, and only the response's size matters here.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(b []byte, v any) error {
	*v.(*[]byte) = append([]byte(nil), b...)
	return nil
}
func (rawCodec) Name() string { return "raw" }

// getProviderSchema calls GetProviderSchema on the plugin the handshake line
// ("1|6|unix|/tmp/plugin…|grpc|") names and returns the response's size.
func getProviderSchema(tb testing.TB, handshake string) int {
	tb.Helper()
	f := strings.Split(strings.TrimSpace(handshake), "|")
	if len(f) < 5 || f[2] != "unix" {
		tb.Fatalf("handshake %q: want a unix socket", handshake)
	}
	conn, err := grpc.NewClient("unix://"+f[3], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	req, resp := []byte{}, []byte{}
	err = conn.Invoke(context.Background(), "/tfplugin6.Provider/GetProviderSchema", &req, &resp,
		grpc.ForceCodec(rawCodec{}), grpc.MaxCallRecvMsgSize(1<<30))
	if err != nil {
		tb.Fatalf("GetProviderSchema: %v", err)
	}
	return len(resp)
}

func schemaDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv(providerschema.EnvDir)
	if dir == "" {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			tb.Fatalf("%s is not set and LOOKCARD_REQUIRE_TOOLS=1", providerschema.EnvDir)
		}
		tb.Skipf("%s is not set", providerschema.EnvDir)
	}
	return dir
}

func TestProviderStartFillsTheCache(t *testing.T) {
	schemas, cache := schemaDir(t), t.TempDir()
	start(t, "cloudflare", schemas, cache, true)
	got, err := filepath.Glob(filepath.Join(cache, "*.lkschema"))
	if err != nil || len(got) != 1 {
		t.Fatalf("cache entries after one start: %v %v, want one", got, err)
	}
	start(t, "cloudflare", schemas, cache)
	if again, _ := filepath.Glob(filepath.Join(cache, "*")); len(again) != 1 {
		t.Errorf("cache after a second start: %v, want the same single entry", again)
	}
	// With the cache off nothing is written anywhere under it.
	off := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", off)
	start(t, "cloudflare", schemas, "off")
	if left, _ := filepath.Glob(filepath.Join(off, "*")); len(left) != 0 {
		t.Errorf("cache off wrote %v", left)
	}
}

// BenchmarkProviderStart reports the wall time from exec to the handshake of
// the AWS provider process (ready: schema loaded, listening), cold (cache
// off: parse and convert aws.json) and warm (converted schema from the
// cache); the +schema variants also include answering GetProviderSchema
// over gRPC, the first call the engine makes to every provider process.
func BenchmarkProviderStart(b *testing.B) {
	schemas, warm := schemaDir(b), b.TempDir()
	for _, c := range []struct {
		name, cache string
		schema      bool
	}{{"cold", "off", false}, {"warm", warm, false}, {"cold+schema", "off", true}, {"warm+schema", warm, true}} {
		b.Run(c.name, func(b *testing.B) {
			start(b, "aws", schemas, c.cache) // fills the warm cache
			var total time.Duration
			for b.Loop() {
				total += start(b, "aws", schemas, c.cache, c.schema)
			}
			b.ReportMetric(float64(total.Nanoseconds())/1e6/float64(b.N), "ms/start")
		})
	}
}
