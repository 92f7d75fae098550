//! What this laptop takes from `keys.json`, which anyone who can write the shared folder
//! can change.
//!
//! - **Version 2** (the library key): files are encrypted to the library's own key. This
//!   laptop uses that key only when `keys.json` carries a sign-off it can check (see
//!   [`super::signoff`]) by its own key or a key it confirmed ([`super::confirmed`]),
//!   and the key is wrapped for this laptop's key. Otherwise the change is not taken: a
//!   running tafel keeps what it checked before, and a starting one writes nothing into
//!   an encrypted library and never switches a plain one to encrypted.
//! - **Version 1** (each file to every member's key) is still read. Its files are
//!   written, until `tafel encrypt` converts the library, to the members this laptop
//!   confirmed only, and never in a library that held no encrypted file: an unsigned
//!   keys.json never turns a plain library encrypted.

use std::sync::Arc;

use age::x25519::{Identity, Recipient};

use super::confirmed::Confirmed;
use super::settings::Settings;

/// Why a `keys.json` is not taken as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Distrust {
    /// This tafel runs without a personal key (it started on a plain library), so it
    /// cannot check a sign-off.
    NoKey,
    /// The library key is not wrapped for this laptop's key: not a member (yet), or
    /// removed.
    NotForYou,
    /// Not signed, or changed since it was signed.
    NotSigned,
    /// Signed by a member whose key this laptop has not confirmed.
    SignerUnconfirmed { name: String, key: String },
    /// Signed by a member this laptop saw removed.
    SignerRemoved { name: String },
    /// A library key this laptop saw replaced: an older keys.json put back.
    Retired,
    /// Version 1 says encrypted, but the library holds no encrypted file: it was never
    /// encrypted by the team, and an unsigned file does not make it so.
    LegacySwitch,
    /// Version 1, encrypted, and none of its keys is confirmed here.
    NoneConfirmed,
    /// Says plain (no library key) while the library holds encrypted files.
    PlainUnsigned,
}

/// A change of `keys.json` that was not taken, and what tafel does instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub why: Distrust,
    pub kept: Kept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The library stays plain.
    Plain,
    /// This running tafel keeps to what it checked at its start (a new start would
    /// refuse to write).
    Earlier,
    /// Files stay encrypted to the library key this laptop checked before (a new start
    /// does the same).
    Checked,
}

/// How this laptop writes in the library, from what `keys.json` says.
#[derive(Clone)]
pub enum Verdict {
    Plain,
    /// The library key, checked; `encrypted` is false while a `tafel decrypt` is not
    /// finished (the key then only reads the files not yet plain).
    Library {
        key: Arc<Identity>,
        retired: Vec<Arc<Identity>>,
        encrypted: bool,
        /// keys.json was changed without a sign-off this laptop takes, but the library
        /// key in it is one this laptop checked before: files stay encrypted to it (the
        /// one who changed keys.json cannot hold it), and the change is said.
        doubt: Option<Distrust>,
    },
    /// Version 1: to these members' keys.
    Legacy(Vec<Recipient>),
    Untrusted(Distrust),
}

/// What `settings` mean for this laptop, whose personal key is `me` (when unlocked) and
/// whose confirmed keys are `confirmed`. `holds_sealed` says whether the library holds
/// encrypted files (asked only when it matters).
pub fn assess(
    settings: &Settings,
    me: Option<&Identity>,
    confirmed: &Confirmed,
    holds_sealed: &dyn Fn() -> bool,
) -> Verdict {
    if let Some(library) = &settings.library {
        let Some(me) = me else {
            return Verdict::Untrusted(Distrust::NoKey);
        };
        return match checked(settings, library, me, confirmed) {
            Ok(verdict) => verdict,
            // Changed by someone else, with the library key still one checked here
            // before, given to this laptop's key: it stays in use, never another one.
            Err(
                why @ (Distrust::NotSigned
                | Distrust::SignerUnconfirmed { .. }
                | Distrust::SignerRemoved { .. }),
            ) if confirmed.is_pinned(&library.key) => match library.unwrap(me) {
                Some(key) => Verdict::Library {
                    key: Arc::new(key),
                    retired: Vec::new(),
                    encrypted: true,
                    doubt: Some(why),
                },
                None => Verdict::Untrusted(why),
            },
            Err(why) => Verdict::Untrusted(why),
        };
    }
    if settings.encrypted {
        if !holds_sealed() {
            return Verdict::Untrusted(Distrust::LegacySwitch);
        }
        let own = me.map(|k| k.to_public().to_string());
        let to: Vec<Recipient> = settings
            .recipients()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| {
                let k = k.to_string();
                own.as_deref() == Some(k.as_str()) || confirmed.is_confirmed(&k)
            })
            .collect();
        if to.is_empty() {
            return Verdict::Untrusted(Distrust::NoneConfirmed);
        }
        return Verdict::Legacy(to);
    }
    if holds_sealed() {
        return Verdict::Untrusted(Distrust::PlainUnsigned);
    }
    Verdict::Plain
}

