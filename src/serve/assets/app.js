// dossier 工作台: the few scripts the pages need. No framework, no build step.
"use strict";

const TOKEN = document.body.dataset.token;
const TOKEN_HEADER = document.body.dataset.tokenHeader;

function toast(text, bad) {
  const box = document.getElementById("toast");
  box.textContent = text;
  box.className = bad ? "bad" : "";
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, bad ? 8000 : 3000);
}

// A request with the token; the answer's JSON, or an Error carrying it.
async function call(method, url, body, raw) {
  const headers = { [TOKEN_HEADER]: TOKEN };
  if (!raw && body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: raw ? body : body === undefined ? undefined : JSON.stringify(body) });
  let answer = null;
  try { answer = await response.json(); } catch (_) { answer = { error: "工作台没有回应（是否已关闭？）" }; }
  if (!response.ok) {
    const error = new Error((answer && answer.error) || "请求失败");
    error.status = response.status;
    error.answer = answer;
    throw error;
  }
  return answer;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- The form -------------------------------------------------------------------------------

const sheet = document.getElementById("sheet");
if (sheet) {
  const id = sheet.dataset.entry;
  const kept = "dossier-pending-" + id + "-" + location.port;
  let version = sheet.dataset.version;
  // Edits not yet saved, by field: kept across a reload so that none is lost.
  const pending = new Map(JSON.parse(sessionStorage.getItem(kept) || "[]"));
  const saveButton = document.getElementById("save");
  const state = document.getElementById("state");

  const keep = () => {
    sessionStorage.setItem(kept, JSON.stringify([...pending]));
    saveButton.disabled = pending.size === 0;
    state.textContent = pending.size ? "有 " + pending.size + " 处修改未保存" : "已保存";
  };

  const inputFor = (path) => sheet.querySelector('[data-path="' + CSS.escape(path) + '"]');
  const listFor = (path) => sheet.querySelector('[data-list="' + CSS.escape(path) + '"]');

  // Edits kept from before a reload go back into their fields.
  for (const [path, change] of pending) {
    if (change.op === "set" && inputFor(path)) inputFor(path).value = change.value;
    if (change.op === "list" && listFor(path)) {
      for (const box of listFor(path).querySelectorAll("input")) box.checked = change.items.includes(box.value);
    }
  }

  const changes = () => [...pending.values()];
  let timer = null;
  let asked = 0;
  const check = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const report = await call("POST", "/api/f/" + id + "/check", { changes: changes() });
        if (mine === asked) show(report);
      } catch (error) {
        if (mine === asked) showRefusal(error);
      }
    }, 250);
  };

  sheet.addEventListener("input", (event) => {
    const target = event.target;
    if (target.dataset.path) {
      pending.set(target.dataset.path, { op: "set", path: target.dataset.path, value: target.value });
    } else if (target.closest("[data-list]")) {
      const group = target.closest("[data-list]");
      const items = [...group.querySelectorAll("input:checked")].map((b) => b.value);
      pending.set(group.dataset.list, { op: "list", path: group.dataset.list, items });
    } else if (target.id === "raw") {
      pending.set("", { op: "text" });
    } else {
      return;
    }
    keep();
    if (target.id !== "raw") check();
  });

  const save = async (extra) => {
    saveButton.disabled = true;
    try {
      let report;
      const raw = document.getElementById("raw");
      if (raw) {
        report = await call("POST", "/api/f/" + id + "/text", { version, text: raw.value });
      } else {
        report = await call("POST", "/api/f/" + id + "/save", { version, changes: changes().concat(extra || []) });
      }
      pending.clear();
      keep();
      version = report.version;
      if (extra || raw) { location.reload(); return; }
      show(report);
      toast("已保存到 " + document.querySelector(".sheet-head .path").textContent);
    } catch (error) {
      if (error.status === 409) {
        // Changed on disk since the page loaded: reload it; the kept edits go back in.
        toast(error.message);
        setTimeout(() => location.reload(), 1200);
        return;
      }
      keep();
      showRefusal(error);
    }
  };
  saveButton.addEventListener("click", () => save());
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
  });
  sheet.addEventListener("click", (event) => {
    const push = event.target.dataset.push;
    const remove = event.target.dataset.remove;
    if (push) save([{ op: "push", path: push }]);
    if (remove && confirm("删除这一行？")) save([{ op: "remove", path: remove }]);
  });

  // A change made elsewhere (another editor) is noticed within seconds.
  setInterval(async () => {
    try {
      const now = await call("GET", "/api/f/" + id + "/version");
      if (now.version !== version) {
        toast("文件在其他地方被修改，已重新载入" + (pending.size ? "，您未保存的修改已保留" : ""));
        setTimeout(() => location.reload(), 1200);
      }
    } catch (_) { /* the workbench was closed */ }
  }, 3000);

  window.addEventListener("beforeunload", keep);

  const showRefusal = (error) => {
    const box = document.getElementById("summary");
    box.replaceChildren(el("p", "bad", error.message));
    if (error.answer && error.answer.path) place(error.answer.path, el("p", "finding bad", error.message));
  };

  const place = (anchor, node) => {
    const field = sheet.querySelector('[data-field="' + CSS.escape(anchor) + '"]') || document.getElementById("general");
    const box = [...field.children].find((c) => c.classList.contains("findings"))
      || field.querySelector(".findings");
    box.appendChild(node);
    field.classList.add(node.classList.contains("error") ? "has-error" : "has-warning");
  };

  const show = (report) => {
    for (const box of sheet.querySelectorAll(".findings")) box.replaceChildren();
    for (const field of sheet.querySelectorAll(".has-error, .has-warning")) field.classList.remove("has-error", "has-warning");
    const summary = document.getElementById("summary");
    summary.replaceChildren();
    if (report.errors + report.warnings === 0) summary.appendChild(el("p", "good", "检查完毕：没有发现问题。"));
    else summary.appendChild(el("p", report.errors ? "bad" : "warn",
      (report.errors ? report.errors + " 个错误" : "") + (report.errors && report.warnings ? "，" : "") +
      (report.warnings ? report.warnings + " 个警告" : "") + "（见各栏目下的说明）"));
    for (const d of report.findings) {
      const error = d.severity === "错误";
      const node = el("div", "finding " + (error ? "error" : "warning"));
      node.appendChild(el("strong", "", d.severity + (d.line ? "（第 " + d.line + " 行）" : "") + "："));
      node.appendChild(document.createTextNode(d.message));
      if (d.file) node.appendChild(el("div", "file", d.file));
      if (d.fix) node.appendChild(el("div", "fix", "改正方法：" + d.fix));
      if (!d.anchor && d.label) node.prepend(el("div", "where", d.label));
      place(d.anchor, node);
    }
    for (const counter of sheet.querySelectorAll("[data-count]")) {
      const n = report.counts[counter.dataset.count] || 0;
      const limit = counter.dataset.limit;
      counter.textContent = "字数 " + n + (limit ? " / " + limit : "（计入合计字数）");
      counter.classList.toggle("bad", !!limit && n > Number(limit));
    }
    const computed = document.getElementById("computed");
    computed.replaceChildren();
    for (const c of report.computed) {
      const row = el("div", "computed");
      row.appendChild(el("div", "label", c.label));
      row.appendChild(el("div", "values", c.values.map(([y, v]) => (y ? y + " " : "") + v).join("　")));
      computed.appendChild(row);
    }
    if (!report.computed.length) computed.appendChild(el("p", "note", "填好有关数字后显示。"));
    const floors = document.getElementById("floors");
    floors.replaceChildren();
    for (const f of report.floors) {
      const row = el("div", "floor " + (f.met === false ? "bad" : f.met ? "good" : "warn"));
      row.appendChild(el("div", "label", f.rule));
      row.appendChild(el("div", "values", f.rate + "（要求不低于 " + f.floor + "）" + (f.met === false ? " 未达到" : f.met ? " ✔" : "")));
      floors.appendChild(row);
    }
    const totals = document.getElementById("totals");
    totals.replaceChildren();
    for (const t of report.totals) {
      totals.appendChild(el("div", t.count > t.limit ? "bad" : "", t.what + "：" + t.count + " / " + t.limit + " 字"));
    }
  };

  show(JSON.parse(document.getElementById("report").textContent));
  keep();
  if (pending.size) check();
}

