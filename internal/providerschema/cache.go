package providerschema

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// EnvCache names the environment variable that overrides the directory of the
// converted-schema cache. "off" turns the cache off.
const EnvCache = "LOOKCARD_SCHEMA_CACHE"

// cacheFormat is the version of the cache encoding below. Bump it whenever
// the encoding changes; entries of other versions are then never read.
const cacheFormat = 2

const (
	cacheMagic  = "LKSCHEMA"
	cacheSuffix = ".lkschema"
	// cacheMaxAge: entries (and crashed writers' temp files) older than this
	// are removed when a new entry is stored, so rebuilds of the provider
	// and changed schema files do not pile up.
	cacheMaxAge = 7 * 24 * time.Hour
)

// CacheOutcome says what LoadFileCached did with the cache.
type CacheOutcome int

const (
	CacheOff         CacheOutcome = iota // no cache directory: converted from JSON
	CacheHit                             // served from the cache
	CacheStored                          // converted from JSON and stored
	CacheStoreFailed                     // converted from JSON; the cache could not be written
)

func (o CacheOutcome) String() string {
	switch o {
	case CacheOff:
		return "off"
	case CacheHit:
		return "hit"
	case CacheStored:
		return "stored"
	case CacheStoreFailed:
		return "store failed"
	}
	return fmt.Sprintf("CacheOutcome(%d)", int(o))
}

// CacheDir returns the converted-schema cache directory: $LOOKCARD_SCHEMA_CACHE
// when set, else lookcard/provider-schemas under the user cache directory
// ($XDG_CACHE_HOME or ~/.cache). It returns "" (no cache) when the variable
// is "off" or not an absolute path (the engine starts providers in whatever
// directory it runs in), or when no user cache directory is known.
func CacheDir() string {
	if d, ok := os.LookupEnv(EnvCache); ok && d != "" {
		if d == "off" || !filepath.IsAbs(d) {
			return ""
		}
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "lookcard", "provider-schemas")
}

// LoadFileCached is LoadFile with a cache of converted schemas in cacheDir
// ("" for none). Entries are addressed by the SHA-256 of the schema file, so
// a changed file is a different entry, and by the identity of the running
// executable, so a rebuilt converter never reads an older build's entries.
// Entries are written to a temporary file and renamed into place, so
// concurrent provider starts never see a partial entry; an unreadable or
// corrupt entry is ignored and replaced. A cache that cannot be written only
// costs the conversion.
func LoadFileCached(path, cacheDir string) (*Provider, CacheOutcome, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, CacheOff, fmt.Errorf("opening provider schema %s: %w (set %s to the directory holding aws.json and cloudflare.json)", path, err, EnvDir)
	}
	if cacheDir == "" {
		p, err := decodeBytes(path, data)
		return p, CacheOff, err
	}
	key := cacheKey(data)
	entry := filepath.Join(cacheDir, key+cacheSuffix)
	if b, err := os.ReadFile(entry); err == nil {
		if p, err := decodeCache(b, key); err == nil {
			return p, CacheHit, nil
		}
	}
	p, err := decodeBytes(path, data)
	if err != nil {
		return nil, CacheOff, err
	}
	if err := storeCache(cacheDir, entry, encodeCache(p, key)); err != nil {
		return p, CacheStoreFailed, nil
	}
	return p, CacheStored, nil
}

func decodeBytes(path string, data []byte) (*Provider, error) {
	p, err := Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading provider schema %s: %w", path, err)
	}
	return p, nil
}

// cacheKey is the hex SHA-256 of the schema file, then a short hash of the
// running executable's path, size and modification time and the format.
func cacheKey(data []byte) string {
	sum := sha256.Sum256(data)
	exe := "unknown"
	if p, err := os.Executable(); err == nil {
		if st, err := os.Stat(p); err == nil {
			exe = fmt.Sprintf("%s|%d|%d", p, st.Size(), st.ModTime().UnixNano())
		}
	}
	build := sha256.Sum256(fmt.Appendf(nil, "%s|%d", exe, cacheFormat))
	return hex.EncodeToString(sum[:]) + "-" + hex.EncodeToString(build[:6])
}

