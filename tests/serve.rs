//! The workbench driven in-process, as its page drives it: load a cluster, type a figure that
//! breaks a rule and see the finding at its field, fix it, save, build and open the volume —
//! the file keeping every other byte; and the requests it must refuse.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use dossier::serve::{TOKEN_HEADER, Workbench};

const HOST: &str = "127.0.0.1:7878";

/// A copy of an example cluster to edit, and its workbench.
struct Bench {
    dir: tempfile::TempDir,
    workbench: Arc<Workbench>,
    runtime: tokio::runtime::Runtime,
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Bench {
    fn cluster(name: &str) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&common::example(name), &dir.path().join(name));
        let workbench = Arc::new(Workbench::open(&dir.path().join(name), true).unwrap());
        Bench { dir, workbench, runtime: tokio::runtime::Runtime::new().unwrap() }
    }

    fn file(&self) -> PathBuf {
        self.workbench.entry("0").unwrap().file
    }

    fn router(&self) -> Router {
        self.workbench.clone().router()
    }

    /// A request as the page sends it (token in the header), or as given.
    fn send(&self, request: Request<Body>) -> (StatusCode, Vec<u8>, header::HeaderMap) {
        self.runtime.block_on(async {
            let response = self.router().oneshot(request).await.unwrap();
            let (parts, body) = response.into_parts();
            (parts.status, to_bytes(body, usize::MAX).await.unwrap().to_vec(), parts.headers)
        })
    }

    fn request(&self, method: &str, uri: &str) -> axum::http::request::Builder {
        Request::builder().method(method).uri(uri).header(header::HOST, HOST)
    }

    fn get(&self, uri: &str) -> (StatusCode, Vec<u8>) {
        let request = self.request("GET", uri).header(TOKEN_HEADER, self.workbench.token()).body(Body::empty());
        let (status, body, _) = self.send(request.unwrap());
        (status, body)
    }

    fn post(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        let request = self
            .request("POST", uri)
            .header(TOKEN_HEADER, self.workbench.token())
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()));
        let (status, body, _) = self.send(request.unwrap());
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    fn version(&self) -> String {
        let (_, body) = self.get("/api/f/0/version");
        serde_json::from_slice::<Value>(&body).unwrap()["version"].as_str().unwrap().to_owned()
    }
}

fn findings_at<'r>(report: &'r Value, anchor: &str) -> Vec<&'r str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["anchor"] == anchor)
        .map(|f| f["message"].as_str().unwrap())
        .collect()
}

fn set(path: &str, value: &str) -> Value {
    json!({ "op": "set", "path": path, "value": value })
}

