//! SOURCE_DATE_EPOCH dates the documents whose data gives no date (a cluster built on its own
//! has no 现场核查 date), so the metadata is reproducible and yet not empty; an invalid value
//! stops the build. A binary of its own: the environment is the whole process's.

// Setting the environment is unsafe where other threads may read it; see the test's comment.
#![allow(unsafe_code)]

mod common;

use dossier::build::{self, CityContext, Engine};

#[test]
fn documents_without_a_date_take_source_date_epoch_and_a_bad_value_is_refused() {
    // The only test of this binary: nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1778284800") };
    let engine = Engine::new(true).unwrap();
    let loaded = common::load_example("pingyao-beef");
    let out = tempfile::tempdir().unwrap();
    let context = CityContext::standalone(&loaded.value);
    let report = build::build_cluster(&engine, &loaded, &context, Vec::new(), &common::options(out.path())).unwrap();
    let statement = lopdf::Document::load(report.dir.join("附件8 现场核查符合性说明.pdf")).unwrap();
    let info = statement.trailer.get_deref(b"Info", &statement).unwrap().as_dict().unwrap();
    assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20260509000000+08'00'");
    let form = lopdf::Document::load(report.dir.join("附件2 山西省中小企业特色产业集群申报表.pdf")).unwrap();
    let info = form.trailer.get_deref(b"Info", &form).unwrap().as_dict().unwrap();
    let submitted = loaded.value.submitted.to_string().replace('-', "");
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        format!("D:{submitted}000000+08'00'").as_bytes(),
        "a date the data gives wins"
    );

    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "明天") };
    let error = Engine::new(true).err().expect("an invalid SOURCE_DATE_EPOCH stops the build").to_string();
    assert!(error.contains("SOURCE_DATE_EPOCH") && error.contains("明天"), "{error}");
    unsafe { std::env::remove_var("SOURCE_DATE_EPOCH") };
}
