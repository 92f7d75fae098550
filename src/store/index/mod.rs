//! The library index: what the library list shows of every session, kept in
//! `sessions/.index.jsonl` so that ten thousand sessions open without reading them all.
//!
//! The index is a cache and is never trusted over the files themselves:
//! - each line names a file with its size, modification time and inode; a line counts
//!   only while the file still has exactly those, otherwise the file is read again;
//! - every save appends one line (one `write` with `O_APPEND`, so two copies of tafel can
//!   append at once); a later line for the same file wins; a torn or unknown line is
//!   skipped;
//! - a scan that had to read files, or found dead lines, writes a compacted index
//!   atomically. Losing the index costs one slower start, nothing else;
//! - rewrites (a scan's, compacting on quit, forgetting a deleted session) hold an
//!   exclusive `flock` on `sessions/.index.lock` from reading to replacing, appends a
//!   shared one, so no append is lost in a rewrite and no rewrite brings back the lines
//!   another one just removed. Nobody waits long: an append skips when a rewrite is
//!   busy (the file is then simply read again), a rewrite waits at most two seconds.
//!
//! Files that are not indexed are first read *head-only*: the fields the list shows are
//! parsed, everything else (the price list copy, the texts) is skipped without building
//! it. Once the list is complete they are read whole in the background. A file that is
//! unreadable is never indexed: it is read again on every scan so its reason is always
//! current.

mod file;
mod head;
mod scan;

pub use file::{INDEX_LOCK_NAME, INDEX_NAME, Stamp, compact, forget, index_path, note_saved};
pub use scan::{CHECK_EVERY, ScanEvent, ScanStats, scan, summarise};

#[cfg(test)]
mod tests {
    use super::file::*;
    use super::scan::*;
    use crate::model::SCHEMA_VERSION;
    use crate::store::{Entry, LoadError, Summary};
    use crate::store::{Library, load};
    use std::fs;
    use std::ops::ControlFlow;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;
    use std::time::{Duration, Instant};

