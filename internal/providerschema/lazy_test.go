package providerschema

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// lazyFromDoc loads doc through the cache twice, so the second load is a
// hit: the provider a warm start serves.
func lazyFromDoc(t *testing.T) (lazy, fresh *Provider) {
	t.Helper()
	path, cache := writeDoc(t, doc), t.TempDir()
	fresh = mustLoad(t, path, cache, CacheStored)
	return mustLoad(t, path, cache, CacheHit), fresh
}

// A warm start decodes nothing but the names until a type is asked for,
// then exactly that type.
func TestCacheHitDecodesTypesOnFirstUse(t *testing.T) {
	p, fresh := lazyFromDoc(t)
	if p.lazy == nil || p.Resources != nil {
		t.Fatal("a cache hit must hold the types undecoded")
	}
	for k := range Kind(3) {
		if got, want := p.Names(k), fresh.Names(k); !slices.Equal(got, want) {
			t.Errorf("%s names %v, want %v", k, got, want)
		}
	}
	got, err := p.Schema(Resources, "demo_thing")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fresh.Resources["demo_thing"]) {
		t.Error("demo_thing differs from a fresh conversion")
	}
	if n := len(p.lazy.decoded[Resources]) + len(p.lazy.decoded[DataSources]) + len(p.lazy.decoded[EphemeralResources]); n != 1 {
		t.Errorf("%d types decoded after asking for one", n)
	}
	again, _ := p.Schema(Resources, "demo_thing")
	if again != got {
		t.Error("a second lookup must return the decoded schema, not decode again")
	}
	for k, n := range map[Kind]string{DataSources: "demo_info", EphemeralResources: "demo_secret"} {
		s, err := p.Schema(k, n)
		if err != nil || !reflect.DeepEqual(s, fresh.kindMap(k)[n]) {
			t.Errorf("%s %s: %v", k, n, err)
		}
	}
}

func TestSchemaOfAnUnknownType(t *testing.T) {
	p, fresh := lazyFromDoc(t)
	for _, q := range []*Provider{p, fresh} {
		_, err := q.Schema(Resources, "demo_info") // a data source, not a resource
		if !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "resource type demo_info") {
			t.Errorf("lazy=%v: got %v, want an ErrUnknown naming the type", q.lazy != nil, err)
		}
	}
}

// The gRPC server answers concurrently: lookups and Complete race on one
// provider (run with -race).
func TestLazySchemaConcurrentLookups(t *testing.T) {
	p, fresh := lazyFromDoc(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			if i%4 == 0 {
				if c := complete(t, p); !reflect.DeepEqual(c, fresh) {
					t.Error("Complete differs from a fresh conversion")
				}
				return
			}
			for _, n := range fresh.Names(Resources) {
				if _, err := p.Schema(Resources, n); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// An entry whose checksum matches but whose type schema does not decode
// (only a bug in this package could write one) fails the lookup with an
// error naming the type and the cache, not a panic or a wrong schema.
func TestLazySchemaUndecodableType(t *testing.T) {
	_, fresh := lazyFromDoc(t)
	b := encodeCache(fresh, "k")
	body := b[:len(b)-4]
	// demo_info's schema starts right after its name and length.
	i := strings.Index(string(body), "demo_info")
	if i < 0 {
		t.Fatal("demo_info not in the entry")
	}
	c := append([]byte(nil), body...)
	c[i+len("demo_info")+1] = 0xff // the schema's "present" byte
	c = binary.LittleEndian.AppendUint32(c, crc32.Checksum(c, crcTable))
	p, err := decodeCache(c, "k")
	if err != nil {
		t.Fatalf("the index itself is intact: %v", err)
	}
	if _, err := p.Schema(Resources, "demo_thing"); err != nil {
		t.Errorf("another type must still decode: %v", err)
	}
	_, err = p.Schema(DataSources, "demo_info")
	if err == nil || errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "data source demo_info") {
		t.Errorf("got %v, want a decoding error naming data source demo_info", err)
	}
	if _, err := p.Complete(); err == nil {
		t.Error("Complete must fail on the undecodable type")
	}
}
