//! Scanned images to Image XObjects. A JPEG goes in as it is (DCTDecode, header read from its
//! markers, no decoding); other formats are decoded and stored losslessly (Flate, alpha as an
//! /SMask, pure black-and-white scans at 1 bit). Only a huge image is re-encoded: one whose
//! resolution on the sheet exceeds 1.5 × `max_dpi` is brought down to `max_dpi`, so phone photos
//! and 300 dpi scans pass untouched while 50-megapixel pictures stop bloating the volume.
//! Orientation (EXIF, TIFF) is applied by the placement matrix, never to the pixels.
//!
//! Memory stays bounded whatever a file claims: an image is refused from its header, before any
//! decoding, past [`MAX_PIXELS`] or past [`MAX_DECODED`] bytes of pixels, and one that is
//! brought down is averaged straight into its smaller size (no full-size intermediate).

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use lopdf::{Dictionary, Object, dictionary};

use super::Turn;
use super::placement::{Matrix, Rect, fit, mirror, turn};
use super::sniff::Kind;
use crate::pdf::deflate;

/// One image page, encoded and ready to write.
#[derive(Debug)]
pub struct Picture {
    /// The Image XObject dictionary (without /Length and /SMask).
    pub dict: Dictionary,
    pub data: Vec<u8>,
    /// Alpha channel, when some pixel is not opaque.
    pub smask: Option<(Dictionary, Vec<u8>)>,
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
}

impl Picture {
    /// Maps the image's unit square onto `area` of the sheet, upright (then turned as `how`
    /// says) and fitted.
    pub fn placement(&self, area: &Rect, how: Turn) -> Matrix {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        let (o, dw, dh) = orient(self.orientation, w, h);
        Matrix::scale(w, h).then(o).then(fit(dw, dh, area, how))
    }
}

/// The transform that shows `[0,w]×[0,h]` the way `orientation` says, and the shown size.
fn orient(orientation: Orientation, w: f64, h: f64) -> (Matrix, f64, f64) {
    match orientation {
        Orientation::NoTransforms => (Matrix::IDENTITY, w, h),
        Orientation::Rotate90 => turn(1, w, h),
        Orientation::Rotate180 => turn(2, w, h),
        Orientation::Rotate270 => turn(3, w, h),
        Orientation::FlipHorizontal => (mirror(w), w, h),
        Orientation::FlipVertical => (Matrix([1.0, 0.0, 0.0, -1.0, 0.0, h]), w, h),
        Orientation::Rotate90FlipH => {
            let (m, w, h) = turn(1, w, h);
            (m.then(mirror(w)), w, h)
        }
        Orientation::Rotate270FlipH => {
            let (m, w, h) = turn(3, w, h);
            (m.then(mirror(w)), w, h)
        }
    }
}

/// The most pixels an image may have. An A4 page scanned at 600 dpi, finer than any document
/// needs, has 35 million; a 48-megapixel phone photo fits too.
pub const MAX_PIXELS: u64 = 64_000_000;

/// The most bytes an image's decoded pixels may take: 64 million 8-bit RGB pixels fit; with
/// what binding adds, one image never needs much more than 250 MB.
pub const MAX_DECODED: u64 = 192 << 20;

/// Why an image of this size is not decoded, if it is too large: said before decoding, from
/// its header, so a small file claiming a billion pixels costs nothing.
fn too_large(width: u32, height: u32, decoded_bytes: u64) -> Result<(), String> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS || decoded_bytes > MAX_DECODED {
        return Err(format!(
            "图片有 {width}×{height} 像素（约 {} 万像素），解码需要约 {} MB 内存，远超过 A4 页面所需（600 dpi 扫描的 A4 页约 3500 万像素）。\
             dossier 不装订超过 {} 万像素或解码后超过 {} MB 的图片：请以 300 dpi 重新扫描，或用画图等软件缩小到约 2480×3508 像素（8 位颜色）后再放入",
            pixels / 10_000,
            decoded_bytes >> 20,
            MAX_PIXELS / 10_000,
            MAX_DECODED >> 20
        ));
    }
    Ok(())
}