    fn demo_library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        for s in crate::demo::sessions(&crate::catalog::Catalog::builtin()) {
            lib.save(&s).unwrap();
        }
        (dir, lib)
    }

    /// A scan's result as the list ends up with it (replacements applied).
    fn collect(lib: &Library) -> (Vec<Entry>, ScanStats) {
        let mut all: Vec<Entry> = Vec::new();
        let mut listed = false;
        let stats = scan(&lib.sessions_dir(), &mut |event| {
            match event {
                ScanEvent::Batch(b) => {
                    assert!(!listed, "no entries after Listed, only replacements");
                    all.extend(b);
                }
                ScanEvent::Listed => listed = true,
                ScanEvent::Checked { done, of } => {
                    assert!(listed && done <= of && done % CHECK_EVERY == 0);
                }
                ScanEvent::Replace(e) => {
                    assert!(listed, "replacements come after the list is complete");
                    assert!(Entry::replace_in(&mut all, e), "replaces a listed entry");
                }
            }
            ControlFlow::Continue(())
        })
        .unwrap();
        assert!(listed);
        (all, stats)
    }

    fn summaries(lib: &Library) -> (Vec<Summary>, ScanStats) {
        let (entries, stats) = collect(lib);
        let mut all: Vec<Summary> = entries
            .into_iter()
            .filter_map(|e| match e {
                Entry::Session(s) => Some(*s),
                Entry::Unreadable { .. } => None,
            })
            .collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        (all, stats)
    }

    fn same(a: &Summary, b: &Summary) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn header_only_summary_equals_the_full_parse_for_every_demo_session() {
        let (_d, lib) = demo_library();
        // Also sessions with each phase alone started, so the progress marks must agree.
        let catalog = crate::catalog::Catalog::builtin();
        let blank = || {
            let mut s = crate::model::Session::new(
                &crate::model::clock::test_clock(),
                catalog.domains.clone(),
                catalog.prices.clone(),
                catalog.payers.clone(),
            );
            s.preparation.date = None;
            s
        };
        let demo = &crate::demo::sessions(&catalog)[1];
        let mut variants = vec![blank()];
        let mut s = blank();
        s.preparation.case_code = "X-1".into();
        variants.push(s);
        let mut s = blank();
        s.looking_back.events.clone_from(&demo.looking_back.events);
        variants.push(s);
        let mut s = blank();
        s.outcomes.domains[0].own_words = "woorden".into();
        variants.push(s);
        let mut s = blank();
        s.alternative.narrative = "anders".into();
        variants.push(s);
        let mut s = blank();
        s.alternative
            .activities
            .clone_from(&demo.alternative.activities);
        variants.push(s);
        let mut s = blank();
        s.wrap_up.notes = "notitie".into();
        variants.push(s);
        for s in &variants {
            lib.save(s).unwrap();
        }
        for e in fs::read_dir(lib.sessions_dir()).unwrap().flatten() {
            let path = e.path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let full = Summary::of(&load(&path).unwrap());
            let (header, _, indexable, whole) = summarise(&path).unwrap();
            assert!(indexable && !whole, "read head-only");
            same(&header, &full);
        }
    }

    #[test]
    fn the_header_read_stops_at_costs_but_never_accepts_a_truncated_file() {
        let (_d, lib) = demo_library();
        let path = lib.path_for("8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74".parse().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        let costs = text.find("\"costs\"").expect("costs is written");
        assert!(
            costs > text.find("\"wrap_up\"").unwrap(),
            "costs comes last, so the list can stop reading there"
        );
        // Cut anywhere in the costs: the header alone would parse, the file is refused.
        for cut in [costs + 10, costs + 5000, text.len() - 3, text.len() - 4] {
            fs::write(&path, &text[..cut]).unwrap();
            assert!(
                matches!(summarise(&path), Err(LoadError::Parse { .. })),
                "{cut}"
            );
        }
        // Files of earlier builds have costs before wrap_up: read in full, same summary.
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let full = Summary::of(&load_str(&path, &text));
        let obj = doc.as_object_mut().unwrap();
        let costs = obj.remove("costs").unwrap();
        let wrap_up = obj.remove("wrap_up").unwrap();
        obj.insert("costs".into(), costs);
        obj.insert("wrap_up".into(), wrap_up);
        let old_order = serde_json::to_string_pretty(&doc).unwrap();
        assert!(old_order.find("\"costs\"") < old_order.find("\"wrap_up\""));
        fs::write(&path, &old_order).unwrap();
        let (summary, _, indexable, whole) = summarise(&path).unwrap();
        assert!(indexable && !whole, "read by its head, costs skipped");
        same(&summary, &full);
    }

    fn load_str(path: &Path, text: &str) -> crate::store::Loaded {
        crate::store::parse(path, text.as_bytes()).unwrap()
    }

    #[test]
    fn saves_append_lines_and_a_scan_uses_them_without_reading_files() {
        let (_d, lib) = demo_library();
        let (first, stats) = summaries(&lib);
        // Saves appended one line each, so nothing had to be read.
        assert_eq!(stats.read, 0, "{stats:?}");
        assert_eq!(stats.from_index, first.len());
        let (second, stats) = summaries(&lib);
        assert_eq!(stats.from_index, second.len());
        assert!(!stats.index_written, "a current index is not rewritten");
        for (a, b) in first.iter().zip(&second) {
            same(a, b);
        }
    }

    #[test]
    fn a_file_changed_behind_the_index_is_read_again() {
        let (_d, lib) = demo_library();
        summaries(&lib);
        // Another program changes a file; the index still holds the old line.
        let (all, _) = summaries(&lib);
        let path = all[0].path.clone();
        let text = fs::read_to_string(&path).unwrap();
        let old = &all[0].case_code;
        fs::write(&path, text.replace(old.as_str(), "CHANGED-1")).unwrap();
        let (again, stats) = summaries(&lib);
        assert_eq!(stats.read, 1, "{stats:?}");
        assert!(stats.index_written);
        assert!(again.iter().any(|s| s.case_code == "CHANGED-1"));
        let (_, stats) = summaries(&lib);
        assert_eq!(stats.read, 0, "the rewritten index knows the new version");
    }

    #[test]
    fn a_file_replaced_by_another_program_right_after_our_save_is_read_again() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        let path = all[0].path.clone();
        let loaded = load(&path).unwrap();
        let mut ours = loaded.session.clone();
        ours.preparation.case_code = "OURS-1".into();
        let mut bytes = serde_json::to_vec_pretty(&ours).unwrap();
        bytes.push(b'\n');
        let written = crate::store::atomic::write_atomic_stat(&path, &bytes).unwrap();
        // Between our rename and our index line, another program puts its file there.
        let mut theirs = loaded.session;
        theirs.preparation.case_code = "THEIRS-1".into();
        let other = path.with_extension("other");
        fs::write(&other, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();
        fs::rename(&other, &path).unwrap();
        note_saved(&path, &written, &Summary::of_session(&path, &ours, None));
        let (again, stats) = summaries(&lib);
        assert_eq!(
            stats.read, 1,
            "our line describes our file, not theirs: {stats:?}"
        );
        assert!(again.iter().any(|s| s.case_code == "THEIRS-1"));
        assert!(!again.iter().any(|s| s.case_code == "OURS-1"));
    }

    #[test]
    fn a_scan_nobody_listens_to_stops_and_the_next_one_finishes_its_work() {
        let (_d, lib) = demo_library();
        let n = fs::read_dir(lib.sessions_dir())
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count();
        let index = index_path(&lib.sessions_dir());
        // Stopped at once: nothing read, no index written.
        fs::remove_file(&index).unwrap();
        let stats = scan(&lib.sessions_dir(), &mut |_| ControlFlow::Break(())).unwrap();
        assert_eq!((stats.read, stats.verified), (0, 0), "{stats:?}");
        assert!(!index.exists());
        // Stopped once the list is complete: the index of heads is kept, nothing checked.
        let stats = scan(&lib.sessions_dir(), &mut |e| match e {
            ScanEvent::Listed => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
        assert_eq!((stats.read, stats.verified), (n, 0), "{stats:?}");
        assert!(index.exists());
        // The next scan takes the list from that index and checks the files whole.
        let (all, stats) = summaries(&lib);
        assert_eq!(all.len(), n);
        assert_eq!(
            (stats.from_index, stats.read, stats.verified),
            (n, 0, n),
            "{stats:?}"
        );
        let (_, stats) = summaries(&lib);
        assert_eq!(stats.verified, 0, "checked once, remembered: {stats:?}");
    }

    #[test]
    fn a_scan_nobody_listens_to_stops_while_checking_files_whole() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path()).unwrap();
        let n = 3 * CHECK_EVERY;
        crate::demo::write_synthetic_library(
            &crate::catalog::Catalog::builtin(),
            &lib.sessions_dir(),
            n,
        )
        .unwrap();
        // The view goes away after the list is complete, while files are read whole.
        let mut listed = false;
        let stats = scan(&lib.sessions_dir(), &mut |e| match e {
            ScanEvent::Listed => {
                listed = true;
                ControlFlow::Continue(())
            }
            _ if listed => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap();
        assert_eq!(stats.read, n, "{stats:?}");
        assert_eq!(
            stats.verified, CHECK_EVERY,
            "stopped at the first question: {stats:?}"
        );
        // The next scan checks the rest.
        let (_, stats) = collect(&lib);
        assert_eq!(stats.verified, n, "{stats:?}");
    }

    #[test]
    fn compacting_keeps_only_the_newest_line_of_a_session() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        let path = all[0].path.clone();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut session = load(&path).unwrap().session;
        for code in ["Jan Jansen", "JJ-1"] {
            session.preparation.case_code = code.into();
            lib.save(&session).unwrap();
        }
        let index = index_path(&lib.sessions_dir());
        let before = fs::read_to_string(&index).unwrap();
        assert!(before.contains("Jan Jansen"));
        compact(&lib.sessions_dir(), &file).unwrap();
        let after = fs::read_to_string(&index).unwrap();
        assert!(
            !after.contains("Jan Jansen"),
            "the typo is gone from the index"
        );
        assert_eq!(after.matches(&format!("\"{file}\"")).count(), 1);
        assert_eq!(after.lines().count(), all.len(), "one line per session");
        // The compacted index is current: nothing needs reading.
        let (again, stats) = summaries(&lib);
        assert_eq!(stats.read, 0, "{stats:?}");
        assert!(again.iter().any(|s| s.case_code == "JJ-1"));
        // Compacting again changes nothing and does not rewrite.
        let stamp = fs::metadata(&index).unwrap().ino();
        compact(&lib.sessions_dir(), &file).unwrap();
        assert_eq!(fs::metadata(&index).unwrap().ino(), stamp);
    }

    fn name(s: &Summary) -> String {
        s.path.file_name().unwrap().to_str().unwrap().to_string()
    }

    #[test]
    fn appends_give_way_to_a_rewrite_and_rewrites_drop_lines_of_gone_files() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        let dir = lib.sessions_dir();
        let index = index_path(&dir);
        // While another copy rewrites the index, a save leaves its line out...
        let rewrite = index_lock(&dir, true, Duration::ZERO).expect("the lock is free");
        let before = fs::read(&index).unwrap();
        let mut s = load(&all[0].path).unwrap().session;
        s.preparation.case_code = "DURING-1".into();
        lib.save(&s).unwrap();
        assert_eq!(
            fs::read(&index).unwrap(),
            before,
            "no append during a rewrite"
        );
        // ...and a second rewrite waits for the first (here: gives up after its wait).
        let t = Instant::now();
        assert!(compact(&dir, "x.json").is_err());
        assert!(t.elapsed() >= REWRITE_WAIT);
        drop(rewrite);
        // The file is simply read again.
        let (again, stats) = summaries(&lib);
        assert_eq!(stats.read, 1, "{stats:?}");
        assert!(again.iter().any(|x| x.case_code == "DURING-1"));
        // A session file removed behind tafel's back: its lines go with any rewrite.
        let gone = name(&all[1]);
        fs::remove_file(&all[1].path).unwrap();
        let keep = name(&all[2]);
        s.preparation.case_code = "AFTER-1".into();
        lib.save(&s).unwrap();
        let file0 = name(&all[0]);
        compact(&dir, &file0).unwrap();
        let text = fs::read_to_string(&index).unwrap();
        assert!(!text.contains(&gone), "{text}");
        assert!(text.contains(&keep));
        assert!(!text.contains("DURING-1") && text.contains("AFTER-1"));
    }

    #[test]
    fn a_lost_torn_or_foreign_index_costs_only_a_rebuild() {
        let (_d, lib) = demo_library();
        let (expected, _) = summaries(&lib);
        let idx = index_path(&lib.sessions_dir());
        for garbage in [
            &b""[..],
            b"{\"v\":1,\"file\":\"x",
            b"not json at all\n\xff\xfe",
            b"{\"v\":99}\n",
        ] {
            fs::write(&idx, garbage).unwrap();
            let (got, stats) = summaries(&lib);
            assert_eq!(stats.read, expected.len(), "{stats:?}");
            assert_eq!(got.len(), expected.len());
            for (a, b) in got.iter().zip(&expected) {
                same(a, b);
            }
        }
        fs::remove_file(&idx).unwrap();
        let (got, _) = summaries(&lib);
        assert_eq!(got.len(), expected.len());
        assert!(idx.exists(), "rebuilt");
        assert_eq!(
            fs::metadata(&idx).unwrap().mode() & 0o777,
            0o600,
            "the index holds case codes: owner only"
        );
    }

    #[test]
    fn a_scan_removes_temporary_files_of_dead_writers_and_nothing_else() {
        use crate::store::atomic::tests::{DEAD_PID, temp_name_of};
        let (_d, lib) = demo_library();
        let dir = lib.sessions_dir();
        let dead = dir.join(temp_name_of("x.json", DEAD_PID));
        let alive = dir.join(temp_name_of("y.json", std::process::id()));
        let other = dir.join("notes.txt");
        for p in [&dead, &alive, &other] {
            fs::write(p, b"x").unwrap();
        }
        let (all, _) = summaries(&lib);
        assert_eq!(all.len(), 6);
        assert!(!dead.exists(), "a dead writer's leftover is removed");
        assert!(
            alive.exists(),
            "a live writer's temporary file is left alone"
        );
        assert!(other.exists());
    }

    #[test]
    fn a_file_broken_past_its_head_is_listed_and_then_found_unreadable() {
        let (_d, lib) = demo_library();
        let path = lib.path_for("8d2f6a13-7c4e-4b9a-a5d1-6e0c3f9b2a74".parse().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        for broken in [
            // wrong types where the head read does not look
            text.replacen("\"time_spent\": {", "\"time_spent\": \"x\", \"was\": {", 1),
            text.replacen("\"amount_cents\":", "\"amount_cents\":\"veel\",\"x\":", 1),
        ] {
            assert!(broken != text);
            fs::write(&path, &broken).unwrap();
            for round in 0..2 {
                let (entries, stats) = collect(&lib);
                let e = entries.iter().find(|e| e.path() == path).unwrap();
                assert!(
                    matches!(e, Entry::Unreadable { .. }),
                    "round {round}: listed as unreadable once read whole"
                );
                assert_eq!(stats.found_broken, 1, "{stats:?}");
                let index = fs::read_to_string(index_path(&lib.sessions_dir())).unwrap();
                assert!(
                    !index.contains("8d2f6a13"),
                    "a broken file is never indexed"
                );
            }
            assert_eq!(fs::read_to_string(&path).unwrap(), broken, "left as it was");
        }
    }

    #[test]
    fn index_lines_of_another_session_format_are_not_used() {
        let (_d, lib) = demo_library();
        summaries(&lib);
        let idx = index_path(&lib.sessions_dir());
        let text = fs::read_to_string(&idx).unwrap();
        let other = text.replace(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
        );
        assert_ne!(other, text);
        fs::write(&idx, other).unwrap();
        let (all, stats) = summaries(&lib);
        assert_eq!(stats.from_index, 0, "{stats:?}");
        assert_eq!(stats.read, all.len());
    }

    #[test]
    fn an_index_line_never_revives_a_deleted_or_broken_file() {
        let (_d, lib) = demo_library();
        let (all, _) = summaries(&lib);
        fs::remove_file(&all[0].path).unwrap();
        fs::write(&all[1].path, b"{ broken").unwrap();
        let mut sessions = 0;
        let mut unreadable = Vec::new();
        for e in collect(&lib).0 {
            match e {
                Entry::Session(_) => sessions += 1,
                Entry::Unreadable { path, .. } => unreadable.push(path),
            }
        }
        assert_eq!(sessions, all.len() - 2);
        assert_eq!(unreadable, vec![all[1].path.clone()]);
        // The broken file is left as it was.
        assert_eq!(fs::read(&all[1].path).unwrap(), b"{ broken");
    }
}
