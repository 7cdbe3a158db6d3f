// copydesk page: send the article to this server, show the report in a sandboxed frame,
// or build a classroom worksheet whose answers stay on the server. It never parses a
// string as HTML in this page: the report is a separate document (iframe srcdoc,
// sandboxed, rendered and escaped by the server); everything else is textContent.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var $ = function (id) { return doc.getElementById(id); };
  var form = $("article-form");
  var headline = $("headline");
  var body = $("body");
  var status = $("status");
  var token = $("token");
  var taskField = $("task-field");
  var taskSelect = $("task");
  var reportResult = $("report-result");
  var frame = $("report-frame");
  var wsResult = $("ws-result");
  var last = null; // the article last audited: {headline, body, task}

  function mode() { return form.querySelector("input[name='mode']:checked").value; }

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
    status.setAttribute("role", isError ? "alert" : "status");
  }

  function api(path, payload) {
    var headers = { "Content-Type": "application/json" };
    if (token && token.value) { headers.Authorization = "Bearer " + token.value.trim(); }
    return fetch(path, { method: "POST", headers: headers, body: JSON.stringify(payload), credentials: "same-origin" })
      .then(function (r) {
        if (r.ok) { return r; }
        return r.json().then(function (j) {
          var e = new Error(j && j.error ? j.error.message : "the server answered " + r.status);
          e.field = j && j.error ? j.error.field : null;
          throw e;
        }, function () { throw new Error("the server answered " + r.status); });
      });
  }

  function article() {
    var h = headline.value.trim();
    return { headline: h ? h : null, body: body.value };
  }

  function failed(err) {
    say("Could not audit: " + err.message, true);
    if (err.field === "body") { body.focus(); } else if (err.field === "headline") { headline.focus(); }
  }

  // ---------------------------------------------------------------- modes

  function syncMode() {
    var ws = mode() === "worksheet";
    taskField.hidden = !ws;
    $("go").textContent = ws ? "Make the worksheet" : "Audit";
  }
  form.addEventListener("change", function (e) { if (e.target && e.target.name === "mode") { syncMode(); } });
  syncMode();

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!body.value.trim()) {
      say("Paste the article's body first (or drop a file).", true);
      body.focus();
      return;
    }
    if (mode() === "worksheet") { makeWorksheet(); } else { audit(); }
  });

  // ---------------------------------------------------------------- the report

  function audit() {
    var a = article();
    a.format = "html";
    say("Auditing\u2026");
    api("/v1/audit", a).then(function (r) { return r.text(); }).then(function (html) {
      last = article();
      wsResult.hidden = true;
      reportResult.hidden = false;
      frame.srcdoc = html;
      say("Done: the report is below. Click or Tab to a highlight to see why it was flagged.");
      $("report-h").focus();
    }, failed);
  }

  var EXT = { json: "json", md: "md", sarif: "sarif" };
  Array.prototype.forEach.call(doc.querySelectorAll(".downloads button[data-format]"), function (b) {
    b.addEventListener("click", function () {
      if (!last) { return; }
      var fmt = b.getAttribute("data-format");
      var payload = { headline: last.headline, body: last.body, format: fmt };
      api("/v1/audit", payload).then(function (r) { return r.blob(); }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = doc.createElement("a");
        a.href = url;
        a.download = "copydesk-report." + EXT[fmt];
        doc.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        say("Downloaded the " + b.textContent + " report.");
      }, failed);
    });
  });

  // ---------------------------------------------------------------- files

  var drop = $("drop");
  var fileInput = $("file");

  function readFile(file) {
    if (!file) { return; }
    if (!/\.(md|markdown|txt|html?)$/i.test(file.name)) {
      say(file.name + ": copydesk reads .md, .txt and .html files.", true);
      return;
    }
    if (file.size > 4000000) { say(file.name + ": too large (over 4 MB).", true); return; }
    file.text().then(function (content) {
      return api("/v1/extract", { filename: file.name, content: content });
    }).then(function (r) { return r.json(); }).then(function (a) {
      headline.value = a.headline || "";
      body.value = a.body || "";
      say("Read " + file.name + ": check the headline and body, then press " + $("go").textContent + ".");
      body.focus();
    }, function (err) { say("Could not read " + file.name + ": " + err.message, true); });
  }

  fileInput.addEventListener("change", function () { readFile(fileInput.files[0]); });
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { readFile(e.dataTransfer.files[0]); }
  });
  // A file dropped beside the box must not replace the page.
  doc.addEventListener("dragover", function (e) { e.preventDefault(); });
  doc.addEventListener("drop", function (e) { e.preventDefault(); });

  // ---------------------------------------------------------------- the worksheet

  var text = $("ws-text");
  var live = $("ws-live");
  var count = $("ws-count");
  var results = $("ws-results");
  var lists = $("ws-lists");
  var keyBox = $("ws-key");
  var teacher = $("teacher");
  var words = [];
  var unit = "word";

  function speak(message) { live.textContent = message.length > 120 ? message.slice(0, 119) + "\u2026" : message; }
  function update() {
    var n = marking.marks().length;
    count.textContent = n === 0 ? "Nothing marked yet." : n + (n === 1 ? " word marked." : " words marked.");
  }
  // Marking is the worksheet file's own (marking.js, loaded before this script).
  var marking = window.copydeskMarking(text, {
    unit: function () { return unit; },
    say: speak,
    changed: function () { clearResults(); update(); }
  });

  function makeWorksheet() {
    var a = article();
    a.task = taskSelect.value;
    say("Making the worksheet\u2026");
    api("/v1/worksheet", a).then(function (r) { return r.json(); }).then(function (sheet) {
      last = a;
      build(sheet);
      reportResult.hidden = true;
      wsResult.hidden = false;
      say("The worksheet is below.");
      $("ws-h").focus();
    }, failed);
  }

  function build(sheet) {
    unit = sheet.task.unit;
    $("ws-title").textContent = sheet.task.title;
    $("ws-instructions").textContent = sheet.task.instructions;
    var thing = unit === "word" ? "word" : "sentence";
    $("ws-howto").textContent = "Mark text by selecting it, or by clicking a " + thing +
      "; click a marked " + thing + " again to unmark it. With the keyboard: Tab to the article, move with " +
      "the left and right arrow keys, mark with Space. Then press \u201cCheck my answers\u201d.";
    $("ws-keys").textContent = "Left and right arrow keys move between " + thing + "s; Space marks or unmarks.";
    text.textContent = "";
    var spans = [];
    sheet.lines.forEach(function (line) {
      var tag = line.kind === "headline" ? "p" : line.kind === "heading" ? "h4" : (line.kind === "raw" || line.kind === "skipped") ? "pre" : "p";
      var el = doc.createElement(tag);
      if (line.kind === "headline") { el.className = "b-headline"; }
      if (line.kind === "heading") { el.className = "b-heading"; }
      if (tag === "pre") { el.className = "b-raw"; }
      line.pieces.forEach(function (p) {
        var t = p[0];
        var w = p[1];
        if (w === null || w === undefined) {
          if (p[3]) {
            var q = doc.createElement("span");
            q.className = "q";
            q.textContent = t;
            el.appendChild(q);
          } else {
            el.appendChild(doc.createTextNode(t));
          }
          return;
        }
        var s = doc.createElement("span");
        s.className = p[3] ? "w q" : "w";
        s.setAttribute("data-i", String(w));
        s.setAttribute("data-u", p[2]);
        s.textContent = t;
        el.appendChild(s);
        spans.push(s);
      });
      text.appendChild(el);
    });
    marking.reset(spans);
    words = marking.words();
    clearResults();
    teacher.checked = false;
    keyBox.hidden = true;
    update();
  }

  function para(cls, label, value) {
    var p = doc.createElement("p");
    if (cls) { p.className = cls; }
    if (label) {
      var l = doc.createElement("span");
      l.className = "lbl";
      l.textContent = label;
      p.appendChild(l);
    }
    p.appendChild(doc.createTextNode(value));
    return p;
  }

  // Each rule's explanation is given once per list, at its first finding; the others point
  // back to it (the same long paragraph on every card made the lists hard to read).
  var explained = {};

  function entry(e, note) {
    var li = doc.createElement("li");
    li.appendChild(para("ex", "", "\u201c" + e.excerpt + "\u201d"));
    if (note) { li.appendChild(para("", "", note)); }
    if (e.message) { li.appendChild(para("msg", "", e.message)); }
    if (e.explanation && e.rule && explained[e.rule]) {
      li.appendChild(para("why same", "Why it matters: ", "as for \u201c" + explained[e.rule] + "\u201d above."));
    } else if (e.explanation) {
      li.appendChild(para("why", "Why it matters: ", e.explanation));
      if (e.rule) { explained[e.rule] = e.excerpt; }
    }
    if (e.suggestion) { li.appendChild(para("try", "Try: ", e.suggestion)); }
    return li;
  }

  function section(title, kind, items) {
    if (!items.length) { return; }
    var h = doc.createElement("h4");
    h.textContent = title + " (" + items.length + ")";
    lists.appendChild(h);
    var ul = doc.createElement("ul");
    ul.className = "rlist " + kind;
    items.forEach(function (li) { ul.appendChild(li); });
    lists.appendChild(ul);
  }

  function paint(idx, cls) { idx.forEach(function (i) { if (words[i]) { words[i].classList.add(cls); } }); }
  function wordsText(idx) { return idx.map(function (i) { return words[i] ? words[i].textContent : ""; }).join(" "); }

  function clearResults() {
    words.forEach(function (w) { w.classList.remove("found", "missed", "over"); });
    results.hidden = true;
  }

  function check() {
    if (!last) { return; }
    var payload = { headline: last.headline, body: last.body, task: last.task, marks: marking.marks() };
    speak("Checking\u2026");
    api("/v1/worksheet/check", payload).then(function (r) { return r.json(); }).then(function (res) {
      clearResults();
      lists.textContent = "";
      explained = {};
      res.found.forEach(function (a) { paint(a.words, "found"); });
      res.missed.forEach(function (a) { paint(a.words, "missed"); });
      res.over.forEach(function (o) { paint(o.words, "over"); });
      $("ws-summary").textContent = res.summary;
      section("Found", "found", res.found.map(function (a) { return entry(a); }));
      section("Missed", "missed", res.missed.map(function (a) { return entry(a); }));
      section("Over-flagged", "over", res.over.map(function (o) {
        return entry({ excerpt: wordsText(o.words) }, o.note);
      }));
      results.setAttribute("data-found", String(res.found.length));
      results.setAttribute("data-missed", String(res.missed.length));
      results.setAttribute("data-over", String(res.over.length));
      results.hidden = false;
      results.focus();
      speak(res.summary);
    }, function (err) { speak("Could not check: " + err.message); count.textContent = "Could not check: " + err.message; });
  }

  function showKey() {
    words.forEach(function (w) { w.classList.remove("key"); });
    if (!teacher.checked) { keyBox.hidden = true; return; }
    if (!last) { return; }
    api("/v1/worksheet/key", { headline: last.headline, body: last.body, task: last.task })
      .then(function (r) { return r.json(); }).then(function (key) {
        var list = $("ws-key-list");
        list.textContent = "";
        explained = {};
        key.answers.forEach(function (a) { paint(a.words, "key"); list.appendChild(entry(a)); });
        var n = key.answers.length;
        $("ws-key-summary").textContent = (n === 1 ? "1 answer" : n + " answers") +
          ", underlined in blue in the article." +
          (key.quoted.length ? " " + key.quoted.length + " more inside quotations are not answers." : "");
        keyBox.hidden = false;
        keyBox.focus();
      }, function (err) { teacher.checked = false; speak("Could not load the key: " + err.message); });
  }

  $("ws-check").addEventListener("click", check);
  teacher.addEventListener("change", showKey);
  $("ws-mark").addEventListener("mousedown", function (e) { e.preventDefault(); });
  $("ws-mark").addEventListener("click", function () {
    if (!marking.markSelection()) { speak("Select some text in the article first."); }
  });
  $("ws-clear").addEventListener("click", function () {
    marking.clear();
    speak("All marks cleared.");
  });
})();
