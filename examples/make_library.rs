//! Writes a large library for scripts/bench.sh: `make_library COUNT DATA_DIR`.
//! The sessions are copies of the demo cases with new ids and case codes.

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: make_library COUNT DATA_DIR");
        std::process::exit(2);
    };
    let count: usize = count.parse().map_err(std::io::Error::other)?;
    let lib = tafel::store::Library::open(std::path::Path::new(&dir))?;
    let catalog = tafel::catalog::Catalog::builtin();
    tafel::demo::write_synthetic_library(&catalog, &lib.sessions_dir(), count)
}
