use dossier::model::Submission;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let out = std::path::PathBuf::from(std::env::args().nth(2).unwrap());
    let loaded = dossier::load::cluster(std::path::Path::new(&path)).unwrap();
    let templates = dossier::render::Templates::new().unwrap();
    for s in Submission::ALL {
        if !loaded.value.submits(s) { continue; }
        let form = dossier::forms::cluster_form(&loaded.value, s, None, false);
        let doc = templates.render(form.template, &form.context).unwrap();
        let bytes = dossier::docx::render(&doc).unwrap();
        std::fs::write(out.join(format!("{}.docx", form.name)), bytes).unwrap();
    }
}