/// The library key of signed `settings`, checked with `me` against `confirmed`.
fn checked(
    settings: &Settings,
    library: &super::settings::LibraryKey,
    me: &Identity,
    confirmed: &Confirmed,
) -> Result<Verdict, Distrust> {
    let own = me.to_public().to_string();
    let listed = settings
        .signoff
        .as_ref()
        .is_some_and(|s| s.tags.contains_key(&own));
    if !listed && !library.wrapped.contains_key(&own) {
        return Err(Distrust::NotForYou);
    }
    let signer = settings
        .signed_by(me)
        .map(|k| k.to_string())
        .ok_or(Distrust::NotSigned)?;
    let name = || {
        settings
            .member(&signer)
            .map_or_else(|| signer.clone(), |m| m.name.clone())
    };
    if signer != own {
        if confirmed.is_revoked(&signer) {
            return Err(Distrust::SignerRemoved { name: name() });
        }
        if !confirmed.is_confirmed(&signer) || settings.member(&signer).is_none() {
            return Err(Distrust::SignerUnconfirmed {
                name: name(),
                key: signer,
            });
        }
    }
    if confirmed.is_retired(&library.key) {
        return Err(Distrust::Retired);
    }
    let key = library.unwrap(me).ok_or(Distrust::NotForYou)?;
    let retired = settings
        .retired
        .iter()
        .filter_map(|r| r.unwrap(me))
        .map(Arc::new)
        .collect();
    Ok(Verdict::Library {
        key: Arc::new(key),
        retired,
        encrypted: settings.encrypted,
        doubt: None,
    })
}

/// A member whose key this laptop has not confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconfirmed {
    pub name: String,
    pub key: String,
    /// Its fingerprint in words, to compare over the phone.
    pub words: String,
    /// The key this laptop confirmed under the same name before, when it differs: a
    /// changed key, said loudly.
    pub was: Option<String>,
}

/// What a member of the team should know about the keys, at start and in `list`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notices {
    pub unconfirmed: Vec<Unconfirmed>,
    /// Members the current library key is not wrapped for (they open nothing new yet).
    pub pending: Vec<String>,
    /// Version 1: `tafel encrypt` converts it to one library key.
    pub legacy: bool,
}

impl Notices {
    pub fn is_empty(&self) -> bool {
        self.unconfirmed.is_empty() && self.pending.is_empty() && !self.legacy
    }

    /// The members whose key changed.
    pub fn changed(&self) -> impl Iterator<Item = &Unconfirmed> {
        self.unconfirmed.iter().filter(|u| u.was.is_some())
    }
}

