//! The real binary in a real terminal (tmux), started as a new user would: typing,
//! switching phases, quitting with Ctrl+Q, a `kill -9`, and a closed terminal window.
//! `.ci/run` installs tmux when it is missing.

mod common;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{Started, Tmux, json, process_gone, wait_until};

#[test]
fn a_new_user_types_a_session_switches_phases_and_quits() {
    let t = Started::new("new", &["new"]);
    t.wait_for_screen("Casuscode");
    t.text("De Graasj");
    t.keys(&["Tab"]);
    t.text("GR-42");
    t.keys(&["C-NPage", "C-NPage"]);
    t.wait_for_screen("Geld en rondkomen");
    t.keys(&["7"]);
    t.keys(&["Tab"]);
    t.keys(&["8"]);
    t.keys(&["Tab"]);
    t.text("Ik heb rust in mijn hoofd. Café, één, 日本, 😀");
    t.keys(&["F10"]);
    t.wait_for_screen("Leerpunten");
    let screen = t.wait_for_screen("opgeslagen");
    assert!(screen.contains("GR-42"), "{screen}");
    t.keys(&["C-q"]);
    wait_until("the program to end", || t.dead());
    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["project"], "De Graasj");
    assert_eq!(s["preparation"]["case_code"], "GR-42");
    let geld = &s["outcomes"]["domains"][0];
    assert_eq!(geld["score_start"], 7);
    assert_eq!(geld["score_now"], 8);
    assert_eq!(
        geld["own_words"],
        "Ik heb rust in mijn hoofd. Café, één, 日本, 😀"
    );
    // Every autosave appended an index line; quitting kept only the newest.
    let session_file = t.session_file();
    let name = session_file.file_name().unwrap().to_str().unwrap();
    let index = std::fs::read_to_string(session_file.with_file_name(".index.jsonl")).unwrap();
    let lines: Vec<&str> = index.lines().filter(|l| l.contains(name)).collect();
    assert_eq!(lines.len(), 1, "{index}");
    assert!(lines[0].contains("\"GR-42\""), "{index}");
    // The terminal is handed back: no alternate screen any more.
    assert_eq!(
        t.tmux(&["display", "-p", "-t", "t", "#{alternate_on}"])
            .trim(),
        "0"
    );
}

#[test]
fn typing_survives_kill_9_one_and_a_half_seconds_after_the_last_key() {
    let t = Started::new("kill", &["new"]);
    t.wait_for_screen("Casuscode");
    t.text("Wat getypt is, blijft bewaard");
    // From the moment the last key is on screen (read by tafel), not from when it was sent.
    t.wait_for_screen("Wat getypt is, blijft bewaard");
    sleep(Duration::from_millis(1500));
    let pid = t.pid().unwrap();
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    wait_until("the kill", || process_gone(pid));
    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["project"], "Wat getypt is, blijft bewaard");
    let leftovers: Vec<_> = std::fs::read_dir(t.data.join("sessions"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp-")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn closing_the_terminal_window_saves_unsaved_text_and_leaves_no_process() {
    let t = Started::new("hup", &["new"]);
    t.wait_for_screen("Casuscode");
    let pid = t.pid().unwrap();
    t.text("Net getypt");
    // Once the program shows the text it holds it; close the window at once, before the
    // debounce has saved it. (Keys still in the terminal's buffer die with the window.)
    t.wait_for_screen("Net getypt");
    t.tmux(&["kill-server"]);
    let start = Instant::now();
    wait_until("the program to end after the hang-up", || process_gone(pid));
    let took = start.elapsed();
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(
        figures.join("hang-up.txt"),
        format!("hang-up: unsaved text saved, process gone {took:?} after the window closed\n"),
    );
    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["project"], "Net getypt");
    assert!(took < Duration::from_secs(5), "exit took {took:?}");
}

/// Starts `tafel new` wrapped in a shell that prints the exit status afterwards.
fn started_with_status(name: &str, env: &[(&str, &str)]) -> Started {
    Started::command(name, env, |data| {
        format!(
            "{} --data-dir {} new; echo EXIT=$?; sleep 30",
            common::BIN,
            data.display()
        )
    })
}

