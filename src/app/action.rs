//! Everything the user can ask for, as plain data. The keymap turns key presses into
//! actions; `update` applies them to the state.

use ratatui::crossterm::event::KeyEvent;

use crate::model::Phase;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Save everything and leave the program (Ctrl+Q, from anywhere).
    Quit,
    /// Close what is open on top, or go back one screen (Esc).
    Back,
    /// Open or close the help screen (F1).
    Help,
    /// Show or hide the guiding questions of the current phase (F2).
    ToggleQuestions,
    /// Capture a quote with its speaker, from any phase (F3).
    QuickQuote,
    /// The large view of the current phase, to turn towards the table (F4).
    ToggleTableView,
    /// The wall: both scenarios on one time axis (Ctrl+T).
    ToggleWall,
    /// The participant's handout, seen before it is written (Ctrl+G).
    ToggleHandout,
    /// Write the handout with the lines kept (Enter in its preview).
    WriteHandout,
    /// In a sync conflict: take every field from the copy (true) or from the file (false).
    TakeAll(bool),
    /// Move the wall's time axis a month back / on (← →).
    Earlier,
    Later,
    NextPhase,
    PrevPhase,
    GoToPhase(Phase),
    NextField,
    PrevField,
    /// A key for the focused text field: typing, moving the cursor, undo (the text
    /// field's own key table, `TextField::key`, decides what it does).
    TextInput(KeyEvent),
    /// The next / previous value of the focused choice.
    ChoiceNext,
    ChoicePrev,
    /// Switch the focused yes/no field.
    Toggle,
    /// A digit typed on a score (a 1 then a 0 in quick succession makes 10).
    SetScore(u8),
    ScoreUp,
    ScoreDown,
    /// Empty the focused score.
    ClearScore,
    /// Press the focused button (add an item, re-price the session).
    Press,
    /// Keep the quote being captured (Enter in its words).
    SaveQuote,
    /// Text pasted by the terminal (bracketed paste), inserted as one edit.
    Paste(String),
    /// Add an item to the list the focus is in (Ctrl+N), or press the focused button.
    AddItem,
    /// Remove the focused list item (Ctrl+D; asks once more).
    RemoveItem,
    MoveItemUp,
    MoveItemDown,
    /// Open the list to choose from for the focused choice field (Enter).
    OpenPicker,
    /// Write the open session (or comparison) as an HTML report into `<data-dir>/exports/` (Ctrl+E).
    Export,
    /// Save now (Ctrl+S); saving also happens by itself.
    SaveNow,
    /// Answer to a question on screen (delete? remove?).
    Confirm(bool),

    // The library screen.
    SelectUp,
    SelectDown,
    /// Open the selected session (Enter).
    OpenSelected,
    /// Start a new session (Ctrl+N).
    NewSession,
    /// Start the next wave of the selected session's series (Ctrl+F).
    FollowUpSelected,
    /// Move the selected session to the trash, after confirmation (Ctrl+D).
    DeleteSelected,
    /// Open the price list to look up, edit or add prices (Ctrl+P).
    OpenPrices,
    /// Load the fictional demo sessions (Ctrl+L).
    LoadDemo,
    /// Compare the selected session with its earlier wave, or with a marked one (Ctrl+K).
    CompareSelected,
    /// Scroll a page (PgUp / PgDn) in a view that scrolls.
    PageUp,
    PageDown,
    /// A character typed into the library filter.
    FilterChar(char),
    FilterBackspace,
    /// Empty the filter (Ctrl+U, as in a text field).
    ClearFilter,
    /// Hide or show the series that ended (Ctrl+A in the library).
    ToggleEnded,
    /// The portfolio of the selected session's project (Ctrl+O in the library).
    OpenPortfolio,

    /// A mouse click on something that is not a key of its own (see `mouse`).
    Click(Click),

    /// Time passes: clocks and autosave.
    Tick,
    /// A frame is on screen (the library starts reading its files after its first).
    Drawn,
}

/// What a click landed on, when no key action says it already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Click {
    /// A form field: focus it; a second click on a list field, a yes/no or a button acts
    /// as Enter does. With a score, the position on its track (0 to 10) that was hit.
    Field(crate::app::form::FieldId, Option<u8>),
    /// Row `n` of the list on screen (library, prices, the list to choose from) or field
    /// `n` of a box (a price, the quote): the first click selects, a second one opens
    /// (in the list to choose from, one click chooses).
    Row(usize),
}
