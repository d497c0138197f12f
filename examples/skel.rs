fn main() { print!("{}", dossier::skeleton::yaml(dossier::schema::Kind::Cluster, dossier::skeleton::Purpose::Application)); }
