//! `dossier serve`: the workbench on 127.0.0.1, opened in the default browser, until Ctrl-C or
//! until the console window is closed.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use anyhow::{Context, Result};

use dossier::serve::{self, Workbench};

use super::{Outcome, paths};

pub fn serve(path: &Path, bundled_fonts: bool, open: bool) -> Result<Outcome> {
    let workbench = Arc::new(Workbench::open(path, bundled_fonts)?);
    let runtime = tokio::runtime::Runtime::new().context("无法启动工作台")?;
    runtime.block_on(async {
        let listener = serve::listen().await.context("无法在本机 127.0.0.1 上打开端口")?;
        let url = workbench.url(listener.local_addr()?);
        println!("dossier 工作台已启动：{url}");
        println!("（只有本机能访问，地址中带有口令。按 Ctrl-C 或关闭此窗口结束。）");
        println!("材料生成到 {}", paths::shown(workbench.out()));
        if open && let Err(error) = open_browser(&url) {
            println!("未能自动打开浏览器（{error}）：请把上面的地址复制到浏览器中打开。");
        }
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        serve::serve(workbench, listener, shutdown).await.context("工作台出错")?;
        println!("工作台已结束。");
        Ok(Outcome::Clean)
    })
}

/// Opens `url` in the default browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(windows) {
        // `start` is cmd's; its first quoted argument is the window title.
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().map(drop)
}