#[test]
fn a_figure_is_edited_checked_fixed_saved_and_built() {
    let bench = Bench::cluster("qixian-glass");
    let original = std::fs::read_to_string(bench.file()).unwrap();

    // The form, laid out as the official one, with the file's values.
    let (status, page) = bench.get("/f/0");
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    for shown in
        ["一、基本情况", "二、主导产业情况", "研发经费", "data-path=\"plan.targets.rd_spending.target\"", "2.10"]
    {
        assert!(page.contains(shown), "the form shows {shown}");
    }

    // Typed, not saved: the finding comes at its field, and the file is untouched.
    let target = "plan.targets.rd_spending.target";
    let (status, report) = bench.post("/api/f/0/check", json!({ "changes": [set(target, "1.60")] }));
    assert_eq!(status, StatusCode::OK, "{report}");
    let found = findings_at(&report, target);
    assert!(found.iter().any(|m| m.contains("c. 研发经费年均增速不低于 10%")), "{report}");
    let rd = report["floors"].as_array().unwrap().iter().find(|f| f["path"] == target).unwrap();
    assert_eq!(rd["met"], false);
    assert_eq!(std::fs::read_to_string(bench.file()).unwrap(), original);

    // Saved: only the value changes, every comment and line around it stays byte for byte.
    let version = bench.version();
    let (status, report) = bench.post("/api/f/0/save", json!({ "version": version, "changes": [set(target, "1.60")] }));
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(!findings_at(&report, target).is_empty());
    let saved = std::fs::read_to_string(bench.file()).unwrap();
    let expected = original.replace(
        "    rd_spending:\n      base: 1.52\n      target: 2.10\n",
        "    rd_spending:\n      base: 1.52\n      target: 1.60\n",
    );
    assert_ne!(expected, original);
    assert_eq!(saved, expected);

    // A save against the version the page showed before is refused: the file changed since.
    let (status, refused) =
        bench.post("/api/f/0/save", json!({ "version": version, "changes": [set(target, "2.10")] }));
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["version"], bench.version());

    // Fixed: the file is the original again, byte for byte, and the finding is gone.
    let (status, report) =
        bench.post("/api/f/0/save", json!({ "version": bench.version(), "changes": [set(target, "2.10")] }));
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(findings_at(&report, target).is_empty(), "{report}");
    assert_eq!(std::fs::read_to_string(bench.file()).unwrap(), original);

    // Built as `dossier build` builds, its outputs listed and served.
    let (status, started) = bench.post("/api/build", json!({}));
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    let status = loop {
        std::thread::sleep(Duration::from_millis(200));
        let (_, body) = bench.get("/api/build");
        let status: Value = serde_json::from_slice(&body).unwrap();
        if status["running"] == false && !status["last"].is_null() {
            break status;
        }
    };
    let outcome = &status["last"][0];
    assert_eq!(outcome["ok"], true, "{status}");
    let (status, page) = bench.get("/build");
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("打印清单"), "{page}");
    // Tera writes `/` in attributes as `&#x2F;`, which the browser reads as `/`.
    let volume = page
        .split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace("&#x2F;", "/"))
        .find(|href| href.starts_with("/out/") && href.ends_with(".pdf") && href.contains("%E6%9D%90%E6%96%99"))
        .expect("the build page links the volume (…申报材料.pdf)");
    let request = bench.request("GET", &volume).header(TOKEN_HEADER, bench.workbench.token()).body(Body::empty());
    let (status, body, headers) = bench.send(request.unwrap());
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("inline"));
    assert!(lopdf::Document::load_mem(&body).unwrap().get_pages().len() > 10);
}

#[test]
fn requests_without_the_token_are_refused() {
    let bench = Bench::cluster("qixian-glass");
    let token = bench.workbench.token().to_owned();
    let plain = |method: &str, uri: &str| bench.request(method, uri).body(Body::empty()).unwrap();
    assert_eq!(bench.send(plain("GET", "/")).0, StatusCode::FORBIDDEN);
    assert_eq!(bench.send(plain("GET", "/f/0")).0, StatusCode::FORBIDDEN);
    assert_eq!(bench.send(plain("GET", "/?t=0123")).0, StatusCode::FORBIDDEN);
    assert_eq!(bench.send(plain("POST", "/api/build")).0, StatusCode::FORBIDDEN);

    // The address with the token: into a cookie, out of the address.
    let (status, _, headers) = bench.send(plain("GET", &format!("/?t={token}")));
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let with_cookie = |method: &str, uri: &str| bench.request(method, uri).header(header::COOKIE, &cookie);
    let (status, page, _) = bench.send(with_cookie("GET", "/").body(Body::empty()).unwrap());
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(page).unwrap().contains("祁县玻璃器皿产业"));

    // The cookie alone does not change anything: a page of another site could make the browser
    // send it. Nor does the token from another origin, or through another host name.
    let save = json!({ "changes": [set("name", "别的名字")] }).to_string();
    let post = |builder: axum::http::request::Builder| {
        builder.header(header::CONTENT_TYPE, "application/json").body(Body::from(save.clone())).unwrap()
    };
    assert_eq!(bench.send(post(with_cookie("POST", "/api/f/0/save"))).0, StatusCode::FORBIDDEN);
    let foreign =
        with_cookie("POST", "/api/f/0/save").header(TOKEN_HEADER, &token).header(header::ORIGIN, "http://evil.example");
    assert_eq!(bench.send(post(foreign)).0, StatusCode::FORBIDDEN);
    let rebound = Request::builder()
        .method("GET")
        .uri("/")
        .header(header::HOST, "evil.example:7878")
        .header(TOKEN_HEADER, &token)
        .body(Body::empty())
        .unwrap();
    assert_eq!(bench.send(rebound).0, StatusCode::FORBIDDEN);
    let wrong = bench.request("POST", "/api/build").header(TOKEN_HEADER, "0".repeat(64)).body(Body::empty()).unwrap();
    assert_eq!(bench.send(wrong).0, StatusCode::FORBIDDEN);
    let name = "name: 祁县玻璃器皿产业\n";
    assert!(std::fs::read_to_string(bench.file()).unwrap().contains(name), "nothing was saved");
}

