package cost

import (
	"bytes"
	"fmt"
	"os"
	"path"

	"gopkg.in/yaml.v3"
)

// Usage is pricing/usage.<env>.yaml: the traffic and volumes an environment
// is assumed to have, like Infracost's usage file. Zero means none. The file
// is decoded strictly: a misspelt key is an error, never a silent zero.
type Usage struct {
	Environment string `yaml:"environment"`

	Traffic struct {
		APIRequestsMillions float64 `yaml:"api_requests_millions"`
		WebRequestsMillions float64 `yaml:"web_requests_millions"`
		WebGBOut            float64 `yaml:"web_gb_out"`
		ALBLCUPerHour       float64 `yaml:"alb_lcu_per_hour"`
		NLBNLCUPerHour      float64 `yaml:"nlb_nlcu_per_hour"`
	} `yaml:"traffic"`

	ECS struct {
		ScheduledHoursPerMonth float64            `yaml:"scheduled_hours_per_month"`
		JobMinutesPerRun       float64            `yaml:"job_minutes_per_run"`
		JobMinutes             map[string]float64 `yaml:"job_minutes"`
	} `yaml:"ecs"`

	ContainerInsights struct {
		MetricsPerCluster      float64 `yaml:"metrics_per_cluster"`
		MetricsPerService      float64 `yaml:"metrics_per_service"`
		MetricsPerTaskEnhanced float64 `yaml:"metrics_per_task_enhanced"`
		LogGBPerTaskPerDay     float64 `yaml:"log_gb_per_task_per_day"`
	} `yaml:"container_insights"`

	Logs struct {
		DefaultGBPerDay float64   `yaml:"default_gb_per_day"`
		Groups          []LogRule `yaml:"groups"`
		StoredFraction  float64   `yaml:"stored_fraction"`
		NeverExpireDays float64   `yaml:"never_expire_days"`
	} `yaml:"logs"`

	Network struct {
		NATGBPerMonth               float64 `yaml:"nat_gb_per_month"`
		InterfaceEndpointGBPerMonth float64 `yaml:"interface_endpoint_gb_per_month"`
	} `yaml:"network"`

	Aurora struct {
		WriterAverageACU                      float64 `yaml:"writer_average_acu"`
		ReaderAverageACU                      float64 `yaml:"reader_average_acu"`
		StorageGB                             float64 `yaml:"storage_gb"`
		IOMillionsPerMonth                    float64 `yaml:"io_millions_per_month"`
		BackupGBBeyondFree                    float64 `yaml:"backup_gb_beyond_free"`
		LogGBPerDay                           float64 `yaml:"log_gb_per_day"`
		EnhancedMonitoringGBPerDayPerInstance float64 `yaml:"enhanced_monitoring_gb_per_day_per_instance"`
	} `yaml:"aurora"`

	DynamoDB struct {
		Default TableUsage            `yaml:"default"`
		Tables  map[string]TableUsage `yaml:"tables"`
	} `yaml:"dynamodb"`

	AppRunner struct {
		ActiveInstanceHours float64 `yaml:"active_instance_hours"`
		ExtraInstanceHours  float64 `yaml:"extra_instance_hours"`
		TracesMillions      float64 `yaml:"traces_millions"`
	} `yaml:"app_runner"`

	KMS struct {
		RequestsPerKey float64            `yaml:"requests_per_key"`
		Keys           map[string]float64 `yaml:"keys"`
	} `yaml:"kms"`

	SecretsManager struct {
		APICallsPerSecret float64 `yaml:"api_calls_per_secret"`
	} `yaml:"secrets_manager"`

	XRay struct {
		TracesMillionsPerService float64            `yaml:"traces_millions_per_service"`
		Services                 map[string]float64 `yaml:"services"`
		ScannedMillions          float64            `yaml:"scanned_millions"`
	} `yaml:"xray"`

	ECR struct {
		StorageGBPerRepository float64            `yaml:"storage_gb_per_repository"`
		Repositories           map[string]float64 `yaml:"repositories"`
	} `yaml:"ecr"`

	EC2 struct {
		HoursPerMonth float64 `yaml:"hours_per_month"`
		RootVolumeGB  float64 `yaml:"root_volume_gb"`
	} `yaml:"ec2"`

	SQS struct {
		RequestsMillionsPerQueue float64 `yaml:"requests_millions_per_queue"`
	} `yaml:"sqs"`

	SNS struct {
		PublishesMillionsPerTopic float64 `yaml:"publishes_millions_per_topic"`
	} `yaml:"sns"`

	Route53 struct {
		QueriesMillionsPerZone float64 `yaml:"queries_millions_per_zone"`
	} `yaml:"route53"`

	CloudMap struct {
		InstancesPerService float64 `yaml:"instances_per_service"`
	} `yaml:"cloud_map"`

	S3 struct {
		StorageGBPerBucket    float64 `yaml:"storage_gb_per_bucket"`
		PutThousandsPerBucket float64 `yaml:"put_thousands_per_bucket"`
		GetThousandsPerBucket float64 `yaml:"get_thousands_per_bucket"`
		// Buckets overrides the per-bucket figures for one bucket, keyed by the
		// module that holds it (module.api_gateway.module.truststore_bucket):
		// a truststore with one certificate is not a log bucket.
		Buckets map[string]BucketUsage `yaml:"buckets"`
	} `yaml:"s3"`

	CloudTrail struct {
		DataEventsMillions       float64 `yaml:"data_events_millions"`
		ManagementEventsMillions float64 `yaml:"management_events_millions"`
	} `yaml:"cloudtrail"`

	DataTransfer struct {
		InternetOutGB float64 `yaml:"internet_out_gb"`
		CrossAZGB     float64 `yaml:"cross_az_gb"`
	} `yaml:"data_transfer"`

	GuardDuty struct {
		S3DataEventsMillions     float64 `yaml:"s3_data_events_millions"`
		CloudTrailEventsMillions float64 `yaml:"cloudtrail_events_millions"`
		LogGB                    float64 `yaml:"log_gb"`
		RuntimeVCPUs             float64 `yaml:"runtime_vcpus"`
	} `yaml:"guardduty"`

	SecurityHub struct {
		ChecksPerMonth float64 `yaml:"checks_per_month"`
	} `yaml:"security_hub"`

	Config struct {
		ItemsPerMonth float64 `yaml:"items_per_month"`
	} `yaml:"config"`

	WAF struct {
		RequestsMillionsPerACL float64 `yaml:"requests_millions_per_acl"`
	} `yaml:"waf"`

	Lambda struct {
		RequestsMillionsPerFunction float64 `yaml:"requests_millions_per_function"`
		GBSecondsPerFunction        float64 `yaml:"gb_seconds_per_function"`
	} `yaml:"lambda"`

	path string
}

