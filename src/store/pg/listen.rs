//! Live refresh: every change is announced on the channel `dabir` in its
//! transaction («meeting 1234», «unit 56»). A thread with a connection of its
//! own listens and hands other processes' announcements to the app; after a
//! dropped connection it connects again and sends an empty one («something
//! may have changed meanwhile»).

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;

use super::{PgArchive, tls};
use crate::store::error::{Result, StoreError};

/// How long to wait before connecting again after the connection dropped.
const RETRY: Duration = Duration::from_secs(5);

impl PgArchive {
    /// Changes saved by other processes, as they are announced.
    pub fn listen(&self) -> Result<Receiver<String>> {
        let given = self.given.clone();
        let own = std::sync::Arc::clone(&self.backend);
        let client = listener(&given).map_err(|reason| StoreError::Postgres {
            url: self.url.clone(),
            reason,
        })?;
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("listen".into())
            .spawn(move || relay(client, &given, own, &tx))
            .map_err(|e| self.invalid(format!("cannot start listening: {e}")))?;
        Ok(rx)
    }
}

/// A connection listening on `dabir`.
fn listener(url: &str) -> std::result::Result<Client, String> {
    let tls = tls::prepare(url)?;
    let mut client = Client::connect(&tls.url, tls.tls).map_err(|e| super::describe(&e))?;
    client
        .batch_execute("LISTEN dabir")
        .map_err(|e| super::describe(&e))?;
    Ok(client)
}

/// Hands announcements on until the app stops receiving.
fn relay(mut client: Client, url: &str, own: Arc<AtomicI32>, tx: &Sender<String>) {
    loop {
        let next = client.notifications().blocking_iter().next();
        match next {
            Ok(Some(n)) => {
                if n.process_id() != own.load(Ordering::Relaxed)
                    && tx.send(n.payload().to_owned()).is_err()
                {
                    return;
                }
            }
            Ok(None) | Err(_) => {
                tracing::warn!("the archive's announcements stopped: connecting again");
                client = loop {
                    std::thread::sleep(RETRY);
                    match listener(url) {
                        Ok(c) => break c,
                        Err(e) => tracing::warn!("listening again: {e}"),
                    }
                };
                if tx.send(String::new()).is_err() {
                    return;
                }
            }
        }
    }
}
