//! The structure stays visible without a diagram: the top-level modules form layers, and
//! a module may use only modules of its own layer or lower ones, never one above.
//!
//! model < i18n < store, catalog < report, demo < cli, app < ui < tui
//!
//! Within a layer there are no cycles (cli may use app, never the reverse). `main.rs` sits
//! on top of everything. The check reads every `crate::<module>` path in `src/`, up to a
//! file's `#[cfg(test)]` module: a unit test may take its fixtures from anywhere (the demo
//! cases, say) without making the program depend on them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: &[(&str, u8)] = &[
    ("model", 0),
    ("i18n", 1),
    ("store", 2),
    ("catalog", 2),
    ("report", 3),
    ("demo", 3),
    ("cli", 4),
    ("app", 4),
    ("ui", 5),
    ("tui", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a file names with `crate::<module>` (in `use` lines and paths).
fn used(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let program = text.split("#[cfg(test)]").next().unwrap_or("");
    for line in program.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
        // `use crate::{app, store};`
        if let Some(group) = code.trim().strip_prefix("use crate::{") {
            for part in group.split([',', '}']) {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.insert(name.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_layer_above_it_and_no_layer_has_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (module, _) in LAYERS {
        let dir = src.join(module);
        let mut files = Vec::new();
        if dir.is_dir() {
            sources(&dir, &mut files);
        }
        let single = src.join(format!("{module}.rs"));
        if single.is_file() {
            files.push(single);
        }
        assert!(!files.is_empty(), "src/{module} exists");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for to in used(&text) {
                if to == *module {
                    continue;
                }
                let Some(to_layer) = layer(&to) else {
                    continue;
                };
                let from_layer = layer(module).unwrap();
                if to_layer > from_layer {
                    upward.push(format!(
                        "{} uses {to} (layer {to_layer} > {from_layer})",
                        f.strip_prefix(&src).unwrap().display()
                    ));
                }
                edges.entry((*module).to_string()).or_default().insert(to);
            }
        }
    }
    assert!(upward.is_empty(), "upward uses:\n{}", upward.join("\n"));
    // No two modules use each other (a cycle within a layer).
    let mut cycles = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if edges.get(to).is_some_and(|back| back.contains(from)) && from < to {
                cycles.push(format!("{from} <-> {to}"));
            }
        }
    }
    assert!(cycles.is_empty(), "cycles: {cycles:?}");
}

#[test]
fn the_check_sees_uses_in_every_form() {
    let text = "use crate::model::Session;\nuse crate::{app, store::Library};\nlet x = crate::ui::render(); // crate::tui is a comment";
    let got = used(text);
    assert_eq!(
        got.into_iter().collect::<Vec<_>>(),
        vec!["app", "model", "store", "ui"]
    );
}
