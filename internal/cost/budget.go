package cost

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Budget is an environment's `budget` in terraform.<env>.tfvars.json: the
// one place its monthly figure is declared. `lookcard cost` fails above it
// and modules/budgets creates the AWS Budget from the same value.
type Budget struct {
	MonthlyUSD float64 `json:"monthly_usd"`
}

// TfvarsPath is an environment's variable file under the repository.
func TfvarsPath(root, env string) string {
	return filepath.Join(root, "terraform."+env+".tfvars.json")
}

// LoadBudget reads an environment's budget; 0 when the file declares none.
func LoadBudget(root, env string) (float64, error) {
	b, err := os.ReadFile(TfvarsPath(root, env))
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading the budget: %w", err)
	}
	var v struct {
		Budget *Budget `json:"budget"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return 0, fmt.Errorf("%s: %w", TfvarsPath(root, env), err)
	}
	if v.Budget == nil {
		return 0, nil
	}
	if v.Budget.MonthlyUSD <= 0 {
		return 0, fmt.Errorf("%s: budget.monthly_usd must be a positive number of USD", TfvarsPath(root, env))
	}
	return v.Budget.MonthlyUSD, nil
}
