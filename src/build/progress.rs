//! What a build reports as it goes, for whoever shows progress: the command line draws bars from
//! these events, and they serialize (`{"kind": "cluster_built", …}`) for a browser. The library
//! draws nothing itself.

use std::fmt;
use std::sync::Arc;

use crate::volume;

/// One step of a build. Clusters and volumes build side by side, so events of different ones
/// interleave; those of one volume come in order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A city starts building its `clusters` clusters.
    ClustersStarted { city: String, clusters: usize },
    /// A cluster of a city is built (`ok`) or failed.
    ClusterBuilt { city: String, cluster: String, ok: bool },
    /// Every cluster of the city is done.
    ClustersFinished { city: String },
    /// A volume of `cluster` is being bound.
    Volume { cluster: String, binding: volume::Event },
}

/// Where a build sends its events: cheap to clone into every thread of the build (rayon's among
/// them). The default sends them nowhere.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Fn(Event) + Send + Sync>>);

impl Progress {
    pub fn new(report: impl Fn(Event) + Send + Sync + 'static) -> Progress {
        Progress(Some(Arc::new(report)))
    }

    pub fn report(&self, event: Event) {
        if let Some(report) = &self.0 {
            report(event);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Progress(reported)" } else { "Progress(none)" })
    }
}
