package engine

import (
	"os"
	"path/filepath"
	"strings"
)

// DefaultProfile is the AWS profile the product description names.
const DefaultProfile = "lookcard-terraform"

// Credentials reports whether AWS credentials can be resolved, and from
// where, without any network call: environment keys, web identity (CI OIDC),
// container credentials, or the profile in the shared config files.
func Credentials() (bool, string) {
	switch {
	case os.Getenv("AWS_ACCESS_KEY_ID") != "" && os.Getenv("AWS_SECRET_ACCESS_KEY") != "":
		return true, "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
	case os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "" && os.Getenv("AWS_ROLE_ARN") != "":
		return true, "web identity token (OIDC)"
	case os.Getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != "" || os.Getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != "":
		return true, "container credentials"
	}
	profile := os.Getenv("AWS_PROFILE")
	if profile == "" {
		profile = DefaultProfile
	}
	// The config file names sections "[profile NAME]", except the default
	// profile, which is plain "[default]" there too.
	configHeader := "[profile " + profile + "]"
	if profile == "default" {
		configHeader = "[default]"
	}
	home, _ := os.UserHomeDir()
	files := []struct{ env, def, header string }{
		{"AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"), "[" + profile + "]"},
		{"AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"), configHeader},
	}
	for _, f := range files {
		path := os.Getenv(f.env)
		if path == "" {
			path = f.def
		}
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(line) == f.header {
				return true, "profile " + profile + " in " + path
			}
		}
	}
	return false, "no AWS credentials found (environment, OIDC, container or profile " + profile + ")"
}
