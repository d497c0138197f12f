//! The JSON Schemas editors use: committed in `data/`, current, and accepting the examples.

mod common;

use std::path::Path;

use dossier::model::schema::Kind;

fn committed(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_committed_schemas_are_what_dossier_schema_prints() {
    assert_eq!(committed("schema.json"), Kind::Cluster.schema(), "run: dossier schema > data/schema.json");
    assert_eq!(
        committed("city.schema.json"),
        Kind::City.schema(),
        "run: dossier schema --city > data/city.schema.json"
    );
    assert_eq!(
        committed("province.schema.json"),
        Kind::Province.schema(),
        "run: dossier schema --province > data/province.schema.json"
    );
}

fn assert_valid(schema: &serde_json::Value, file: &Path) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let json = serde_json::to_value(yaml).unwrap();
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
}

#[test]
fn the_schemas_accept_the_example_files() {
    let cluster = committed("schema.json");
    for name in ["qixian-glass", "pingyao-beef", "yuci-hydraulics"] {
        assert_valid(&cluster, &common::example(name).join("cluster.yaml"));
    }
    assert_valid(&committed("city.schema.json"), &common::example("city.yaml"));
}

/// The English words a Chinese user may meet in a label: names of keys, files and formats.
fn english(text: &str, allowed: &[&str]) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !allowed.contains(w))
        .map(str::to_owned)
        .collect()
}

const NAMES: [&str; 22] = [
    "PDF", "XX", "YAML", "yaml", "cluster", "city", "province", "evidence", "stated", "jinzhong", "qixian", "glass",
    // The spreadsheets lists are kept in, the keys that name them, the command that writes them.
    "Excel", "WPS", "xlsx", "xls", "ods", "csv", "from", "sheet", "dossier", "init",
];

#[test]
fn every_label_and_explanation_is_chinese() {
    for kind in [Kind::Cluster, Kind::City, Kind::Province] {
        fn walk(value: &serde_json::Value, found: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for key in ["title", "description"] {
                        if let Some(text) = map.get(key).and_then(|v| v.as_str()) {
                            found.extend(english(text, &NAMES).into_iter().map(|w| format!("{w} in {text:?}")));
                        }
                    }
                    map.values().for_each(|v| walk(v, found));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        walk(&kind.schema(), &mut found);
        assert!(found.is_empty(), "{kind:?}: {found:#?}");
    }
}

#[test]
fn the_init_skeleton_speaks_chinese() {
    use dossier::model::Submission;
    use dossier::model::skeleton;
    let keys: Vec<String> = {
        let mut keys = Vec::new();
        fn walk(value: &serde_json::Value, keys: &mut Vec<String>) {
            if let serde_json::Value::Object(map) = value {
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    keys.extend(properties.keys().cloned());
                }
                map.values().for_each(|v| walk(v, keys));
            }
        }
        for kind in [Kind::Cluster, Kind::City, Kind::Province] {
            walk(&kind.schema(), &mut keys);
        }
        keys.into_iter()
            .flat_map(|k| k.split(|c: char| !c.is_ascii_alphabetic()).map(str::to_owned).collect::<Vec<_>>())
            .collect()
    };
    let mut allowed: Vec<&str> = keys.iter().map(String::as_str).collect();
    allowed.extend(NAMES);
    allowed.extend(["dossier", "check", "init", "schema", "Tab", "UTF"]);
    let skeletons = [
        skeleton::yaml(Kind::Cluster, &[Submission::ProvincialApplication, Submission::NationalApplication]),
        skeleton::yaml(Kind::Cluster, &[Submission::ProvincialReview, Submission::NationalReview]),
        skeleton::yaml(Kind::City, &[]),
        skeleton::yaml(Kind::Province, &[]),
    ];
    for text in skeletons {
        for line in text.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(english(line, &allowed).is_empty(), "English in the skeleton: {line}");
        }
    }
}
