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
  function say(message) { live.textContent = message.length > 120 ? message.slice(0, 119) + "\u2026" : message; }
  function update() {
    var n = marking.passages().length;
    count.textContent = n === 0 ? "Nothing marked yet." : n + (n === 1 ? " passage marked." : " passages marked.");
  }
  // Marking is shared with the service's page (marking.js, inlined before this script).
  var marking = window.copydeskMarking(text, {
    unit: function () { return data.unit; },
    say: say,
    changed: function () { clearResults(); update(); }
  });
  marking.reset(Array.prototype.slice.call(text.querySelectorAll("span.w")));
  var words = marking.words();
  var isMarked = marking.isMarked;

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
    marking.passages().forEach(function (s) {
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
    if (!marking.markSelection()) { say("Select some text in the article first."); }
  });
  doc.getElementById("ws-clear").addEventListener("click", function () {
    marking.clear();
    say("All marks cleared.");
  });
})();
