package review

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// BaseView turns the JSON of the head's plan on the base's state into the
// plan JSON of the base as it stands: every resource at its prior value
// (`before`), the ones the head creates left out, outputs likewise. The
// cost estimate and the compliance rules read resource_changes[].change
// .after, so pricing and checking this view next to the head's plan
// compares the two at the same knowledge: online both from the real state,
// offline both from the rehearsal state (a plan of the base from an empty
// state would leave unknown every value AWS assigns, and each would show
// as a finding the head "fixed"). The configuration stays the head's: rules
// that read configuration references see the head's.
func BaseView(headPlanJSON []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(headPlanJSON))
	dec.UseNumber() // keep numbers exactly as the engine wrote them
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("reading the head's plan JSON: %w", err)
	}
	rcs, _ := doc["resource_changes"].([]any)
	kept := make([]any, 0, len(rcs))
	for _, x := range rcs {
		rc, ok := x.(map[string]any)
		if !ok {
			continue
		}
		ch, _ := rc["change"].(map[string]any)
		if ch == nil || ch["before"] == nil {
			continue // created by the head: not in the base
		}
		// A moved resource keeps the head's address, so that neither its
		// cost nor its findings show as removed here and added there.
		delete(rc, "previous_address")
		ch["actions"] = []any{"no-op"}
		ch["after"] = ch["before"]
		ch["after_unknown"] = map[string]any{}
		if s, ok := ch["before_sensitive"]; ok {
			ch["after_sensitive"] = s
		}
		delete(ch, "replace_paths")
		kept = append(kept, rc)
	}
	doc["resource_changes"] = kept
	if outs, ok := doc["output_changes"].(map[string]any); ok {
		for k, x := range outs {
			o, _ := x.(map[string]any)
			if o == nil || o["before"] == nil {
				delete(outs, k)
				continue
			}
			o["actions"] = []any{"no-op"}
			o["after"] = o["before"]
			o["after_unknown"] = false
		}
	}
	// planned_values describe the head: a reader of this view must not
	// take them for the base's.
	delete(doc, "planned_values")
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encoding the base's view: %w", err)
	}
	return out, nil
}