fn tafel_pid(t: &Tmux) -> i32 {
    // The pane runs `sh -c`; tafel is its child.
    let shell = t.pid().unwrap();
    let start = Instant::now();
    loop {
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        if let Some(pid) = children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
        {
            return pid;
        }
        assert!(start.elapsed() < common::PATIENCE, "tafel did not start");
        sleep(Duration::from_millis(20));
    }
}

#[test]
fn term_int_quit_and_hup_save_unsaved_text_and_give_the_terminal_back() {
    for (sig, num) in [("TERM", 15), ("INT", 2), ("QUIT", 3), ("HUP", 1)] {
        let t = started_with_status(&format!("sig{num}"), &[]);
        t.wait_for_screen("Casuscode");
        let pid = tafel_pid(&t);
        t.text(&format!("signaal {sig}"));
        // Shown means held in memory; the signal follows at once, inside the debounce.
        t.wait_for_screen(&format!("signaal {sig}"));
        Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .unwrap();
        let screen = t.wait_for_screen("EXIT=");
        assert!(
            screen.contains(&format!("EXIT={}", 128 + num)),
            "SIG{sig}: {screen}"
        );
        assert_eq!(
            t.tmux(&["display", "-p", "-t", "t", "#{alternate_on}"])
                .trim(),
            "0",
            "SIG{sig} left the alternate screen"
        );
        let s = json(&t.session_file());
        assert_eq!(
            s["preparation"]["project"],
            format!("signaal {sig}"),
            "SIG{sig}"
        );
    }
}

#[test]
fn a_panic_saves_restores_the_terminal_and_says_where_the_data_is() {
    let t = started_with_status("panic", &[("TAFEL_TEST_PANIC_ON_KEY", "~")]);
    t.wait_for_screen("Casuscode");
    t.text("voor de paniek");
    t.wait_for_screen("voor de paniek");
    t.text("~");
    let screen = t.wait_for_screen("EXIT=");
    assert!(screen.contains("EXIT=101"), "{screen}");
    let file = t.session_file();
    assert!(
        screen.contains(&file.file_name().unwrap().to_string_lossy().to_string()[..8]),
        "names the file: {screen}"
    );
    assert!(
        !screen.contains("voor de paniek"),
        "no session text in the crash message: {screen}"
    );
    assert_eq!(
        t.tmux(&["display", "-p", "-t", "t", "#{alternate_on}"])
            .trim(),
        "0"
    );
    assert_eq!(json(&file)["preparation"]["project"], "voor de paniek");
}

#[test]
fn a_second_copy_opens_read_only_and_a_crashed_first_copy_does_not_block() {
    let first = Started::new("two-a", &["new"]);
    first.wait_for_screen("Casuscode");
    first.text("eerste kopie");
    let file = first.session_file();
    wait_until("the first copy's save", || {
        std::fs::read_to_string(&file).is_ok_and(|t| t.contains("eerste kopie"))
    });
    let id = file.file_stem().unwrap().to_string_lossy().to_string();
    let data = first.data.display().to_string();
    let cmd = format!("{} --data-dir {data} open {id}", common::BIN);
    let nl = [("LANG", "nl_NL.UTF-8")];
    let second = Tmux::run("two-b", &cmd, (100, 30), &nl);
    second.wait_for_screen("ALLEEN LEZEN");
    // Says where it is open (the status line may come a moment after the header: a
    // capture can catch a frame half drawn).
    second.wait_for_screen("al geopend");
    second.tmux(&["kill-server"]);
    // A crash of the first copy: the lock is stale and the next copy may edit.
    let pid = first.pid().unwrap();
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    wait_until("the kill", || process_gone(pid));
    let third = Tmux::run("two-c", &cmd, (100, 30), &nl);
    let screen = third.wait_for_screen("onverwacht");
    assert!(!screen.contains("ALLEEN LEZEN"), "{screen}");
}

