use dossier::model::Submission;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let loaded = dossier::load::cluster(std::path::Path::new(&path)).unwrap();
    let templates = dossier::render::Templates::new().unwrap();
    for s in Submission::ALL {
        let form = dossier::forms::cluster_form(&loaded.value, s, None, false);
        match templates.render(form.template, &form.context) {
            Ok(doc) => println!("{}: {} sections, {} blocks", form.name, doc.sections.len(), doc.sections.iter().map(|s| s.blocks.len()).sum::<usize>()),
            Err(e) => println!("{}: {e}", form.name),
        }
    }
}