// ---- Evidence --------------------------------------------------------------------------------

const evidence = document.getElementById("evidence");
if (evidence) {
  const id = evidence.dataset.entry;
  const base = (item) => "/api/f/" + id + "/evidence/" + encodeURIComponent(item.dataset.item);

  const upload = async (item, files) => {
    for (const file of files) {
      try {
        await call("POST", base(item) + "?name=" + encodeURIComponent(file.name), file, true);
      } catch (error) {
        toast(file.name + "：" + error.message, true);
        return;
      }
    }
    location.reload();
  };

  // A preview that cannot be drawn shows why instead.
  const unpreviewable = async (img) => {
    let message = "无法显示预览";
    try { await call("GET", img.src); } catch (error) { message = error.message; }
    img.closest("li").classList.add("bad");
    img.replaceWith(el("span", "problem", message));
  };
  for (const img of evidence.querySelectorAll(".thumb img")) {
    if (img.complete && img.naturalWidth === 0) unpreviewable(img);
    else img.addEventListener("error", () => unpreviewable(img));
  }

  for (const item of evidence.querySelectorAll(".item")) {
    item.addEventListener("dragover", (event) => { event.preventDefault(); item.classList.add("over"); });
    item.addEventListener("dragleave", () => item.classList.remove("over"));
    item.addEventListener("drop", (event) => {
      event.preventDefault();
      item.classList.remove("over");
      upload(item, event.dataTransfer.files);
    });
    item.querySelector("input[type=file]").addEventListener("change", (event) => upload(item, event.target.files));
    item.addEventListener("click", async (event) => {
      const li = event.target.closest("li[data-name]");
      if (!li || event.target.tagName !== "BUTTON") return;
      try {
        if (event.target.classList.contains("remove")) {
          await call("POST", base(item) + "/remove", { name: li.dataset.name });
        } else {
          const names = [...item.querySelectorAll("li[data-name]")].map((n) => n.dataset.name);
          const at = names.indexOf(li.dataset.name);
          const to = event.target.classList.contains("up") ? at - 1 : at + 1;
          if (to < 0 || to >= names.length) return;
          [names[at], names[to]] = [names[to], names[at]];
          await call("POST", base(item) + "/order", { names });
        }
        location.reload();
      } catch (error) {
        toast(error.message, true);
      }
    });
  }
}

