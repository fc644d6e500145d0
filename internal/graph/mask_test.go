package graph

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestPlannedValue(t *testing.T) {
	cases := []struct {
		name                 string
		value, unknown, sens string
		want                 string
	}{
		{"plain", `{"a":1,"b":"x"}`, `{}`, `{}`, `{"a":1,"b":"x"}`},
		{"top-level sensitive", `{"password":"p","user":"u"}`, `{}`, `{"password":true}`, `{"password":"(sensitive)","user":"u"}`},
		{"whole value sensitive", `{"a":{"b":"c"}}`, `{}`, `true`, `"(sensitive)"`},
		{"nested block", `{"auth":[{"secret":"s","kind":"k"}]}`, `{}`, `{"auth":[{"secret":true}]}`, `{"auth":[{"kind":"k","secret":"(sensitive)"}]}`},
		{"sensitive subtree", `{"inline":{"token":"t","n":[1,2]}}`, `{}`, `{"inline":true}`, `{"inline":"(sensitive)"}`},
		{"list elements", `{"l":["a","b","c"]}`, `{}`, `{"l":[false,true]}`, `{"l":["a","(sensitive)","c"]}`},
		{"sensitive and null", `{"password":null}`, `{}`, `{"password":true}`, `{"password":"(sensitive)"}`},
		{"sensitive and omitted", `{}`, `{}`, `{"password":true}`, `{"password":"(sensitive)"}`},
		{"unknown", `{"a":"x"}`, `{"arn":true,"tags":{}}`, `{}`, `{"a":"x","arn":"(known after apply)"}`},
		{"unknown in a list", `{"ids":[null,"b"]}`, `{"ids":[true,false]}`, `{}`, `{"ids":["(known after apply)","b"]}`},
		{"unknown and sensitive: masked", `{}`, `{"p":true}`, `{"p":true}`, `{"p":"(sensitive)"}`},
		{"shape mismatch hides", `{"x":"flat"}`, `{}`, `{"x":{"y":true}}`, `{"x":"(sensitive)"}`},
		{"numbers keep their text", `{"n":12345678901234567890}`, `{}`, `{}`, `{"n":12345678901234567890}`},
		{"no value", ``, ``, ``, `null`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := plannedValue(json.RawMessage(c.value), json.RawMessage(c.unknown), json.RawMessage(c.sens))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(got)
			var gotV, wantV any
			_ = json.Unmarshal(b, &gotV)
			if err := json.Unmarshal([]byte(c.want), &wantV); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotV, wantV) {
				t.Errorf("got %s, want %s", b, c.want)
			}
		})
	}
}

func TestFixtureMasking(t *testing.T) {
	g := buildFixture(t, fixtureDir)
	attrs := map[string]string{}
	for _, n := range g.Nodes {
		b, _ := json.Marshal(n.Attributes)
		attrs[n.Address] = string(b)
	}
	for addr, want := range map[string]string{
		`module.app["api"].module.db.aws_db_instance.this`: `{"endpoint":"(known after apply)","identifier":"api","kms_key_id":"(known after apply)","password":"(sensitive)","tags_all":{"Team":"core"}}`,
		`aws_db_parameter_group.secretive`:                 `{"family":"postgres16","parameter":[{"name":"password","value":"(sensitive)"},{"name":"log_statement","value":"all"}]}`,
		// a deletion shows what is deleted: before, masked with before_sensitive
		`aws_iam_role.legacy`: `{"inline":"(sensitive)","name":"legacy"}`,
	} {
		if attrs[addr] != want {
			t.Errorf("%s attributes:\n got %s\nwant %s", addr, attrs[addr], want)
		}
	}
}
