// Command lookcard operates LookCard's infrastructure; see `lookcard --help`.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/lookcard/infrastructure/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
