//! The shape of one language's texts. Adding a field here forces both languages to fill it.
//! A message that takes values is a function per language (`format!`), so the number and
//! order of its values are checked by the compiler, and each language may order them.

use std::fmt::Display;

use crate::model::alternative::ReferenceType;
use crate::model::preparation::{AttendeeKind, ConsentScope, ParticipantKind};
use crate::model::scenario::{Confidence, Unit};
use crate::model::{Phase, costs::Scenario};

pub struct Texts {
    /// Texts of the interactive screens.
    pub ui: UiTexts,
    /// Texts of reports and exports (`tafel export`).
    pub report: ReportTexts,
    /// The participant's handout: plain language (B1), short sentences.
    pub handout: HandoutTexts,
    /// Encryption of the library and the personal key.
    pub vault: VaultTexts,
    /// Phase names, in `Phase::ALL` order.
    pub phases: [&'static str; 6],
    /// Unit names for one of them (and for a list to choose from), in `Unit::ALL` order.
    pub units: [&'static str; 12],
    /// Unit names for any other number of them, in `Unit::ALL` order.
    pub units_plural: [&'static str; 12],
    pub participant_kinds: [&'static str; 5],
    pub attendee_kinds: [&'static str; 4],
    pub confidences: [&'static str; 3],
    /// Registered, estimated (in the order of `QuantityBasis::ALL`).
    pub quantity_bases: [&'static str; 2],
    /// In the order of `Held::ALL`, `AgreementStatus::ALL`, `EndReason::ALL`.
    pub held: [&'static str; 3],
    pub agreement_statuses: [&'static str; 4],
    pub end_reasons: [&'static str; 5],
    /// The series goes on (the first choice of how it ends).
    pub series_active: &'static str,
    pub reference_types: [&'static str; 4],
    pub consent_scopes: [&'static str; 2],
    pub scenarios: [&'static str; 2],
    pub yes: &'static str,
    pub no: &'static str,

    // Field labels, shared by `tafel show`, reports and the TUI forms.
    pub f_project: &'static str,
    pub f_case_code: &'static str,
    pub f_participant_kind: &'static str,
    pub f_date: &'static str,
    pub f_place: &'static str,
    pub f_facilitator: &'static str,
    pub f_wave: &'static str,
    pub f_attendees: &'static str,
    pub f_ground_rules: &'static str,
    pub f_consent: &'static str,
    pub f_consent_scope: &'static str,
    pub f_recorded_by: &'static str,
    pub f_starting_question: &'static str,
    pub f_planned_minutes: &'static str,
    pub f_timeline: &'static str,
    pub f_start: &'static str,
    pub f_end: &'static str,
    pub f_ongoing: &'static str,
    /// The same as a field label (capitalised like the other labels).
    pub f_ongoing_label: &'static str,
    pub f_events: &'static str,
    pub f_activities: &'static str,
    pub f_domain: &'static str,
    pub f_score_start: &'static str,
    pub f_score_now: &'static str,
    pub f_change: &'static str,
    pub f_own_words: &'static str,
    pub f_quotes: &'static str,
    pub f_off_record: &'static str,
    pub f_reference_type: &'static str,
    pub f_narrative: &'static str,
    pub f_assumptions: &'static str,
    pub f_estimated_score: &'static str,
    pub f_confidence: &'static str,
    pub f_quantity_basis: &'static str,
    pub f_score_professionals: &'static str,
    pub f_second_view: &'static str,
    pub f_held: &'static str,
    pub f_held_comment: &'static str,
    pub f_agreement_status: &'static str,
    pub f_agreement_comment: &'static str,
    pub f_earlier_pulse_owner: &'static str,
    pub f_series_status: &'static str,
    pub f_series_ended_on: &'static str,
    pub f_series_end_note: &'static str,
    pub f_margin: &'static str,
    /// The session's price year (a field of the cost phase).
    pub f_price_year_session: &'static str,
    pub f_payer: &'static str,
    pub f_quantity: &'static str,
    pub f_unit_price: &'static str,
    pub f_cost: &'static str,
    pub f_price_list: &'static str,
    pub f_informal_hours: &'static str,
    pub f_difference: &'static str,
    pub f_total: &'static str,
    pub f_learning_points: &'static str,
    pub f_agreements: &'static str,
    pub f_pulse_owner: &'static str,
    pub f_follow_up: &'static str,
    pub f_notes: &'static str,
    pub f_time_spent: &'static str,
    pub f_updated: &'static str,
    pub f_retention: &'static str,
    pub f_series: &'static str,
    pub f_progress: &'static str,
    pub no_payer: &'static str,
    pub no_domain: &'static str,
    pub price_missing: &'static str,
    pub difference_explained: &'static str,
    pub change_caveat: &'static str,
    pub off_record_count: &'static str,

    // Command-line messages.
    pub cli_no_sessions: &'static str,
    pub cli_unreadable: &'static str,
    /// No follow-up: the wave number is at its limit.
    pub wave_limit: &'static str,
    /// Who holds a lock: process, computer, since.
    pub lock_holder: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    /// A lock held by an unknown copy.
    pub lock_someone: &'static str,
    /// A lock file that is a symbolic link: its path.
    pub lock_symlink: fn(&dyn Display) -> String,
    pub lock_io: &'static str,
    /// A file open elsewhere cannot be removed: who has it.
    pub remove_busy: fn(&dyn Display) -> String,
    pub remove_io: &'static str,
    /// The command line: what is missing, unknown, not a valid value, in conflict.
    pub arg_missing: fn(&dyn Display) -> String,
    pub arg_unknown: fn(&dyn Display) -> String,
    pub arg_unknown_command: fn(&dyn Display) -> String,
    /// Value, option, the values it takes.
    pub arg_bad_value: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    pub arg_conflict: fn(&dyn Display, &dyn Display) -> String,
    pub arg_other: &'static str,
    pub arg_see_help: &'static str,
    /// One of tafel's own folders is a symbolic link: its path.
    pub dir_symlink: fn(&dyn Display) -> String,
    pub dir_not_a_folder: fn(&dyn Display) -> String,
    pub dir_io: fn(&dyn Display) -> String,
    /// Label of a file that holds a session under another name (not counted).
    pub cli_copy_listed: &'static str,
    pub cli_conflict_listed: &'static str,

    // Why a session file could not be read ("{}" are filled in order).
    pub load_gone: &'static str,
    pub load_no_permission: &'static str,
    pub load_io: &'static str,
    pub load_damaged: fn(&dyn Display, &dyn Display) -> String,
    pub load_truncated: fn(&dyn Display, &dyn Display) -> String,
    pub load_bad_value: fn(&dyn Display, &dyn Display) -> String,
    pub load_not_session: &'static str,
    pub load_too_new: fn(&dyn Display, &dyn Display) -> String,
    pub load_too_large: fn(&dyn Display, &dyn Display) -> String,
    pub load_symlink: &'static str,
    pub load_bad_name: &'static str,
    pub load_not_a_file: &'static str,
    /// A text over its limit: field, limit, unit.
    pub load_too_long: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    /// "characters", the unit of most text limits.
    pub characters: &'static str,
    // Finding a session by id ("{}" filled in order).
    pub resolve_not_found: fn(&dyn Display) -> String,
    pub resolve_ambiguous: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    pub resolve_io: fn(&dyn Display) -> String,
    pub cli_no_home: &'static str,
    /// What `--price-year` takes, for a usage error.
    pub arg_price_year: &'static str,
    pub cli_cannot_open_library: fn(&dyn Display) -> String,
    pub cli_demo_written: &'static str,
    pub cli_demo_unchanged: &'static str,
    pub cli_valid: &'static str,
    pub cli_read_only_newer: &'static str,
    pub cli_end_needs_reason: &'static str,
    /// Case, reason, date, wave.
    pub cli_series_ended: fn(&dyn Display, &dyn Display, &dyn Display, &dyn Display) -> String,
    /// Case, wave.
    pub cli_series_reopened: fn(&dyn Display, &dyn Display) -> String,
    pub cli_tui_not_yet: &'static str,
    pub cli_needs_yes: &'static str,
    pub cli_delete_confirm: fn(&dyn Display) -> String,
    pub cli_nothing_deleted: &'static str,
    pub cli_deleted: &'static str,
    pub cli_purge_none: &'static str,
    /// Deletes for good that an earlier run started and this one finished.
    pub cli_finished_delete: fn(&dyn Display) -> String,
    /// `tafel list`: a delete for good was stopped half-way.
    pub cli_unfinished_delete: fn(&dyn Display) -> String,
    pub cli_purge_confirm: fn(&dyn Display) -> String,
    /// Heading of the list of files `tafel delete` / `purge` will remove.
    pub cli_will_remove: &'static str,
    /// Marks a file that holds a session under another name than `<id>.json`.
    pub cli_copy: &'static str,
    /// Marks a file in the trash.
    pub cli_in_trash: &'static str,
    /// An export of the session that is removed with it.
    pub cli_export_removed_too: &'static str,
    /// An export changed since tafel wrote it: left for the user.
    pub cli_export_changed: &'static str,
    /// An anonymous export: kept.
    pub cli_export_anonymous_kept: &'static str,
    /// Delete was refused for one file (another copy has it open, ...).
    pub cli_delete_refused: &'static str,
}

impl Texts {
    pub fn phase(&self, p: Phase) -> &'static str {
        self.phases[p.index()]
    }
    pub fn unit(&self, u: Unit) -> &'static str {
        self.units[Unit::ALL.iter().position(|x| *x == u).unwrap_or(0)]
    }
    pub fn participant_kind(&self, k: ParticipantKind) -> &'static str {
        self.participant_kinds[ParticipantKind::ALL
            .iter()
            .position(|x| *x == k)
            .unwrap_or(0)]
    }
    pub fn attendee_kind(&self, k: AttendeeKind) -> &'static str {
        self.attendee_kinds[AttendeeKind::ALL.iter().position(|x| *x == k).unwrap_or(0)]
    }
    pub fn confidence(&self, c: Confidence) -> &'static str {
        self.confidences[Confidence::ALL.iter().position(|x| *x == c).unwrap_or(0)]
    }
    pub fn end_reason(&self, r: crate::model::EndReason) -> &'static str {
        let all = crate::model::EndReason::ALL;
        self.end_reasons[all.iter().position(|x| *x == r).unwrap_or(0)]
    }
    pub fn held_status(&self, h: crate::model::alternative::Held) -> &'static str {
        let all = crate::model::alternative::Held::ALL;
        self.held[all.iter().position(|x| *x == h).unwrap_or(0)]
    }
    pub fn agreement_status(&self, st: crate::model::AgreementStatus) -> &'static str {
        let all = crate::model::AgreementStatus::ALL;
        self.agreement_statuses[all.iter().position(|x| *x == st).unwrap_or(0)]
    }
    pub fn reference_type(&self, r: ReferenceType) -> &'static str {
        self.reference_types[ReferenceType::ALL.iter().position(|x| *x == r).unwrap_or(0)]
    }
    pub fn consent_scope(&self, s: ConsentScope) -> &'static str {
        match s {
            ConsentScope::SessionOnly => self.consent_scopes[0],
            ConsentScope::AnonymisedReporting => self.consent_scopes[1],
        }
    }
    pub fn scenario(&self, s: Scenario) -> &'static str {
        match s {
            Scenario::Intervention => self.scenarios[0],
            Scenario::Alternative => self.scenarios[1],
        }
    }
    pub fn yes_no(&self, b: bool) -> &'static str {
        if b { self.yes } else { self.no }
    }
}

/// Texts of the interactive screens. `{}` marks where a value is filled in.
pub struct UiTexts {
    /// Short phase names for narrow terminals, in `Phase::ALL` order.
    pub phases_short: [&'static str; 6],
    /// The first lines of the help screen.
    pub help_intro: &'static [&'static str],
    /// The last lines of the help screen.
    pub help_more: &'static [&'static str],
    pub activity: &'static str,
    pub actual_short: &'static str,
    pub add_activity: &'static str,
    pub add_agreement: &'static str,
    pub add_assumption: &'static str,
    pub add_attendee: &'static str,
    pub add_event: &'static str,
    pub add_learning_point: &'static str,
    pub add_off_record: &'static str,
    pub add_quote: &'static str,
    pub agreement: &'static str,
    pub alias: &'static str,
    pub alternative_short: &'static str,
    pub assumption: &'static str,
    pub cannot_change: &'static str,
    pub cannot_delete: &'static str,
    pub cannot_open: &'static str,
    pub confirm_delete: fn(&dyn Display) -> String,
    pub confirm_remove: fn(&dyn Display) -> String,
    pub consent_date: &'static str,
    pub demo_loaded: fn(&dyn Display) -> String,
    pub due: &'static str,
    pub empty_library_1: &'static str,
    pub empty_library_2: &'static str,
    pub event: &'static str,
    pub filter: &'static str,
    pub filter_hint: &'static str,
    pub follow_up_done: &'static str,
    pub from: &'static str,
    pub ground_rules_and_consent: &'static str,
    pub help_form: &'static str,
    pub help_library: &'static str,
    pub help_quote: &'static str,
    pub help_choice: &'static str,
    pub help_score: &'static str,
    pub help_toggle: &'static str,
    pub help_prices: &'static str,
    pub help_title: &'static str,
    pub hours_per_week: &'static str,
    pub informal: &'static str,
    pub informal_as_hours: &'static str,
    pub informal_replacement: &'static str,
    pub informal_valuation: &'static str,
    pub k_add: &'static str,
    pub k_back: &'static str,
    pub k_choose: &'static str,
    pub k_close: &'static str,
    pub k_cycle: &'static str,
    pub k_delete: &'static str,
    pub k_demo: &'static str,
    pub k_follow_up: &'static str,
    pub k_help: &'static str,
    pub k_list: &'static str,
    pub k_move_down: &'static str,
    pub k_move_up: &'static str,
    pub k_new: &'static str,
    pub k_newline: &'static str,
    pub k_next_field: &'static str,
    pub k_next_phase: &'static str,
    pub k_no: &'static str,
    pub k_open: &'static str,
    pub k_questions: &'static str,
    pub k_quit: &'static str,
    pub k_quote: &'static str,
    pub k_remove: &'static str,
    pub k_save_quote: &'static str,
    pub k_score: &'static str,
    pub k_speaker_words: &'static str,
    pub k_table_view: &'static str,
    pub k_toggle: &'static str,
    pub k_type_to_filter: &'static str,
    pub k_undo: &'static str,
    pub k_yes: &'static str,
    pub k_clear_filter: &'static str,
    pub k_clear_field: &'static str,
    pub k_to_words: &'static str,
    pub k_cancel: &'static str,
    /// Asked when Esc would throw away a typed quote.
    pub confirm_discard_quote: &'static str,
    /// Asked when Esc would throw away changes to a price.
    pub confirm_discard_price: &'static str,
    /// How many people are at the table, and the facilitator: count, alias, all together.
    pub attendees_and_facilitator: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    /// The phases' shortest names, for the tabs on a narrow screen.
    pub phases_tiny: [&'static str; 6],
    /// The footer's last item when not every key fits: "F1 more keys".
    pub k_more_keys: &'static str,
    pub k_reprice: &'static str,
    /// Heading of the earlier wave's agreements at a follow-up: `{}` is "T0".
    pub earlier_agreements: fn(&dyn Display) -> String,
    pub series_heading: &'static str,
    /// In a comparison: agreements of the earlier wave; an item nobody checked.
    pub cmp_agreements: &'static str,
    /// Column head of a change in the comparison's cost table.
    pub cmp_change_short: &'static str,
    /// In the cost table: `{}` assumptions of an earlier wave did not hold.
    pub assumptions_not_held: fn(&dyn Display) -> String,
    /// Column head: the professionals' score.
    pub professionals_short: &'static str,
    pub cmp_not_checked: &'static str,
    pub k_toggle_ended: &'static str,
    pub k_portfolio: &'static str,
    /// The wall: both scenarios side by side on one time axis (Ctrl+T).
    pub k_wall: &'static str,
    /// ← → on the wall.
    pub k_wall_time: &'static str,
    pub wall_title: &'static str,
    pub wall_costs_quarter: &'static str,
    pub wall_costs_year: &'static str,
    pub wall_undated: &'static str,
    pub wall_activity: &'static str,
    /// "taken over from" (followed by T0, T1...).
    pub wall_from_wave: &'static str,
    pub wall_nothing: &'static str,
    pub wall_informal: &'static str,
    pub help_wall: &'static str,
    /// While the portfolio is worked out.
    pub portfolio_loading: &'static str,
    /// One word for an ended series in `tafel list`.
    pub series_ended_word: &'static str,
    /// In the library's follow-up column: the series ended (`{}` the reason).
    pub series_ended: fn(&dyn Display) -> String,
    /// Beside the count in the library's title when ended series are hidden.
    pub ended_hidden: fn(&dyn Display) -> String,
    /// Beside the professionals' score: `{}` is "+2" or "-1" against the participant's.
    pub views_differ: fn(&dyn Display) -> String,
    /// After a list item taken over from an earlier wave: `{}` is "T0".
    pub from_wave: fn(&dyn Display) -> String,
    pub from_wave_changed: fn(&dyn Display) -> String,
    /// The space bar's name in the footer and the help.
    pub key_space: &'static str,
    pub k_clear_search: &'static str,
    /// A character typed where it cannot go.
    pub typed_on_button: &'static str,
    pub difference_explained_short: &'static str,
    pub reprice_declined: &'static str,
    /// Beside a consent scope that keeps the case out of library exports.
    pub scope_session_only_note: &'static str,
    pub typed_on_score: &'static str,
    pub typed_on_other: &'static str,
    /// Beside the clocks when they do not run (another day than the session's date).
    pub clock_paused: &'static str,
    /// Before the difference at three confidence levels in the cost table.
    pub range_label: &'static str,
    /// Under a comparison's costs: both waves at one price year.
    pub cmp_price_level: fn(&dyn Display) -> String,
    /// Before the band from estimated hours: actual / alternative.
    pub band_label: &'static str,
    pub range_label_short: &'static str,
    pub band_label_short: &'static str,
    pub price_level_short: fn(&dyn Display) -> String,
    pub price_level_none_short: &'static str,
    pub clock_paused_short: &'static str,
    pub clock_paused_word: &'static str,
    /// Shown in an empty date field.
    pub date_format: &'static str,
    pub partial_date_format: &'static str,
    pub margin_default: &'static str,
    pub price_year_empty: &'static str,
    /// Asked before re-pricing, which can change every figure.
    pub confirm_reprice: &'static str,
    /// A domain kept off the record holds text: remove it now? (what it holds, the domain)
    pub confirm_clear_off_record: fn(&dyn Display, &dyn Display) -> String,
    pub off_record_cleared: &'static str,
    pub off_record_kept: &'static str,
    /// What a domain holds: own words, n quotes, the professionals' score.
    pub off_record_words: &'static str,
    pub off_record_quotes: fn(&dyn Display) -> String,
    pub off_record_second_view: &'static str,
    /// On the border of a view with more lines below than fit.
    pub more_below: &'static str,
    /// Above the range of the difference in the table view (F4).
    pub range_caption: &'static str,
    /// "Source", before a price's source under the list.
    pub source: &'static str,
    pub k_prev_field: &'static str,
    pub k_prev_part: &'static str,
    pub k_prev_phase: &'static str,
    pub k_clear_score: &'static str,
    pub k_type: &'static str,
    pub k_redo: &'static str,
    pub k_save_now: &'static str,
    pub k_go_to_phase: &'static str,
    pub kept_old_value: &'static str,
    pub kind: &'static str,
    pub learning_point: &'static str,
    pub library: &'static str,
    /// Shown while the library is still being read.
    pub library_loading: &'static str,
    /// Shown when the sessions folder could not be read (completely).
    pub library_unreadable: &'static str,
    pub migrated: fn(&dyn Display) -> String,
    pub more_text: &'static str,
    pub moved_to_trash: &'static str,
    pub no_case_code: &'static str,
    pub no_match: &'static str,
    pub none: &'static str,
    pub not_a_date: fn(&dyn Display) -> String,
    pub not_a_day: fn(&dyn Display) -> String,
    pub not_a_number: fn(&dyn Display) -> String,
    pub number_too_large: fn(&dyn Display) -> String,
    pub not_an_amount: fn(&dyn Display) -> String,
    pub not_minutes: fn(&dyn Display) -> String,
    pub not_a_year: fn(&dyn Display) -> String,
    pub not_a_percentage: fn(&dyn Display) -> String,
    pub not_saved: &'static str,
    pub not_saved_short: &'static str,
    pub not_saved_stay: &'static str,
    /// Why a save failed, in plain words (the system's message follows in brackets).
    pub save_disk_full: &'static str,
    pub save_read_only: &'static str,
    pub save_no_permission: &'static str,
    pub save_folder_gone: &'static str,
    pub save_other: &'static str,
    pub save_kept_retrying: &'static str,
    pub note: &'static str,
    pub off_record_hint: &'static str,
    pub off_record_marked: &'static str,
    pub organisation: &'static str,
    pub overdue: &'static str,
    pub override_ignored: &'static str,
    pub override_reason: &'static str,
    pub panic_intro: &'static str,
    pub panic_saved: &'static str,
    pub payer_from_price: &'static str,
    pub person: &'static str,
    pub price_item: &'static str,
    pub price_override: &'static str,
    pub questions: &'static str,
    pub quick_quote: &'static str,
    pub quote: &'static str,
    pub quote_saved: &'static str,
    pub raised_by: &'static str,
    pub read_only: &'static str,
    pub read_only_locked: fn(&dyn Display) -> String,
    pub read_only_newer: &'static str,
    pub read_only_no_lock: &'static str,
    /// A file that holds session {} under another name: a copy, read-only.
    pub read_only_copy: fn(&dyn Display) -> String,
    /// A typed or pasted text over the field's limit: limit, unit.
    pub too_long: fn(&dyn Display, &dyn Display) -> String,
    pub tui_no_signals: &'static str,
    pub tui_no_terminal: &'static str,
    /// Where unsaved text was rescued to at exit: path.
    pub rescued_to: fn(&dyn Display) -> String,
    /// No place took a rescue copy either.
    pub rescue_failed: &'static str,
    /// A stop signal refused because nothing could be saved.
    pub signal_refused: &'static str,
    /// Marks a library row that is a copy of a session under another file name.
    pub copy_row: &'static str,
    /// A library row that is a sync service's conflicted copy (followed by the service).
    pub conflict_row: &'static str,
    pub conflict_title: &'static str,
    /// Another laptop took the session while this one was away: who.
    pub taken_elsewhere: fn(&dyn Display) -> String,
    pub conflict_this_file: &'static str,
    pub conflict_other: &'static str,
    pub conflict_same: &'static str,
    pub conflict_confirm: &'static str,
    pub conflict_resolved: &'static str,
    pub conflict_failed: &'static str,
    pub conflict_copy_kept: &'static str,
    pub conflict_file_fields: &'static str,
    pub k_take_this: &'static str,
    pub k_take_other: &'static str,
    pub k_take_all_this: &'static str,
    pub k_take_all_other: &'static str,
    pub k_keep_result: &'static str,
    pub reason_missing: &'static str,
    pub reprice: &'static str,
    pub repriced: fn(&dyn Display) -> String,
    pub copied_on: &'static str,
    pub prices: &'static str,
    pub disk_nearly_full: fn(&dyn Display) -> String,

    pub k_next_part: &'static str,

    pub k_export: &'static str,
    pub exported: fn(&dyn Display) -> String,
    pub export_failed: &'static str,

    pub k_prices: &'static str,
    pub k_edit: &'static str,
    pub k_save_close: &'static str,
    pub pl_title: &'static str,
    pub pl_label_nl: &'static str,
    pub pl_label_en: &'static str,
    pub pl_amount: &'static str,
    pub pl_year: &'static str,
    pub pl_default_payer: &'static str,
    pub pl_source: &'static str,
    pub pl_link: &'static str,
    pub pl_note: &'static str,
    pub pl_not_a_year: fn(&dyn Display) -> String,
    pub pl_own_name: &'static str,
    pub pl_removed: &'static str,
    pub pl_builtin_stays: &'static str,
    pub pl_needs_label: &'static str,
    pub pl_needs_source: &'static str,
    pub pl_saved: &'static str,
    pub pl_own: &'static str,
    pub pl_explain: &'static str,
    pub pl_new: &'static str,

    pub cmp_title: &'static str,
    pub cmp_other_series: &'static str,
    pub cmp_new_since: &'static str,
    pub cmp_assumed: &'static str,
    pub cmp_words: &'static str,
    pub cmp_costs: &'static str,
    pub cmp_only_in: &'static str,
    pub cmp_none: &'static str,
    pub cmp_actual_change: &'static str,
    pub cmp_alternative_change: &'static str,
    pub cmp_pick_second: &'static str,
    pub cmp_no_pair: &'static str,
    pub k_compare: &'static str,
    pub k_scroll: &'static str,
    pub cmp_legend: &'static str,

    pub reason_without_override: &'static str,
    pub recovered_after_crash: &'static str,
    pub role: &'static str,
    pub saved: &'static str,
    pub saved_now: &'static str,
    pub saving: &'static str,
    pub speaker: &'static str,
    pub terminal_error: &'static str,
    pub to: &'static str,
    pub too_small: &'static str,
    pub too_small_safe: &'static str,
    pub unit: &'static str,
    pub unreadable: &'static str,
    pub weeks: &'static str,
    pub what: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub words: &'static str,
}

/// Texts of reports and exports (`tafel export`). `{}` marks where a value is filled in.
pub struct ReportTexts {
    /// Above the wall in the case report.
    pub wall_heading: &'static str,
    pub cli_wall_needs_html: &'static str,
    /// The title of a case report, followed by the case code.
    pub title: &'static str,
    /// A line above the title.
    pub kicker: &'static str,
    /// Above the title of a comparison report.
    pub cmp_kicker: &'static str,
    /// What the report is, for a reader who never saw tafel.
    pub intro: &'static str,
    pub anonymous_notice: &'static str,
    pub key_figures: &'static str,
    pub contents: &'static str,
    pub total_actual: &'static str,
    pub total_alternative: &'static str,
    /// The difference at the three confidence levels, as a key figure.
    pub difference_range: &'static str,
    /// The headline: the difference counting what the table is sure of and what is likely.
    pub difference_central: &'static str,
    /// The central estimate with its range beside it: (central, sure only, everything).
    pub central_with_range: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    /// The alternative's costs at the central estimate.
    pub alternative_central: &'static str,
    /// Column heads of a table that counts the whole alternative (every confidence).
    pub alternative_all: &'static str,
    pub difference_all: &'static str,
    pub domains_changed: &'static str,
    /// `{}` is the date the session was saved.
    pub made_from: fn(&dyn Display) -> String,
    pub nothing_recorded: &'static str,
    pub withdrawn_on: &'static str,
    pub period: &'static str,
    pub informal: &'static str,
    /// Column heading for informal help.
    pub informal_column: &'static str,
    pub score_chart_title: &'static str,
    pub legend_alternative: &'static str,
    pub not_scored: &'static str,
    pub price_override: &'static str,
    /// Stands in for the reason of a typed price in anonymous exports.
    pub reason_left_out: &'static str,
    pub per_payer: &'static str,
    pub cost_chart_title: &'static str,
    pub informal_valued: &'static str,
    pub lines_without_price: fn(&dyn Display) -> String,
    /// The confidence range of the difference.
    pub range_title: &'static str,
    /// What each level of the range counts, in words.
    pub range_explained: &'static str,
    /// Column heads and short names of the three levels: high, high + medium, all.
    pub range_levels: [&'static str; 3],
    /// "the approach saves € X" / "the approach costs € X more" / "no difference".
    pub saves: fn(&dyn Display) -> String,
    pub costs_more: fn(&dyn Display) -> String,
    pub no_difference: &'static str,
    /// One sentence with the three levels (each a phrase made with `saves` etc.).
    pub range_sentence: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    /// The band from estimated quantities.
    pub band_title: &'static str,
    pub band_explained: &'static str,
    /// Actual and alternative totals from low to high: `{}`–`{}`.
    pub band_line: fn(&dyn Display, &dyn Display) -> String,
    /// The price level: year, series, lines indexed.
    pub price_level: fn(&dyn Display, &dyn Display, &dyn Display) -> String,
    pub price_level_none: &'static str,
    /// Lines whose index had no figure for a year on the way: count, last year known.
    pub index_beyond: fn(&dyn Display, &dyn Display) -> String,
    /// Column heads of the cost lines: listed year, factor.
    pub listed_year: &'static str,
    pub factor: &'static str,
    /// After an estimated quantity: "± 25 %".
    pub estimated_margin: fn(&dyn Display) -> String,
    /// Column head: the wave an item was taken over from.
    pub from_wave_column: &'static str,
    /// Beside the range: an assumption of an earlier wave that did not hold (wave, text).
    pub assumption_not_held: fn(&dyn Display, &dyn Display) -> String,
    /// Under the costs of a follow-up: they are cumulative.
    pub cumulative: fn(&dyn Display) -> String,
    pub per_domain: &'static str,
    // The portfolio.
    pub pf_kicker: &'static str,
    pub pf_title: &'static str,
    pub pf_intro: &'static str,
    pub pf_anonymous_notice: &'static str,
    /// An anonymous portfolio: a project of too few cases shows no figures (the minimum).
    pub pf_too_few_cases: fn(&dyn Display) -> String,
    /// An anonymous portfolio: life domains left out (how many, the minimum).
    pub pf_domains_too_few: fn(&dyn Display, &dyn Display) -> String,
    pub pf_unit_rule: &'static str,
    pub pf_price_level: fn(&dyn Display) -> String,
    pub pf_duplicates: fn(&dyn Display) -> String,
    pub pf_duplicates_listed: &'static str,
    pub pf_unreadable: fn(&dyn Display) -> String,
    pub pf_unreadable_heading: &'static str,
    pub pf_cases: &'static str,
    pub pf_sessions: &'static str,
    pub pf_follow_ups_held: &'static str,
    pub pf_follow_ups_due: &'static str,
    pub pf_series_ended: &'static str,
    pub pf_left_out: &'static str,
    pub pf_median: &'static str,
    pub pf_min: &'static str,
    pub pf_max: &'static str,
    pub pf_arena_title: &'static str,
    pub pf_saves: &'static str,
    pub pf_invests: &'static str,
    pub pf_cases_heading: &'static str,
    pub pf_case: &'static str,
    pub pf_case_n: fn(&dyn Display) -> String,
    pub pf_domains_heading: &'static str,
    pub pf_domains_explained: &'static str,
    pub pf_better: &'static str,
    pub pf_same: &'static str,
    pub pf_worse: &'static str,
    pub pf_learned_heading: &'static str,
    pub pf_no_project: &'static str,
    pub pf_empty: &'static str,
    pub prices_used: &'static str,
    pub per: &'static str,
    pub price_year: &'static str,
    pub source: &'static str,
    /// Roles that replace aliases in anonymous exports.
    pub role_participant: &'static str,
    pub role_professional: &'static str,
    pub role_peer: &'static str,
    pub role_network: &'static str,
    pub role_facilitator: &'static str,
    /// Why a session stays out of a library export.
    pub no_consent_given: &'static str,
    pub no_consent_session_only: &'static str,
    pub no_consent_withdrawn: &'static str,
    /// Messages of `tafel export`.
    pub cli_all_needs_tables: &'static str,
    pub cli_unconsented_text_only: &'static str,
    pub cli_no_such_project: fn(&dyn Display) -> String,
    pub cli_which_session: &'static str,
    pub cli_consent_warning: fn(&dyn Display) -> String,
    pub cli_csv_needs_folder: &'static str,
    pub cli_csv_not_a_folder: fn(&dyn Display) -> String,
    pub cli_skipped_unreadable: &'static str,
    /// A file that is a copy of session {} under another name: not exported.
    pub cli_skipped_copy: fn(&dyn Display) -> String,
    /// Demo sessions left out of a library export: how many.
    pub cli_skipped_demo: fn(&dyn Display) -> String,
    pub cli_skipped_consent: fn(&dyn Display) -> String,
    pub cli_exported_all: fn(&dyn Display, &dyn Display, &dyn Display, &dyn Display) -> String,
    pub cli_write_failed: fn(&dyn Display) -> String,
    pub cli_written: fn(&dyn Display) -> String,
    /// The export was written but could not be noted in the manifest of exports.
    /// An export refused because its line in the manifest could not be written.
    pub export_not_noted: &'static str,
}

/// The participant's handout (`tafel export ID --format handout`), in plain language:
/// short sentences, no jargon.
pub struct HandoutTexts {
    pub title: &'static str,
    pub of_date: fn(&dyn Display) -> String,
    pub intro: &'static [&'static str],
    pub h_agreements: &'static str,
    pub h_pulse: &'static str,
    pub h_next: &'static str,
    pub h_own_words: &'static str,
    /// An agreement: what, who, by when (empty when no date).
    pub agreement: fn(&str, &str, &str) -> String,
    pub pulse: fn(&str) -> String,
    pub next_table: fn(&str) -> String,
    /// "the jobcoach": how a professional is named instead of their alias.
    pub the_role: fn(&str) -> String,
    /// "your sister": someone of the participant's own network.
    pub your_role: fn(&str) -> String,
    pub someone: &'static str,
    pub facilitator: &'static str,
    /// The participant, where an agreement is theirs.
    pub you: &'static str,
    pub privacy: &'static str,
    /// Added when no line kept names an amount.
    pub no_amounts: &'static str,
    /// On screen, above the lines to keep or leave out.
    pub preview_title: &'static str,
    pub preview_hint: &'static str,
    pub written: fn(&dyn Display) -> String,
    pub k_handout: &'static str,
    pub k_keep: &'static str,
    pub k_write: &'static str,
}

/// Encryption at rest: the personal key, the passphrase, converting a library.
pub struct VaultTexts {
    pub locked: &'static str,
    pub not_for_you: &'static str,
    pub damaged: &'static str,
    pub settings_unreadable: fn(&dyn Display) -> String,
    pub settings_missing: fn(&dyn Display) -> String,
    pub settings_newer: fn(&dyn Display, &dyn Display) -> String,
    /// A change of keys or a conversion that was stopped (`list`, `keys add/remove`).
    pub unfinished: &'static str,
    /// An encrypted export named after its case (`-o` with the case code in the name).
    pub case_in_name: &'static str,
    /// The public key, when `keys init` finds a key already.
    pub your_public: fn(&dyn Display) -> String,
    /// Removing one's own key.
    pub own_key_removal: &'static str,
    /// Why a file was not converted: a file of that name is there already.
    pub target_exists: fn(&dyn Display) -> String,
    pub no_key: fn(&dyn Display) -> String,
    pub key_exists: fn(&dyn Display) -> String,
    pub wrong_passphrase: &'static str,
    pub empty_passphrase: &'static str,
    pub key_damaged: fn(&dyn Display) -> String,
    /// The question for the passphrase on the terminal.
    pub prompt: &'static str,
    pub prompt_new: &'static str,
    pub prompt_again: &'static str,
    pub mismatch: &'static str,
    /// No terminal to ask on, and no `--passphrase-file`.
    pub no_terminal: &'static str,
    /// Said when a key is made: a lost passphrase is lost data.
    pub lost_warning: &'static str,
    /// A key was made: its public key, and where the secret is.
    pub init_done: fn(&dyn Display, &dyn Display) -> String,
    pub share_public: &'static str,
    /// Header marker and the first line of `list` in an encrypted library.
    pub marker: &'static str,
    pub list_line: fn(usize) -> String,
    pub bad_public_key: fn(&dyn Display, &dyn Display) -> String,
    pub added: fn(&dyn Display) -> String,
    pub already_member: fn(&dyn Display) -> String,
    pub removed: fn(&dyn Display) -> String,
    pub not_a_member: fn(&dyn Display) -> String,
    pub last_member: &'static str,
    pub no_members: &'static str,
    pub you: &'static str,
    pub encrypted_to: fn(usize) -> String,
    pub plain_library: &'static str,
    pub converting: fn(usize, usize) -> String,
    pub converted: fn(usize) -> String,
    pub busy: fn(&dyn Display) -> String,
    pub failed: fn(&dyn Display, &dyn Display) -> String,
    /// After sessions were skipped as busy: the command that finishes the job.
    pub finish_encrypt: &'static str,
    pub finish_decrypt: &'static str,
    /// After files that could not be converted (encrypted to another team, damaged).
    pub failed_stay: &'static str,
    /// The passphrase file cannot be read, or is not text.
    pub passphrase_file: fn(&dyn Display) -> String,
    pub control_in_passphrase: &'static str,
    pub not_encrypted: &'static str,
    pub already_plain: &'static str,
    pub own_key_added: fn(&dyn Display) -> String,
    /// Session files still plain in an encrypted library (`list`).
    pub plain_files: fn(usize) -> String,
    /// After an export written encrypted: where, and how to make it readable (its plain name).
    pub sealed_export_hint: fn(&dyn Display) -> String,
    /// keys.json was not taken as it is (the reason follows).
    pub untrusted: fn(&dyn Display) -> String,
    pub distrust_no_key: &'static str,
    pub distrust_not_for_you: &'static str,
    pub distrust_not_signed: &'static str,
    /// Signed by a member not confirmed here: their name and key words.
    pub distrust_signer_unconfirmed: fn(&dyn Display, &dyn Display) -> String,
    pub distrust_signer_removed: fn(&dyn Display) -> String,
    pub distrust_retired: &'static str,
    pub distrust_legacy_switch: &'static str,
    pub distrust_none_confirmed: &'static str,
    pub distrust_plain_unsigned: &'static str,
    /// A change of keys.json was not taken: what tafel does instead. The first for a
    /// library that stays plain, the second for a running tafel that keeps the key it
    /// checked at its start.
    pub ignored_plain: fn(&dyn Display) -> String,
    pub ignored_sealed: fn(&dyn Display) -> String,
    /// ... and one where the library key checked before stays in use.
    pub ignored_checked: fn(&dyn Display) -> String,
    /// A member's key not confirmed on this laptop: name, words.
    pub unconfirmed: fn(&dyn Display, &dyn Display) -> String,
    /// A member's key that changed: name, words of the new key.
    pub changed_key: fn(&dyn Display, &dyn Display) -> String,
    /// Members the library key was not given to yet.
    pub pending: fn(&dyn Display) -> String,
    /// A library encrypted by an older tafel (each file to every member).
    pub legacy: &'static str,
    /// More notices than fit on one line: see `tafel keys list`.
    pub more_notices: fn(usize) -> String,
    /// `keys confirm`: the words, and the question.
    pub confirm_words: fn(&dyn Display, &dyn Display) -> String,
    pub confirm_question: fn(&dyn Display) -> String,
    pub confirm_needs_yes: &'static str,
    pub confirmed_done: fn(&dyn Display) -> String,
    pub confirmed_and_given: fn(&dyn Display) -> String,
    pub already_confirmed: fn(&dyn Display) -> String,
    pub not_confirmed_declined: &'static str,
    /// `keys add` or a change of keys by someone who cannot open the library.
    pub cannot_open_library: &'static str,
    /// The name is taken by a member with another key.
    pub name_taken: fn(&dyn Display) -> String,
    /// Members left without the new library key (not confirmed here).
    pub not_given: fn(&dyn Display) -> String,
    /// `keys export-library`: the warning.
    pub export_warning: &'static str,
    pub export_done: fn(&dyn Display) -> String,
    /// `keys list`: this laptop's own key, with its words.
    pub your_words: fn(&dyn Display) -> String,
    pub confirmed_marker: &'static str,
    pub unconfirmed_marker: &'static str,
    /// Version 1 commands that need the library key first.
    pub legacy_first: &'static str,
    /// A passphrase too short for a new key.
    pub weak_passphrase: &'static str,
    /// The keys folder lies in a library.
    pub keys_dir_in_library: fn(&dyn Display, &dyn Display) -> String,
    /// A passphrase file that gave nothing in time.
    pub passphrase_file_waited: fn(&dyn Display, u64) -> String,
    /// `encrypt` on a library already encrypted to its key.
    pub nothing_to_convert: &'static str,
}
