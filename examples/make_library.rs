//! Writes a large library for scripts/bench.sh: `make_library COUNT DATA_DIR`.
//! The sessions are copies of the demo cases with new ids and case codes.
//!
//! Prints three figures for the bench: the bytes written, the bytes the same sessions
//! took in the layout before compact files (fully indented, with the whole price list in
//! every file), and the size of the largest demo session file.

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(count), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: make_library COUNT DATA_DIR");
        std::process::exit(2);
    };
    let count: usize = count.parse().map_err(std::io::Error::other)?;
    let lib = tafel::store::Library::open(std::path::Path::new(&dir))?;
    let catalog = tafel::catalog::Catalog::builtin();
    let written = tafel::demo::write_synthetic_library(&catalog, &lib.sessions_dir(), count)?;
    let demo = tafel::demo::sessions(&catalog);
    let size = |s: &tafel::model::Session| {
        tafel::store::encode::session_bytes(s).map_or(0, |b| b.len() as u64)
    };
    // Copies cycle through the demo sessions; their old size is that of their originals.
    let old_layout: u64 = demo
        .iter()
        .cycle()
        .take(count)
        .map(|s| serde_json::to_vec_pretty(s).map_or(0, |b| b.len() as u64 + 1))
        .sum();
    println!("bytes_written {written}");
    println!("bytes_old_layout {old_layout}");
    println!(
        "largest_demo_session_bytes {}",
        demo.iter().map(size).max().unwrap_or(0)
    );
    Ok(())
}