/// The pixel size an image should have on `area`: its own, or `max_dpi` when it is far above.
fn target_size(width: u32, height: u32, orientation: Orientation, area: &Rect, max_dpi: u32) -> Option<(u32, u32)> {
    let (_, dw, dh) = orient(orientation, f64::from(width), f64::from(height));
    let (dw, dh) = if dw > dh { (dh, dw) } else { (dw, dh) };
    let points_per_pixel = (area.width() / dw).min(area.height() / dh);
    let dpi = 72.0 / points_per_pixel;
    let limit = f64::from(max_dpi.max(72));
    (dpi > limit * 1.5).then(|| {
        let factor = limit / dpi;
        let scaled = |v: u32| ((f64::from(v) * factor).round() as u32).max(1);
        (scaled(width), scaled(height))
    })
}

/// Every page of an image file (a TIFF may hold many).
pub fn pictures(bytes: &[u8], kind: Kind, area: &Rect, max_dpi: u32) -> Result<Vec<Picture>, String> {
    match kind {
        Kind::Jpeg => jpeg(bytes, area, max_dpi).map(|p| vec![p]),
        Kind::Tiff => tiff_pages(bytes, area, max_dpi),
        Kind::Png => decoded(bytes, ImageFormat::Png, area, max_dpi).map(|p| vec![p]),
        Kind::Gif => decoded(bytes, ImageFormat::Gif, area, max_dpi).map(|p| vec![p]),
        Kind::Bmp => decoded(bytes, ImageFormat::Bmp, area, max_dpi).map(|p| vec![p]),
        Kind::Webp => decoded(bytes, ImageFormat::WebP, area, max_dpi).map(|p| vec![p]),
        Kind::Pdf => Err("不是图片".into()),
    }
}

/// Reads only the headers: how many pages an image file has, or why it will not bind.
pub fn check(bytes: &[u8], kind: Kind) -> Result<usize, String> {
    match kind {
        Kind::Jpeg => match jpeg_info(bytes) {
            Some(info) if info.complete => jpeg_size(&info).map(|()| 1),
            Some(_) => Err(damaged("JPEG", "文件不完整或数据有误，可能在复制或下载时被截断或损坏")),
            None => Err(damaged("JPEG", "找不到图像尺寸信息")),
        },
        Kind::Tiff => {
            let mut decoder =
                tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(|e| damaged("TIFF", &e.to_string()))?;
            let mut pages = 1;
            tiff_size(&mut decoder)?;
            while decoder.more_images() {
                decoder.next_image().map_err(|e| damaged("TIFF", &e.to_string()))?;
                tiff_size(&mut decoder)?;
                pages += 1;
            }
            Ok(pages)
        }
        Kind::Pdf => Err("不是图片".into()),
        other => {
            let format = format_of(other);
            let decoder = ImageReader::with_format(Cursor::new(bytes), format)
                .into_decoder()
                .map_err(|e| image_error(format, e))?;
            decoder_size(&decoder).map(|()| 1)
        }
    }
}

pub(super) fn format_of(kind: Kind) -> ImageFormat {
    match kind {
        Kind::Png => ImageFormat::Png,
        Kind::Gif => ImageFormat::Gif,
        Kind::Bmp => ImageFormat::Bmp,
        Kind::Webp => ImageFormat::WebP,
        Kind::Tiff => ImageFormat::Tiff,
        _ => ImageFormat::Jpeg,
    }
}

fn damaged(format: &str, detail: &str) -> String {
    format!("{format} 图片已损坏或不完整，无法读取（{detail}）。请重新扫描或从原处重新复制")
}

pub(super) fn image_error(format: ImageFormat, error: image::ImageError) -> String {
    let name = format.extensions_str().first().map(|e| e.to_uppercase()).unwrap_or_default();
    match error {
        image::ImageError::Limits(_) => {
            format!("{name} 图片尺寸过大，解码需要的内存超出限制。请缩小到 A4 300 dpi（约 2480×3508 像素）左右后再放入")
        }
        image::ImageError::Unsupported(e) => {
            format!("{name} 图片使用了不支持的编码（{e}），请用画图等软件另存为 PNG 或 JPEG")
        }
        other => damaged(&name, &other.to_string()),
    }
}

/// What the markers of a JPEG say.
#[derive(Debug, Clone, PartialEq)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    pub precision: u8,
    /// Start-of-frame marker: C0 baseline, C1 extended, C2 progressive pass through as DCTDecode.
    pub sof: u8,
    /// An Adobe APP14 marker: CMYK data is stored inverted.
    pub adobe: bool,
    pub orientation: Orientation,
    /// The end-of-image marker is there (the file was not cut short).
    pub complete: bool,
}