func storeCache(dir, entry string, b []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	// The temp file is private (0600); entries are readable like any cache.
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	// rename is atomic: a concurrent reader sees the old entry, none, or
	// this one complete; concurrent writers write identical bytes.
	if err := os.Rename(f.Name(), entry); err != nil {
		os.Remove(f.Name())
		return err
	}
	pruneCache(dir, entry)
	return nil
}

// pruneCache removes entries and temp files older than cacheMaxAge, but never keep.
func pruneCache(dir, keep string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if !strings.HasSuffix(n, cacheSuffix) && !strings.HasPrefix(n, ".tmp-") {
			continue
		}
		p := filepath.Join(dir, n)
		if p == keep {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > cacheMaxAge {
			os.Remove(p)
		}
	}
}

// The encoding: magic, format, key, the provider, then a CRC-32C of all that.
// Strings and counts are uvarints; a count is n+1 so that 0 keeps nil apart
// from empty, which reflect.DeepEqual (and so the tests) tell apart.

var crcTable = crc32.MakeTable(crc32.Castagnoli)

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) present(ok bool) bool {
	if ok {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	return ok
}

// count writes n+1, or 0 for a nil slice or map.
func (e *encoder) count(n int, isNil bool) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

func encodeCache(p *Provider, key string) []byte {
	e := &encoder{b: make([]byte, 0, 4<<20)}
	e.b = append(e.b, cacheMagic...)
	e.uvarint(cacheFormat)
	e.str(key)
	e.str(p.Address)
	e.schema(p.Provider)
	// Each type's schema is length-prefixed, so that a start indexes the
	// names and decodes only the types it is asked for (lazySchemas).
	one := &encoder{}
	for _, m := range []map[string]*tfprotov6.Schema{p.Resources, p.DataSources, p.EphemeralResources} {
		e.count(len(m), m == nil)
		for _, n := range slices.Sorted(maps.Keys(m)) {
			e.str(n)
			one.b = one.b[:0]
			one.schema(m[n])
			e.str(string(one.b))
		}
	}
	return binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, crcTable))
}

func (e *encoder) schema(s *tfprotov6.Schema) {
	if e.present(s != nil) {
		e.varint(s.Version)
		e.block(s.Block)
	}
}

func (e *encoder) block(b *tfprotov6.SchemaBlock) {
	if !e.present(b != nil) {
		return
	}
	e.varint(b.Version)
	e.attributes(b.Attributes)
	e.count(len(b.BlockTypes), b.BlockTypes == nil)
	for _, nb := range b.BlockTypes {
		if e.present(nb != nil) {
			e.str(nb.TypeName)
			e.block(nb.Block)
			e.varint(int64(nb.Nesting))
			e.varint(nb.MinItems)
			e.varint(nb.MaxItems)
		}
	}
	e.str(b.Description)
	e.varint(int64(b.DescriptionKind))
	e.present(b.Deprecated)
	e.str(b.DeprecationMessage)
}

func (e *encoder) attributes(as []*tfprotov6.SchemaAttribute) {
	e.count(len(as), as == nil)
	for _, a := range as {
		if !e.present(a != nil) {
			continue
		}
		e.str(a.Name)
		e.typ(a.Type)
		if e.present(a.NestedType != nil) {
			e.attributes(a.NestedType.Attributes)
			e.varint(int64(a.NestedType.Nesting))
		}
		e.str(a.Description)
		var flags byte
		for i, f := range []bool{a.Required, a.Optional, a.Computed, a.Sensitive, a.Deprecated, a.WriteOnly} {
			if f {
				flags |= 1 << i
			}
		}
		e.b = append(e.b, flags)
		e.varint(int64(a.DescriptionKind))
		e.str(a.DeprecationMessage)
	}
}

const (
	tNil byte = iota
	tString
	tNumber
	tBool
	tDynamic
	tList
	tSet
	tMap
	tObject
	tTuple
)

