//! Previews of the first page of each scan, drawn on the server (`volume::preview`) as small
//! PNGs the evidence page loads lazily. Each is drawn once per version of its file and kept in
//! memory; two are drawn at a time, off the server's threads, so a folder of large scans never
//! holds up the page or fills the memory.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use super::Workbench;
use super::api::blocking;
use super::evidence::item_file;

/// A file as it is now: its path, length and time of change.
type Version = (PathBuf, u64, Option<SystemTime>);

/// The PNG of a file's first page, or why there is none.
type Drawn = Result<Arc<Vec<u8>>, String>;

/// The previews drawn so far. Kept for as long as the workbench runs: a few kilobytes each.
pub struct Previews {
    drawn: Mutex<HashMap<Version, Drawn>>,
    drawing: Semaphore,
}

impl Default for Previews {
    fn default() -> Self {
        Previews { drawn: Mutex::default(), drawing: Semaphore::new(2) }
    }
}

impl Previews {
    fn get(&self, version: &Version) -> Option<Drawn> {
        self.drawn.lock().unwrap_or_else(|e| e.into_inner()).get(version).cloned()
    }

    fn keep(&self, version: Version, drawn: Drawn) {
        self.drawn.lock().unwrap_or_else(|e| e.into_inner()).insert(version, drawn);
    }
}

/// The first page of the `index`th file of an item, as a PNG no larger than
/// [`crate::volume::PREVIEW_BOX`]; a file the volume cannot take answers its reason (422).
pub async fn preview(
    State(workbench): State<Arc<Workbench>>,
    UrlPath((id, folder, index)): UrlPath<(String, String, usize)>,
) -> Response {
    let file = match item_file(&workbench, &id, &folder, index) {
        Ok(file) => file,
        Err(response) => return response,
    };
    let meta = std::fs::metadata(&file.path).ok();
    let version = (file.path.clone(), meta.as_ref().map_or(0, |m| m.len()), meta.and_then(|m| m.modified().ok()));
    let drawn = match workbench.previews.get(&version) {
        Some(drawn) => drawn,
        None => {
            let Ok(_turn) = workbench.previews.drawing.acquire().await else {
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            };
            let drawn = match blocking(move || draw(&file)).await {
                Ok(drawn) => drawn,
                Err(response) => return response,
            };
            workbench.previews.keep(version, drawn.clone());
            drawn
        }
    };
    match drawn {
        Ok(png) => {
            ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "no-store")], png.to_vec()).into_response()
        }
        Err(error) => (StatusCode::UNPROCESSABLE_ENTITY, Json(serde_json::json!({ "error": error }))).into_response(),
    }
}

fn draw(file: &crate::load::scans::File) -> Drawn {
    let name = file.path.display();
    let page = crate::volume::preview(&file.path, file.password.as_deref())
        .map_err(|e| format!("{name} 无法显示预览：{e}"))?;
    // Opaque: the page is drawn on white, and RGB makes a smaller PNG.
    let page = image::DynamicImage::ImageRgba8(page).to_rgb8();
    let mut png = Vec::new();
    page.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| format!("{name} 无法显示预览：{e}"))?;
    Ok(Arc::new(png))
}