pub fn jpeg_info(bytes: &[u8]) -> Option<JpegInfo> {
    markers(bytes, true)
}

/// The markers up to the first scan; with `to_end`, also whether the scans run to an
/// end-of-image marker (`complete`, else left false: not looked at).
fn markers(bytes: &[u8], to_end: bool) -> Option<JpegInfo> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    let mut adobe = false;
    let mut orientation = Orientation::NoTransforms;
    let mut frame = None;
    loop {
        while *bytes.get(i)? == 0xFF && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        i += 2;
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        if marker == 0xD9 {
            return None; // ends before any image data
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
        let segment = bytes.get(i + 2..i + length.max(2))?;
        match marker {
            0xDA => {
                let (width, height, components, precision, sof) = frame?;
                let complete = to_end && scans_end(bytes, i + length);
                return Some(JpegInfo { width, height, components, precision, sof, adobe, orientation, complete });
            }
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let precision = *segment.first()?;
                let height = u32::from(u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]));
                let width = u32::from(u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]));
                if width == 0 || height == 0 {
                    return None;
                }
                frame = Some((width, height, *segment.get(5)?, precision, marker));
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xE1 if segment.starts_with(b"Exif\0\0") => {
                orientation = Orientation::from_exif_chunk(&segment[6..]).unwrap_or(orientation);
            }
            _ => {}
        }
        i += length;
    }
}

/// Whether the scans from the SOS segment at `i` run to an end-of-image marker with nothing but
/// valid markers on the way. A file cut short has no EOI (a reader prints the rest grey); a
/// damaged one often shows a marker no encoder writes. Cheap: only FF bytes are looked at.
fn scans_end(bytes: &[u8], mut i: usize) -> bool {
    loop {
        let Some(ff) = memchr::memchr(0xFF, bytes.get(i..).unwrap_or_default()) else {
            return false;
        };
        i += ff + 1;
        match bytes.get(i) {
            // Stuffed zero, restart marker, fill byte.
            Some(0x00 | 0xD0..=0xD7 | 0xFF) => {}
            Some(0xD9) => return true,
            // Tables, another scan (progressive), application data or comment between scans.
            Some(0xC4 | 0xCC | 0xDA..=0xDF | 0xE0..=0xEF | 0xFE) => {
                let (Some(&hi), Some(&lo)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
                    return false;
                };
                i += 1 + usize::from(u16::from_be_bytes([hi, lo]));
                continue;
            }
            _ => return false,
        }
        i += 1;
    }
}

/// A JPEG any PDF reader decodes (baseline, extended or progressive; 8 bits; gray, RGB or CMYK).
fn decodable_as_is(info: &JpegInfo) -> bool {
    matches!(info.sof, 0xC0..=0xC2) && info.precision == 8 && matches!(info.components, 1 | 3 | 4)
}

/// Whether [`pictures`] copies the file as it is (a JPEG that needs no decoding), or refuses it
/// if it is cut short: either way there is nothing worth keeping for the next build. Reads the
/// header only.
pub fn passes_through(bytes: &[u8], kind: Kind, area: &Rect, max_dpi: u32) -> bool {
    kind == Kind::Jpeg
        && markers(bytes, false).is_some_and(|info| {
            decodable_as_is(&info) && target_size(info.width, info.height, info.orientation, area, max_dpi).is_none()
        })
}

