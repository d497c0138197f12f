//! The ZIP container, written so that equal parts give equal bytes: fixed order, fixed time
//! stamp, fixed permissions and host system, no directory entries.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::parts::Part;

pub(crate) fn zip(parts: &[Part], time: DateTime) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for part in parts {
        zip.start_file(part.path.as_str(), options)?;
        zip.write_all(part.xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