#[test]
fn a_megabyte_paste_goes_in_as_one_edit_and_resize_storms_do_no_harm() {
    let t = Started::new("paste", &["new"]);
    t.wait_for_screen("Casuscode");
    t.keys(&["PgDn"]); // to the consent part...
    t.keys(&["BTab"]); // ...and back to the multi-line starting question
    // Just over a million bytes, within the 1 MiB a free-text field holds.
    let big = "Regel met een ë, een 😀 en 日本.\n".repeat(27_000);
    assert!(big.len() > 1_000_000 && big.len() <= tafel::model::limits::TEXT_BYTES);
    let file = t.data.with_file_name("paste.txt");
    std::fs::write(&file, &big).unwrap();
    t.tmux(&["load-buffer", file.to_str().unwrap()]);
    let start = Instant::now();
    t.tmux(&["paste-buffer", "-p", "-t", "t"]);
    wait_until("the paste on disk", || {
        std::fs::read(t.session_file())
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .is_some_and(|v| {
                v["preparation"]["starting_question"]
                    .as_str()
                    .is_some_and(|q| q.len() >= big.len() - 1)
            })
    });
    let figures = Path::new(env!("CARGO_TARGET_TMPDIR")).join("figures");
    let _ = std::fs::create_dir_all(&figures);
    let _ = std::fs::write(
        figures.join("paste.txt"),
        format!(
            "paste: 1 MB bracketed paste on disk after {:?}\n",
            start.elapsed()
        ),
    );
    assert!(start.elapsed() < Duration::from_secs(5));
    for (w, h) in [
        (1, 1),
        (300, 80),
        (20, 5),
        (2, 40),
        (80, 24),
        (1, 1),
        (100, 30),
    ]
    .repeat(5)
    {
        t.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }
    sleep(Duration::from_millis(300));
    assert!(!t.dead(), "still running after the resize storm");
    t.keys(&["C-q"]);
    wait_until("the program to end", || t.dead());
}

#[test]
fn a_large_library_fills_in_from_the_background_and_filters() {
    const N: usize = 1000;
    let t = Started::with("large", &[], |data| {
        let lib = tafel::store::Library::open(data).unwrap();
        let catalog = tafel::catalog::Catalog::builtin();
        tafel::demo::write_synthetic_library(&catalog, &lib.sessions_dir(), N).unwrap();
    });
    // No index yet: the files are read in the background and the count fills in.
    let full = t.wait_for_screen(&format!("bibliotheek ({N})"));
    assert!(full.contains("DEMO-GR-07-"), "{full}");
    let index = t.data.join("sessions/.index.jsonl");
    wait_until("the index is written", || index.exists());
    assert_eq!(
        std::fs::read_to_string(&index).unwrap().lines().count(),
        N,
        "one line per session"
    );
    // Type to filter: one round of the synthetic library has six sessions.
    t.text("00042");
    t.wait_for_screen("DEMO-PT-02-00042");
    // The frame may still be arriving: wait for it whole.
    let mut shown = String::new();
    wait_until("only the four series of round 42", || {
        shown = t.screen();
        shown.matches("-000").count() == 4
    });
    assert_eq!(
        shown.matches("-000").count(),
        4,
        "only the four series of round 42 are left:\n{shown}"
    );
    t.keys(&["C-q"]);
    wait_until("tafel has quit", || t.dead());
}

/// Column and row (0-based) where `text` first appears on the captured screen.
fn position(screen: &str, text: &str) -> (usize, usize) {
    for (y, line) in screen.lines().enumerate() {
        if let Some(i) = line.find(text) {
            return (unicode_width::UnicodeWidthStr::width(&line[..i]), y);
        }
    }
    panic!("'{text}' is not on screen:\n{screen}");
}

