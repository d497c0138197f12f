//! What the benchmarks share: each run a process of its own under `/usr/bin/time -v` (wall
//! and CPU time, peak memory), medians of several runs, and the machine they ran on.
#![allow(dead_code)] // each bench uses part of it

use std::path::Path;
use std::process::Command;

use image::{GrayImage, Luma};

/// How many runs a measurement takes: `BENCH_RUNS`, else `default`.
pub fn runs(default: usize) -> usize {
    std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(default)
}

/// One run: seconds of wall-clock and CPU (user + system) time, peak resident memory in MB.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: f64,
    pub cpu: f64,
    pub peak_mb: f64,
}

/// Runs `argv` under `/usr/bin/time -v` (apt-get install time); panics when it fails.
pub fn timed(argv: &[String]) -> Sample {
    let output =
        Command::new("/usr/bin/time").arg("-v").args(argv).output().expect("/usr/bin/time (apt-get install time)");
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{argv:?} failed: {text}");
    let field = |key: &str| {
        text.lines().find_map(|l| l.trim().strip_prefix(key)).map(str::trim).unwrap_or_default().to_string()
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")
        .split(':')
        .fold(0.0, |acc, part| acc * 60.0 + part.parse::<f64>().unwrap_or(0.0));
    let cpu = ["User time (seconds):", "System time (seconds):"]
        .iter()
        .map(|key| field(key).parse::<f64>().unwrap_or(0.0))
        .sum();
    let peak_kb: f64 = field("Maximum resident set size (kbytes):").parse().unwrap_or(0.0);
    Sample { wall, cpu, peak_mb: peak_kb / 1024.0 }
}

/// `runs` runs of `argv`, each after `prepare` and a `sync` (so that one run's writes being
/// flushed do not slow the next): median wall and CPU time, the highest peak memory.
pub fn measure(runs: usize, mut prepare: impl FnMut(), argv: &[String]) -> Sample {
    let samples: Vec<Sample> = (0..runs)
        .map(|_| {
            prepare();
            sync();
            timed(argv)
        })
        .collect();
    Sample {
        wall: median(samples.iter().map(|s| s.wall).collect()),
        cpu: median(samples.iter().map(|s| s.cpu).collect()),
        peak_mb: samples.iter().map(|s| s.peak_mb).fold(0.0, f64::max),
    }
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

pub fn sync() {
    let _ = Command::new("sync").status();
}

/// The machine, for the report: cores, CPU model, memory.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_gb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!("{cores} cores (nproc), {model}, {memory_gb:.0} GB RAM")
}

/// The header of a results table.
pub fn header(first: &str) {
    println!("\n{first:<46} {:>9} {:>9} {:>10}", "wall s", "CPU s", "peak MB");
}

pub fn row(name: &str, s: &Sample) {
    println!("{name:<46} {:>9.3} {:>9.3} {:>10.1}", s.wall, s.cpu, s.peak_mb);
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn args(items: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<String> {
    items.iter().map(|i| i.as_ref().to_string_lossy().into_owned()).collect()
}

/// A scanned A4 page at 300 dpi: paper-grey noise and lines of dark "words", ~330 KB as JPEG.
pub fn scan(seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 60).encode_image(&page(seed)).unwrap();
    out
}

/// The same page as a PNG, as some scanners save it.
pub fn png_scan(seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    page(seed).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

fn page(seed: u64) -> GrayImage {
    let (w, h) = (2480u32, 3508u32);
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    let mut image = GrayImage::from_fn(w, h, |_, _| Luma([235]));
    for y in (300..h - 300).step_by(70) {
        let mut x = 250;
        while x < w - 300 {
            let word = 40 + next() % 160;
            for yy in y..y + 34 {
                for xx in x..(x + word).min(w - 250) {
                    image.put_pixel(xx, yy, Luma([(30 + next() % 12) as u8]));
                }
            }
            x += word + 30;
        }
    }
    // Paper texture: a faint pattern, as scanners pick up from the paper.
    for (i, p) in image.pixels_mut().enumerate() {
        if i % 7 == 0 {
            p.0[0] = p.0[0].saturating_add((next() % 6) as u8);
        }
    }
    image
}
