// copydesk worksheet: mark passages, then check them against the audit's findings, all in
// the page. Answer data is a JSON island; every string from it is set with textContent.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var data = JSON.parse(doc.getElementById("ws-data").textContent);
  var text = doc.getElementById("ws-text");
  var results = doc.getElementById("ws-results");
  var summary = doc.getElementById("ws-summary");
  var lists = doc.getElementById("ws-lists");
  var count = doc.getElementById("ws-count");
  var live = doc.getElementById("ws-live");
  var words = Array.prototype.slice.call(text.querySelectorAll("span.w"));
  var byUnit = {};
  var units = [];
  words.forEach(function (w) {
    var u = w.getAttribute("data-u");
    if (!byUnit[u]) { byUnit[u] = []; units.push(u); }
    byUnit[u].push(w);
  });
  var marked = {};
  var cursor = -1;
  var skipClick = false;

  function index(w) { return Number(w.getAttribute("data-i")); }
  function isMarked(i) { return marked[i] === true; }
  function say(message) { live.textContent = message.length > 120 ? message.slice(0, 119) + "\u2026" : message; }

  function expand(list) {
    if (data.unit !== "sentence") { return list; }
    var out = [];
    var seen = {};
    list.forEach(function (w) {
      var u = w.getAttribute("data-u");
      if (!seen[u]) { seen[u] = true; out = out.concat(byUnit[u]); }
    });
    return out;
  }

  function toggle(list) {
    list = expand(list);
    if (!list.length) { return; }
    var all = list.every(function (w) { return isMarked(index(w)); });
    list.forEach(function (w) {
      if (all) { delete marked[index(w)]; } else { marked[index(w)] = true; }
      w.classList.toggle("marked", !all);
    });
    clearResults();
    update();
    say((all ? "Unmarked: " : "Marked: ") + list.map(function (w) { return w.textContent; }).join(" "));
  }

  // The student's passages: marked sentences (sentence tasks) or runs of marked words.
  function spans() {
    var out = [];
    if (data.unit === "sentence") {
      units.forEach(function (u) {
        var idx = byUnit[u].map(index).filter(isMarked);
        if (idx.length) { out.push(idx); }
      });
      return out;
    }
    var run = [];
    words.forEach(function (w) {
      var i = index(w);
      if (isMarked(i)) { run.push(i); } else if (run.length) { out.push(run); run = []; }
    });
    if (run.length) { out.push(run); }
    return out;
  }

  function update() {
    var n = spans().length;
    count.textContent = n === 0 ? "Nothing marked yet." : n + (n === 1 ? " passage marked." : " passages marked.");
  }

  function overlaps(range, w) {
    var r = doc.createRange();
    r.selectNodeContents(w);
    // Strict overlap: a selection that only touches a word's edge does not mark it.
    return range.compareBoundaryPoints(Range.END_TO_START, r) < 0 &&
      range.compareBoundaryPoints(Range.START_TO_END, r) > 0;
  }

  function markSelection() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { return false; }
    var range = sel.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) { return false; }
    var hit = words.filter(function (w) { return overlaps(range, w); });
    sel.removeAllRanges();
    if (hit.length) {
      setCursor(index(hit[0]));
      toggle(hit);
    }
    return hit.length > 0;
  }

  function setCursor(i) {
    words.forEach(function (w) { w.classList.remove("cursor"); });
    if (i < 0 || i >= words.length) { cursor = -1; return; }
    cursor = i;
    expand([words[i]]).forEach(function (w) { w.classList.add("cursor"); });
  }

  function move(step) {
    var i = cursor < 0 ? (step > 0 ? -1 : words.length) : cursor;
    if (data.unit === "sentence" && cursor >= 0) {
      var u = units.indexOf(words[cursor].getAttribute("data-u"));
      var next = units[Math.max(0, Math.min(units.length - 1, u + step))];
      i = index(byUnit[next][0]);
    } else {
      i = Math.max(0, Math.min(words.length - 1, i + step));
    }
    setCursor(i);
    words[i].scrollIntoView({ block: "nearest" });
    var shown = expand([words[i]]).map(function (w) { return w.textContent; }).join(" ");
    say(shown + (isMarked(i) ? ", marked" : ""));
  }

  text.addEventListener("mouseup", function (e) {
    if (e.detail > 1) { skipClick = true; }
    if (markSelection()) { skipClick = true; }
  });
  text.addEventListener("click", function (e) {
    if (skipClick || e.detail > 1) { skipClick = false; return; }
    var w = e.target && e.target.closest ? e.target.closest("span.w") : null;
    if (w && text.contains(w)) {
      setCursor(index(w));
      toggle([w]);
    }
  });
  text.addEventListener("keydown", function (e) {
    if (e.key === "ArrowRight") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); move(-1); }
    else if (e.key === "Home") { e.preventDefault(); setCursor(0); move(0); }
    else if (e.key === "End") { e.preventDefault(); setCursor(words.length - 1); move(0); }
    else if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      if (cursor < 0) { move(1); } else { toggle([words[cursor]]); }
    }
  });
  text.addEventListener("focus", function () { if (cursor < 0 && words.length) { setCursor(0); } });

  function wordsText(idx) {
    return idx.map(function (i) { return words[i] ? words[i].textContent : ""; }).join(" ");
  }

  function item(entry, note) {
    var li = doc.createElement("li");
    var ex = doc.createElement("p");
    ex.className = "ex";
    ex.textContent = "\u201c" + entry.excerpt + "\u201d";
    li.appendChild(ex);
    if (note) {
      var n = doc.createElement("p");
      n.textContent = note;
      li.appendChild(n);
    }
    if (entry.message) {
      var msg = doc.createElement("p");
      msg.className = "msg";
      msg.textContent = entry.message;
      li.appendChild(msg);
    }
    if (entry.explanation) {
      var why = doc.createElement("p");
      why.className = "why";
      var label = doc.createElement("span");
      label.className = "lbl";
      label.textContent = "Why it matters: ";
      why.appendChild(label);
      why.appendChild(doc.createTextNode(entry.explanation));
      li.appendChild(why);
    }
    if (entry.suggestion) {
      var tip = doc.createElement("p");
      tip.className = "try";
      var tl = doc.createElement("span");
      tl.className = "lbl";
      tl.textContent = "Try: ";
      tip.appendChild(tl);
      tip.appendChild(doc.createTextNode(entry.suggestion));
      li.appendChild(tip);
    }
    return li;
  }

  function section(title, kind, entries) {
    if (!entries.length) { return; }
    var h = doc.createElement("h3");
    h.textContent = title + " (" + entries.length + ")";
    lists.appendChild(h);
    var ul = doc.createElement("ul");
    ul.className = "rlist " + kind;
    entries.forEach(function (li) { ul.appendChild(li); });
    lists.appendChild(ul);
  }

  function paint(idx, cls) {
    idx.forEach(function (i) { if (words[i]) { words[i].classList.add(cls); } });
  }

  function clearResults() {
    words.forEach(function (w) { w.classList.remove("found", "missed", "over"); });
    results.hidden = true;
  }

  function check() {
    clearResults();
    var found = [];
    var missed = [];
    var answerWords = {};
    data.answers.forEach(function (a) {
      a.words.forEach(function (i) { answerWords[i] = true; });
      (a.words.some(isMarked) ? found : missed).push(a);
    });
    var over = [];
    spans().forEach(function (s) {
      if (s.some(function (i) { return answerWords[i]; })) { return; }
      var quoted = data.quoted.filter(function (q) {
        return q.words.some(function (i) { return s.indexOf(i) >= 0; });
      })[0];
      over.push({ words: s, quoted: quoted || null });
    });
    found.forEach(function (a) { paint(a.words, "found"); });
    missed.forEach(function (a) { paint(a.words, "missed"); });
    over.forEach(function (o) { paint(o.words, "over"); });
    lists.textContent = "";
    var total = data.answers.length;
    if (total === 0) {
      summary.textContent = over.length === 0
        ? "copydesk found nothing for this task in this article, and you marked nothing: well done."
        : "copydesk found nothing for this task in this article. Look again at what you marked.";
    } else {
      summary.textContent = "You found " + found.length + " of " + total + ". Missed: " + missed.length +
        ". Over-flagged: " + over.length + ".";
    }
    section("Found", "found", found.map(function (a) { return item(a); }));
    section("Missed", "missed", missed.map(function (a) { return item(a); }));
    section("Over-flagged", "over", over.map(function (o) {
      if (o.quoted) {
        return item({ excerpt: wordsText(o.words), message: "", explanation: "", suggestion: "" },
          "Inside a quotation: these are the speaker's words, not the writer's, so they are not an answer. copydesk's note: " + o.quoted.message);
      }
      return item({ excerpt: wordsText(o.words), message: "", explanation: "", suggestion: "" }, data.overFlag);
    }));
    results.setAttribute("data-found", String(found.length));
    results.setAttribute("data-missed", String(missed.length));
    results.setAttribute("data-over", String(over.length));
    results.hidden = false;
    results.focus();
    say(summary.textContent);
  }

  doc.getElementById("ws-check").addEventListener("click", check);
  doc.getElementById("ws-mark").addEventListener("mousedown", function (e) { e.preventDefault(); });
  doc.getElementById("ws-mark").addEventListener("click", function () {
    if (!markSelection()) { say("Select some text in the article first."); }
  });
  doc.getElementById("ws-clear").addEventListener("click", function () {
    marked = {};
    words.forEach(function (w) { w.classList.remove("marked"); });
    clearResults();
    update();
    say("All marks cleared.");
  });
})();