#[test]
fn paths_outside_the_folder_are_refused() {
    let bench = Bench::cluster("qixian-glass");
    let secret = bench.dir.path().join("secret.pdf");
    std::fs::write(&secret, common::blank_pdf()).unwrap();
    let cluster = bench.file().parent().unwrap().to_owned();
    std::fs::create_dir_all(cluster.join("out")).unwrap();

    // Outputs: only what is in the output folder.
    for uri in
        ["/out/..%2F..%2Fsecret.pdf", "/out/../../secret.pdf", "/out/%2E%2E/cluster.yaml", "/out/C:%5Csecret.pdf"]
    {
        assert_ne!(bench.get(uri).0, StatusCode::OK, "{uri}");
    }

    // Scans dropped on an item land in its folder under a plain name, or nowhere.
    let upload = |topic: &str, name: &str| {
        let uri = format!("/api/f/0/evidence/{topic}?name={name}");
        let request = bench.request("POST", &uri).header(TOKEN_HEADER, bench.workbench.token());
        bench.send(request.body(Body::from(common::blank_pdf())).unwrap()).0
    };
    assert_eq!(
        upload("05-%E4%BA%A7%E4%B8%9A%E9%93%BE%E5%BC%BA%E9%93%BE%E8%A1%A5%E9%93%BE", "..%2F..%2Fx.pdf"),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(upload("..%2F..", "x.pdf"), StatusCode::NOT_FOUND);
    assert!(!bench.dir.path().join("x.pdf").exists() && !cluster.join("x.pdf").exists());

    // Removing: only a file of the item, and into the recycle folder.
    let item = "/api/f/0/evidence/05-%E4%BA%A7%E4%B8%9A%E9%93%BE%E5%BC%BA%E9%93%BE%E8%A1%A5%E9%93%BE/remove";
    let (status, _) = bench.post(item, json!({ "name": "../../cluster.yaml" }));
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(cluster.join("cluster.yaml").exists() && secret.exists());

    // An evidence folder the file points outside the cluster is not written to.
    let text = std::fs::read_to_string(bench.file()).unwrap();
    std::fs::write(bench.file(), format!("{text}\nevidence:\n  dir: ../elsewhere\n")).unwrap();
    assert_eq!(
        upload("05-%E4%BA%A7%E4%B8%9A%E9%93%BE%E5%BC%BA%E9%93%BE%E8%A1%A5%E9%93%BE", "x.pdf"),
        StatusCode::FORBIDDEN
    );
    assert!(!bench.dir.path().join("elsewhere").exists());
}

#[test]
fn scans_are_dropped_ordered_and_removed_into_the_recycle_folder() {
    let bench = Bench::cluster("qixian-glass");
    let folder = "05-产业链强链补链";
    let encoded = "05-%E4%BA%A7%E4%B8%9A%E9%93%BE%E5%BC%BA%E9%93%BE%E8%A1%A5%E9%93%BE";
    let dir = bench.file().parent().unwrap().join("evidence").join(folder);
    let request = bench
        .request("POST", &format!("/api/f/0/evidence/{encoded}?name=%E5%90%88%E5%90%8C.pdf"))
        .header(TOKEN_HEADER, bench.workbench.token())
        .body(Body::from(common::blank_pdf()));
    let (status, body, _) = bench.send(request.unwrap());
    assert_eq!(status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
    assert_eq!(std::fs::read(dir.join("合同.pdf")).unwrap(), common::blank_pdf());

    // The page lists it with its page count, in binding order.
    let (_, page) = bench.get("/f/0/evidence");
    let page = String::from_utf8(page).unwrap();
    let at = page.find("data-name=\"合同.pdf\"").expect("the dropped scan is listed");
    assert!(page[at..].contains("1 页"));
    assert!(page.find("01-祁县玻璃器皿产业链图谱.png").unwrap() < at);

    // Put first: the names are numbered in the new order.
    let names = [
        "合同.pdf",
        "01-祁县玻璃器皿产业链图谱.png",
        "02-玻璃器皿产业链揭榜挂帅项目榜单.jpg",
        "03-高硼硅玻璃创新联合体合作协议.jpg",
    ];
    let (status, answer) = bench.post(&format!("/api/f/0/evidence/{encoded}/order"), json!({ "names": names }));
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["names"][0], "01-合同.pdf");
    assert_eq!(answer["names"][1], "02-祁县玻璃器皿产业链图谱.png");
    assert!(dir.join("01-合同.pdf").exists() && dir.join("04-高硼硅玻璃创新联合体合作协议.jpg").exists());

    // Removed: moved into the recycle folder, not deleted.
    let (status, answer) = bench.post(&format!("/api/f/0/evidence/{encoded}/remove"), json!({ "name": "01-合同.pdf" }));
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(!dir.join("01-合同.pdf").exists());
    let recycled = bench.file().parent().unwrap().join("回收站").join(folder).join("01-合同.pdf");
    assert_eq!(std::fs::read(recycled).unwrap(), common::blank_pdf());
}

/// 平遥 keeps its lists in 名单.xlsx: the form checks the cluster as `dossier check` does, with
/// the sheets' rows in it, and finds nothing missing.
#[test]
fn a_cluster_with_its_lists_in_a_workbook_is_checked_with_them() {
    let bench = Bench::cluster("pingyao-beef");
    let (status, report) = bench.post("/api/f/0/check", json!({ "changes": [] }));
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["errors"], 0, "{}", report["findings"]);
}

