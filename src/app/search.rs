//! How every list that filters as you type finds and orders its rows (the library, the
//! lists of a choice: units, prices, payers, domains, and the price list): a row must hold
//! every typed word; an exact match comes first, then rows that begin with what was typed,
//! then rows where every typed word starts a word, then rows that only contain them. So
//! typing `dag` puts "dag" above "dagdeel", and "Dagelijks leven" above "Werk, school en
//! dagbesteding", and Enter takes the row the facilitator meant.

/// How well a row matches: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The whole row is what was typed (letter case aside).
    Exact,
    /// The row begins with what was typed.
    Start,
    /// Every typed word starts a word of the row.
    WordStart,
    /// Every typed word is somewhere in the row.
    Contains,
}

/// How well `row` matches what was typed (`None`: it does not). An empty filter matches
/// every row equally.
pub fn rank(filter: &str, row: &str) -> Option<Rank> {
    let row = row.to_lowercase();
    rank_lower(&filter.to_lowercase(), &row)
}

/// [`rank`] for a filter and a row both already in lower case (lists of thousands of rows
/// keep their rows lower-cased once).
pub fn rank_lower(filter: &str, row: &str) -> Option<Rank> {
    let words: Vec<&str> = filter.split_whitespace().collect();
    if words.is_empty() {
        return Some(Rank::Contains);
    }
    if !words.iter().all(|w| row.contains(w)) {
        return None;
    }
    if row.trim() == filter.trim() {
        return Some(Rank::Exact);
    }
    if row.trim_start().starts_with(filter.trim()) {
        return Some(Rank::Start);
    }
    let starts: Vec<&str> = row
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().all(|w| {
        starts
            .iter()
            .any(|s| s.starts_with(w.trim_matches(|c: char| !c.is_alphanumeric())))
    }) {
        Some(Rank::WordStart)
    } else {
        Some(Rank::Contains)
    }
}

/// Whether `row` holds every word of `filter`.
pub fn matches(filter: &str, row: &str) -> bool {
    rank(filter, row).is_some()
}

/// The indexes of the rows that match, best first (rows of equal rank keep their order).
pub fn ranked(rows: &[String], filter: &str) -> Vec<usize> {
    let filter = filter.to_lowercase();
    let mut found: Vec<(Rank, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| rank_lower(&filter, &r.to_lowercase()).map(|k| (k, i)))
        .collect();
    found.sort_by_key(|(k, i)| (*k, *i));
    found.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_row_that_begins_with_the_text_comes_before_a_later_word() {
        let domains = rows(&[
            "Werk, school en dagbesteding",
            "Dagelijks leven en zelfzorg",
        ]);
        assert_eq!(ranked(&domains, "dag"), vec![1, 0]);
    }

    #[test]
    fn an_exact_match_then_a_word_start_then_the_rest() {
        let units = rows(&["uur", "dagdeel", "dag", "nacht", "week"]);
        assert_eq!(ranked(&units, "dag"), vec![2, 1], "dag above dagdeel");
        let payers = rows(&["Gemeente (Wmo)", "Zorgverzekeraar (Zvw)", "Wmo-loket"]);
        assert_eq!(
            ranked(&payers, "wmo"),
            vec![2, 0],
            "the row that begins with it first"
        );
        let words = rows(&["thuiszorg", "zorg thuis", "mantelzorg"]);
        assert_eq!(
            ranked(&words, "zorg"),
            vec![1, 0, 2],
            "a word start beats a part"
        );
        assert_eq!(ranked(&words, ""), vec![0, 1, 2], "no filter, no change");
        assert_eq!(ranked(&words, "zorg xyz"), Vec::<usize>::new());
        assert_eq!(rank("DAG", "Dag"), Some(Rank::Exact));
    }
}
