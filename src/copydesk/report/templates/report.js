// copydesk report: highlights, explanations, filters. The page is fully readable without
// this script. It never parses strings as HTML: it clones elements the server rendered
// (already escaped) and sets textContent.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var panel = doc.getElementById("detail");
  var body = doc.getElementById("detail-body");
  var title = doc.getElementById("detail-h");
  var closeButton = doc.getElementById("detail-close");
  var filters = doc.getElementById("filters");
  var status = doc.getElementById("filter-status");
  var marks = Array.prototype.slice.call(doc.querySelectorAll("mark.hl"));
  var items = {};
  each(doc.querySelectorAll("li.finding[data-i]"), function (li) { items[li.getAttribute("data-i")] = li; });
  var current = null;
  var quiet = false; // set while focus returns to a highlight, so it does not reopen

  function ids(mark) { return (mark.getAttribute("data-f") || "").split(" ").filter(Boolean); }
  function shown(i) { return Boolean(items[i]) && !items[i].hidden; }

  function open(mark) {
    if (!panel) { return; }
    var list = ids(mark).filter(shown);
    if (!list.length) { return; }
    if (current && current !== mark) {
      current.setAttribute("aria-expanded", "false");
      current.classList.remove("current");
    }
    current = mark;
    mark.setAttribute("aria-expanded", "true");
    mark.classList.add("current");
    marks.forEach(function (m) {
      m.classList.toggle("active", ids(m).some(function (i) { return list.indexOf(i) >= 0; }));
    });
    body.textContent = "";
    title.textContent = list.length === 1 ? "1 finding here" : list.length + " findings here";
    var ol = doc.createElement("ol");
    ol.className = "flist";
    list.forEach(function (i) {
      var copy = items[i].cloneNode(true);
      copy.removeAttribute("id");
      copy.hidden = false;
      each(copy.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
      var go = copy.querySelector("a.goto");
      if (go) {
        var span = doc.createElement("span");
        span.textContent = go.textContent;
        go.parentNode.replaceChild(span, go);
      }
      ol.appendChild(copy);
    });
    body.appendChild(ol);
    panel.classList.remove("empty");
    uncover(mark);
  }

  // On a narrow screen the panel is a sheet over the bottom of the page: keep the
  // highlight it explains in sight above it (room is added below the article to scroll into).
  function uncover(mark) {
    if (getComputedStyle(panel).position !== "fixed") { return; }
    var sheet = panel.getBoundingClientRect().top;
    doc.body.style.paddingBottom = Math.ceil(window.innerHeight - sheet + 16) + "px";
    var box = mark.getBoundingClientRect();
    if (box.bottom > sheet - 8 || box.top < 0) {
      window.scrollBy(0, box.top - Math.max(16, (sheet - box.height) / 2));
    }
  }

  function close(returnFocus) {
    if (!panel) { return; }
    panel.classList.add("empty");
    doc.body.style.paddingBottom = "";
    marks.forEach(function (m) { m.classList.remove("active"); });
    title.textContent = "Why it was flagged";
    body.textContent = "";
    var hint = doc.createElement("p");
    hint.className = "hint";
    hint.textContent = "Click a highlighted passage, or move to it with Tab, to see why it was flagged.";
    body.appendChild(hint);
    var back = current;
    if (current) {
      current.setAttribute("aria-expanded", "false");
      current.classList.remove("current");
    }
    current = null;
    if (returnFocus && back) {
      quiet = true;
      back.focus();
      quiet = false;
    }
  }

  marks.forEach(function (m) {
    m.addEventListener("click", function () { open(m); });
    m.addEventListener("focus", function () { if (!quiet) { open(m); } });
    m.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        open(m);
      }
    });
  });
  if (closeButton) { closeButton.addEventListener("click", function () { close(true); }); }
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) { close(true); }
  });

  each(doc.querySelectorAll("a.goto"), function (a) {
    a.addEventListener("click", function (e) {
      var target = doc.getElementById((a.getAttribute("href") || "").slice(1));
      if (!target) { return; }
      e.preventDefault();
      if (target.classList.contains("off")) { return; }
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      open(target);
    });
  });

  function checked(name) {
    var values = [];
    each(filters.querySelectorAll("input[name='" + name + "']"), function (box) {
      if (box.checked) { values.push(box.value); }
    });
    return values;
  }

  function apply() {
    var dims = checked("dim");
    var sevs = checked("sev");
    var total = 0;
    var visible = 0;
    Object.keys(items).forEach(function (i) {
      var li = items[i];
      var on = dims.indexOf(li.getAttribute("data-dim")) >= 0 && sevs.indexOf(li.getAttribute("data-sev")) >= 0;
      li.hidden = !on;
      total += 1;
      if (on) { visible += 1; }
    });
    each(doc.querySelectorAll("section.group"), function (group) {
      group.hidden = !group.querySelector("li.finding:not([hidden])");
    });
    marks.forEach(function (m) {
      var on = ids(m).some(shown);
      m.classList.toggle("off", !on);
      m.tabIndex = on ? 0 : -1;
      if (on) { m.setAttribute("role", "button"); } else { m.removeAttribute("role"); }
    });
    if (status) { status.textContent = "Showing " + visible + " of " + total + " findings."; }
    if (current) {
      if (ids(current).some(shown)) { open(current); } else { close(false); }
    }
  }

  if (filters) {
    filters.hidden = false;
    filters.addEventListener("change", apply);
  }
})();