fn jpeg(bytes: &[u8], area: &Rect, max_dpi: u32) -> Result<Picture, String> {
    let info = jpeg_info(bytes).ok_or_else(|| damaged("JPEG", "找不到图像尺寸信息"))?;
    if !info.complete {
        return Err(damaged("JPEG", "文件不完整或数据有误，可能在复制或下载时被截断或损坏"));
    }
    jpeg_size(&info)?;
    let resize = target_size(info.width, info.height, info.orientation, area, max_dpi);
    if decodable_as_is(&info) && resize.is_none() {
        let colour = match info.components {
            1 => "DeviceGray",
            3 => "DeviceRGB",
            _ => "DeviceCMYK",
        };
        let mut dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => info.width,
            "Height" => info.height,
            "ColorSpace" => colour,
            "BitsPerComponent" => 8,
            "Filter" => "DCTDecode",
        };
        if info.components == 4 && info.adobe {
            dict.set("Decode", [1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec());
        }
        return Ok(Picture {
            dict,
            data: bytes.to_vec(),
            smask: None,
            width: info.width,
            height: info.height,
            orientation: info.orientation,
        });
    }
    // Arithmetic-coded, 12-bit or oversized: decode, scale, encode again.
    let image =
        image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).map_err(|e| image_error(ImageFormat::Jpeg, e))?;
    let image = match resize {
        Some((w, h)) => image.thumbnail_exact(w, h),
        None => image,
    };
    let image = if image.color().has_color() {
        DynamicImage::ImageRgb8(image.to_rgb8())
    } else {
        DynamicImage::ImageLuma8(image.to_luma8())
    };
    let mut data = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut data, 85)
        .encode_image(&image)
        .map_err(|e| image_error(ImageFormat::Jpeg, e))?;
    let colour = if image.color().has_color() { "DeviceRGB" } else { "DeviceGray" };
    Ok(Picture {
        dict: dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => image.width(), "Height" => image.height(),
            "ColorSpace" => colour, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        data,
        smask: None,
        width: image.width(),
        height: image.height(),
        orientation: info.orientation,
    })
}

fn decoded(bytes: &[u8], format: ImageFormat, area: &Rect, max_dpi: u32) -> Result<Picture, String> {
    let mut decoder =
        ImageReader::with_format(Cursor::new(bytes), format).into_decoder().map_err(|e| image_error(format, e))?;
    decoder_size(&decoder)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| image_error(format, e))?;
    Ok(lossless(image, orientation, area, max_dpi))
}

fn lossless(image: DynamicImage, orientation: Orientation, area: &Rect, max_dpi: u32) -> Picture {
    let image = match target_size(image.width(), image.height(), orientation, area, max_dpi) {
        // Averaged straight into the smaller size: no intermediate as large as the original.
        Some((w, h)) => image.thumbnail_exact(w, h),
        None => image,
    };
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha().then(|| match &image {
        DynamicImage::ImageLumaA8(buffer) => buffer.pixels().map(|p| p.0[1]).collect::<Vec<u8>>(),
        other => other.to_rgba8().pixels().map(|p| p.0[3]).collect(),
    });
    let alpha = alpha.filter(|a| a.iter().any(|&v| v != 255));
    let (colour, data) = if image.color().has_color() {
        ("DeviceRGB", image.to_rgb8().into_raw())
    } else {
        ("DeviceGray", image.to_luma8().into_raw())
    };
    drop(image);
    let bilevel = colour == "DeviceGray" && alpha.is_none() && data.iter().all(|&v| v == 0 || v == 255);
    let (bits, data) = if bilevel { (1, pack_bits(&data, width as usize)) } else { (8, data) };
    let mut picture = flate_picture(width, height, colour, bits, &data, orientation);
    picture.smask = alpha.map(|a| {
        (
            dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => width, "Height" => height,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "FlateDecode"},
            deflate(&a),
        )
    });
    picture
}

fn flate_picture(width: u32, height: u32, colour: &str, bits: i64, data: &[u8], orientation: Orientation) -> Picture {
    Picture {
        dict: dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => width, "Height" => height,
            "ColorSpace" => colour, "BitsPerComponent" => bits, "Filter" => "FlateDecode",
        },
        data: deflate(data),
        smask: None,
        width,
        height,
        orientation,
    }
}

/// 8-bit black-or-white pixels to 1 bit (0 = black, as DeviceGray reads it), rows padded to bytes.
fn pack_bits(gray: &[u8], width: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(gray.len() / 8 + 1);
    for row in gray.chunks(width.max(1)) {
        for bits in row.chunks(8) {
            let byte = bits.iter().enumerate().fold(0u8, |acc, (i, &v)| if v != 0 { acc | (0x80 >> i) } else { acc });
            out.push(byte);
        }
    }
    out
}

fn tiff_error(error: tiff::TiffError) -> String {
    match error {
        tiff::TiffError::UnsupportedError(e) => {
            format!("TIFF 图片使用了不支持的编码（{e}），请用扫描软件另存为 PDF、JPEG 或 PNG")
        }
        tiff::TiffError::LimitsExceeded => "TIFF 图片尺寸过大，解码需要的内存超出限制。请以 300 dpi 重新扫描".into(),
        other => damaged("TIFF", &other.to_string()),
    }
}

