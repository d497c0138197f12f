//! The pages of a volume that dossier typesets itself: cover, 目录, and the pages that stand
//! for an item without evidence or, in a draft, for a refused file.

use std::path::Path;
use std::sync::Arc;

use super::pdfs::Pdfs;
use crate::model::{Cluster, Submission};
use crate::pdf::Typeset;
use crate::render::forms;
use crate::volume::{self, Pages, PagesError};

pub struct VolumePages<'a> {
    pub pdfs: &'a Pdfs<'a>,
    pub cluster: &'a Cluster,
    pub submission: Submission,
    pub draft: bool,
}

impl VolumePages<'_> {
    fn typeset(&self, form: &forms::Form) -> Result<Arc<Typeset>, PagesError> {
        let document = self.pdfs.engine.render(form)?;
        Ok(self.pdfs.get(&document)?)
    }
}

/// The page that says an item has nothing: “无” under the item's title.
pub fn empty_item(cluster: &Cluster, number: usize, title: &str, draft: bool) -> forms::Form {
    forms::notice_page(cluster, &format!("{number}.{title}"), "无", &[], draft)
}

impl Pages for VolumePages<'_> {
    fn cover(&self) -> Result<Arc<Typeset>, PagesError> {
        self.typeset(&forms::volume_cover(self.cluster, self.submission, self.draft))
    }

    fn contents(&self, toc: &[volume::TocEntry]) -> Result<Arc<Typeset>, PagesError> {
        self.typeset(&forms::volume_contents(self.cluster, self.submission, toc, self.draft))
    }

    fn empty_item(&self, number: usize, title: &str) -> Result<Arc<Typeset>, PagesError> {
        self.typeset(&empty_item(self.cluster, number, title, self.draft))
    }

    fn refused(&self, title: &str, file: &Path, reason: &str) -> Result<Arc<Typeset>, PagesError> {
        let details = [
            format!("文件：{}", file.display()),
            format!("未能装订：{reason}"),
            "（草稿：正式材料须换成可用的文件）".to_owned(),
        ];
        self.typeset(&forms::notice_page(self.cluster, title, "此处缺少佐证材料", &details, self.draft))
    }
}