/// The notices for `settings` on this laptop (own key `own`, if known).
pub fn notices(settings: &Settings, own: Option<&str>, confirmed: &Confirmed) -> Notices {
    let mut n = Notices::default();
    if settings.recipients.is_empty() {
        return n;
    }
    for m in &settings.recipients {
        if own == Some(m.key.as_str()) || confirmed.is_confirmed(&m.key) {
            continue;
        }
        let was = confirmed
            .under_name(&m.name)
            .filter(|k| k.key != m.key)
            .map(|k| k.key.clone());
        n.unconfirmed.push(Unconfirmed {
            name: m.name.clone(),
            key: m.key.clone(),
            words: super::signoff::fingerprint(&m.key),
            was,
        });
    }
    if let Some(library) = &settings.library {
        n.pending = settings
            .recipients
            .iter()
            .filter(|m| !library.wrapped.contains_key(&m.key))
            .map(|m| m.name.clone())
            .collect();
    }
    n.legacy = settings.encrypted && settings.library.is_none();
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::vault::settings::LibraryKey;
    use chrono::NaiveDate;

    struct Team {
        a: Identity,
        b: Identity,
        settings: Settings,
    }

    /// Encrypted by a for a and b, signed by a.
    fn team() -> Team {
        let (a, b) = (Identity::generate(), Identity::generate());
        let mut settings = Settings::default();
        settings.add("a", &a.to_public(), NaiveDate::MIN);
        settings.add("b", &b.to_public(), NaiveDate::MIN);
        let (_, key) = LibraryKey::generate(&[a.to_public(), b.to_public()]).unwrap();
        settings.library = Some(key);
        settings.encrypted = true;
        settings.sign(&a);
        Team { a, b, settings }
    }

    fn confirming(keys: &[&Identity]) -> Confirmed {
        let mut c = Confirmed::default();
        for k in keys {
            c.confirm("x", &k.to_public().to_string(), NaiveDate::MIN);
        }
        c
    }

    fn no() -> bool {
        false
    }

    #[test]
    fn the_library_key_is_taken_only_when_signed_by_a_confirmed_key() {
        let t = team();
        let trusted = |v: &Verdict| matches!(v, Verdict::Library { .. });
        assert!(trusted(&assess(
            &t.settings,
            Some(&t.a),
            &Confirmed::default(),
            &no
        )));
        assert!(trusted(&assess(
            &t.settings,
            Some(&t.b),
            &confirming(&[&t.a]),
            &no
        )));
        assert!(matches!(
            assess(&t.settings, Some(&t.b), &Confirmed::default(), &no),
            Verdict::Untrusted(Distrust::SignerUnconfirmed { .. })
        ));
        assert!(matches!(
            assess(&t.settings, None, &Confirmed::default(), &no),
            Verdict::Untrusted(Distrust::NoKey)
        ));
        let stranger = Identity::generate();
        assert!(matches!(
            assess(&t.settings, Some(&stranger), &confirming(&[&t.a]), &no),
            Verdict::Untrusted(Distrust::NotForYou)
        ));
        // Someone replaces the library key with their own, wrapped for everyone.
        let mut swapped = t.settings.clone();
        let (_, key) =
            LibraryKey::generate(&[t.a.to_public(), t.b.to_public(), stranger.to_public()])
                .unwrap();
        swapped.library = Some(key);
        assert!(matches!(
            assess(&swapped, Some(&t.b), &confirming(&[&t.a]), &no),
            Verdict::Untrusted(Distrust::NotSigned)
        ));
        // ... and signs it themselves, as a member: a key b never confirmed.
        swapped.add("c", &stranger.to_public(), NaiveDate::MIN);
        swapped.sign(&stranger);
        assert!(matches!(
            assess(&swapped, Some(&t.b), &confirming(&[&t.a]), &no),
            Verdict::Untrusted(Distrust::SignerUnconfirmed { .. })
        ));
        // A removed member's word no longer counts, an old library key is not taken back.
        let mut seen = confirming(&[&t.a]);
        seen.revoke("a", &t.a.to_public().to_string(), None);
        assert!(matches!(
            assess(&t.settings, Some(&t.b), &seen, &no),
            Verdict::Untrusted(Distrust::SignerRemoved { .. })
        ));
        let mut seen = confirming(&[&t.a]);
        seen.retire(&t.settings.library.as_ref().unwrap().key);
        assert!(matches!(
            assess(&t.settings, Some(&t.b), &seen, &no),
            Verdict::Untrusted(Distrust::Retired)
        ));
    }

    #[test]
    fn a_library_key_checked_before_stays_in_use_when_keys_json_is_changed_by_hand() {
        let t = team();
        let mut seen = confirming(&[&t.a]);
        seen.pin(&t.settings.library.as_ref().unwrap().key);
        // A key appended, the library made plain: not signed, so not taken; the library
        // key b checked before stays, encrypted.
        let mut changed = t.settings.clone();
        changed.add("x", &Identity::generate().to_public(), NaiveDate::MIN);
        changed.encrypted = false;
        let Verdict::Library {
            encrypted, doubt, ..
        } = assess(&changed, Some(&t.b), &seen, &no)
        else {
            panic!("the checked key")
        };
        assert!(encrypted);
        assert_eq!(doubt, Some(Distrust::NotSigned));
        // Another library key is never taken that way.
        let (_, other) = LibraryKey::generate(&[t.b.to_public()]).unwrap();
        changed.library = Some(other);
        assert!(matches!(
            assess(&changed, Some(&t.b), &seen, &no),
            Verdict::Untrusted(Distrust::NotSigned)
        ));
    }

    #[test]
    fn an_unsigned_keys_file_never_turns_a_plain_library_encrypted() {
        let t = team();
        let mut v1 = Settings {
            version: 1,
            encrypted: true,
            ..Settings::default()
        };
        v1.add("a", &t.a.to_public(), NaiveDate::MIN);
        v1.add("x", &Identity::generate().to_public(), NaiveDate::MIN);
        assert!(matches!(
            assess(&v1, Some(&t.a), &Confirmed::default(), &no),
            Verdict::Untrusted(Distrust::LegacySwitch)
        ));
        // Encrypted by an older tafel: written to the confirmed keys only.
        let Verdict::Legacy(to) = assess(&v1, Some(&t.a), &Confirmed::default(), &|| true) else {
            panic!("legacy")
        };
        assert_eq!(to, vec![t.a.to_public()]);
        // Plain while files are encrypted: not taken.
        let plain = Settings::default();
        assert!(matches!(
            assess(&plain, Some(&t.a), &Confirmed::default(), &|| true),
            Verdict::Untrusted(Distrust::PlainUnsigned)
        ));
        assert!(matches!(
            assess(&plain, None, &Confirmed::default(), &no),
            Verdict::Plain
        ));
    }

    #[test]
    fn notices_name_unconfirmed_changed_and_pending_members() {
        let t = team();
        let mut c = confirming(&[&t.a]);
        let old_b = Identity::generate();
        c.confirm("b", &old_b.to_public().to_string(), NaiveDate::MIN);
        let mut s = t.settings.clone();
        s.add("c", &Identity::generate().to_public(), NaiveDate::MIN);
        let own = t.a.to_public().to_string();
        let n = notices(&s, Some(&own), &c);
        let names: Vec<&str> = n.unconfirmed.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["b", "c"]);
        assert_eq!(n.changed().count(), 1, "b's key changed");
        assert_eq!(n.pending, ["c"]);
        assert!(!n.legacy);
    }
}
