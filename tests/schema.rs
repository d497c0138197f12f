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
