fn main() {
    match dossier::load::cluster(std::path::Path::new(&std::env::args().nth(1).unwrap())) {
        Ok(_) => println!("ok"),
        Err(dossier::load::LoadError::Invalid { diagnostics, .. }) => {
            let mut out = codespan_reporting::term::termcolor::NoColor::new(std::io::stdout());
            dossier::diagnostic::print(&mut out, &diagnostics).unwrap();
        }
        Err(e) => println!("{e}"),
    }
}
