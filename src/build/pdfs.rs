//! The typeset documents of one build: each distinct document typeset once (the same 名单 is
//! bound in two volumes), and all that a build needs typeset side by side on every core before
//! the volumes are bound.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::{BuildError, Engine, Rendered};
use crate::build::cache::Key;
use crate::pdf::Typeset;

pub struct Pdfs<'e> {
    pub engine: &'e Engine,
    done: Mutex<HashMap<Key, Arc<Typeset>>>,
}

impl<'e> Pdfs<'e> {
    pub fn new(engine: &'e Engine) -> Pdfs<'e> {
        Pdfs { engine, done: Mutex::new(HashMap::new()) }
    }

    fn done(&self) -> MutexGuard<'_, HashMap<Key, Arc<Typeset>>> {
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
            .map(|d| Ok((d.key, self.engine.typeset(d)?)))
            .collect::<Result<Vec<_>, BuildError>>()?;
        self.done().extend(typeset);
        Ok(())
    }

    /// `document` typeset, now unless it already was.
    pub fn get(&self, document: &Rendered) -> Result<Arc<Typeset>, BuildError> {
        if let Some(typeset) = self.done().get(&document.key) {
            return Ok(typeset.clone());
        }
        let typeset = self.engine.typeset(document)?;
        self.done().insert(document.key, typeset.clone());
        Ok(typeset)
    }
}
