//! Two versions of one session (a sync service's conflicted copy beside the file itself):
//! where they differ, field by field, and the session that takes each field from the
//! version chosen for it. Nothing is merged by itself: every difference is shown, and the
//! file's own version stands until the facilitator takes the other one's.
//!
//! Fields are compared as the file holds them (JSON paths). Lists of the same length are
//! compared item by item; a list whose length differs is one difference as a whole, since
//! its items no longer pair up.

use serde_json::Value;

use super::{Phase, Session};

/// One step of a path into a session's JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    pub path: Vec<Step>,
    /// The phase it belongs to; none for the file's own fields (dates of change, ids).
    pub phase: Option<Phase>,
    /// Each version's value, as short text ("—" where a version has none).
    pub left: String,
    pub right: String,
}

impl FieldDiff {
    /// The path as text: `wrap_up.agreements[0].what`.
    pub fn name(&self) -> String {
        let mut out = String::new();
        for s in &self.path {
            match s {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

fn phase_of(top: &str) -> Option<Phase> {
    match top {
        "preparation" => Some(Phase::Preparation),
        "looking_back" => Some(Phase::LookingBack),
        "outcomes" | "domains" => Some(Phase::Outcomes),
        "alternative" => Some(Phase::Alternative),
        "costs" => Some(Phase::Costs),
        "wrap_up" => Some(Phase::WrapUp),
        _ => None,
    }
}

/// A value as one line of text.
fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => format!("[{} items]", a.len()),
        Some(other) => other.to_string(),
    }
}

/// Where `left` and `right` differ, phase by phase in the file's order.
pub fn diff(left: &Session, right: &Session) -> Vec<FieldDiff> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(left), serde_json::to_value(right)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&mut Vec::new(), Some(&a), Some(&b), &mut out);
    out
}

fn walk(path: &mut Vec<Step>, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldDiff>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().collect();
            keys.extend(y.keys().filter(|k| !x.contains_key(*k)));
            for k in keys {
                path.push(Step::Key(k.clone()));
                walk(path, x.get(k), y.get(k), out);
                path.pop();
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                path.push(Step::Index(i));
                walk(path, Some(p), Some(q), out);
                path.pop();
            }
        }
        _ => {
            let top = match path.first() {
                Some(Step::Key(k)) => k.as_str(),
                _ => "",
            };
            out.push(FieldDiff {
                path: path.clone(),
                phase: phase_of(top),
                left: show(a),
                right: show(b),
            });
        }
    }
}

/// `left` with the fields marked in `take_right` (by place in `diffs`) taken from `right`.
pub fn merge(
    left: &Session,
    right: &Session,
    diffs: &[FieldDiff],
    take_right: &[bool],
) -> Result<Session, String> {
    let mut a = serde_json::to_value(left).map_err(|e| e.to_string())?;
    let b = serde_json::to_value(right).map_err(|e| e.to_string())?;
    for (d, take) in diffs.iter().zip(take_right) {
        if !*take {
            continue;
        }
        let value = get(&b, &d.path).cloned();
        set(&mut a, &d.path, value);
    }
    serde_json::from_value(a).map_err(|e| e.to_string())
}

fn get<'v>(v: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// Puts `value` at `path` (removes the key when `value` is none).
fn set(v: &mut Value, path: &[Step], value: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = v;
    for s in parents {
        let next = match s {
            Step::Key(k) => at.get_mut(k),
            Step::Index(i) => at.get_mut(i),
        };
        match next {
            Some(n) => at = n,
            None => return,
        }
    }
    match (last, value) {
        (Step::Key(k), Some(val)) => {
            if let Some(o) = at.as_object_mut() {
                o.insert(k.clone(), val);
            }
        }
        (Step::Key(k), None) => {
            if let Some(o) = at.as_object_mut() {
                o.remove(k);
            }
        }
        (Step::Index(i), Some(val)) => {
            if let Some(slot) = at.get_mut(i) {
                *slot = val;
            }
        }
        (Step::Index(_), None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn differences_are_found_field_by_field_and_taken_one_by_one() {
        let left = crate::demo::sessions(&Catalog::builtin()).remove(0);
        let mut right = left.clone();
        right.preparation.place = "Buurthuis De Brug".into();
        right.wrap_up.pulse_owner = "Hamid".into();
        right.wrap_up.agreements[0].what = "Anders afgesproken".into();
        right.looking_back.events.pop();
        let diffs = diff(&left, &right);
        let names: Vec<String> = diffs.iter().map(FieldDiff::name).collect();
        assert!(
            names.contains(&"preparation.place".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"wrap_up.pulse_owner".to_string()));
        assert!(names.contains(&"wrap_up.agreements[0].what".to_string()));
        assert!(
            names.contains(&"looking_back.events".to_string()),
            "a shorter list is one difference"
        );
        assert_eq!(diffs.len(), 4, "{names:?}");
        let place = diffs
            .iter()
            .find(|d| d.name() == "preparation.place")
            .unwrap();
        assert_eq!(place.phase, Some(Phase::Preparation));
        assert_eq!(place.right, "Buurthuis De Brug");

        // Nothing taken: the file's own version, exactly.
        let none = vec![false; diffs.len()];
        assert_eq!(merge(&left, &right, &diffs, &none).unwrap(), left);
        // Everything taken: the other version, exactly.
        let all = vec![true; diffs.len()];
        assert_eq!(merge(&left, &right, &diffs, &all).unwrap(), right);
        // One field: only that one changes.
        let one: Vec<bool> = diffs
            .iter()
            .map(|d| d.name() == "wrap_up.pulse_owner")
            .collect();
        let merged = merge(&left, &right, &diffs, &one).unwrap();
        assert_eq!(merged.wrap_up.pulse_owner, "Hamid");
        assert_eq!(merged.preparation.place, left.preparation.place);
        assert_eq!(merged.looking_back.events, left.looking_back.events);
        assert!(diff(&left, &left).is_empty());
    }
}
