// Command terraform-provider-offline serves a real provider's schema over
// plugin protocol 6 so that OpenTofu or Terraform can validate, test and plan
// with no registry and no cloud. Installed under the name
// terraform-provider-<type> (aws, cloudflare), it reads <type>.json from the
// directory named by LOOKCARD_PROVIDER_SCHEMAS. The converted schema is cached
// (see providerschema.LoadFileCached) under $LOOKCARD_SCHEMA_CACHE or the user
// cache directory, so that every start after the first skips the conversion.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/lookcard/infrastructure/internal/offline"
	"github.com/lookcard/infrastructure/internal/providerschema"
)

func main() {
	serve(providerType(os.Args[0]))
}

func serve(ptype string) {
	srv := load(ptype)
	if err := tf6server.Serve("registry.opentofu.org/offline/"+ptype, func() tfprotov6.ProviderServer { return srv }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// providerType turns "terraform-provider-aws_v6.47.0" into "aws".
func providerType(arg0 string) string {
	name := strings.TrimSuffix(filepath.Base(arg0), ".exe")
	name = strings.TrimPrefix(name, "terraform-provider-")
	if i := strings.Index(name, "_"); i >= 0 {
		name = name[:i]
	}
	return name
}

// load never exits: a failure becomes a diagnostic OpenTofu shows the user.
func load(ptype string) *offline.Server {
	fixtures, err := offline.LoadFixtures(os.Getenv(offline.EnvFixtures))
	if err != nil {
		return offline.New(nil, nil, err)
	}
	dir := os.Getenv(providerschema.EnvDir)
	if dir == "" {
		return offline.New(nil, nil, fmt.Errorf("%s is not set: point it at the directory holding %s.json (the LookCard workspace keeps them in its provider-schemas directory), or at the output of `tofu providers schema -json` saved as %s.json", providerschema.EnvDir, ptype, ptype))
	}
	schema, _, err := providerschema.LoadFileCached(providerschema.File(dir, ptype), providerschema.CacheDir())
	return offline.New(schema, fixtures, err)
}
