package providerschema

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// entries lists the cache entries in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"+cacheSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func writeDoc(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.json")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustLoad(t *testing.T, path, cache string, want CacheOutcome) *Provider {
	t.Helper()
	p, got, err := LoadFileCached(path, cache)
	if err != nil {
		t.Fatalf("LoadFileCached: %v", err)
	}
	if got != want {
		t.Fatalf("cache outcome %s, want %s", got, want)
	}
	return p
}

func mustEqualFresh(t *testing.T, path string, got *Provider) {
	t.Helper()
	want, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(complete(t, got), want) {
		t.Fatal("cached schema differs from a fresh conversion")
	}
}

// complete is p with every type schema decoded, as GetProviderSchema
// serves it.
func complete(t testing.TB, p *Provider) *Provider {
	t.Helper()
	c, err := p.Complete()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCacheHitEqualsFreshConversion(t *testing.T) {
	path, cache := writeDoc(t, doc), t.TempDir()
	mustEqualFresh(t, path, mustLoad(t, path, cache, CacheStored))
	if n := len(entries(t, cache)); n != 1 {
		t.Fatalf("%d cache entries, want 1", n)
	}
	mustEqualFresh(t, path, mustLoad(t, path, cache, CacheHit))
	mustEqualFresh(t, path, mustLoad(t, path, "", CacheOff))
}

// Every shape the encoding knows, including nil kept apart from empty.
func TestCacheEncodingRoundTrip(t *testing.T) {
	attr := func(name string, ty tftypes.Type) *tfprotov6.SchemaAttribute {
		return &tfprotov6.SchemaAttribute{Name: name, Type: ty}
	}
	obj := tftypes.Object{
		AttributeTypes:     map[string]tftypes.Type{"a": tftypes.String, "b": tftypes.List{ElementType: tftypes.Number}},
		OptionalAttributes: map[string]struct{}{"b": {}},
	}
	p := &Provider{
		Address:  "registry.opentofu.org/lookcard/demo",
		Provider: &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}},
		Resources: map[string]*tfprotov6.Schema{
			"demo_all": {Version: 3, Block: &tfprotov6.SchemaBlock{
				Version: -2, Description: "d", DescriptionKind: tfprotov6.StringKindMarkdown,
				Deprecated: true, DeprecationMessage: "gone",
				Attributes: []*tfprotov6.SchemaAttribute{
					attr("s", tftypes.String), attr("n", tftypes.Number), attr("b", tftypes.Bool),
					attr("dyn", tftypes.DynamicPseudoType),
					attr("set", tftypes.Set{ElementType: obj}), attr("map", tftypes.Map{ElementType: tftypes.Bool}),
					attr("obj", obj), attr("obj2", obj),
					attr("empty_obj", tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}),
					attr("nil_obj", tftypes.Object{}),
					attr("tuple", tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, obj}}),
					attr("empty_tuple", tftypes.Tuple{ElementTypes: []tftypes.Type{}}),
					{Name: "flags", Type: tftypes.String, Required: true, Computed: true, Sensitive: true,
						WriteOnly: true, Deprecated: true, DeprecationMessage: "x", Description: "ünïcode",
						DescriptionKind: tfprotov6.StringKindMarkdown},
					{Name: "opt", Type: tftypes.String, Optional: true},
					{Name: "nested", NestedType: &tfprotov6.SchemaObject{
						Nesting:    tfprotov6.SchemaObjectNestingModeMap,
						Attributes: []*tfprotov6.SchemaAttribute{attr("inner", tftypes.String)},
					}},
					{Name: "nested_empty", NestedType: &tfprotov6.SchemaObject{Attributes: []*tfprotov6.SchemaAttribute{}}},
				},
				BlockTypes: []*tfprotov6.SchemaNestedBlock{
					{TypeName: "rule", Nesting: tfprotov6.SchemaNestedBlockNestingModeSet, MinItems: 1, MaxItems: 10,
						Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{}, BlockTypes: []*tfprotov6.SchemaNestedBlock{}}},
					{TypeName: "nil_block"},
				},
			}},
			"demo_nil_block": {},
		},
		DataSources: map[string]*tfprotov6.Schema{},
		// EphemeralResources stays nil.
	}
	lazy, err := decodeCache(encodeCache(p, "k"), "k")
	if err != nil {
		t.Fatal(err)
	}
	if got := complete(t, lazy); !reflect.DeepEqual(got, p) {
		t.Fatalf("round trip differs:\n got %#v\nwant %#v", got.Resources["demo_all"].Block, p.Resources["demo_all"].Block)
	}
	if _, err := decodeCache(encodeCache(p, "k"), "other"); err == nil {
		t.Error("an entry read under another key must not decode")
	}
}