// LogRule gives the daily ingestion of the log groups whose name matches a
// glob (path.Match syntax); the first matching rule wins.
type LogRule struct {
	Match    string  `yaml:"match"`
	GBPerDay float64 `yaml:"gb_per_day"`
}

// TableUsage is one DynamoDB table's monthly traffic and size.
type TableUsage struct {
	ReadsMillions       float64 `yaml:"reads_millions"`
	WritesMillions      float64 `yaml:"writes_millions"`
	StorageGB           float64 `yaml:"storage_gb"`
	StreamReadsMillions float64 `yaml:"stream_reads_millions"`
}

// UsagePath is where an environment's usage file lives under the repository.
func UsagePath(root, env string) string { return path.Join(root, "pricing", "usage."+env+".yaml") }

// LoadUsage reads an environment's usage file.
func LoadUsage(file string) (*Usage, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading usage assumptions: %w", err)
	}
	u, err := ParseUsage(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	u.path = file
	return u, nil
}

// ParseUsage decodes a usage file strictly.
func ParseUsage(b []byte) (*Usage, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var u Usage
	if err := dec.Decode(&u); err != nil {
		return nil, fmt.Errorf("malformed usage file: %w", err)
	}
	for _, r := range u.Logs.Groups {
		if _, err := path.Match(r.Match, ""); err != nil {
			return nil, fmt.Errorf("logs.groups: bad pattern %q: %w", r.Match, err)
		}
	}
	if u.Logs.StoredFraction < 0 || u.Logs.StoredFraction > 1 {
		return nil, fmt.Errorf("logs.stored_fraction must be from 0 to 1")
	}
	return &u, nil
}

// Path is where the usage file was read from.
func (u *Usage) Path() string { return u.path }

// logGBPerDay is the assumed daily ingestion of a log group.
func (u *Usage) logGBPerDay(name string) (float64, string) {
	for _, r := range u.Logs.Groups {
		if ok, _ := path.Match(r.Match, name); ok {
			return r.GBPerDay, r.Match
		}
	}
	return u.Logs.DefaultGBPerDay, "default"
}

func (u *Usage) table(key string) TableUsage {
	if t, ok := u.DynamoDB.Tables[key]; ok {
		return t
	}
	return u.DynamoDB.Default
}

// BucketUsage is one bucket's monthly storage and requests.
type BucketUsage struct {
	StorageGB    float64 `yaml:"storage_gb"`
	PutThousands float64 `yaml:"put_thousands"`
	GetThousands float64 `yaml:"get_thousands"`
	Why          string  `yaml:"why"`
}

func lookup(m map[string]float64, key string, def float64) float64 {
	if v, ok := m[key]; ok {
		return v
	}
	return def
}