/// A left click at the first character of `text`, as an xterm reports it (SGR).
fn click(t: &Tmux, text: &str) {
    let (x, y) = position(&t.screen(), text);
    t.bytes(format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", x + 1, y + 1, x + 1, y + 1).as_bytes());
}

fn pane_flag(t: &Tmux, flag: &str) -> String {
    t.tmux(&["display", "-p", "-t", "t", &format!("#{{{flag}}}")])
        .trim()
        .to_string()
}

#[test]
fn the_first_key_replaces_a_suggested_date_and_clicks_reach_tabs_fields_and_keys() {
    let t = Started::new("click", &["new"]);
    t.wait_for_screen("Casuscode");
    // Clicks and the wheel are reported (SGR), movement and drags are not.
    assert_eq!(pane_flag(&t, "mouse_standard_flag"), "1");
    assert_eq!(pane_flag(&t, "mouse_sgr_flag"), "1");
    assert_eq!(pane_flag(&t, "mouse_button_flag"), "0");
    assert_eq!(pane_flag(&t, "mouse_all_flag"), "0");

    // The date holds today as a suggestion: the first key replaces it.
    t.keys(&["Tab", "Tab", "Tab"]);
    t.text("12-05-2026");
    t.keys(&["Tab"]);
    t.wait_for_screen("12-5-2026");
    // A field already typed into keeps appending.
    t.keys(&["BTab"]);
    t.keys(&["BSpace"]);
    t.text("7");
    t.keys(&["Tab"]);
    t.wait_for_screen("12-5-2027");

    // A click on a field's label focuses it; typing goes there.
    click(&t, "Plaats");
    t.text("Buurthuis");
    t.wait_for_screen("Buurthuis");
    // A click on a phase tab, then on a score's track, then a footer key.
    click(&t, "F7 ");
    t.wait_for_screen("Geld en rondkomen");
    let screen = t.screen();
    let (x, y) = position(&screen, "0 ─");
    t.bytes(format!("\x1b[<0;{};{}M", x + 2 + 6 + 1, y + 1).as_bytes());
    t.wait_for_screen("──────●────");
    // The wheel moves as ↓ does: to the next field.
    t.bytes(b"\x1b[<65;10;10M");
    t.wait_for_screen("▶ Nu");
    click(&t, "Ctrl+Q");
    t.wait_dead();

    let s = json(&t.session_file());
    assert_eq!(s["preparation"]["date"], "2027-05-12");
    assert_eq!(s["preparation"]["place"], "Buurthuis");
    assert_eq!(s["outcomes"]["domains"][0]["score_start"], 6);
    // The terminal is handed back without mouse reporting.
    assert_eq!(pane_flag(&t, "mouse_any_flag"), "0");
    assert_eq!(pane_flag(&t, "mouse_sgr_flag"), "0");
    assert_eq!(pane_flag(&t, "alternate_on"), "0");
}

/// Presses `key` until `marker` is on screen (at most `max` times).
fn press_until(t: &Tmux, key: &str, marker: &str, max: usize) {
    for _ in 0..max {
        if t.screen().contains(marker) {
            return;
        }
        t.keys(&[key]);
        sleep(Duration::from_millis(40));
    }
    t.wait_for_screen(marker);
}

#[test]
fn a_follow_up_builds_on_the_earlier_wave_and_compare_shows_what_became_of_it() {
    let t = Started::with("followup", &[], |data| {
        let o = common::tafel(data, &["demo"]);
        assert!(o.status.success());
    });
    t.wait_for_screen("DEMO-GR-11");
    t.text("DEMO-GR-11");
    t.wait_for_screen("▶ DEMO-GR-11");
    t.keys(&["C-f"]);
    // The new T1 starts from T0: the starting question is there, as a suggestion.
    let s = t.wait_for_screen("T1");
    assert!(s.contains("Iets te doen hebben overdag"), "{s}");
    // Looking back: the timeline's start and every activity, marked as from T0.
    t.keys(&["F6"]);
    let s = t.wait_for_screen("uit T0");
    assert!(s.contains("januari 2025"), "{s}");
    // Wrap-up: the agreements of T0 wait for how they went; the first was done.
    t.keys(&["F10"]);
    t.wait_for_screen("Afspraken van T0: hoe ging het?");
    press_until(&t, "Tab", "▶ Hoe ging het?", 10);
    t.text("ged");
    t.keys(&["Enter"]);
    t.wait_for_screen("gedaan");
    // Alternative: the assumptions of T0 wait for whether they held; the first did not.
    t.keys(&["F8"]);
    press_until(&t, "NPage", "Hield de aanname stand?", 30);
    press_until(&t, "Tab", "▶ Hield de aanname stand?", 30);
    t.text("geen");
    t.keys(&["Enter"]);
    t.wait_for_screen("hield geen stand");
    t.keys(&["C-q"]);
    t.wait_dead();

    let t1 = common::session_files(&t.data)
        .into_iter()
        .map(|p| common::json(&p))
        .find(|s| s["preparation"]["case_code"] == "DEMO-GR-11" && s["preparation"]["wave"] == 1)
        .expect("the T1 was saved");
    let t1_id = t1["id"].as_str().unwrap().to_string();
    assert_eq!(t1["wrap_up"]["earlier_agreements"][0]["status"], "done");
    let held: Vec<&serde_json::Value> = t1["alternative"]["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["held"])
        .collect();
    assert_eq!(
        held.iter().filter(|h| **h == "not_held").count(),
        1,
        "{held:?}"
    );
    assert_eq!(t1["looking_back"]["activities"][0]["from_wave"], 0);

    let t0_id = "97f3d1c5";
    let text = common::stdout(&common::tafel(&t.data, &["compare", t0_id, &t1_id]));
    assert!(
        text.contains("— gedaan") && text.contains("— hield geen stand"),
        "{text}"
    );
    let md = common::stdout(&common::tafel(
        &t.data,
        &["compare", t0_id, &t1_id, "--format", "markdown"],
    ));
    assert!(
        md.contains("gedaan") && md.contains("hield geen stand"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&common::tafel(
        &t.data,
        &["compare", t0_id, &t1_id, "--format", "json"],
    )))
    .unwrap();
    assert_eq!(json["agreements"][0]["status"], "done");
    assert!(
        json["agreements"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Mantelzorg")
    );
    let checked = json["assumptions_checked"].as_array().unwrap();
    assert_eq!(checked.len(), 3);
    assert_eq!(
        checked.iter().filter(|a| a["held"] == "not_held").count(),
        1
    );
    assert_eq!(checked.iter().filter(|a| a["held"].is_null()).count(), 2);
}

#[test]
fn the_wall_opens_with_one_key_and_a_click_chooses_an_item() {
    let t = Started::with(
        "wall",
        &["open", "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31"],
        |data| {
            let o = common::tafel(data, &["demo"]);
            assert!(o.status.success());
        },
    );
    t.wait_for_screen("Casuscode");
    t.keys(&["F6", "C-t"]);
    let screen = t.wait_for_screen("ALTERNATIEF");
    assert!(screen.contains("WERKELIJK"), "{screen}");
    assert!(screen.contains("Kosten per kwartaal"), "{screen}");
    assert!(screen.contains("Esc sluiten"), "the wall's keys: {screen}");
    // The first item's details are beside or under the wall.
    assert!(screen.contains("Gebeurtenis · Werkelijk"), "{screen}");
    // The whole trajectory fits at 100 columns: → changes nothing (tests/wall.rs moves
    // a wall that does not fit).
    let months = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains(" jul ") && l.contains(" aug "))
            .map(str::to_string)
    };
    let before = months(&t.screen()).expect("the month axis");
    t.keys(&["Right"]);
    // A click on a bar chooses it: its details appear. Keys are read in order, so once
    // the click shows, → has been handled too.
    click(&t, "A Schuldhulpverlening");
    t.wait_for_screen("Inzet · Werkelijk");
    let screen = t.wait_for_screen("Organisatie: ");
    assert_eq!(months(&screen), Some(before), "the axis stays where it is");
    // Esc closes the wall, back in the phase; Ctrl+T again, F4 goes to the table view.
    t.keys(&["Escape"]);
    wait_until("the wall is closed", || {
        !t.screen().contains("ALTERNATIEF  €")
    });
    t.keys(&["C-t", "F4"]);
    wait_until("the table view", || !t.screen().contains("WERKELIJK  €"));
    t.keys(&["C-q"]);
    t.wait_dead();
}

#[test]
fn two_laptops_on_one_shared_folder_see_each_others_lock_by_its_heartbeat() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(common::tafel(&data, &["demo"]).status.success());
    // A short staleness limit, so the test need not wait two minutes.
    std::fs::write(data.join("config.json"), r#"{"lock_stale_seconds": 3}"#).unwrap();
    let id = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31";
    let lock = data.join("sessions").join(format!("{id}.lock"));
    let laptop = |name: &str, host: &str| {
        let command = format!(
            "{} --data-dir {} open {id}",
            common::BIN,
            common::shell_quote(&data.display().to_string())
        );
        Tmux::run(
            name,
            &command,
            (100, 30),
            &[("LANG", "nl_NL.UTF-8"), ("TAFEL_TEST_HOST", host)],
        )
    };
    let heartbeat = || {
        let text = std::fs::read_to_string(&lock).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["heartbeat"].as_str().map(str::to_string))
    };

    // Laptop A opens the session and keeps its heartbeat going (every second here).
    let a = laptop("laptop-a", "laptop-a");
    a.wait_for_screen("Casuscode");
    let first = heartbeat().expect("a heartbeat in the lock file");
    wait_until("the next heartbeat", || {
        heartbeat().is_some_and(|h| h != first)
    });
    // Laptop B gets it read-only, and is told which laptop has it.
    let b = laptop("laptop-b", "laptop-b");
    let screen = b.wait_for_screen("laptop-a");
    assert!(screen.contains("ALLEEN LEZEN"), "{screen}");
    b.keys(&["C-q"]);
    b.wait_dead();
    // A quits: B may edit at once.
    a.keys(&["C-q"]);
    a.wait_dead();
    let b = laptop("laptop-b2", "laptop-b");
    let screen = b.wait_for_screen("opgeslagen");
    assert!(!screen.contains("ALLEEN LEZEN"), "{screen}");
    b.keys(&["C-q"]);
    b.wait_dead();

    // A crashes (kill -9): its last heartbeat holds the session for the staleness limit.
    let a = laptop("laptop-a2", "laptop-a");
    a.wait_for_screen("Casuscode");
    // The pane's shell runs one command, so it became tafel itself.
    let pid = a.pid().unwrap();
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert!(comm.starts_with("tafel"), "{comm}");
    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    wait_until("the kill", || process_gone(pid));
    let b = laptop("laptop-b3", "laptop-b");
    let screen = b.wait_for_screen("laptop-a");
    assert!(
        screen.contains("ALLEEN LEZEN"),
        "a fresh heartbeat holds: {screen}"
    );
    b.keys(&["C-q"]);
    b.wait_dead();
    sleep(Duration::from_millis(3500));
    let b = laptop("laptop-b4", "laptop-b");
    let screen = b.wait_for_screen("onverwacht afgesloten");
    assert!(
        !screen.contains("ALLEEN LEZEN"),
        "a stale heartbeat does not: {screen}"
    );
    b.keys(&["C-q"]);
    b.wait_dead();
}