func TestCacheInvalidatedWhenFileChanges(t *testing.T) {
	path, cache := writeDoc(t, doc), t.TempDir()
	mustLoad(t, path, cache, CacheStored)
	mustLoad(t, path, cache, CacheHit)
	changed := strings.Replace(doc, `"description": "Region."`, `"description": "Region, changed."`, 1)
	if changed == doc {
		t.Fatal("test document no longer has the description this test changes")
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	p := mustLoad(t, path, cache, CacheStored)
	if got := attribute(p.Provider, "region").Description; got != "Region, changed." {
		t.Errorf("region description %q: the cache served the old file", got)
	}
	mustEqualFresh(t, path, p)
	mustEqualFresh(t, path, mustLoad(t, path, cache, CacheHit))
}

func TestCacheCorruptEntryIsIgnoredAndRewritten(t *testing.T) {
	corruptions := map[string]func([]byte) []byte{
		"empty":     func([]byte) []byte { return nil },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"flipped":   func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b },
		"garbage":   func([]byte) []byte { return []byte("not a schema cache entry at all") },
		// A body that passes the checksum but does not parse.
		"bad body": func(b []byte) []byte {
			b = b[:len(b)-40]
			return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
		},
	}
	for name, corrupt := range corruptions {
		t.Run(name, func(t *testing.T) {
			path, cache := writeDoc(t, doc), t.TempDir()
			mustLoad(t, path, cache, CacheStored)
			entry := entries(t, cache)[0]
			b, err := os.ReadFile(entry)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(entry, corrupt(b), 0o644); err != nil {
				t.Fatal(err)
			}
			mustEqualFresh(t, path, mustLoad(t, path, cache, CacheStored))
			mustEqualFresh(t, path, mustLoad(t, path, cache, CacheHit))
		})
	}
}

// No prefix of an entry, and no single changed byte under a recomputed
// checksum, may panic the decoder.
func TestDecodeCacheNeverPanics(t *testing.T) {
	p, err := LoadFile(writeDoc(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	b := encodeCache(p, "k")
	for i := range len(b) {
		if _, err := decodeCache(b[:i], "k"); err == nil {
			t.Fatalf("a %d-byte prefix of a %d-byte entry decoded", i, len(b))
		}
	}
	body := b[:len(b)-4]
	for i := range len(body) {
		for _, v := range []byte{0x00, 0x01, 0x7f, 0xff} {
			c := append([]byte(nil), body...)
			c[i] = v
			c = binary.LittleEndian.AppendUint32(c, crc32.Checksum(c, crcTable))
			if q, err := decodeCache(c, "k"); err == nil {
				q.Complete() // decodes every type: must return, error or not
			}
		}
	}
}

func TestCacheConcurrentStarts(t *testing.T) {
	path, cache := writeDoc(t, doc), filepath.Join(t.TempDir(), "not", "yet", "made")
	const n = 16
	var wg sync.WaitGroup
	got := make([]*Provider, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			got[i], _, errs[i] = LoadFileCached(path, cache)
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("start %d: %v", i, errs[i])
		}
		mustEqualFresh(t, path, got[i])
	}
	mustEqualFresh(t, path, mustLoad(t, path, cache, CacheHit))
	all, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		var names []string
		for _, e := range all {
			names = append(names, e.Name())
		}
		t.Errorf("cache holds %v, want one entry and no temp files", names)
	}
}

