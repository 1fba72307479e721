//! TLS to the server, chosen in the URL as libpq's `sslmode` reads it:
//! `disable` (plain), `prefer` (the default: encrypted when the server offers
//! it), `require` (encrypted or no connection), `verify-ca` (and the server's
//! certificate signed by the root in `sslrootcert=FILE`), `verify-full` (and
//! issued for the host dabir connects to). As in libpq, `prefer` and
//! `require` encrypt without checking whom they talk to; `verify-full` is
//! the one that keeps a man in the middle out.
//!
//! The client library knows `disable`, `prefer` and `require` only, and no
//! `sslrootcert`: the URL is read here first, and it gets `require` with a
//! verifier that does what the mode asks.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

/// What `sslmode` asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// The URL for the client library and the TLS connector for the mode.
pub struct Prepared {
    pub url: String,
    pub tls: MakeRustlsConnect,
}

/// Reads `sslmode` and `sslrootcert` out of the URL. Errors are for the user:
/// an unknown mode, a root file missing or unreadable.
pub fn prepare(url: &str) -> Result<Prepared, String> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut mode = Mode::Prefer;
    let mut root: Option<PathBuf> = None;
    let mut kept: Vec<&str> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => {
                mode = match value {
                    "disable" => Mode::Disable,
                    "allow" | "prefer" => Mode::Prefer,
                    "require" => Mode::Require,
                    "verify-ca" => Mode::VerifyCa,
                    "verify-full" => Mode::VerifyFull,
                    other => {
                        return Err(format!(
                            "sslmode={other} is not one of disable, prefer, require, \
                             verify-ca, verify-full"
                        ));
                    }
                }
            }
            "sslrootcert" => root = Some(PathBuf::from(percent_decode(value))),
            _ => kept.push(pair),
        }
    }
    kept.push(match mode {
        Mode::Disable => "sslmode=disable",
        Mode::Prefer => "sslmode=prefer",
        Mode::Require | Mode::VerifyCa | Mode::VerifyFull => "sslmode=require",
    });
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match mode {
        Mode::Disable | Mode::Prefer | Mode::Require => Arc::new(Unchecked(provider.clone())),
        Mode::VerifyCa | Mode::VerifyFull => {
            let roots = roots(root, mode)?;
            let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                .build()
                .map_err(|e| format!("the root certificates: {e}"))?;
            if mode == Mode::VerifyCa {
                Arc::new(AnyName(webpki))
            } else {
                webpki
            }
        }
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(Prepared {
        url: format!("{base}?{}", kept.join("&")),
        tls: MakeRustlsConnect::new(config),
    })
}

/// The roots a verifying mode checks against: `sslrootcert`, else libpq's
/// `~/.postgresql/root.crt`.
fn roots(file: Option<PathBuf>, mode: Mode) -> Result<Arc<RootCertStore>, String> {
    let name = if mode == Mode::VerifyCa {
        "verify-ca"
    } else {
        "verify-full"
    };
    let file = match file {
        Some(f) => f,
        None => {
            let default = std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".postgresql/root.crt"))
                .filter(|p| p.exists());
            default.ok_or_else(|| {
                format!(
                    "sslmode={name} needs the server's root certificate: sslrootcert=FILE \
                     in the URL, or ~/.postgresql/root.crt"
                )
            })?
        }
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&file)
        .and_then(|it| it.collect())
        .map_err(|e| format!("sslrootcert {}: {e}", file.display()))?;
    let mut store = RootCertStore::empty();
    let (added, _) = store.add_parsable_certificates(certs);
    if added == 0 {
        return Err(format!(
            "sslrootcert {}: no certificate in it",
            file.display()
        ));
    }
    Ok(Arc::new(store))
}

/// `%XX` in a URL value as the byte it stands for.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `prefer` and `require`: the certificate is not checked (as in libpq), the
/// handshake's signatures are.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a root of `sslrootcert`; the name the
/// certificate was issued for is not compared with the host.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // The chain is checked before the name: an error about the name
        // means the chain was good.
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_is_read_and_given_to_the_client_as_it_knows_it() {
        let p = prepare("postgres://u@h/db").unwrap();
        assert_eq!(p.url, "postgres://u@h/db?sslmode=prefer");
        let p = prepare("postgres://u@h/db?sslmode=disable&options=-c%20x").unwrap();
        assert_eq!(p.url, "postgres://u@h/db?options=-c%20x&sslmode=disable");
        for mode in ["require", "verify-ca", "verify-full"] {
            let root = "/etc/ssl/certs/ssl-cert-snakeoil.pem";
            if mode != "require" && !std::path::Path::new(root).exists() {
                continue;
            }
            let p = prepare(&format!(
                "postgres://u@h/db?sslmode={mode}&sslrootcert={root}"
            ));
            assert_eq!(
                p.unwrap().url,
                "postgres://u@h/db?sslmode=require",
                "{mode}"
            );
        }
        let e = prepare("postgres://u@h/db?sslmode=maybe").err().unwrap();
        assert!(e.contains("sslmode=maybe"), "{e}");
    }

    #[test]
    fn a_verifying_mode_needs_a_root_that_reads() {
        let e = prepare("postgres://u@h/db?sslmode=verify-full&sslrootcert=/nonexistent/root.crt")
            .err()
            .unwrap();
        assert!(e.contains("/nonexistent/root.crt"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate").unwrap();
        let e = prepare(&format!(
            "postgres://u@h/db?sslmode=verify-ca&sslrootcert={}",
            empty.display()
        ))
        .err()
        .unwrap();
        assert!(e.contains("no certificate"), "{e}");
    }

    #[test]
    fn percent_escapes_in_a_root_path_are_read() {
        assert_eq!(
            percent_decode("%2Fetc%2Fssl%2Froot.crt"),
            "/etc/ssl/root.crt"
        );
        assert_eq!(percent_decode("a%zzb"), "a%zzb");
    }
}
