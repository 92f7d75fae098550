//! The data that ships with tafel: life domains, guiding questions, the starter price
//! list and the payers. Embedded in the binary, and overridable by files of the same
//! name in the data dir (domains, questions and payers replace; prices extend by id).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::i18n::Lang;
use crate::model::{LifeDomain, Payer, Phase, PriceList};

const DOMAINS: &str = include_str!("../../assets/domains.json");
const QUESTIONS: &str = include_str!("../../assets/questions.json");
const PRICES: &str = include_str!("../../assets/prices.json");
const PAYERS: &str = include_str!("../../assets/payers.json");
const PRICE_INDEX: &str = include_str!("../../assets/price_index.json");

#[derive(Deserialize)]
struct PriceIndexFile {
    series: Vec<crate::model::price_index::IndexSeries>,
}

#[derive(Deserialize)]
struct DomainsFile {
    domains: Vec<LifeDomain>,
}

#[derive(Deserialize)]
struct PayersFile {
    payers: Vec<Payer>,
}

/// Guiding questions of one phase, in both languages.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct QuestionSet {
    pub nl: Vec<String>,
    pub en: Vec<String>,
}

impl QuestionSet {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Nl if !self.nl.is_empty() => &self.nl,
            Lang::En if !self.en.is_empty() => &self.en,
            Lang::Nl => &self.en,
            Lang::En => &self.nl,
        }
    }
}

/// Everything shipped as data, after applying the user's overrides.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub domains: Vec<LifeDomain>,
    pub questions: BTreeMap<Phase, QuestionSet>,
    pub prices: PriceList,
    pub payers: Vec<Payer>,
    /// Override files that could not be used, with the reason; the built-in data is used instead.
    pub warnings: Vec<String>,
}

impl Catalog {
    /// The data built into the program. The embedded files are checked by tests, so a
    /// failure here is a build defect.
    pub fn builtin() -> Catalog {
        Catalog {
            domains: parse_domains(DOMAINS).expect("assets/domains.json is valid"),
            questions: parse_questions(QUESTIONS).expect("assets/questions.json is valid"),
            prices: PriceList {
                index: serde_json::from_str::<PriceIndexFile>(PRICE_INDEX)
                    .expect("assets/price_index.json is valid")
                    .series,
                ..serde_json::from_str(PRICES).expect("assets/prices.json is valid")
            },
            payers: parse_payers(PAYERS).expect("assets/payers.json is valid"),
            warnings: Vec::new(),
        }
    }

    /// The built-in data with the overrides found in `data_dir`.
    pub fn load(data_dir: &Path) -> Catalog {
        let mut c = Catalog::builtin();
        let mut read = |name: &str| -> Option<String> {
            let path = data_dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Some(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    c.warnings.push(format!("{}: {e}", path.display()));
                    None
                }
            }
        };
        let domains = read("domains.json");
        let questions = read("questions.json");
        let prices = read("prices.json");
        let payers = read("payers.json");
        let mut warnings = Vec::new();
        let mut warn = |name: &str, e: &dyn std::fmt::Display| {
            warnings.push(format!("{}: {e}", data_dir.join(name).display()));
        };
        if let Some(t) = domains {
            match parse_domains(&t) {
                Ok(d) => {
                    let old = std::mem::replace(&mut c.domains, d);
                    if let Some(why) = c.too_long() {
                        c.domains = old;
                        warn("domains.json", &why);
                    }
                }
                Err(e) => warn("domains.json", &e),
            }
        }
        if let Some(t) = questions {
            match parse_questions(&t) {
                Ok(q) => c.questions.extend(q),
                Err(e) => warn("questions.json", &e),
            }
        }
        if let Some(t) = payers {
            match parse_payers(&t) {
                Ok(p) => {
                    let old = std::mem::replace(&mut c.payers, p);
                    if let Some(why) = c.too_long() {
                        c.payers = old;
                        warn("payers.json", &why);
                    }
                }
                Err(e) => warn("payers.json", &e),
            }
        }
        if let Some(t) = prices {
            match serde_json::from_str::<PriceList>(&t) {
                Ok(own) => {
                    let old = c.prices.clone();
                    merge_prices(&mut c.prices, own);
                    if let Some(why) = c.too_long() {
                        c.prices = old;
                        warn("prices.json", &why);
                    }
                }
                Err(e) => warn("prices.json", &e),
            }
        }
        c.warnings.extend(warnings);
        c
    }

    /// A text of the lists that is over its limit (a session made from them could not be
    /// saved), if any; an override that has one is not used.
    fn too_long(&self) -> Option<String> {
        // Only the lengths of texts count here, not the date.
        let clock = crate::model::Clock::fixed(chrono::DateTime::UNIX_EPOCH.fixed_offset());
        let s = crate::model::Session::new(
            &clock,
            self.domains.clone(),
            self.prices.clone(),
            self.payers.clone(),
        );
        crate::model::limits::check(&s).map(|too| {
            format!(
                "{} is longer than tafel allows (at most {})",
                too.field,
                too.kind.limit()
            )
        })
    }

    pub fn questions(&self, phase: Phase, lang: Lang) -> &[String] {
        self.questions
            .get(&phase)
            .map(|q| q.get(lang))
            .unwrap_or(&[])
    }
}