// ---- Build -----------------------------------------------------------------------------------

const buildButton = document.getElementById("build");
if (buildButton) {
  const line = document.getElementById("progress-line");
  const log = document.getElementById("progress-log");
  const describe = (e) => {
    switch (e.kind) {
      case "build_started": return "开始生成……";
      case "clusters_started": return e.city + "：共 " + e.clusters + " 个集群";
      case "cluster_built": return (e.ok ? "✔ " : "✘ ") + e.cluster;
      case "clusters_finished": return e.city + "：各集群已完成，正在生成市级材料";
      case "volume": {
        const b = e.binding || {};
        if (b.kind === "started") return e.cluster + "：开始装订《" + b.volume + "》（" + b.files + " 个文件）";
        if (b.kind === "finished") return e.cluster + "：《" + b.volume + "》装订完成";
        return null;
      }
      default: return null;
    }
  };
  const listen = () => {
    const source = new EventSource("/api/events");
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.kind === "build_finished") { source.close(); location.reload(); return; }
      const b = event.binding;
      if (b && b.kind === "bound") line.textContent = event.cluster + "：《" + b.volume + "》已装订 " + b.done + " 个文件，" + b.pages + " 页";
      const text = describe(event);
      if (text) { log.appendChild(el("li", "", text)); line.textContent = text; }
    };
    return source;
  };
  if (buildButton.disabled) listen();
  buildButton.addEventListener("click", async () => {
    buildButton.disabled = true;
    document.getElementById("progress").hidden = false;
    log.replaceChildren();
    const source = listen();
    try {
      await call("POST", "/api/build", { draft: document.getElementById("draft").checked });
    } catch (error) {
      source.close();
      buildButton.disabled = false;
      toast(error.message, true);
    }
  });
}
