//! Bringing older session files up to the current shape.
//!
//! Each step takes the JSON of version `n` to version `n + 1`; loading runs every step
//! from the file's version to `SCHEMA_VERSION`. Steps work on `serde_json::Value` so they
//! never depend on today's Rust types. `tests/fixtures/session-v1.json` must load for ever.
//!
//! - 1 → 2: a price year (`costs.price_year`), index series in the price list, an index
//!   kind per price, a basis and margin per activity, and a typed price whose amount may
//!   be absent. All are optional with defaults that keep a version 1 file's figures: no
//!   price year means amounts as listed. Nothing in a version 1 file needs rewriting, so
//!   the step only checks the shape it relies on. Version 2 files are not readable by
//!   tafel before it (they may hold a typed price without an amount).

use serde_json::Value;

use crate::model::SCHEMA_VERSION;

/// A migration from version `n` (its index + 1) to `n + 1`.
pub type Step = fn(&mut Value) -> Result<(), String>;

/// Steps in order: `STEPS[0]` takes version 1 to 2, and so on.
pub const STEPS: &[Step] = &[v1_to_v2];

/// Version 2 only adds optional fields (see the module text); a version 1 file's costs must
/// be an object, as version 2 reads them.
fn v1_to_v2(doc: &mut Value) -> Result<(), String> {
    match doc.get("costs") {
        None | Some(Value::Object(_)) => Ok(()),
        Some(_) => Err("costs is not an object".into()),
    }
}

const _: () = assert!(
    STEPS.len() as u32 + 1 == SCHEMA_VERSION,
    "one step per version bump"
);

/// Migrates `doc` from `from` to the current version with `steps`.
pub fn migrate(doc: &mut Value, from: u32, steps: &[Step]) -> Result<(), String> {
    let target = steps.len() as u32 + 1;
    if from == 0 {
        return Err("schema_version 0 does not exist".into());
    }
    for version in from..target {
        steps[(version - 1) as usize](doc)
            .map_err(|e| format!("migrating from version {version}: {e}"))?;
        doc["schema_version"] = Value::from(version + 1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_case(doc: &mut Value) -> Result<(), String> {
        let prep = doc.get_mut("preparation").ok_or("no preparation")?;
        if let Some(code) = prep.as_object_mut().and_then(|o| o.remove("case")) {
            prep["case_code"] = code;
        }
        Ok(())
    }

    fn add_wave(doc: &mut Value) -> Result<(), String> {
        doc["preparation"]["wave"] = json!(0);
        Ok(())
    }

    #[test]
    fn runs_every_step_from_the_files_version() {
        let steps: &[Step] = &[rename_case, add_wave];
        let mut doc = json!({"schema_version": 1, "preparation": {"case": "GR-01"}});
        migrate(&mut doc, 1, steps).unwrap();
        assert_eq!(
            doc,
            json!({"schema_version": 3, "preparation": {"case_code": "GR-01", "wave": 0}})
        );

        let mut doc = json!({"schema_version": 2, "preparation": {"case_code": "X"}});
        migrate(&mut doc, 2, steps).unwrap();
        assert_eq!(doc["preparation"]["wave"], json!(0));
        assert_eq!(doc["preparation"]["case_code"], json!("X"));
    }

    #[test]
    fn a_failing_step_says_which_version() {
        let steps: &[Step] = &[rename_case];
        let err = migrate(&mut json!({"schema_version": 1}), 1, steps).unwrap_err();
        assert!(err.contains("version 1"), "{err}");
    }
}