#[test]
fn a_sync_conflict_is_resolved_field_by_field_through_its_screen() {
    let id = "4b7e2c91-3d5a-4f08-9c6e-2a1d8b7f0e31";
    let t = Started::with("conflict", &[], |data| {
        assert!(common::tafel(data, &["demo"]).status.success());
        // The other laptop changed the place and the pulse owner; Syncthing kept both.
        let live = data.join("sessions").join(format!("{id}.json"));
        let mut other: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&live).unwrap()).unwrap();
        other["preparation"]["place"] = "Buurthuis De Brug".into();
        other["wrap_up"]["pulse_owner"] = "Hamid".into();
        let copy = data
            .join("sessions")
            .join(format!("{id}.sync-conflict-20261130-100000-ABCDEF1.json"));
        std::fs::write(&copy, other.to_string()).unwrap();
    });
    t.wait_for_screen("DEMO-GR-07");
    // The copy is the row under the session itself.
    t.keys(&["Down", "Enter"]);
    let screen = t.wait_for_screen("Twee versies van één gesprek");
    assert!(
        screen.contains("Buurthuis De Brug") && screen.contains("preparation.place"),
        "{screen}"
    );
    // Take only the pulse owner from the other version (the difference after the place),
    // then Enter twice.
    t.keys(&["Down", "Down", "Right"]);
    t.keys(&["Enter"]);
    t.wait_for_screen("Nog een keer Enter");
    t.keys(&["Enter"]);
    t.wait_for_screen("Opgelost");
    t.keys(&["C-q"]);
    t.wait_dead();
    let s = json(&t.data.join("sessions").join(format!("{id}.json")));
    assert_eq!(
        s["wrap_up"]["pulse_owner"], "Hamid",
        "taken from the other version"
    );
    assert_ne!(
        s["preparation"]["place"], "Buurthuis De Brug",
        "kept from this file"
    );
    let trash: Vec<_> = std::fs::read_dir(t.data.join("trash")).unwrap().collect();
    assert_eq!(trash.len(), 1, "the other version is in the trash");
    let list = common::stdout(&common::tafel(&t.data, &["list"]));
    assert!(!list.contains("conflict"), "{list}");
}