/// The file in the data dir with the user's own prices.
pub fn own_prices_path(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("prices.json")
}

/// The user's own price list (empty when there is none yet).
pub fn load_own_prices(data_dir: &Path) -> Result<PriceList, String> {
    let path = own_prices_path(data_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(PriceList::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes the user's own price list (atomically, mode 0600).
pub fn save_own_prices(data_dir: &Path, own: &PriceList) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(own).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    crate::store::atomic::write_atomic(&own_prices_path(data_dir), &bytes)
}

/// The user's own items replace built-in items with the same id and add the rest.
pub fn merge_prices(base: &mut PriceList, own: PriceList) {
    if !own.name.is_empty() {
        base.name = format!("{} + {}", base.name, own.name);
    }
    for item in own.items {
        match base.items.iter_mut().find(|i| i.id == item.id) {
            Some(existing) => *existing = item,
            None => base.items.push(item),
        }
    }
}

fn parse_domains(text: &str) -> serde_json::Result<Vec<LifeDomain>> {
    serde_json::from_str::<DomainsFile>(text).map(|f| f.domains)
}

fn parse_payers(text: &str) -> serde_json::Result<Vec<Payer>> {
    serde_json::from_str::<PayersFile>(text).map(|f| f.payers)
}

fn parse_questions(text: &str) -> serde_json::Result<BTreeMap<Phase, QuestionSet>> {
    let mut raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(text)?;
    raw.retain(|k, _| !k.starts_with('_'));
    serde_json::from_value(serde_json::to_value(raw)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn builtin_data_is_complete_in_both_languages() {
        let c = Catalog::builtin();
        assert!(c.domains.len() >= 8);
        for d in &c.domains {
            assert!(!d.label.nl.is_empty() && !d.label.en.is_empty(), "{}", d.id);
        }
        for phase in Phase::ALL {
            assert!(!c.questions(phase, Lang::Nl).is_empty(), "{phase:?} nl");
            assert_eq!(
                c.questions(phase, Lang::Nl).len(),
                c.questions(phase, Lang::En).len(),
                "{phase:?}: both languages ask the same questions"
            );
        }
    }

    #[test]
    fn every_price_cites_a_source_and_a_year_and_a_known_payer() {
        let c = Catalog::builtin();
        let payers: HashSet<&str> = c.payers.iter().map(|p| p.id.as_str()).collect();
        let mut ids = HashSet::new();
        for item in &c.prices.items {
            assert!(ids.insert(&item.id), "duplicate price id {}", item.id);
            assert!(!item.source.title.is_empty(), "{} has no source", item.id);
            if item.amount_cents.is_some() {
                assert!(
                    item.price_year.is_some(),
                    "{} has an amount but no year",
                    item.id
                );
                assert!(
                    item.source.url.starts_with("http"),
                    "{} has no link",
                    item.id
                );
            }
            if let Some(p) = &item.default_payer {
                assert!(
                    payers.contains(p.as_str()),
                    "{}: unknown payer {p}",
                    item.id
                );
            }
        }
    }

    #[test]
    fn own_prices_round_trip_through_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_own_prices(dir.path()).unwrap().items.is_empty());
        let mut own = PriceList {
            name: "eigen".into(),
            ..PriceList::default()
        };
        own.items.push(crate::model::PriceItem {
            id: "OWN-1".into(),
            ..Default::default()
        });
        save_own_prices(dir.path(), &own).unwrap();
        assert_eq!(load_own_prices(dir.path()).unwrap(), own);
        assert!(Catalog::load(dir.path()).prices.item("OWN-1").is_some());
    }

    #[test]
    fn overrides_replace_or_extend_and_bad_files_warn() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("prices.json"),
            r#"{"name":"eigen","items":[{"id":"OWN-1","label":{"nl":"Eigen uur","en":"Own hour"},"unit":"hour","amount_cents":7000,"source":{"title":"contract"}}]}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("domains.json"), "{ not json").unwrap();
        let c = Catalog::load(dir.path());
        let builtin = Catalog::builtin();
        assert_eq!(c.prices.items.len(), builtin.prices.items.len() + 1);
        assert!(c.prices.item("OWN-1").is_some());
        assert_eq!(
            c.domains, builtin.domains,
            "a broken override falls back to the built-in list"
        );
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].contains("domains.json"));
    }
}