func (e *encoder) typ(t tftypes.Type) {
	switch t := t.(type) {
	case nil:
		e.b = append(e.b, tNil)
	case tftypes.List:
		e.b = append(e.b, tList)
		e.typ(t.ElementType)
	case tftypes.Set:
		e.b = append(e.b, tSet)
		e.typ(t.ElementType)
	case tftypes.Map:
		e.b = append(e.b, tMap)
		e.typ(t.ElementType)
	case tftypes.Object:
		e.b = append(e.b, tObject)
		e.count(len(t.AttributeTypes), t.AttributeTypes == nil)
		for _, n := range slices.Sorted(maps.Keys(t.AttributeTypes)) {
			e.str(n)
			e.typ(t.AttributeTypes[n])
		}
		e.count(len(t.OptionalAttributes), t.OptionalAttributes == nil)
		for _, n := range slices.Sorted(maps.Keys(t.OptionalAttributes)) {
			e.str(n)
		}
	case tftypes.Tuple:
		e.b = append(e.b, tTuple)
		e.count(len(t.ElementTypes), t.ElementTypes == nil)
		for _, et := range t.ElementTypes {
			e.typ(et)
		}
	default:
		switch {
		case t.Equal(tftypes.String):
			e.b = append(e.b, tString)
		case t.Equal(tftypes.Number):
			e.b = append(e.b, tNumber)
		case t.Equal(tftypes.Bool):
			e.b = append(e.b, tBool)
		case t.Equal(tftypes.DynamicPseudoType):
			e.b = append(e.b, tDynamic)
		default:
			// Type never produces anything else; an entry that cannot be
			// read back is simply never a hit.
			e.b = append(e.b, 0xff)
		}
	}
}

var errCorrupt = errors.New("corrupt schema cache entry")

// decoder reads the encoding from one string, so every decoded string is a
// substring of it rather than its own allocation.
type decoder struct {
	s   string
	off int
	err error
	// types interns composite types by their encoding: schemas repeat a
	// few (list of string, map of string) thousands of times. Types are
	// never modified after conversion, so sharing them is safe.
	types map[string]tftypes.Type
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.off = len(d.s)
}

