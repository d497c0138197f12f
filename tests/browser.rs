//! The workbench in a real browser: Debian's chromium, headless, driven over the DevTools
//! protocol through the page's own scripts — open the example city, fix an error injected into a
//! cluster and see its finding go and its figure change while typing, keep an unsaved edit
//! through a change made to the file on disk, drop a scan on a 目录 item, build, open the volume.
//! Each page is saved as a screenshot: into `$DOSSIER_SCREENSHOTS` (`docs` redraws the README's
//! pictures), else `target/screenshots`.
//!
//! Needs chromium (`$DOSSIER_CHROMIUM`, else `chromium` on the PATH): `tools/check-outside.sh`
//! installs it and runs this test; plain `cargo test` skips it.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use dossier::serve::Workbench;

/// How long a page may take to show what is waited for (a build of the city takes longest).
const PATIENCE: Duration = Duration::from_secs(300);

/// A headless chromium and the one page it shows, attached over the DevTools protocol.
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let program = std::env::var("DOSSIER_CHROMIUM").unwrap_or_else(|_| "chromium".into());
        let mut child = Command::new(&program)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--lang=zh-CN"])
            .args(["--no-first-run", "--remote-debugging-port=0", "--window-size=1400,1000"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program} ({e}): tools/check-outside.sh installs chromium"));
        // Chromium says where its DevTools listen on its standard error; the rest is drained.
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let address = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| line.strip_prefix("DevTools listening on ").map(str::to_owned))
            .expect("chromium tells its DevTools address");
        std::thread::spawn(move || lines.for_each(drop));
        let (socket, _) = tungstenite::connect(&address).expect("the DevTools socket accepts");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(PATIENCE)).unwrap();
        }
        let mut browser = Browser { child, socket, session: String::new(), next: 0, _profile: profile };
        let targets = browser.call("Target.getTargets", json!({}));
        let page = targets["targetInfos"].as_array().unwrap().iter().find(|t| t["type"] == "page").unwrap().clone();
        let attached = browser.call("Target.attachToTarget", json!({ "targetId": page["targetId"], "flatten": true }));
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        browser
    }

    /// One command and its result (the page's, once attached); events are passed over.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut command = json!({ "id": self.next, "method": method, "params": params });
        if !self.session.is_empty() {
            command["sessionId"] = json!(self.session);
        }
        self.socket.send(Message::text(command.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.socket.read().unwrap() else { continue };
            let answer: Value = serde_json::from_str(&text).unwrap();
            if answer["id"] == self.next {
                assert!(answer["error"].is_null(), "{method}: {}", answer["error"]);
                return answer["result"].clone();
            }
        }
    }

    /// The value of a script run in the page (a promise is awaited).
    fn eval(&mut self, script: &str) -> Value {
        let params = json!({ "expression": script, "awaitPromise": true, "returnByValue": true });
        let result = self.call("Runtime.evaluate", params);
        assert!(result["exceptionDetails"].is_null(), "{script}\n{}", result["exceptionDetails"]);
        result["result"]["value"].clone()
    }

    /// Waits until `script` is true in the page (a page being loaded answers false).
    fn wait(&mut self, what: &str, script: &str) {
        let start = Instant::now();
        let script = format!(
            "(() => {{ try {{ return document.readyState === 'complete' && !!({script}); }} catch (_) {{ return false; }} }})()"
        );
        while self.eval(&script) != json!(true) {
            assert!(start.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs `action` and waits for the page it leads to (a link, a reload) to have loaded.
    fn leads_to_new_page(&mut self, what: &str, action: &str) {
        self.eval("window.dossierOld = true");
        self.eval(action);
        self.wait(what, "!window.dossierOld");
    }

    fn click(&mut self, selector: &str) {
        self.eval(&format!("document.querySelector({}).click()", json!(selector)));
    }

    fn text(&mut self, selector: &str) -> String {
        let found = self.eval(&format!("document.querySelector({})?.innerText ?? ''", json!(selector)));
        found.as_str().unwrap().to_owned()
    }

    /// Types `text` into a field as a person does: focused, its text selected and replaced, an
    /// input event fired by the browser.
    fn type_into(&mut self, selector: &str, text: &str) {
        self.eval(&format!("(f => {{ f.focus(); f.select(); }})(document.querySelector({}))", json!(selector)));
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// The page's size for the screenshots to come: 1400 pixels wide, `height` high.
    fn viewport(&mut self, height: u32) {
        let metrics = json!({ "width": 1400, "height": height, "deviceScaleFactor": 1, "mobile": false });
        self.call("Emulation.setDeviceMetricsOverride", metrics);
    }

    /// A screenshot of what the page shows, as scrolled.
    fn screenshot(&mut self, name: &str) {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64::engine::general_purpose::STANDARD.decode(shot["data"].as_str().unwrap()).unwrap();
        let folder = screenshots();
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("workbench-{name}.png")), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn screenshots() -> PathBuf {
    std::env::var_os("DOSSIER_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"))
}

/// The workbench serving `folder` on 127.0.0.1 from a runtime of its own; its address with the token.
fn serve(folder: &Path) -> (tokio::runtime::Runtime, String) {
    let workbench = Arc::new(Workbench::open(folder, true).unwrap());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime.block_on(dossier::serve::listen()).unwrap();
    let url = workbench.url(listener.local_addr().unwrap());
    runtime.spawn(dossier::serve::serve(workbench, listener, std::future::pending()));
    (runtime, url)
}

const FIELD: &str = "[data-field=\"plan.targets.rd_spending.target\"]";
const INPUT: &str = "[data-path=\"plan.targets.rd_spending.target\"]";
const FLOOR_BROKEN: &str = "研发经费年均增速不低于 10%";

#[test]
#[ignore = "needs chromium (tools/check-outside.sh runs it)"]
fn a_clerk_fixes_drops_builds_and_opens_the_volume_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("jinzhong");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/jinzhong"), &city);
    // The error to fix: 祁县's 2028 研发经费 target below its floor.
    let cluster = city.join("qixian-glass/cluster.yaml");
    let text = std::fs::read_to_string(&cluster).unwrap();
    std::fs::write(&cluster, text.replacen("base: 1.52\n      target: 2.10", "base: 1.52\n      target: 1.60", 1))
        .unwrap();

    let (_runtime, url) = serve(&city);
    let mut browser = Browser::launch();

    // The city's files, the cluster with its error.
    browser.viewport(500);
    browser.call("Page.navigate", json!({ "url": url }));
    browser.wait("the city's page", "document.querySelector('tr[data-entry=\"0\"]')");
    assert!(browser.text("tr[data-entry=\"0\"]").contains("1 个错误"), "{}", browser.text("table"));
    browser.screenshot("home");

    // The cluster's form: the finding at its field, the floor not met.
    browser.leads_to_new_page("the cluster's form", "document.querySelector('tr[data-entry=\"0\"] a').click()");
    browser.wait("the finding at the field", &format!("document.querySelector('{FIELD} .finding.error')"));
    assert!(browser.text(FIELD).contains(FLOOR_BROKEN), "{}", browser.text(FIELD));
    let floors_before = browser.text("#floors");
    assert!(floors_before.contains("未达到"), "{floors_before}");
    browser.viewport(1100);
    browser.eval(&format!("document.querySelector('{FIELD}').scrollIntoView({{ block: 'center' }})"));
    browser.screenshot("form-error");

    // Typed right: the finding goes and the floor is met, before anything is saved.
    browser.type_into(INPUT, "2.10");
    browser.wait("the finding to go", &format!("!document.querySelector('{FIELD} .finding')"));
    browser.wait("the floor to be met", "!document.querySelector('#floors .floor.bad')");
    assert_ne!(browser.text("#floors"), floors_before);
    assert!(browser.text("#state").contains("1 处修改未保存"));
    assert!(std::fs::read_to_string(&cluster).unwrap().contains("target: 1.60"), "nothing is saved yet");
    browser.click("#save");
    browser.wait("the save", "document.querySelector('#state').innerText === '已保存'");
    let saved = std::fs::read_to_string(&cluster).unwrap();
    assert_eq!(saved, text, "the file is as it was but for the value typed, now put right");

    // An edit not yet saved, and the file changed elsewhere: the page reloads what changed on
    // disk and keeps the edit.
    browser.type_into("[data-path=\"segment\"]", "日用玻璃制品制造业");
    browser.wait("the edit to be kept", "document.querySelector('#state').innerText.includes('1 处修改未保存')");
    browser.eval("window.dossierOld = true");
    std::fs::write(&cluster, saved.replacen("base: 1.52\n", "base: 1.50\n", 1)).unwrap();
    browser.wait("the page reloaded from disk", "!window.dossierOld && document.querySelector('#sheet')");
    browser.wait(
        "the file's new value and the kept edit",
        "document.querySelector('[data-path=\"plan.targets.rd_spending.base\"]').value === '1.50' \
         && document.querySelector('[data-path=\"segment\"]').value === '日用玻璃制品制造业'",
    );
    assert!(browser.text("#state").contains("1 处修改未保存"));
    browser.click("#save");
    browser.wait("the save", "document.querySelector('#state').innerText === '已保存'");
    let saved = std::fs::read_to_string(&cluster).unwrap();
    assert!(saved.contains("base: 1.50\n") && saved.contains("日用玻璃制品制造业"), "both edits are in the file");

    // A scan dropped on a 目录 item: a drop event carrying the file, as a file manager sends it.
    browser.leads_to_new_page("the evidence page", "document.querySelector('a[href=\"/f/0/evidence\"]').click()");
    let item = "05-产业链强链补链";
    let scan = std::fs::read(
        city.join("qixian-glass/evidence/12-数字化新模式新业态/01-省级智能制造试点示范认定文件（节选）.jpg"),
    )
    .unwrap();
    let hex: String = scan.iter().map(|b| format!("{b:02x}")).collect();
    browser.leads_to_new_page(
        "the item with the dropped scan",
        &format!(
            "(() => {{
                const bytes = Uint8Array.from('{hex}'.match(/../g), (h) => parseInt(h, 16));
                const files = new DataTransfer();
                files.items.add(new File([bytes], '新扫描件.jpg', {{ type: 'image/jpeg' }}));
                const item = document.querySelector('.item[data-item=\"{item}\"]');
                item.dispatchEvent(new DragEvent('dragover', {{ dataTransfer: files, bubbles: true, cancelable: true }}));
                item.dispatchEvent(new DragEvent('drop', {{ dataTransfer: files, bubbles: true, cancelable: true }}));
            }})()"
        ),
    );
    let dropped = format!(".item[data-item=\"{item}\"] li[data-name=\"新扫描件.jpg\"]");
    browser.wait("the dropped scan listed", &format!("document.querySelector('{dropped}')"));
    assert!(browser.text(&dropped).contains("1 页"), "{}", browser.text(&dropped));
    assert_eq!(std::fs::read(city.join("qixian-glass/evidence").join(item).join("新扫描件.jpg")).unwrap(), scan);
    // Each file's first page, drawn by the workbench once the item is in view.
    browser.viewport(1000);
    browser.eval(&format!("document.querySelector('.item[data-item=\"{item}\"]').scrollIntoView()"));
    let previews = format!("[...document.querySelectorAll('.item[data-item=\"{item}\"] .thumb img')]");
    browser.wait("the previews", &format!("{previews}.length === 4 && {previews}.every((i) => i.naturalWidth > 0)"));
    browser.screenshot("evidence");

    // The build, its progress shown while it runs, then the outputs.
    browser.leads_to_new_page("the build page", "document.querySelector('a[href=\"/build\"]').click()");
    browser.eval("window.dossierOld = true");
    browser.click("#build");
    browser
        .wait("the build's progress", "document.querySelectorAll('#progress-log li').length > 1 || !window.dossierOld");
    assert_eq!(browser.eval("!!window.dossierOld"), json!(true), "progress is shown while the build runs");
    assert!(!browser.text("#progress-line").is_empty());
    browser.wait("the build to finish", "!window.dossierOld && document.querySelector('.outcomes')");
    let outcomes = browser.text(".outcomes");
    assert!(!outcomes.contains('✘') && outcomes.contains("祁县玻璃器皿产业"), "{outcomes}");
    browser.viewport(1200);
    browser.screenshot("build");

    // The volume, opened from its link: served as a PDF that parses, with its pages.
    let link = "[...document.querySelectorAll('a[href$=\".pdf\"]')].find((a) => a.innerText.endsWith('申报材料.pdf'))";
    let opened = browser.eval(&format!(
        "(async () => {{
            const response = await fetch({link}.href);
            const bytes = new Uint8Array(await response.arrayBuffer());
            let text = '';
            for (const b of bytes) text += String.fromCharCode(b);
            return {{ type: response.headers.get('content-type'), status: response.status, data: btoa(text) }};
        }})()"
    ));
    assert_eq!(opened["status"], 200);
    assert_eq!(opened["type"], "application/pdf");
    let pdf = base64::engine::general_purpose::STANDARD.decode(opened["data"].as_str().unwrap()).unwrap();
    let volume = lopdf::Document::load_mem(&pdf).expect("the volume parses");
    assert!(volume.get_pages().len() > 10, "{} pages", volume.get_pages().len());

    let href = browser.eval(&format!("{link}.href"));
    browser.viewport(1000);
    browser.call("Page.navigate", json!({ "url": href }));
    browser.wait("the volume in the browser's PDF viewer", "document.contentType === 'application/pdf'");
    // The viewer draws its pages after the document has loaded, and says nothing when it has.
    std::thread::sleep(Duration::from_secs(3));
    browser.screenshot("volume");
}
