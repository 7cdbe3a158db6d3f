// copydesk marking: a reader marks words (or whole sentences) of an article with the
// mouse, a selection or the keyboard. One copy of this behaviour serves the worksheet
// file (inlined before worksheet.js) and the service's page (/static/marking.js before
// page.js), so the two cannot drift apart. Words are `span.w` elements carrying their
// index (data-i) and sentence (data-u); nothing here parses HTML.
(function () {
  "use strict";

  // text: the article element (focusable); options.unit(): "word" or "sentence";
  // options.say(message): the live region; options.changed(): after marks change.
  window.copydeskMarking = function (text, options) {
    var words = [];
    var byUnit = {};
    var units = [];
    var marked = {};
    var cursor = -1;
    var skipClick = false;

    function index(w) { return Number(w.getAttribute("data-i")); }
    function isMarked(i) { return marked[i] === true; }
    function bySentence() { return options.unit() === "sentence"; }

    function reset(list) {
      words = [];
      byUnit = {};
      units = [];
      marked = {};
      cursor = -1;
      list.forEach(function (w) {
        words[index(w)] = w;
        var u = w.getAttribute("data-u");
        if (!byUnit[u]) { byUnit[u] = []; units.push(u); }
        byUnit[u].push(w);
      });
    }

    function present() { return words.filter(function (w) { return w; }); }

    function expand(list) {
      if (!bySentence()) { return list; }
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
      options.changed();
      options.say((all ? "Unmarked: " : "Marked: ") + list.map(function (w) { return w.textContent; }).join(" "));
    }

    function clear() {
      marked = {};
      present().forEach(function (w) { w.classList.remove("marked"); });
      options.changed();
    }

    // Marked word indices, in reading order.
    function marks() {
      return Object.keys(marked).map(Number).sort(function (a, b) { return a - b; });
    }

    // The reader's passages: marked sentences (sentence tasks) or runs of marked words.
    function passages() {
      var out = [];
      if (bySentence()) {
        units.forEach(function (u) {
          var idx = byUnit[u].map(index).filter(isMarked);
          if (idx.length) { out.push(idx); }
        });
        return out;
      }
      var run = [];
      present().forEach(function (w) {
        var i = index(w);
        if (isMarked(i)) { run.push(i); } else if (run.length) { out.push(run); run = []; }
      });
      if (run.length) { out.push(run); }
      return out;
    }

    function overlaps(range, w) {
      var r = w.ownerDocument.createRange();
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
      var hit = present().filter(function (w) { return overlaps(range, w); });
      sel.removeAllRanges();
      if (hit.length) { setCursor(index(hit[0])); toggle(hit); }
      return hit.length > 0;
    }

    function setCursor(i) {
      present().forEach(function (w) { w.classList.remove("cursor"); });
      if (i < 0 || i >= words.length || !words[i]) { cursor = -1; return; }
      cursor = i;
      expand([words[i]]).forEach(function (w) { w.classList.add("cursor"); });
    }

    function move(step) {
      if (!units.length) { return; }
      var i = cursor < 0 ? (step > 0 ? -1 : words.length) : cursor;
      if (bySentence() && cursor >= 0) {
        var u = units.indexOf(words[cursor].getAttribute("data-u"));
        var next = units[Math.max(0, Math.min(units.length - 1, u + step))];
        i = index(byUnit[next][0]);
      } else {
        i = Math.max(0, Math.min(words.length - 1, i + step));
      }
      setCursor(i);
      if (cursor < 0) { return; }
      words[i].scrollIntoView({ block: "nearest" });
      options.say(expand([words[i]]).map(function (w) { return w.textContent; }).join(" ") +
        (isMarked(i) ? ", marked" : ""));
    }

    text.addEventListener("mouseup", function (e) {
      if (e.detail > 1) { skipClick = true; }
      if (markSelection()) { skipClick = true; }
    });
    text.addEventListener("click", function (e) {
      if (skipClick || e.detail > 1) { skipClick = false; return; }
      var w = e.target && e.target.closest ? e.target.closest("span.w") : null;
      if (w && text.contains(w)) { setCursor(index(w)); toggle([w]); }
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
    text.addEventListener("focus", function () {
      var first = present()[0];
      if (cursor < 0 && first) { setCursor(index(first)); }
    });

    return {
      reset: reset,
      clear: clear,
      marks: marks,
      passages: passages,
      isMarked: isMarked,
      markSelection: markSelection,
      words: function () { return words; }
    };
  };
})();
