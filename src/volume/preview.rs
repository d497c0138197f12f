//! The first page of an evidence file as a small picture, for the workbench's list of scans: a
//! PDF drawn by hayro, an image decoded and scaled by `image`. A file the binder would refuse
//! gives the binder's reason instead, so a preview never shows what the volume will not.

use std::path::Path;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use image::{DynamicImage, ImageDecoder, ImageReader, RgbaImage};

use super::assemble::{guarded, read};
use super::image::{check, format_of};
use super::import::open;
use super::sniff::{HEAD, Kind, sniff};

/// The box a preview fits in, in pixels (an A4 page fills it).
pub const PREVIEW_BOX: (u32, u32) = (120, 170);

/// The first page of the file at `path` fitted into [`PREVIEW_BOX`] as a reader shows it (a
/// PDF's /Rotate, an image's EXIF or TIFF orientation applied), or why the volume cannot take
/// the file (Chinese, as the binder says it).
pub fn preview(path: &Path, password: Option<&str>) -> Result<RgbaImage, String> {
    let bytes = read(path)?;
    let kind = sniff(&bytes[..bytes.len().min(HEAD)])?;
    guarded(|| match kind {
        Kind::Pdf => {
            // Opened as the binder opens it first: the same reasons for the same files.
            open(&bytes, password)?;
            first_pdf_page(bytes, password.unwrap_or_default())
        }
        other => {
            check(&bytes, other)?;
            first_image(&bytes, other)
        }
    })
}

fn first_pdf_page(bytes: Vec<u8>, password: &str) -> Result<RgbaImage, String> {
    let unreadable = || "PDF 文件无法显示预览（内容有误），请用 PDF 阅读器打开检查，必要时另存后再放入".to_string();
    let pdf = Pdf::new_with_password(bytes, password).map_err(|_| unreadable())?;
    let pages = pdf.pages();
    let page = pages.first().ok_or_else(unreadable)?;
    let (width, height) = page.render_dimensions();
    if width <= 0.0 || height <= 0.0 {
        return Err(unreadable());
    }
    let scale = (PREVIEW_BOX.0 as f32 / width).min(PREVIEW_BOX.1 as f32 / height);
    let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let pixmap = hayro::render(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &settings,
    );
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    RgbaImage::from_raw(width, height, pixmap.data_as_u8_slice().to_vec()).ok_or_else(unreadable)
}

/// The first picture of an image file, turned upright (EXIF, TIFF) and scaled down; its size
/// was checked before it is decoded.
fn first_image(bytes: &[u8], kind: Kind) -> Result<RgbaImage, String> {
    let format = format_of(kind);
    let broken = |e: image::ImageError| super::image::image_error(format, e);
    let mut decoder = ImageReader::with_format(std::io::Cursor::new(bytes), format).into_decoder().map_err(broken)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(broken)?;
    image.apply_orientation(orientation);
    Ok(image.thumbnail(PREVIEW_BOX.0, PREVIEW_BOX.1).to_rgba8())
}
