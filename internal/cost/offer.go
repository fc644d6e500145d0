package cost

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Offer is the part of an AWS Price List bulk offer file (the region file
// https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/<region>/index.json)
// that the price book is refreshed from: products by SKU with their
// attributes, and the on-demand terms' price dimensions.
type Offer struct {
	FormatVersion   string                  `json:"formatVersion"`
	OfferCode       string                  `json:"offerCode"`
	Version         string                  `json:"version"`
	PublicationDate string                  `json:"publicationDate"`
	Products        map[string]OfferProduct `json:"products"`
	Terms           struct {
		OnDemand map[string]map[string]OfferTerm `json:"OnDemand"`
	} `json:"terms"`
}

// OfferProduct is one SKU of an offer.
type OfferProduct struct {
	SKU           string            `json:"sku"`
	ProductFamily string            `json:"productFamily"`
	Attributes    map[string]string `json:"attributes"`
}

// OfferTerm is one on-demand term of a SKU.
type OfferTerm struct {
	OfferTermCode   string                    `json:"offerTermCode"`
	SKU             string                    `json:"sku"`
	EffectiveDate   string                    `json:"effectiveDate"`
	PriceDimensions map[string]OfferDimension `json:"priceDimensions"`
}

// OfferDimension is one priced range of a term.
type OfferDimension struct {
	RateCode     string            `json:"rateCode"`
	Description  string            `json:"description"`
	BeginRange   string            `json:"beginRange"`
	EndRange     string            `json:"endRange"`
	Unit         string            `json:"unit"`
	PricePerUnit map[string]string `json:"pricePerUnit"`
}

// ParseOffer decodes an offer file and checks it is one.
func ParseOffer(b []byte) (*Offer, error) {
	var o Offer
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, fmt.Errorf("not an AWS Price List offer file (JSON): %w", err)
	}
	if o.OfferCode == "" || o.FormatVersion == "" || len(o.Products) == 0 {
		return nil, errors.New("not an AWS Price List offer file: formatVersion, offerCode and products are required (download <offer>/current/<region>/index.json)")
	}
	if !strings.HasPrefix(o.FormatVersion, "v1.") {
		return nil, fmt.Errorf("unsupported offer formatVersion %s (expected v1.x)", o.FormatVersion)
	}
	return &o, nil
}

// URL is where the offer's region file is published.
func (o *Offer) URL(region string) string {
	v := o.Version
	if v == "" {
		v = "current"
	}
	return fmt.Sprintf("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/%s/%s/%s/index.json", o.OfferCode, v, region)
}

// find returns the SKU of the single product matching a book entry in the
// region, and its first-tier on-demand USD price and unit.
func (o *Offer) find(region string, p Price) (sku string, usd float64, unit string, err error) {
	var skus []string
	for id, pr := range o.Products {
		a := pr.Attributes
		if a["usagetype"] != p.UsageType {
			continue
		}
		if rc := a["regionCode"]; rc != "" && rc != region {
			continue
		}
		ok := true
		for k, v := range p.Attributes {
			if a[k] != v {
				ok = false
			}
		}
		if ok {
			skus = append(skus, id)
		}
	}
	sort.Strings(skus)
	switch len(skus) {
	case 0:
		return "", 0, "", fmt.Errorf("no product with usagetype %s in %s", p.UsageType, region)
	case 1:
	default:
		return "", 0, "", fmt.Errorf("%d products match usagetype %s (SKUs %s): add attributes to single one out", len(skus), p.UsageType, strings.Join(skus, ", "))
	}
	sku = skus[0]
	terms := o.Terms.OnDemand[sku]
	if len(terms) != 1 {
		return "", 0, "", fmt.Errorf("SKU %s has %d on-demand terms, want 1", sku, len(terms))
	}
	for _, t := range terms {
		// The first tier (beginRange 0): the book prices the first band.
		var best *OfferDimension
		for _, d := range t.PriceDimensions {
			d := d
			if best == nil || rangeStart(d.BeginRange) < rangeStart(best.BeginRange) {
				best = &d
			}
		}
		if best == nil {
			return "", 0, "", fmt.Errorf("SKU %s has no price dimensions", sku)
		}
		s, ok := best.PricePerUnit["USD"]
		if !ok {
			return "", 0, "", fmt.Errorf("SKU %s has no USD price", sku)
		}
		usd, err = strconv.ParseFloat(s, 64)
		if err != nil {
			return "", 0, "", fmt.Errorf("SKU %s: price %q: %w", sku, s, err)
		}
		unit = best.Unit
	}
	return sku, usd, unit, nil
}

