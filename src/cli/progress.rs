//! Progress bars on a terminal, drawn from the events a build reports: a bar per volume being
//! bound, or, for a city, one bar over its clusters (they build side by side, so bars per volume
//! would crowd the screen). Nothing is drawn when stderr is not a terminal.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Mutex, MutexGuard, PoisonError};

use dossier::build::{Event, Progress};
use dossier::volume;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// Where the commands send a build's progress.
pub fn bars() -> Progress {
    if !std::io::stderr().is_terminal() {
        return Progress::default();
    }
    let bars = Bars::default();
    Progress::new(move |event| bars.show(event))
}

#[derive(Default)]
struct Bars {
    screen: MultiProgress,
    /// The bar over a city's clusters, while they build.
    city: Mutex<Option<ProgressBar>>,
    /// A bar per volume being bound, by cluster and volume title.
    volumes: Mutex<HashMap<(String, String), ProgressBar>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A bar that panicked mid-draw leaves nothing worth refusing to draw on.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn bar(len: usize, template: &str) -> ProgressBar {
    let style = ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(len as u64).with_style(style.progress_chars("=> "))
}

impl Bars {
    fn show(&self, event: Event) {
        match event {
            Event::ClustersStarted { clusters, .. } => {
                let bar = self.screen.add(bar(clusters, "生成各集群材料 [{bar:30}] {pos}/{len} {msg}"));
                *lock(&self.city) = Some(bar);
            }
            Event::ClusterBuilt { cluster, .. } => {
                if let Some(bar) = lock(&self.city).as_ref() {
                    bar.inc(1);
                    bar.set_message(cluster);
                }
            }
            Event::ClustersFinished { .. } => {
                if let Some(bar) = lock(&self.city).take() {
                    bar.finish_and_clear();
                    self.screen.remove(&bar);
                }
            }
            Event::Volume { .. } if lock(&self.city).is_some() => {}
            Event::Volume { cluster, binding } => self.volume(cluster, binding),
        }
    }

    fn volume(&self, cluster: String, binding: volume::Event) {
        let mut volumes = lock(&self.volumes);
        match binding {
            volume::Event::Started { volume, files } => {
                let bar = self.screen.add(bar(files, "装订 {prefix} [{bar:30}] {pos}/{len} 个文件 · {msg}"));
                bar.set_prefix(volume.clone());
                volumes.insert((cluster, volume), bar);
            }
            volume::Event::Bound { volume, done, name, pages } => {
                if let Some(bar) = volumes.get(&(cluster, volume)) {
                    bar.set_position(done as u64);
                    bar.set_message(format!("{pages} 页 · {name}"));
                }
            }
            // An error ends a binding early: its bar must not stay on screen over the message.
            volume::Event::Finished { volume } => {
                if let Some(bar) = volumes.remove(&(cluster, volume)) {
                    bar.finish_and_clear();
                    self.screen.remove(&bar);
                }
            }
        }
    }
}
