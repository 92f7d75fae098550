//! Members of a team on the real binary: each with a personal key made by `tafel keys
//! init` in their own keys folder, and a passphrase file. The key's scrypt work factor is
//! lowered for tests with `TAFEL_TEST_SCRYPT_LOG_N` (debug builds only).

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use super::{stderr, stdout};

/// `tafel --data-dir DATA --keys-dir KEYS --passphrase-file PASS ARGS...` in Dutch.
pub fn run(data: &Path, keys: &Path, pass: &Path, args: &[&str]) -> Output {
    super::bin()
        .arg("--data-dir")
        .arg(data)
        .arg("--keys-dir")
        .arg(keys)
        .arg("--passphrase-file")
        .arg(pass)
        .args(args)
        .env_remove("TAFEL_DATA_DIR")
        .env_remove("TAFEL_KEYS_DIR")
        .env("TAFEL_TEST_SCRYPT_LOG_N", "10")
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("tafel runs")
}

/// `tafel ARGS` on `data` as team member `m` (their key and passphrase).
pub fn by(m: &Member, data: &Path, args: &[&str]) -> Output {
    run(data, &m.keys, &m.pass, args)
}

pub fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
    stdout(o)
}

pub struct Member {
    pub keys: PathBuf,
    pub pass: PathBuf,
    pub public: String,
}

pub fn member(dir: &Path, name: &str, passphrase: &str) -> Member {
    let keys = dir.join(format!("keys-{name}"));
    let pass = dir.join(format!("pass-{name}"));
    std::fs::write(&pass, format!("{passphrase}\n")).unwrap();
    let o = run(&dir.join("unused"), &keys, &pass, &["keys", "init"]);
    let out = ok(&o);
    let public = out
        .lines()
        .find(|l| l.starts_with("age1"))
        .expect("the public key is printed")
        .to_string();
    assert!(
        out.contains("Niemand kan hem herstellen"),
        "a lost passphrase is said to be lost data"
    );
    Member { keys, pass, public }
}