func rangeStart(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.Inf(1)
	}
	return v
}

// PriceChange is one book entry an offer file refreshed.
type PriceChange struct {
	Key      string
	SKU      string
	Unit     string
	Old, New float64
}

// UpdateFromOffer refreshes every entry of the price book (its YAML, so
// comments and order survive) that names the offer's code and a usage type:
// usd from the SKU's first-tier on-demand price × scale, sku, checked (the
// offer's publication date), source (the offer's URL) and confidence sourced.
// It returns the new YAML and the changes; any entry that cannot be resolved
// is an error and nothing is returned.
func UpdateFromOffer(book []byte, o *Offer) ([]byte, []PriceChange, error) {
	pb, err := ParsePriceBook(book)
	if err != nil {
		return nil, nil, err
	}
	date := o.PublicationDate
	if len(date) >= 10 {
		date = date[:10]
	}
	if msg := checkedDateFormat(date); msg != "" {
		return nil, nil, fmt.Errorf("offer publicationDate %q: %s", o.PublicationDate, msg)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(book, &doc); err != nil {
		return nil, nil, fmt.Errorf("malformed price book: %w", err)
	}
	prices := mapValue(doc.Content[0], "prices")
	if prices == nil {
		return nil, nil, errors.New("price book has no prices mapping")
	}
	keys := make([]string, 0, len(pb.Prices))
	for k, p := range pb.Prices {
		if p.Offer == o.OfferCode && p.UsageType != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return nil, nil, fmt.Errorf("no price-book entry names offer %s with a usage_type: nothing to update", o.OfferCode)
	}
	var changes []PriceChange
	var errs []string
	for _, k := range keys {
		p := pb.Prices[k]
		sku, usd, unit, err := o.find(pb.Region, p)
		if err != nil {
			errs = append(errs, k+": "+err.Error())
			continue
		}
		scale := p.Scale
		if scale == 0 {
			scale = 1
		}
		v := usd * scale
		entry := mapValue(prices, k)
		setScalar(entry, "usd", strconv.FormatFloat(v, 'f', -1, 64), "!!float")
		setScalar(entry, "checked", date, "!!str")
		setScalar(entry, "source", o.URL(pb.Region), "!!str")
		setScalar(entry, "confidence", Sourced, "!!str")
		setScalar(entry, "sku", sku, "!!str")
		deleteKey(entry, "basis")
		changes = append(changes, PriceChange{Key: k, SKU: sku, Unit: unit, Old: p.USD, New: v})
	}
	if len(errs) > 0 {
		return nil, nil, errors.New("offer " + o.OfferCode + ":\n  " + strings.Join(errs, "\n  "))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, nil, err
	}
	out := buf.Bytes()
	if _, err := ParsePriceBook(out); err != nil {
		return nil, nil, fmt.Errorf("the updated book does not validate: %w", err)
	}
	return out, changes, nil
}

func checkedDateFormat(v string) string {
	if len(v) != 10 {
		return "not a YYYY-MM-DD date"
	}
	return checkedDate(v, time.Now())
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setScalar(m *yaml.Node, key, value, tag string) {
	if v := mapValue(m, key); v != nil {
		v.Kind, v.Tag, v.Value, v.Style = yaml.ScalarNode, tag, value, 0
		return
	}
	m.Content = append(m.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value})
}

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}