func TestCacheUnwritableFallsBack(t *testing.T) {
	path := writeDoc(t, doc)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory under a regular file can be neither made nor written, even by root.
	mustEqualFresh(t, path, mustLoad(t, path, filepath.Join(blocker, "cache"), CacheStoreFailed))
}

func TestCacheErrorsAreLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := LoadFileCached(filepath.Join(dir, "aws.json"), dir); err == nil || !strings.Contains(err.Error(), EnvDir) {
		t.Errorf("missing file: %v, want an error naming %s", err, EnvDir)
	}
	bad := writeDoc(t, `{"format_version": "1.0", `)
	if _, _, err := LoadFileCached(bad, dir); err == nil || !strings.Contains(err.Error(), "decoding JSON") {
		t.Errorf("malformed file: %v", err)
	}
	if n := len(entries(t, dir)); n != 0 {
		t.Errorf("%d entries stored for a file that does not convert", n)
	}
}

func TestCachePrunesOldEntries(t *testing.T) {
	path, cache := writeDoc(t, doc), t.TempDir()
	old := filepath.Join(cache, "0123-old"+cacheSuffix)
	oldTmp := filepath.Join(cache, ".tmp-123")
	recent := filepath.Join(cache, "4567-recent"+cacheSuffix)
	other := filepath.Join(cache, "README")
	for _, f := range []string{old, oldTmp, recent, other} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-cacheMaxAge - time.Hour)
	for _, f := range []string{old, oldTmp, other} {
		if err := os.Chtimes(f, long, long); err != nil {
			t.Fatal(err)
		}
	}
	mustLoad(t, path, cache, CacheStored)
	for f, want := range map[string]bool{old: false, oldTmp: false, recent: true, other: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
}

func TestCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv(EnvCache, "")
	if got, want := CacheDir(), filepath.Join("/xdg", "lookcard", "provider-schemas"); got != want {
		t.Errorf("default CacheDir() = %q, want %q", got, want)
	}
	t.Setenv(EnvCache, "/elsewhere")
	if got := CacheDir(); got != "/elsewhere" {
		t.Errorf("CacheDir() = %q, want $%s", got, EnvCache)
	}
	for _, off := range []string{"off", "relative/dir"} {
		t.Setenv(EnvCache, off)
		if got := CacheDir(); got != "" {
			t.Errorf("CacheDir() = %q with %s=%s, want no cache", got, EnvCache, off)
		}
	}
}

func TestCacheRealAWSSchema(t *testing.T) {
	path := File(schemaDir(t), "aws")
	fresh, err := awsOnce()
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	for _, want := range []CacheOutcome{CacheStored, CacheHit} {
		if !reflect.DeepEqual(complete(t, mustLoad(t, path, cache, want)), fresh) {
			t.Fatalf("%s: cached AWS schema differs from a fresh conversion", want)
		}
	}
}

// BenchmarkLoadAWSSchemaWarm is a provider start with a warm cache: read and
// hash aws.json, read and decode the entry.
func BenchmarkLoadAWSSchemaWarm(b *testing.B) {
	path, cache := File(schemaDir(b), "aws"), b.TempDir()
	if _, _, err := LoadFileCached(path, cache); err != nil {
		b.Fatal(err)
	}
	var n int
	for b.Loop() {
		p, outcome, err := LoadFileCached(path, cache)
		if err != nil || outcome != CacheHit {
			b.Fatal(outcome, err)
		}
		n = len(p.Names(Resources))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/start")
	b.ReportMetric(float64(n), "resources")
}
