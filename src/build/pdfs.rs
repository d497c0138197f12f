//! The PDFs of one build: each distinct document typeset once (the same 名单 is bound in two
//! volumes), and all that a build needs typeset side by side on every core before the volumes
//! are bound.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::{BuildError, Engine, Rendered};
use crate::build::cache::Key;

pub struct Pdfs<'e> {
    pub engine: &'e Engine,
    done: Mutex<HashMap<Key, Vec<u8>>>,
}

impl<'e> Pdfs<'e> {
    pub fn new(engine: &'e Engine) -> Pdfs<'e> {
        Pdfs { engine, done: Mutex::new(HashMap::new()) }
    }

    fn done(&self) -> MutexGuard<'_, HashMap<Key, Vec<u8>>> {
        // Nothing panics while holding the lock; if something did, the map is still whole.
        self.done.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Typesets, side by side, each of `documents` not typeset yet.
    pub fn prepare<'d>(&self, documents: impl IntoIterator<Item = &'d Rendered>) -> Result<(), BuildError> {
        let todo: Vec<&Rendered> = {
            let done = self.done();
            let mut seen = HashSet::new();
            documents.into_iter().filter(|d| !done.contains_key(&d.key) && seen.insert(d.key)).collect()
        };
        let typeset = todo
            .par_iter()
            .with_max_len(1)
            .map(|d| Ok((d.key, self.engine.pdf(d)?)))
            .collect::<Result<Vec<_>, BuildError>>()?;
        self.done().extend(typeset);
        Ok(())
    }

    /// The PDF of `document`, typeset now unless it already was.
    pub fn get(&self, document: &Rendered) -> Result<Vec<u8>, BuildError> {
        if let Some(pdf) = self.done().get(&document.key) {
            return Ok(pdf.clone());
        }
        let pdf = self.engine.pdf(document)?;
        self.done().insert(document.key, pdf.clone());
        Ok(pdf)
    }
}