fn tiff_pages(bytes: &[u8], area: &Rect, max_dpi: u32) -> Result<Vec<Picture>, String> {
    let mut decoder = tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(tiff_error)?;
    let mut pages = Vec::new();
    loop {
        pages.push(tiff_page(&mut decoder, area, max_dpi)?);
        if !decoder.more_images() {
            return Ok(pages);
        }
        decoder.next_image().map_err(tiff_error)?;
    }
}

/// The current page of a TIFF.
fn tiff_page(
    decoder: &mut tiff::decoder::Decoder<Cursor<&[u8]>>,
    area: &Rect,
    max_dpi: u32,
) -> Result<Picture, String> {
    use tiff::ColorType;
    use tiff::decoder::DecodingResult as D;
    tiff_size(decoder)?;
    let (width, height) = decoder.dimensions().map_err(tiff_error)?;
    let colour = decoder.colortype().map_err(tiff_error)?;
    let orientation = decoder
        .find_tag_unsigned::<u8>(tiff::tags::Tag::Orientation)
        .ok()
        .flatten()
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms);
    let data = decoder.read_image().map_err(tiff_error)?;
    let (w, h) = (width as usize, height as usize);
    let image = match (colour, data) {
        (ColorType::Gray(1), D::U8(packed)) if packed.len() >= w.div_ceil(8) * h => {
            if target_size(width, height, orientation, area, max_dpi).is_none() {
                // Fax-style scans stay 1 bit: the tiff crate already made 0 black.
                let packed = &packed[..w.div_ceil(8) * h];
                return Ok(flate_picture(width, height, "DeviceGray", 1, packed, orientation));
            }
            image::GrayImage::from_raw(width, height, unpack_bits(&packed, w, h)).map(DynamicImage::ImageLuma8)
        }
        (ColorType::Gray(8), D::U8(d)) => image::GrayImage::from_raw(width, height, d).map(DynamicImage::ImageLuma8),
        (ColorType::Gray(16), D::U16(d)) => {
            image::ImageBuffer::from_raw(width, height, d).map(DynamicImage::ImageLuma16)
        }
        (ColorType::GrayA(8), D::U8(d)) => {
            image::ImageBuffer::from_raw(width, height, d).map(DynamicImage::ImageLumaA8)
        }
        (ColorType::RGB(8) | ColorType::YCbCr(8), D::U8(d)) => {
            image::RgbImage::from_raw(width, height, d).map(DynamicImage::ImageRgb8)
        }
        (ColorType::RGB(16), D::U16(d)) => image::ImageBuffer::from_raw(width, height, d).map(DynamicImage::ImageRgb16),
        (ColorType::RGBA(8), D::U8(d)) => image::RgbaImage::from_raw(width, height, d).map(DynamicImage::ImageRgba8),
        (ColorType::RGBA(16), D::U16(d)) => {
            image::ImageBuffer::from_raw(width, height, d).map(DynamicImage::ImageRgba16)
        }
        (ColorType::CMYK(8), D::U8(mut d)) => {
            // Naive CMYK to RGB: scans are rarely CMYK, and a PDF reader would do no better.
            // In place: each pixel's RGB lands no later than its CMYK, and no second buffer.
            let pixels = d.len() / 4;
            for i in 0..pixels {
                let k = u16::from(d[4 * i + 3]);
                for c in 0..3 {
                    d[3 * i + c] = (255 - (u16::from(d[4 * i + c]) + k).min(255)) as u8;
                }
            }
            d.truncate(3 * pixels);
            image::RgbImage::from_raw(width, height, d).map(DynamicImage::ImageRgb8)
        }
        (colour, _) => {
            return Err(format!("TIFF 图片的颜色类型（{colour:?}）不受支持，请用扫描软件另存为 PDF、JPEG 或 PNG"));
        }
    };
    let image = image.ok_or_else(|| damaged("TIFF", "像素数据不完整"))?;
    Ok(lossless(image, orientation, area, max_dpi))
}

/// [`too_large`] for a JPEG, from its markers (decoded as 8 bits a component).
fn jpeg_size(info: &JpegInfo) -> Result<(), String> {
    let bytes = u64::from(info.width) * u64::from(info.height) * u64::from(info.components.max(1));
    too_large(info.width, info.height, bytes)
}