func (d *decoder) byte() byte {
	if d.off >= len(d.s) {
		d.fail()
		return 0
	}
	c := d.s[d.off]
	d.off++
	return c
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := d.byte()
		if d.err != nil {
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail()
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.off) {
		d.fail()
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *decoder) present() bool { return d.byte() == 1 }

// count returns the element count and whether the slice or map is nil. A
// count beyond the bytes left is corrupt: it would only allocate garbage.
func (d *decoder) count() (int, bool) {
	c := d.uvarint()
	if c == 0 {
		return 0, true
	}
	if c-1 > uint64(len(d.s)-d.off) {
		d.fail()
		return 0, true
	}
	return int(c - 1), false
}

func decodeCache(b []byte, key string) (*Provider, error) {
	if len(b) < len(cacheMagic)+4 {
		return nil, errCorrupt
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, crcTable) != sum {
		return nil, errCorrupt
	}
	d := &decoder{s: string(body), types: map[string]tftypes.Type{}}
	if d.s[:len(cacheMagic)] != cacheMagic {
		return nil, errCorrupt
	}
	d.off = len(cacheMagic)
	if d.uvarint() != cacheFormat || d.str() != key {
		return nil, errCorrupt
	}
	p := &Provider{Address: d.str(), Provider: d.schema()}
	l := &lazySchemas{body: d.s, types: d.types}
	for k := range l.index {
		n, isNil := d.count()
		if isNil {
			continue
		}
		l.index[k] = make(map[string]span, n)
		l.names[k] = make([]string, 0, n)
		for j := 0; j < n && d.err == nil; j++ {
			name := d.str()
			size := d.uvarint()
			if d.err != nil || size > uint64(len(d.s)-d.off) {
				d.fail()
				break
			}
			if _, dup := l.index[k][name]; dup || (j > 0 && name <= l.names[k][j-1]) {
				d.fail() // the encoder writes each name once, sorted
				break
			}
			l.index[k][name] = span{d.off, d.off + int(size)}
			l.names[k] = append(l.names[k], name)
			d.off += int(size)
		}
	}
	p.lazy = l
	if d.err == nil && d.off != len(d.s) {
		d.fail()
	}
	if d.err != nil {
		return nil, d.err
	}
	return p, nil
}

func (d *decoder) schema() *tfprotov6.Schema {
	if !d.present() {
		return nil
	}
	return &tfprotov6.Schema{Version: d.varint(), Block: d.block()}
}

func (d *decoder) block() *tfprotov6.SchemaBlock {
	if !d.present() {
		return nil
	}
	b := &tfprotov6.SchemaBlock{Version: d.varint(), Attributes: d.attributes()}
	if n, isNil := d.count(); !isNil {
		b.BlockTypes = make([]*tfprotov6.SchemaNestedBlock, n)
		for i := 0; i < n && d.err == nil; i++ {
			if !d.present() {
				continue
			}
			b.BlockTypes[i] = &tfprotov6.SchemaNestedBlock{
				TypeName: d.str(),
				Block:    d.block(),
				Nesting:  tfprotov6.SchemaNestedBlockNestingMode(d.varint()),
				MinItems: d.varint(),
				MaxItems: d.varint(),
			}
		}
	}
	b.Description = d.str()
	b.DescriptionKind = tfprotov6.StringKind(d.varint())
	b.Deprecated = d.present()
	b.DeprecationMessage = d.str()
	return b
}

func (d *decoder) attributes() []*tfprotov6.SchemaAttribute {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	as := make([]*tfprotov6.SchemaAttribute, n)
	// One allocation for the attributes of a block instead of one each.
	backing := make([]tfprotov6.SchemaAttribute, n)
	for i := 0; i < n && d.err == nil; i++ {
		if !d.present() {
			continue
		}
		a := &backing[i]
		a.Name = d.str()
		a.Type = d.typ()
		if d.present() {
			a.NestedType = &tfprotov6.SchemaObject{Attributes: d.attributes()}
			a.NestedType.Nesting = tfprotov6.SchemaObjectNestingMode(d.varint())
		}
		a.Description = d.str()
		flags := d.byte()
		a.Required, a.Optional, a.Computed = flags&1 != 0, flags&2 != 0, flags&4 != 0
		a.Sensitive, a.Deprecated, a.WriteOnly = flags&8 != 0, flags&16 != 0, flags&32 != 0
		a.DescriptionKind = tfprotov6.StringKind(d.varint())
		a.DeprecationMessage = d.str()
		as[i] = a
	}
	return as
}

func (d *decoder) typ() tftypes.Type {
	start := d.off
	switch tag := d.byte(); tag {
	case tNil:
		return nil
	case tString:
		return tftypes.String
	case tNumber:
		return tftypes.Number
	case tBool:
		return tftypes.Bool
	case tDynamic:
		return tftypes.DynamicPseudoType
	case tList, tSet, tMap, tObject, tTuple:
		t := d.composite(tag)
		if d.err != nil {
			return nil
		}
		enc := d.s[start:d.off]
		if seen, ok := d.types[enc]; ok {
			return seen
		}
		d.types[enc] = t
		return t
	}
	d.fail()
	return nil
}

func (d *decoder) composite(tag byte) tftypes.Type {
	switch tag {
	case tList:
		return tftypes.List{ElementType: d.typ()}
	case tSet:
		return tftypes.Set{ElementType: d.typ()}
	case tMap:
		return tftypes.Map{ElementType: d.typ()}
	case tObject:
		var o tftypes.Object
		if n, isNil := d.count(); !isNil {
			o.AttributeTypes = make(map[string]tftypes.Type, n)
			for i := 0; i < n && d.err == nil; i++ {
				name := d.str()
				o.AttributeTypes[name] = d.typ()
			}
		}
		if n, isNil := d.count(); !isNil {
			o.OptionalAttributes = make(map[string]struct{}, n)
			for i := 0; i < n && d.err == nil; i++ {
				o.OptionalAttributes[d.str()] = struct{}{}
			}
		}
		return o
	}
	var t tftypes.Tuple
	if n, isNil := d.count(); !isNil {
		t.ElementTypes = make([]tftypes.Type, n)
		for i := 0; i < n && d.err == nil; i++ {
			t.ElementTypes[i] = d.typ()
		}
	}
	return t
}
