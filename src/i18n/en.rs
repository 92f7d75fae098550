//! English texts.

use super::Texts;
use super::texts::UiTexts;

pub static TEXTS: Texts = Texts {
    ui: UiTexts {
        phases_short: [
            "Prep.",
            "Looking back",
            "Outcomes",
            "Alternative",
            "Costs",
            "Wrap-up",
        ],
        help_intro: &[
            "tafel helps you lead and record a table conversation (Effectencalculator).",
            "Everything you type is saved by itself, within a second. The top right shows whether it is saved.",
            "Walk the six phases in any order. A highlighted field takes your typing straight away.",
        ],
        help_more: &[
            "The clock runs only on the day of the conversation (the date under Preparation); reading it back later does not count.",
            "Dates like 12-3-2026, 3-2026 or March 2026. Amounts like 1,234.50. A score of 10: type 1 and then 0 at once.",
        ],
        activity: "Activity",
        actual_short: "Actual",
        add_activity: "add support or a facility",
        add_agreement: "add an agreement",
        add_assumption: "add an assumption",
        add_attendee: "add a person at the table",
        add_event: "add a life event",
        add_learning_point: "add a learning point",
        add_off_record: "mark a topic as off the record",
        add_quote: "add a quote",
        agreement: "Agreement",
        alias: "Name (alias)",
        alternative_short: "Alternative",
        assumption: "Assumption",
        cannot_change: "This session cannot be changed here:",
        cannot_delete: "Could not delete:",
        cannot_open: "Could not open this session:",
        confirm_delete: |case| format!("Move session {case} to the trash? y = yes, n = no"),
        confirm_remove: |item| format!("Remove item {item}? y = yes, n = no"),
        consent_date: "Date of consent",
        demo_loaded: |count| format!("{count} demo sessions loaded."),
        due: "(soon)",
        empty_library_1: "No sessions yet. All table conversations will be listed here, by case.",
        empty_library_2: "Load the fictional examples to look around, or start a new session right away.",
        event: "Event",
        filter: "Search",
        filter_hint: "type to search by case, project or wave",
        follow_up_done: "held",
        from: "From",
        ground_rules_and_consent: "Ground rules and consent",
        help_form: "In a session",
        help_library: "In the library",
        help_quote: "Capturing a quote",
        help_choice: "On a choice",
        help_score: "On a score",
        help_toggle: "On a yes/no field",
        help_prices: "In the price list",
        help_title: "Help",
        hours_per_week: "Hours per week",
        informal: "Informal (unpaid help)",
        informal_as_hours: "show hours only",
        informal_replacement: "value at replacement cost (GZ-24)",
        informal_valuation: "Informal help",
        k_add: "add",
        k_back: "back",
        k_choose: "choose",
        k_close: "close",
        k_cycle: "change",
        k_delete: "delete",
        k_demo: "load examples",
        k_follow_up: "follow-up",
        k_help: "help",
        k_list: "list",
        k_move_down: "down",
        k_move_up: "up",
        k_new: "new session",
        k_newline: "new line",
        k_next_field: "next field",
        k_next_phase: "next phase",
        k_no: "no",
        k_open: "open",
        k_questions: "questions",
        k_quit: "quit",
        k_quote: "quote",
        k_remove: "remove",
        k_save_quote: "keep",
        k_score: "score",
        k_speaker_words: "speaker/words",
        k_table_view: "table view",
        k_toggle: "on/off",
        k_type_to_filter: "type to search",
        k_undo: "undo",
        k_yes: "yes",
        k_clear_filter: "clear the search",
        k_clear_field: "empty the field",
        k_to_words: "to the words",
        k_cancel: "cancel",
        confirm_discard_quote: "Throw away this quote? y = yes, n = no (keep typing)",
        confirm_discard_price: "Throw away the changes to this price? y = yes, n = no",
        attendees_and_facilitator: |n, who, all| {
            format!("({n}, with the facilitator {who}: {all} in all)")
        },
        phases_tiny: ["Prep", "Back", "Outc", "Alt", "Cost", "Wrap"],
        k_more_keys: "more keys",
        k_reprice: "re-price",
        earlier_agreements: |w| format!("Agreements of {w}: how did they go?"),
        series_heading: "The series from here",
        cmp_agreements: "Agreements of",
        cmp_change_short: "change",
        assumptions_not_held: |n| {
            format!("{n} assumption(s) of the wave before did not hold (see Alternative)")
        },
        professionals_short: "professionals",
        cmp_not_checked: "not checked",
        k_toggle_ended: "hide/show ended series",
        k_portfolio: "project overview",
        k_wall: "timeline",
        k_wall_time: "in time",
        wall_title: "Timeline: what happened, and what would have happened without the approach",
        wall_costs_quarter: "Costs per quarter",
        wall_costs_year: "Costs per year",
        wall_undated: "no date",
        wall_activity: "Support",
        wall_from_wave: "taken over from",
        wall_nothing: "Nothing on the timeline yet: add events and support in Looking back and Alternative.",
        wall_informal: "informal help",
        help_wall: "On the timeline (Ctrl+T)",
        portfolio_loading: "Working out the overview…",
        series_ended_word: "ended",
        series_ended: |r| format!("ended: {r}"),
        ended_hidden: |n| format!("{n} ended hidden (Ctrl+A)"),
        views_differ: |d| format!("{d} against the participant"),
        from_wave: |w| format!("from {w}"),
        from_wave_changed: |w| format!("from {w}, changed"),
        key_space: "Space",
        k_clear_search: "clear search",
        difference_explained_short: "Difference = alternative − actual; + is a saving",
        reprice_declined: "Prices not changed.",
        scope_session_only_note: "left out of reports across cases",
        typed_on_button: "This is a button, not a text field: Enter presses it, Tab moves on.",
        typed_on_score: "A score is a number from 0 to 10 (1 then 0 for 10).",
        typed_on_other: "This field takes no text; the bottom line says which keys work here.",
        clock_paused: "paused: not the session's day",
        range_label: "Difference sure / + likely / everything",
        cmp_price_level: |y| {
            format!("Both waves at the {y} price level, with the price list's index (CPI, CBS).")
        },
        band_label: "with estimated hours ± margin, actual / alternative",
        range_label_short: "Sure/likely/all",
        band_label_short: "hours ±",
        price_level_short: |y| format!("Price level {y}"),
        price_level_none_short: "Amounts as listed",
        clock_paused_short: "paused: other day",
        clock_paused_word: "paused",
        date_format: "dd-mm-yyyy (day first)",
        partial_date_format: "dd-mm-yyyy, mm-yyyy or yyyy (day first)",
        margin_default: "25 (default)",
        price_year_empty: "empty: amounts as listed",
        confirm_reprice: "Re-price to the current list? Amounts may change. y = yes, n = no",
        confirm_clear_off_record: |what, domain| {
            format!(
                "{domain} stays off the record, but it holds {what}. Remove that from the session now? y = yes, n = no (it is on no page either way)"
            )
        },
        off_record_cleared: "Removed from the session.",
        off_record_kept: "Kept, but off the record: it is on no page.",
        off_record_words: "own words",
        off_record_quotes: |n| {
            if n.to_string() == "1" {
                "1 quote".into()
            } else {
                format!("{n} quotes")
            }
        },
        off_record_second_view: "a score by the professionals",
        more_below: "↓ more",
        range_caption: "From sure only to everything counted (EUR)",
        source: "Source",
        k_prev_field: "previous field",
        k_prev_part: "previous part",
        k_prev_phase: "previous phase",
        k_clear_score: "empty the score",
        k_type: "type",
        k_redo: "redo",
        k_save_now: "save now (saving also happens by itself)",
        k_go_to_phase: "straight to a phase",
        kept_old_value: "The previous value was kept.",
        kind: "Kind",
        learning_point: "Learning point",
        library: "library",
        library_loading: "reading…",
        library_unreadable: "The sessions folder could not be read (completely):",
        migrated: |version| format!("This file came from version {version} and has been updated."),
        more_text: "more text; go to the field to see it all",
        moved_to_trash: "Moved to the trash (the trash folder in the data folder).",
        no_case_code: "(no case code yet)",
        no_match: "Nothing found.",
        none: "(none)",
        not_a_date: |typed| {
            format!(
                "'{typed}' is not a date. Type for example 12-3-2026, 3-2026, March 2026 or 2026."
            )
        },
        not_a_day: |typed| format!("'{typed}' is not a date. Type for example 12-3-2026."),
        not_a_number: |typed| format!("'{typed}' is not a number. Type for example 12 or 1.5."),
        number_too_large: |typed| format!("'{typed}' is too large: at most 1,000,000,000."),
        not_an_amount: |typed| {
            format!("'{typed}' is not an amount. Type euros like 1,234.50 or 12.50.")
        },
        not_minutes: |typed| format!("'{typed}' is not a number of minutes. Type for example 150."),
        not_a_year: |typed| {
            format!(
                "'{typed}' is not a year. Type for example 2025, or leave it empty for amounts as listed."
            )
        },
        not_a_percentage: |typed| {
            format!("'{typed}' is not a percentage from 0 to 100. Type for example 25.")
        },
        not_saved: "NOT SAVED:",
        not_saved_short: "NOT SAVED",
        not_saved_stay: "NOT SAVED, so tafel stays open. Your text is safe in memory. Reason:",
        save_disk_full: "the disk is full: free some space",
        save_read_only: "the folder is read-only",
        save_no_permission: "no permission to write in the folder",
        save_folder_gone: "the folder does not exist (any more)",
        save_other: "the file cannot be written",
        save_kept_retrying: "Your text stays in memory; tafel tries again every 2 seconds.",
        note: "Note",
        off_record_hint: "only the fact that there is something is kept, never what",
        off_record_marked: "marked at",
        organisation: "Organisation",
        overdue: "(overdue)",
        override_ignored: "A list of your own in the data folder could not be read and is not used:",
        override_reason: "Reason for the other price",
        panic_intro: "Something went wrong in the program.",
        panic_saved: "Your session is saved in",
        payer_from_price: "(payer of the price)",
        person: "Person",
        price_item: "Price from the list",
        price_override: "Other price",
        questions: "Questions",
        quick_quote: "Capture a quote",
        quote: "Quote",
        quote_saved: "Quote kept under Outcomes.",
        raised_by: "Raised by",
        read_only: "READ-ONLY",
        read_only_locked: |holder| {
            format!("this session is already open ({holder}); read-only here.")
        },
        read_only_newer: "made by a newer version of tafel; read-only.",
        read_only_no_lock: "the session could not be locked; read-only",
        read_only_copy: |id| {
            format!(
                "this file is a copy of session {id} under another name; it is not counted and is read-only here. Delete it, or keep the session itself (<id>.json)."
            )
        },
        too_long: |limit, unit| format!("Too long for this field (at most {limit} {unit})."),
        tui_no_signals: "tafel cannot set up its signal handling, so it cannot promise to save on every stop; it does not start",
        tui_no_terminal: "tafel needs a terminal to show its screens (run it in a terminal window, or use a command like 'tafel list')",
        rescued_to: |path| {
            format!(
                "A copy of the unsaved text is in {path}. Move it back to sessions/<id>.json (after moving the old file away) to keep working on it."
            )
        },
        rescue_failed: "No copy could be written anywhere either: the last changes are lost.",
        signal_refused: "NOT SAVED and no copy possible: tafel stays open, your text is in memory. Make room on the disk, or stop tafel once more to quit anyway and lose it.",
        copy_row: "COPY, not counted",
        conflict_row: "SYNC CONFLICT, not counted",
        conflict_title: "Two versions of one session",
        taken_elsewhere: |who| {
            format!(
                "Another laptop has this session open now ({who}). What you typed here is saved; the sync keeps both versions, resolve the conflict in the library afterwards. Read-only here."
            )
        },
        conflict_this_file: "this file",
        conflict_other: "the other version",
        conflict_same: "The two versions are the same. Enter keeps the session and moves the copy to the trash.",
        conflict_confirm: "Enter once more: the session is saved as chosen and the other version goes to the trash.",
        conflict_resolved: "Resolved: the session is saved as chosen, the other version is in the trash.",
        conflict_failed: "Not resolved; nothing has changed.",
        conflict_copy_kept: "The session is saved, but the other version could not go to the trash:",
        conflict_file_fields: "File",
        k_take_this: "this file",
        k_take_other: "other version",
        k_take_all_this: "all from this file",
        k_take_all_other: "all from the other",
        k_keep_result: "keep this",
        reason_missing: "reason missing: the other price counts only with a reason",
        reprice: "Re-price to the current price list",
        repriced: |count| format!("{count} prices updated or added; the costs are recalculated."),
        copied_on: "copied on",
        prices: "prices",
        disk_nearly_full: |megabytes| {
            format!(
                "The disk is nearly full: {megabytes} MB left. Free some space; tafel keeps saving while it can."
            )
        },
        k_next_part: "next part",
        k_export: "report",
        exported: |path| format!("Report written: {path}"),
        export_failed: "Could not write the report:",
        k_prices: "price list",
        k_edit: "edit",
        k_save_close: "keep and close",
        pl_title: "Price list",
        pl_label_nl: "Description (NL)",
        pl_label_en: "Description (EN)",
        pl_amount: "Price per unit",
        pl_year: "Price year",
        pl_default_payer: "Default payer",
        pl_source: "Source",
        pl_link: "Link",
        pl_note: "Note",
        pl_not_a_year: |typed| format!("'{typed}' is not a year. Type for example 2026."),
        pl_own_name: "own prices",
        pl_removed: "Own price removed; the starter list's price applies again.",
        pl_builtin_stays: "Prices of the starter list stay; edit one to make it your own price.",
        pl_needs_label: "Give the price a description.",
        pl_needs_source: "A price needs a source and a price year.",
        pl_saved: "Kept in prices.json. New sessions use this price; existing ones through 'Re-price' under Costs.",
        pl_own: "own",
        pl_explain: "The starter list with sources, extended with your own prices (prices.json in the data folder). Sessions keep their own copy.",
        pl_new: "new price",
        cmp_title: "Comparison",
        cmp_other_series: "Note: these sessions belong to different cases.",
        cmp_new_since: "New since",
        cmp_assumed: "Assumptions about the alternative at",
        cmp_words: "In their own words",
        cmp_costs: "Costs per payer",
        cmp_only_in: "only in",
        cmp_none: "(none)",
        cmp_actual_change: "change actual",
        cmp_alternative_change: "change alternative",
        cmp_pick_second: "Marked. Now pick the second session and press Ctrl+K again.",
        cmp_no_pair: "This session has no earlier wave; pick a second one with Ctrl+K.",
        k_compare: "compare",
        k_scroll: "scroll",
        cmp_legend: "○ earlier  ● later",
        reason_without_override: "Type another price first; a reason goes with another price.",
        recovered_after_crash: "tafel was closed unexpectedly last time. The session is restored to its last saved state.",
        role: "Role",
        saved: "saved",
        saved_now: "Saved.",
        saving: "saving…",
        speaker: "Speaker",
        terminal_error: "The screen reported an error:",
        to: "Until",
        too_small: "Make the window larger to use tafel.",
        too_small_safe: "Your session is safe; nothing is lost.",
        unit: "Unit",
        unreadable: "unreadable",
        weeks: "Number of weeks",
        what: "What",
        when: "When",
        who: "Who",
        words: "Words",
    },
    vault: super::texts::VaultTexts {
        locked: "this file is encrypted and no key is unlocked: in an encrypted library tafel asks for the passphrase when it starts; if the library is half decrypted (an interrupted tafel decrypt), finish that with tafel decrypt",
        not_for_you: "encrypted to a key you do not hold (another library's, or the library key was not given to you yet: a member who confirmed your key gives it with tafel keys confirm)",
        damaged: "this encrypted file is damaged or cut off and cannot be decrypted",
        settings_unreadable: |p| {
            format!("{p} (the library's keys) cannot be read; nothing is saved until that is fixed")
        },
        settings_missing: |p| {
            format!(
                "{p} (the library's keys) is missing while the library holds encrypted files; perhaps the sync service has not put it back yet. Nothing is saved or converted until it is there"
            )
        },
        settings_newer: |p, v| {
            format!(
                "{p} (the library's keys) comes from a newer tafel (version {v}); update tafel. Nothing is saved"
            )
        },
        unfinished: "A change of keys or a conversion was not finished (stopped, or a session was open elsewhere): tafel encrypt (or tafel decrypt, if the library is to be plain) finishes it.",
        case_in_name: "Mind: the content is encrypted, but the file's name holds the case code, which the sync service can read; choose a name without it.",
        your_public: |k| format!("Your public key is {k}"),
        own_key_removal: "that is your own key: you could no longer open the library. Let another member remove you",
        target_exists: |p| {
            format!("{p} is there already, with other content; take one of them away")
        },
        no_key: |p| {
            format!(
                "there is no personal key on this laptop yet ({p}); make one with: tafel keys init"
            )
        },
        key_exists: |p| {
            format!(
                "there is a personal key already ({p}); it is never overwritten, as everything encrypted to it would be lost"
            )
        },
        wrong_passphrase: "wrong passphrase: the key was not opened and nothing was written",
        empty_passphrase: "an empty passphrase protects nothing; choose a sentence of a few words",
        key_damaged: |p| format!("the personal key {p} is damaged"),
        prompt: "Passphrase of your key: ",
        prompt_new: "New passphrase: ",
        prompt_again: "Once more: ",
        mismatch: "the two passphrases differ; nothing was made",
        no_terminal: "this library is encrypted and there is no terminal to ask for the passphrase; pass --passphrase-file FILE",
        lost_warning: "Mind: whoever forgets the passphrase can no longer open anything encrypted to this key alone. Nobody can recover it, tafel neither. Keep it like a PIN.",
        init_done: |public, path| {
            format!(
                "Your personal key is in {path}.\nYour public key (give it to your team):\n{public}"
            )
        },
        share_public: "A team member adds you with: tafel keys add <public key> --name <name>",
        marker: "encrypted",
        list_line: |n| {
            format!(
                "Encrypted library: every file opens only with the library key, which is given to {n} of the team's keys."
            )
        },
        bad_public_key: |k, why| format!("{k} is not an age public key (age1...) [{why}]"),
        added: |n| format!("{n} was added."),
        already_member: |n| format!("that key belongs to the library already (as {n})"),
        removed: |n| format!("{n} was removed."),
        not_a_member: |n| format!("no key named {n} (or with that key) in this library"),
        last_member: "that is the last key: nobody could open the library any more; decrypt it first (tafel decrypt)",
        no_members: "No keys in this library yet.",
        you: "you",
        encrypted_to: |n| format!("Encrypted to the library key, given to {n} key(s)."),
        plain_library: "This library is not encrypted.",
        converting: |done, total| format!("{done} of {total} files"),
        converted: |n| format!("{n} file(s) converted."),
        busy: |p| {
            format!(
                "{p} is open in another tafel window and was skipped; that window saves it in the new form at its next change"
            )
        },
        failed: |p, why| format!("{p} not converted: {why}"),
        finish_encrypt: "Run tafel encrypt once those sessions are closed, to convert them too.",
        finish_decrypt: "Run tafel decrypt once those sessions are closed, to convert them too.",
        failed_stay: "Those files were left as they were (the reason is given with each).",
        passphrase_file: |p| format!("the passphrase file ({p}) cannot be read as text"),
        control_in_passphrase: "the passphrase holds control characters (not plain text); choose a sentence of plain words",
        not_encrypted: "this library is not encrypted",
        already_plain: "This library is not encrypted any more; any encrypted files were converted.",
        own_key_added: |n| format!("Your own key was added as {n}."),
        plain_files: |n| {
            format!(
                "{n} session file(s) in this encrypted library are not encrypted yet (an interrupted tafel encrypt, or written by an older tafel); tafel encrypt finishes it:"
            )
        },
        sealed_export_hint: |name| {
            format!("Encrypted in exports/. Readable: tafel decrypt {name}.age -o ~/{name}")
        },
        untrusted: |p| {
            format!(
                "{p} (the library's keys) was not taken, so tafel writes nothing in this library:"
            )
        },
        distrust_no_key: "this tafel started without your personal key and cannot check who changed it",
        distrust_not_for_you: "the library key was not given to your key: you are not (or no longer) a member. A member who confirmed your key adds you (tafel keys add)",
        distrust_not_signed: "it is not signed by a member, or it was changed after it was signed (by hand, or by someone who can write the shared folder)",
        distrust_signer_unconfirmed: |name, words| {
            format!(
                "it was signed by {name}, whose key is not confirmed on this laptop. Ask {name} to read you the words of their key (tafel keys list) and compare them with: {words}. If they match: tafel keys confirm {name}"
            )
        },
        distrust_signer_removed: |name| {
            format!("it was signed by {name}, who was removed from the team")
        },
        distrust_retired: "it names a library key that was replaced when a member was removed: an older keys.json was put back",
        distrust_legacy_switch: "it says the library is encrypted, but nobody signed it and the library holds no encrypted file: tafel does not encrypt to keys nobody checked. A member who wants the library encrypted runs tafel encrypt",
        distrust_none_confirmed: "it was written by an older tafel and none of its keys is confirmed on this laptop: compare each member's words and run tafel keys confirm NAME, then tafel encrypt",
        distrust_plain_unsigned: "it says the library is not encrypted, but the library holds encrypted files and no member signed that. If your team decrypted it, tafel decrypt finishes it; otherwise put the team's keys.json back",
        ignored_plain: |why| {
            format!(
                "keys.json was changed, and the change was not taken: {why}. tafel saves this library unencrypted, as before, and encrypts only once a key confirmed on this laptop signed the change: if a member of your team encrypted the library, quit and start tafel again, which asks for your passphrase and checks the change."
            )
        },
        ignored_sealed: |why| {
            format!(
                "keys.json was changed, and the change was not taken: {why}. This tafel goes on encrypting to the library key it checked at the start, which the team can open. A new start refuses to write in this library until keys.json is put right, and says how."
            )
        },
        ignored_checked: |why| {
            format!(
                "keys.json was changed, and the change was not taken: {why}. tafel keeps encrypting to the library key this laptop checked before, which only the team holds; a new start does the same. Put the team's keys.json back (or take out by hand what was added)."
            )
        },
        unconfirmed: |name, words| {
            format!(
                "{name}'s key is not confirmed on this laptop ({words}): nothing is given to it from here. Compare the words with {name} by phone; if they match: tafel keys confirm {name}"
            )
        },
        changed_key: |name, words| {
            format!(
                "WARNING: the key of {name} in keys.json is not the one confirmed on this laptop. It is a new, unconfirmed key ({words}). If {name} did not make a new key, someone else put theirs there. Nothing is given to it from here; only once {name} reads you these words: tafel keys confirm {name}"
            )
        },
        pending: |names| {
            format!(
                "The library key was not given to {names} yet: they open nothing saved since. A member who confirmed their key gives it with tafel keys confirm NAME"
            )
        },
        legacy: "This library was encrypted by an older tafel (each file to every member). tafel encrypt moves it to one library key; until then files are saved for the keys confirmed on this laptop only.",
        more_notices: |n| format!("(and {n} more: tafel keys list)"),
        confirm_words: |name, words| format!("The key of {name} reads: {words}"),
        confirm_question: |name| {
            format!(
                "Does {name} read you exactly these words from their own screen (tafel keys list)? Type yes to confirm: "
            )
        },
        confirm_needs_yes: "there is no terminal to ask on: compare the words first, then confirm with --yes",
        confirmed_done: |name| format!("The key of {name} is confirmed on this laptop."),
        confirmed_and_given: |name| {
            format!("{name} was given the library key; no session file was rewritten.")
        },
        already_confirmed: |name| {
            format!("The key of {name} was confirmed on this laptop already.")
        },
        not_confirmed_declined: "not confirmed; nothing was changed",
        cannot_open_library: "you cannot open this library's key here, so you cannot change its keys; nothing was changed",
        name_taken: |name| {
            format!(
                "a member named {name} has another key already; remove them first if their key really changed"
            )
        },
        not_given: |names| {
            format!(
                "{names} did not get the new library key: their key is not confirmed on this laptop. A member who confirmed it gives it with tafel keys confirm NAME"
            )
        },
        export_warning: "Mind: whoever holds this key opens every file of the library without a passphrase, until a member is removed (which makes a new key). Keep it off the shared folder, e-mail and chat, and delete it when you are done.",
        export_done: |path| {
            format!(
                "The library key is in {path} (readable by you only). Open a file with: age -d -i {path} FILE"
            )
        },
        your_words: |words| format!("Your key reads: {words}"),
        confirmed_marker: "confirmed",
        unconfirmed_marker: "NOT CONFIRMED on this laptop",
        legacy_first: "this library was encrypted by an older tafel: run tafel encrypt first, which moves it to one library key",
        weak_passphrase: "a passphrase needs at least 12 characters, or 4 words: a sentence is easy to remember and hard to guess",
        keys_dir_in_library: |keys, lib| {
            format!(
                "the keys folder {keys} lies in a library ({lib}), which a sync service may copy: your personal key and the keys you confirmed must stay on this laptop. Choose a folder outside it with --keys-dir, or leave --keys-dir out for the standard place"
            )
        },
        passphrase_file_waited: |p, secs| {
            format!(
                "the passphrase file {p} gave nothing within {secs} seconds (a pipe nobody writes to?); nothing was opened"
            )
        },
        nothing_to_convert: "Every file is encrypted to the library key already; nothing was rewritten.",
    },
    handout: super::texts::HandoutTexts {
        title: "Your table conversation",
        of_date: |d| format!("Conversation of {d}"),
        intro: &[
            "This paper is for you.",
            "It says what we agreed at the table.",
            "You may keep it and show it to others.",
        ],
        h_agreements: "What we agreed",
        h_pulse: "Who stays in touch with you",
        h_next: "The next conversation",
        h_own_words: "Your own words",
        agreement: |what, who, when| {
            let what = what.trim_end_matches('.');
            if when.is_empty() {
                format!("{what}. Who does this: {who}.")
            } else {
                format!("{what}. Who does this: {who}. Done by {when}.")
            }
        },
        pulse: |who| {
            format!(
                "{who} keeps a finger on the pulse. They will call you now and then to ask how you are."
            )
        },
        next_table: |date| format!("We will talk again around {date}. You will hear about it."),
        the_role: |role| format!("the {role}"),
        your_role: |role| format!("your {role}"),
        someone: "someone from the table",
        facilitator: "the facilitator",
        you: "you",
        privacy: "This is your own copy. So you may always have it. It has no names of others in it.",
        no_amounts: "It has no amounts of money either.",
        preview_title: "Handout for the participant",
        preview_hint: "Space leaves a line out (✗) or puts it back (✓). A line with an amount starts left out. Enter writes the handout.",
        written: |path| format!("Handout for the participant written: {path}"),
        k_handout: "participant handout",
        k_keep: "leave out/keep",
        k_write: "write",
    },
    report: super::texts::ReportTexts {
        wall_heading: "Both scenarios side by side",
        cli_wall_needs_html: "--wall makes a page to print: use --format html.",
        title: "Case report",
        kicker: "Effectencalculator · table conversation",
        cmp_kicker: "Effectencalculator · comparison of two table conversations",
        intro: "This report comes from a table conversation using the Effectencalculator method. The participant and the professionals involved looked back together: what actually happened, how the participant experiences the outcome, what would probably have happened without this approach, and what both scenarios cost and for whom. The chapters follow the phases of the conversation.",
        anonymous_notice: "Anonymous report: names are replaced by roles and the case code by a random label; free text and quotes are left out and dates are rounded to the month.",
        key_figures: "At a glance",
        contents: "Contents",
        total_actual: "Costs, actual",
        total_alternative: "Costs, alternative",
        difference_range: "Difference: sure / sure + likely / everything",
        difference_central: "Difference (alternative − actual), sure + likely",
        central_with_range: |c, lo, hi| format!("{c} (sure only {lo}, everything {hi})"),
        alternative_central: "Costs, alternative, sure + likely",
        alternative_all: "Alt. (all)",
        difference_all: "Diff. (all)",
        domains_changed: "Life domains better / same / worse",
        made_from: |date| format!("Made with tafel from the session as saved on {date}."),
        nothing_recorded: "Nothing recorded in this phase.",
        withdrawn_on: "withdrawn on",
        period: "Period",
        informal: "informal",
        informal_column: "Informal",
        score_chart_title: "Scores per life domain, 0 to 10, in the participant's own judgement",
        legend_alternative: "Alternative (estimate)",
        not_scored: "not scored",
        price_override: "Price other than the list",
        reason_left_out: "reason left out (anonymous)",
        per_payer: "Per payer",
        cost_chart_title: "Costs per payer: actual and alternative",
        informal_valued: "Informal hours in euros",
        lines_without_price: |count| {
            format!("{count} line(s) without a price are not in the totals.")
        },
        range_title: "How sure is the difference?",
        range_explained: "The alternative is an estimate; the table gave each of its activities a confidence. Sure: only activities with high confidence. Sure + likely: high and medium. Everything: also low (and activities without a confidence), the difference in the table above.",
        range_levels: ["sure", "sure + likely", "everything"],
        saves: |x| format!("the approach saves {x}"),
        costs_more: |x| format!("the approach costs {x} more"),
        no_difference: "the approach makes no difference",
        range_sentence: |a, b, c| {
            format!(
                "Counting only what is sure, {a}; with what is likely too, {b}; with everything, {c}."
            )
        },
        band_title: "Estimated quantities",
        band_explained: "Hours the table estimates (and other estimated quantities) may be off by their margin, 25 % unless stated. The band gives the totals with every estimate at its low and at its high end; it is separate from the confidence above.",
        band_line: |low, high| format!("{low} to {high}"),
        price_level: |year, series, n| {
            format!(
                "All amounts at the {year} price level: per line amount × quantity × factor from the price's year to {year} ({series}), rounded to the cent; totals are sums of the lines. {n} line(s) indexed."
            )
        },
        price_level_none: "Amounts as in the price list, each at its price's own year (no price level chosen).",
        index_beyond: |n, last| {
            format!(
                "{n} line(s) run past {last}, the last year with a CPI figure; later years count as 0 %."
            )
        },
        listed_year: "Price year",
        factor: "Factor",
        estimated_margin: |m| format!("estimated ± {m} %"),
        from_wave_column: "From",
        assumption_not_held: |w, text| {
            format!(
                "This assumption of {w} did not hold; weigh the alternative's amounts with it: {text}"
            )
        },
        cumulative: |w| {
            format!(
                "This is wave {w}: a follow-up looks back over the whole trajectory so far, so its costs are cumulative (from the start). Never add up the waves of one case; the latest wave is the whole picture."
            )
        },
        per_domain: "Per life domain",
        pf_kicker: "Effectencalculator · portfolio",
        pf_title: "What the approach yields across all cases",
        pf_intro: "Each case is a series of table conversations about one trajectory. This overview sets the cases of a project side by side: who invests, who benefits, how sure that is, and how the participants themselves saw their lives change.",
        pf_anonymous_notice: "Anonymous portfolio: cases are called Case 1, 2...; what the tables learned (free text) and file names are left out.",
        pf_too_few_cases: |n| {
            format!(
                "Fewer than {n} cases: no amounts and no scores are shown, so that no one can be recognised."
            )
        },
        pf_domains_too_few: |k, n| {
            format!(
                "{k} life domain(s) with fewer than {n} cases not shown, so that no one can be recognised."
            )
        },
        pf_unit_rule: "A case counts with its latest wave: a follow-up looks back over the whole trajectory, so its costs are cumulative. Adding the waves of one case would count its costs twice. Only waves with consent for reporting count (as in export --all).",
        pf_price_level: |y| format!("All amounts at the {y} price level (CPI, CBS)."),
        pf_duplicates: |n| {
            format!(
                "{n} file(s) are a copy of a session under another name (a sync service's conflicted copy, say): each session counts once."
            )
        },
        pf_duplicates_listed: "Copies, counted once:",
        pf_unreadable: |n| format!("{n} file(s) could not be read and do not count; see the end."),
        pf_unreadable_heading: "Unreadable files",
        pf_cases: "Cases",
        pf_sessions: "Sessions",
        pf_follow_ups_held: "Follow-ups held",
        pf_follow_ups_due: "Follow-ups due soon",
        pf_series_ended: "Series ended",
        pf_left_out: "Left out (no consent for reporting)",
        pf_median: "Median",
        pf_min: "Smallest per case",
        pf_max: "Largest per case",
        pf_arena_title: "Who invests, who benefits: per payer (down) and case (across) the difference; filled is a saving, open with a minus an investment",
        pf_saves: "payer saves",
        pf_invests: "payer invests",
        pf_cases_heading: "Cases (latest wave)",
        pf_case: "Case",
        pf_case_n: |n| format!("Case {n}"),
        pf_domains_heading: "How lives changed, in the participants' own judgement",
        pf_domains_explained: "Per life domain: the score at the start of the first wave against the one now at the latest.",
        pf_better: "better",
        pf_same: "same",
        pf_worse: "worse",
        pf_learned_heading: "What the tables learned and agreed",
        pf_no_project: "(no project)",
        pf_empty: "No sessions to show.",
        prices_used: "Prices used and their sources",
        per: "per",
        price_year: "price level",
        source: "source",
        role_participant: "Participant",
        role_professional: "Professional",
        role_peer: "Peer professional",
        role_network: "Network member",
        role_facilitator: "Facilitator",
        no_consent_given: "no consent",
        no_consent_session_only: "consent for the session only",
        no_consent_withdrawn: "consent withdrawn",
        cli_all_needs_tables: "--all makes flat tables for analysis: choose --format csv or --format jsonl.",
        cli_unconsented_text_only: "--include-unconsented is for your own view only: with --format text, not anonymous.",
        cli_no_such_project: |p| {
            format!("No sessions of project '{p}'; 'tafel list' shows the projects.")
        },
        cli_which_session: "Which session? Give an id (or its first characters) or a path, or use --all.",
        cli_consent_warning: |reason| {
            format!("Note: {reason}. Share this export only with the people at the table.")
        },
        cli_csv_needs_folder: "A CSV export is four tables (sessions.csv, scores.csv, cost_lines.csv, events.csv); name the folder to put them in with -o, for example -o export.",
        cli_csv_not_a_folder: |path| format!("{path} is a file (name), not a folder."),
        cli_skipped_unreadable: "skipped, unreadable",
        cli_skipped_demo: |n| {
            format!("{n} fictional demo session(s) left out (add --include-demo to export them)")
        },
        cli_skipped_copy: |id| {
            format!("skipped, a copy of session {id} under another name (only <id>.json counts)")
        },
        cli_skipped_consent: |count| {
            format!(
                "{count} session(s) not exported: their consent does not cover reporting beyond the session"
            )
        },
        cli_exported_all: |sessions, scores, cost_lines, events| {
            format!(
                "{sessions} session(s) exported: {scores} scores, {cost_lines} cost lines, {events} events."
            )
        },
        cli_write_failed: |path| format!("Could not write {path}"),
        cli_written: |path| format!("Written: {path}"),
        export_not_noted: "Not written: tafel could not note it in its list of exports, and a report that deleting cannot find would outlive the session. Nothing was written.",
    },
    phases: [
        "Preparation",
        "Looking back",
        "Outcomes",
        "Alternative scenario",
        "Costs",
        "Wrap-up",
    ],
    units: [
        "hour",
        "half-day",
        "day",
        "night",
        "week",
        "month",
        "year",
        "visit",
        "contact",
        "ride",
        "case",
        "trajectory",
    ],
    units_plural: [
        "hours",
        "half-days",
        "days",
        "nights",
        "weeks",
        "months",
        "years",
        "visits",
        "contacts",
        "rides",
        "cases",
        "trajectories",
    ],
    participant_kinds: ["resident", "student", "jobseeker", "parent", "other"],
    attendee_kinds: [
        "participant",
        "directly involved professional",
        "peer professional",
        "informal network",
    ],
    confidences: ["low", "medium", "high"],
    quantity_bases: ["registered", "estimated"],
    held: ["held", "did not hold", "unknown"],
    agreement_statuses: ["done", "partly", "not done", "no longer relevant"],
    end_reasons: [
        "goal reached",
        "participant moved away",
        "participant declined further tables",
        "contact lost",
        "another reason",
    ],
    series_active: "goes on",
    reference_types: [
        "without the approach",
        "with a lighter approach",
        "as things used to go",
        "other",
    ],
    consent_scopes: ["this session only", "also anonymised reporting"],
    scenarios: ["Actual (intervention)", "Alternative"],
    yes: "yes",
    no: "no",

    f_project: "Project",
    f_case_code: "Case code",
    f_participant_kind: "Kind of participant",
    f_date: "Date",
    f_place: "Place",
    f_facilitator: "Facilitator",
    f_wave: "Wave",
    f_attendees: "At the table",
    f_ground_rules: "Ground rules agreed",
    f_consent: "Consent",
    f_consent_scope: "Scope",
    f_recorded_by: "Recorded by",
    f_starting_question: "The participant's starting question",
    f_planned_minutes: "Planned duration (minutes)",
    f_timeline: "Timeline",
    f_start: "Start",
    f_end: "End",
    f_ongoing: "ongoing",
    f_ongoing_label: "Ongoing",
    f_events: "Life events",
    f_activities: "Support and facilities",
    f_domain: "Life domain",
    f_score_start: "At the start",
    f_score_now: "Now",
    f_change: "Change",
    f_own_words: "In their own words",
    f_quotes: "Quotes",
    f_off_record: "Off the record",
    f_reference_type: "Compared with",
    f_narrative: "Story of the alternative",
    f_assumptions: "Assumptions",
    f_estimated_score: "Estimated in the alternative",
    f_confidence: "Confidence",
    f_quantity_basis: "Quantity is",
    f_score_professionals: "Now, by the professionals",
    f_second_view: "Professionals score too",
    f_held: "Did the assumption hold?",
    f_held_comment: "Comment",
    f_agreement_status: "How did it go?",
    f_agreement_comment: "Comment",
    f_earlier_pulse_owner: "Finger on the pulse since",
    f_series_status: "Series",
    f_series_ended_on: "Ended on",
    f_series_end_note: "Why it ended",
    f_margin: "Estimate margin ± %",
    f_price_year_session: "Price level (year)",
    f_payer: "Payer",
    f_quantity: "Quantity",
    f_unit_price: "Unit price",
    f_cost: "Cost",
    f_price_list: "Price list",
    f_informal_hours: "Informal hours",
    f_difference: "Difference",
    f_total: "Total",
    f_learning_points: "Learning points",
    f_agreements: "Agreements",
    f_pulse_owner: "Finger on the pulse",
    f_follow_up: "Follow-up",
    f_notes: "Notes",
    f_time_spent: "Time spent",
    f_updated: "Updated",
    f_retention: "Keep until",
    f_series: "Series",
    f_progress: "Progress",
    no_payer: "(no payer)",
    no_domain: "(no life domain)",
    price_missing: "price missing",
    difference_explained: "Difference = alternative minus actual; positive means this payer saves.",
    change_caveat: "Changes are changes in the participant's own judgement, not proof of effect.",
    off_record_count: "topic(s) kept off the record",

    cli_no_sessions: "There are no sessions yet. Start one with 'tafel new' or load the examples with 'tafel demo'.",
    cli_unreadable: "unreadable",
    wave_limit: "No next wave can be made: this session's wave number is at its limit (the file was edited by hand).",
    lock_holder: |pid, host, since| format!("process {pid} on {host} since {since}"),
    lock_someone: "another copy of tafel",
    lock_symlink: |path| format!("{path} is a symbolic link; tafel does not follow it"),
    lock_io: "the lock file cannot be used",
    remove_busy: |holder| format!("the session is open in {holder}; close it there first"),
    remove_io: "the file cannot be removed",
    arg_missing: |what| format!("something is missing on the command line: {what}."),
    arg_unknown: |what| format!("{what} is not an option of this command."),
    arg_unknown_command: |what| format!("{what} is not a tafel command."),
    arg_bad_value: |value, option, valid| {
        let valid = valid.to_string();
        let value = value.to_string();
        match (value.is_empty(), valid.is_empty()) {
            (true, true) => format!("{option} needs a value."),
            (true, false) => format!("{option} needs a value; choose from: {valid}."),
            (false, true) => format!("{value} is not a valid value for {option}."),
            (false, false) => {
                format!("{value} is not a valid value for {option}; choose from: {valid}.")
            }
        }
    },
    arg_conflict: |one, other| {
        if one.to_string() == other.to_string() {
            format!("{one} may be given only once.")
        } else {
            format!("{one} cannot be used together with {other}.")
        }
    },
    arg_other: "the command line cannot be read.",
    arg_see_help: "'tafel --help' lists the commands and options.",
    dir_symlink: |path| {
        format!(
            "{path} is a symbolic link; tafel only uses a real folder there (move the folder itself into place)"
        )
    },
    dir_not_a_folder: |path| format!("{path} exists but is not a folder"),
    dir_io: |path| format!("the folder {path} cannot be used"),
    cli_copy_listed: "copy, not counted",
    cli_conflict_listed: "sync conflict, not counted",
    load_gone: "no longer exists",
    load_no_permission: "no permission to read it",
    load_io: "cannot be read",
    load_damaged: |line, column| format!("damaged: not valid JSON at line {line}, column {column}"),
    load_truncated: |line, column| {
        format!("incomplete: the file stops at line {line}, column {column}")
    },
    load_bad_value: |line, column| {
        format!("a value tafel cannot use, at line {line}, column {column}")
    },
    load_not_session: "not a (complete) tafel session",
    load_too_new: |version, supported| {
        format!(
            "made by a newer version of tafel (file version {version}; this version reads up to {supported}): update tafel to open it"
        )
    },
    load_too_large: |size, limit| {
        format!("too large for a session ({size} bytes; at most {limit})")
    },
    load_symlink: "a symbolic link; tafel only opens ordinary files",
    load_bad_name: "the file name is not valid text; rename the file to open it",
    load_not_a_file: "not an ordinary file (a pipe, a device or a folder); tafel does not read it",
    load_too_long: |field, limit, unit| {
        format!(
            "the field {field} is longer than tafel allows (at most {limit} {unit}); the file is left as it is"
        )
    },
    characters: "characters",
    resolve_not_found: |given| {
        format!("no session found for '{given}'; 'tafel list' shows the sessions")
    },
    resolve_ambiguous: |given, count, examples| {
        format!("'{given}' matches {count} sessions ({examples}); type more characters of the id")
    },
    resolve_io: |path| format!("the sessions folder {path} cannot be read"),
    arg_price_year: "a year (such as 2025) or nominal",
    cli_no_home: "no home folder found for the library; pass --data-dir DIR or set TAFEL_DATA_DIR",
    cli_cannot_open_library: |path| format!("cannot open the library in {path}"),
    cli_demo_written: "demo sessions written to",
    cli_demo_unchanged: "The demo sessions were already there; nothing changed.",
    cli_valid: "valid",
    cli_read_only_newer: "made by a newer version of tafel; read-only",
    cli_end_needs_reason: "Say why the series ends: --reason goal-reached, moved-away, declined, contact-lost or other.",
    cli_series_ended: |case, reason, on, wave| {
        format!(
            "Series {case} ended ({reason}) on {on}, recorded in {wave}. No further follow-up is due."
        )
    },
    cli_series_reopened: |case, wave| format!("Series {case} goes on again (recorded in {wave})."),
    cli_tui_not_yet: "The conversation screen is not built in this version yet. The session was created:",
    cli_needs_yes: "Deleting asks for confirmation; add --yes to delete without asking.",
    cli_delete_confirm: |id| {
        format!("Delete session {id} for good, also from the trash? Type yes to confirm:")
    },
    cli_nothing_deleted: "Nothing was deleted.",
    cli_deleted: "Deleted for good:",
    cli_purge_none: "No sessions are past their retention date.",
    cli_finished_delete: |n| {
        format!("Finished: {n} delete(s) started earlier and stopped half-way.")
    },
    cli_unfinished_delete: |n| {
        format!(
            "Note: {n} delete(s) stopped before everything was gone. The next `tafel delete`, `tafel purge` or start of tafel finishes them."
        )
    },
    cli_purge_confirm: |count| {
        format!("Delete these {count} sessions for good? Type yes to confirm:")
    },
    cli_will_remove: "This will be removed for good:",
    cli_copy: "(a copy: the file name is not the session's id)",
    cli_in_trash: "(in the trash)",
    cli_export_removed_too: "report made of it, removed too:",
    cli_export_changed: "report made of it, changed since tafel wrote it; remove it yourself if it should go:",
    cli_export_anonymous_kept: "anonymous report, kept (it holds no personal data):",
    cli_delete_refused: "not removed",
};