/// [`too_large`] for an image the `image` crate decodes, from its header.
fn decoder_size(decoder: &impl ImageDecoder) -> Result<(), String> {
    let (width, height) = decoder.dimensions();
    too_large(width, height, decoder.total_bytes())
}

/// [`too_large`] for the current page of a TIFF, from its header (a 1-bit page is unpacked to a
/// byte a pixel when it is brought down).
fn tiff_size(decoder: &mut tiff::decoder::Decoder<Cursor<&[u8]>>) -> Result<(), String> {
    let (width, height) = decoder.dimensions().map_err(tiff_error)?;
    let colour = decoder.colortype().map_err(tiff_error)?;
    let bits = u64::from(colour.bit_depth()) * u64::from(colour.num_samples());
    too_large(width, height, u64::from(width) * u64::from(height) * bits.div_ceil(8))
}

fn unpack_bits(packed: &[u8], w: usize, h: usize) -> Vec<u8> {
    let stride = w.div_ceil(8);
    let mut out = Vec::with_capacity(w * h);
    for row in packed.chunks(stride).take(h) {
        out.extend((0..w).map(|x| if row.get(x / 8).is_some_and(|b| b & (0x80 >> (x % 8)) != 0) { 255 } else { 0 }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::volume::placement::content_box;

    #[test]
    fn a_300_dpi_a4_scan_passes_through_and_a_huge_one_is_reduced() {
        let area = content_box(true);
        assert_eq!(target_size(2480, 3508, Orientation::NoTransforms, &area, 300), None);
        assert_eq!(target_size(4032, 3024, Orientation::NoTransforms, &area, 300), None);
        let (w, h) = target_size(9000, 12000, Orientation::NoTransforms, &area, 300).unwrap();
        // 3:4 fills the width of the box, 180 mm: 2130 pixels at 300 dpi.
        assert!((2100..2200).contains(&w) && (2800..2900).contains(&h), "{w}×{h}");
    }

    /// SOI, APP14 Adobe, SOF0 (4 components, 30×20), SOS, a byte of data, EOI.
    fn cmyk_jpeg(cut: bool) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xEE, 0, 14];
        j.extend(b"Adobe\0\x64\0\0\0\0\x02");
        j.extend([0xFF, 0xC0, 0, 20, 8, 0, 20, 0, 30, 4]);
        j.extend([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        j.extend([0xFF, 0xDA, 0, 14, 4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0, 0x12]);
        if !cut {
            j.extend([0xFF, 0xD9]);
        }
        j
    }

    #[test]
    fn adobe_cmyk_jpegs_pass_through_inverted() {
        let info = jpeg_info(&cmyk_jpeg(false)).unwrap();
        assert_eq!((info.width, info.height, info.components, info.adobe, info.complete), (30, 20, 4, true, true));
        let picture = jpeg(&cmyk_jpeg(false), &content_box(true), 300).unwrap();
        assert_eq!(picture.dict.get(b"ColorSpace").unwrap().as_name().unwrap(), b"DeviceCMYK");
        assert_eq!(picture.dict.get(b"Decode").unwrap().as_array().unwrap().len(), 8);
        assert_eq!(picture.data, cmyk_jpeg(false));
    }

    #[test]
    fn a_jpeg_cut_short_is_refused() {
        assert!(jpeg(&cmyk_jpeg(true), &content_box(true), 300).unwrap_err().contains("截断"));
        assert!(check(&cmyk_jpeg(true), Kind::Jpeg).is_err());
    }

    #[test]
    fn bits_pack_and_unpack() {
        let gray = [0, 255, 255, 0, 0, 0, 0, 0, 255, 0];
        let packed = pack_bits(&gray, 10);
        assert_eq!(packed, vec![0b0110_0000, 0b1000_0000]);
        assert_eq!(unpack_bits(&packed, 10, 1), gray);
    }

    #[test]
    fn exif_orientation_six_turns_a_landscape_sensor_upright() {
        let p = Picture {
            dict: Dictionary::new(),
            data: vec![],
            smask: None,
            width: 400,
            height: 300,
            orientation: Orientation::Rotate90,
        };
        let placed =
            Rect { x0: 0.0, y0: 0.0, x1: 1.0, y1: 1.0 }.transform(&p.placement(&content_box(true), Turn::default()));
        assert!(placed.height() > placed.width());
    }
}
