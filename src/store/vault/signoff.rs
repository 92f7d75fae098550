//! Who changed `keys.json`: a sign-off that a member's laptop can check with its own key.
//!
//! age has no signatures, and its keys are X25519 keys. Two members A and B share a
//! secret nobody else can compute: the X25519 exchange of A's secret key with B's public
//! key equals that of B's secret key with A's public key. From it a tag over the whole
//! `keys.json` is derived, with HKDF-SHA-256 as age derives its own keys. A makes one
//! tag for every member; B checks the tag made for B. Nobody without A's or B's secret
//! key can make a tag that B accepts as A's, so someone who can only write the shared
//! folder cannot change the keys unseen. (Unlike a signature, B's tag convinces B only:
//! it would not convince a third party, which tafel never needs.)
//!
//! Also here: a key's fingerprint in [`super::words`], to read over the phone.

use age::secrecy::ExposeSecret;
use age::x25519::{Identity, Recipient};
use sha2::{Digest, Sha256};

/// What a tag is bound to besides the two keys: this purpose, in this version.
const PURPOSE: &[u8] = b"tafel keys.json sign-off v1";

/// The 32 bytes of an age public key (`age1...`).
pub fn public_bytes(key: &Recipient) -> [u8; 32] {
    decode(&key.to_string()).expect("an age public key is 32 bytes in bech32")
}

fn secret(identity: &Identity) -> x25519_dalek::StaticSecret {
    let text = identity.to_string();
    let bytes = decode(text.expose_secret()).expect("an age secret key is 32 bytes in bech32");
    x25519_dalek::StaticSecret::from(bytes)
}

fn decode(text: &str) -> Option<[u8; 32]> {
    let (_, data) = bech32::decode(text).ok()?;
    data.try_into().ok()
}

/// The tag `signer` makes over `digest` for the member `reader`: only `reader` (with
/// its secret key) and `signer` can compute it. `None` for a key whose exchange gives
/// nothing (a low-order point, which no real age key is).
pub fn tag(signer: &Identity, reader: &Recipient, digest: &[u8; 32]) -> Option<[u8; 32]> {
    derive(
        &secret(signer),
        &public_bytes(reader),
        &public_bytes(&signer.to_public()),
        &public_bytes(reader),
        digest,
    )
}

/// Whether `tag` over `digest` was made by the holder of `signer`'s secret key for
/// `reader` (this laptop's key).
pub fn check(reader: &Identity, signer: &Recipient, digest: &[u8; 32], tag: &[u8; 32]) -> bool {
    let Some(expected) = derive(
        &secret(reader),
        &public_bytes(signer),
        &public_bytes(signer),
        &public_bytes(&reader.to_public()),
        digest,
    ) else {
        return false;
    };
    // In constant time: how many bytes agree must not show in how long it takes.
    expected.iter().zip(tag).fold(0u8, |d, (a, b)| d | (a ^ b)) == 0
}

fn derive(
    own: &x25519_dalek::StaticSecret,
    other: &[u8; 32],
    signer: &[u8; 32],
    reader: &[u8; 32],
    digest: &[u8; 32],
) -> Option<[u8; 32]> {
    let shared = own.diffie_hellman(&x25519_dalek::PublicKey::from(*other));
    if !shared.was_contributory() {
        return None;
    }
    let mut salt = Vec::with_capacity(PURPOSE.len() + 64);
    salt.extend_from_slice(PURPOSE);
    salt.extend_from_slice(signer);
    salt.extend_from_slice(reader);
    let mut out = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(Some(&salt), shared.as_bytes())
        .expand(digest, &mut out)
        .ok()?;
    Some(out)
}

/// SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// How many words a fingerprint has: 8 bytes of SHA-256, 64 bits. Making another key
/// with the same words takes about 2^64 tries, far beyond anyone who would attack a
/// team library.
pub const FINGERPRINT_WORDS: usize = 8;

/// A public key's fingerprint in words (`"kaas vlag ..."`), for two people to read to
/// each other over the phone: the same key always gives the same words.
pub fn fingerprint(key: &str) -> String {
    let hash = digest(key.trim().as_bytes());
    hash[..FINGERPRINT_WORDS]
        .iter()
        .map(|b| super::words::WORDS[usize::from(*b)])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_convinces_only_the_member_it_was_made_for_and_only_of_its_maker() {
        let (a, b, c) = (
            Identity::generate(),
            Identity::generate(),
            Identity::generate(),
        );
        let d = digest(b"keys.json as written");
        let t = tag(&a, &b.to_public(), &d).unwrap();
        assert!(check(&b, &a.to_public(), &d, &t), "b accepts a's tag");
        assert!(!check(&c, &a.to_public(), &d, &t), "not made for c");
        assert!(!check(&b, &c.to_public(), &d, &t), "not made by c");
        let other = digest(b"keys.json changed");
        assert!(!check(&b, &a.to_public(), &other, &t), "another content");
        let mut flipped = t;
        flipped[0] ^= 1;
        assert!(!check(&b, &a.to_public(), &d, &flipped));
        // A member signs for themselves too (the laptop that made it checks it later).
        let own = tag(&a, &a.to_public(), &d).unwrap();
        assert!(check(&a, &a.to_public(), &d, &own));
    }

    #[test]
    fn a_fingerprint_is_eight_words_fixed_per_key() {
        let a = Identity::generate().to_public().to_string();
        let b = Identity::generate().to_public().to_string();
        assert_eq!(fingerprint(&a), fingerprint(&a));
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).split(' ').count(), FINGERPRINT_WORDS);
    }

    #[test]
    fn the_words_are_256_different_short_words() {
        let mut w = super::super::words::WORDS.to_vec();
        assert!(w.iter().all(|x| (2..=7).contains(&x.len()) && x.is_ascii()));
        w.sort_unstable();
        w.dedup();
        assert_eq!(w.len(), 256);
    }
}