/// The size of a PNG the workbench answers.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let png = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).expect("a PNG");
    (png.width(), png.height())
}

#[test]
fn each_scan_shows_its_first_page_and_a_broken_one_its_problem() {
    let bench = Bench::cluster("qixian-glass");
    let (box_width, box_height) = dossier::volume::PREVIEW_BOX;
    // An A4 PDF and an A4 JPEG fill the box; a landscape PNG fills its width.
    for (uri, (width, height)) in [
        ("/api/f/0/evidence/06-产业链资源协同协作/preview/1", (box_width, box_height)),
        ("/api/f/0/evidence/05-产业链强链补链/preview/1", (box_width, box_height)),
        ("/api/f/0/evidence/05-产业链强链补链/preview/0", (box_width, 85)),
    ] {
        let request = bench.request("GET", uri).header(TOKEN_HEADER, bench.workbench.token()).body(Body::empty());
        let (status, body, headers) = bench.send(request.unwrap());
        assert_eq!(status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&body));
        assert_eq!(headers[header::CONTENT_TYPE], "image/png");
        let (w, h) = png_size(&body);
        assert!(w.abs_diff(width) <= 1 && h.abs_diff(height) <= 1, "{uri}: {w}×{h}, not {width}×{height}");
    }
    // The evidence page shows them.
    let (_, page) = bench.get("/f/0/evidence");
    assert!(String::from_utf8(page).unwrap().contains("src=\"/api/f/0/evidence/05-产业链强链补链/preview/0\""));

    // A damaged PDF answers what is wrong with it, in Chinese, naming it.
    let folder = bench.file().with_file_name("evidence/05-产业链强链补链");
    std::fs::write(folder.join("坏文件.pdf"), b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage").unwrap();
    let (status, body) = bench.get("/api/f/0/evidence/05-产业链强链补链/preview/3");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = serde_json::from_slice::<Value>(&body).unwrap()["error"].as_str().unwrap().to_owned();
    assert!(error.contains("坏文件.pdf") && error.contains("无法显示预览"), "{error}");

    // Nothing but the item's own files: no folder outside, no file past its list.
    for uri in [
        "/api/f/0/evidence/..%2F..%2F..%2Fetc/preview/0",
        "/api/f/0/evidence/05-产业链强链补链/preview/4",
        "/api/f/city/evidence/05-产业链强链补链/preview/0",
    ] {
        let (status, _) = bench.get(uri);
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
    }
}
