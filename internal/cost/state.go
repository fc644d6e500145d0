package cost

import "github.com/lookcard/infrastructure/internal/statefile"

// State is the attribute values of a state file (the offline rehearsal's
// .lookcard/rehearsal/<stack>/terraform.tfstate) by managed resource
// address: what a plan leaves unknown, a rehearsal apply has resolved.
type State map[string]map[string]any

// ReadState reads a Terraform/OpenTofu state file (format version 4) through
// the one state reader, internal/statefile.
func ReadState(file string) (State, error) {
	st, err := statefile.Read(file, false)
	if err != nil {
		return nil, err
	}
	s := State{}
	for _, in := range st.Instances {
		if in.Mode == "managed" {
			s[in.Address] = in.Attributes
		}
	}
	return s, nil
}
