// coordgraph's portfolio page: builds the heat map from the JSON data block.
// Data text reaches the page only through textContent and attributes.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pf-data").textContent);
  var ui = data.ui;
  var states = Object.keys(data.states);          // strongest first
  var rank = {};
  states.forEach(function (s, i) { rank[s] = i; });
  var table = document.getElementById("pf-table");
  var thead = table.tHead, tbody = table.tBodies[0];
  var filter = document.getElementById("pf-filter");
  var picker = document.getElementById("pf-platform");
  var status = document.getElementById("pf-status");
  var details = document.getElementById("pf-details");
  var layout = document.getElementById("pf-layout");
  var contexts = data.contexts.map(function (c, i) { c.index = i; return c; });
  var sortKey = null, sortDir = 1, selected = null;

  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (txt !== undefined && txt !== null) { e.textContent = String(txt); }
    return e;
  }
  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  // Columns: [key, heading, value(context) for sorting, kind?]
  var infos = [
    ["name", ui.context, ui.context, function (c) { return c.name.toLowerCase(); }],
    ["country", ui.country, ui.country, function (c) { return c.country || "\uffff"; }],
    ["region", ui.region, ui.region,
     function (c) { return (c.region || "\uffff").toLowerCase(); }],
    ["context_type", ui.type, ui.type, function (c) { return c.context_type || "\uffff"; }],
    ["as_of_age_days", ui.as_of, ui.as_of_title, function (c) { return c.as_of_age_days; }],
    ["template_age_days", ui.template, ui.template_title,
     function (c) { return c.template_age_days; }],
    ["errors", ui.errors, ui.errors_title, function (c) { return c.summary.error; }],
    ["warnings", ui.warnings, ui.warnings_title, function (c) { return c.summary.warning; }]
  ];
  var columns = infos.map(function (i) {
    return {key: i[0], heading: i[1], title: i[2], value: i[3], kind: false};
  });
  data.columns.forEach(function (col) {
    columns.push({key: "kind:" + col.key, heading: col.short, title: col.key + ": " + col.label,
                  kind: true, column: col,
                  value: function (c) {
                    var s = c.valid ? c.cells[col.key] : null;
                    return s ? rank[s] : states.length + 1;
                  }});
  });

  function buildHead() {
    var tr = el("tr");
    columns.forEach(function (col) {
      var th = el("th", col.kind ? "kind" : "");
      th.setAttribute("scope", "col");
      th.dataset.key = col.key;
      var b = el("button", "", col.heading);
      b.type = "button";
      b.title = col.title;
      if (col.title !== col.heading) { b.setAttribute("aria-label", col.title); }
      b.addEventListener("click", function () { sortBy(col.key); });
      th.appendChild(b);
      tr.appendChild(th);
    });
    thead.appendChild(tr);
  }

  function buildPicker() {
    picker.appendChild(el("option", "", ui.all_platforms)).value = "";
    data.columns.forEach(function (col) {
      var o = el("option", "", col.key + " \u2014 " + col.label);
      o.value = col.key;
      picker.appendChild(o);
    });
  }

  function numberCell(value, cls) {
    var td = el("td", "info num" + (cls ? " " + cls : ""), value === null ? "" : value);
    return td;
  }

  function buildRow(c) {
    var tr = el("tr", c.valid ? "" : "invalid");
    tr.dataset.index = c.index;
    var name = el("td", "info name");
    var b = el("button", "", c.name);
    b.type = "button";
    b.title = c.source;
    b.addEventListener("click", function () { show(c); });
    name.appendChild(b);
    tr.appendChild(name);
    tr.appendChild(el("td", "info", c.country));
    tr.appendChild(el("td", "info", c.region));
    tr.appendChild(el("td", "info", c.context_type));
    tr.appendChild(numberCell(c.as_of_age_days));
    tr.appendChild(numberCell(c.template_age_days));
    tr.appendChild(numberCell(c.summary.error, c.summary.error ? "bad" : ""));
    tr.appendChild(numberCell(c.summary.warning, c.summary.warning ? "warn" : ""));
    if (!c.valid) {
      var td = el("td", "info", fmt(ui.invalid, {n: c.problems.length}));
      td.colSpan = Math.max(1, data.columns.length);
      tr.appendChild(td);
      return tr;
    }
    data.columns.forEach(function (col) {
      var state = c.cells[col.key];
      var td = el("td", "kind");
      td.dataset.kind = col.key;
      var meaning = state ? data.states[state].meaning : ui.no_platform;
      var span = el("span", "cell s-" + (state || "none"), state ? data.states[state].symbol : "");
      td.title = col.key + ": " + meaning;
      span.setAttribute("aria-label", col.key + ": " + meaning);
      td.dataset.state = state || "";
      td.appendChild(span);
      tr.appendChild(td);
    });
    return tr;
  }

  function matches(c, words, kind) {
    if (kind) {
      var s = c.valid ? c.cells[kind] : null;
      if (!s || s === "inactive") { return false; }
    }
    var hay = [c.name, c.country, c.region, c.context_type, c.source].join(" ").toLowerCase();
    return words.every(function (w) { return hay.indexOf(w) !== -1; });
  }

  function render() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var kind = picker.value;
    var list = contexts.slice();
    if (sortKey) {
      var col = columns.filter(function (k) { return k.key === sortKey; })[0];
      list.sort(function (a, b) {
        var x = col.value(a), y = col.value(b);
        var nx = x === null || x === undefined, ny = y === null || y === undefined;
        if (nx || ny) { return nx === ny ? a.index - b.index : (nx ? 1 : -1); }
        if (x < y) { return -sortDir; }
        if (x > y) { return sortDir; }
        return a.index - b.index;
      });
    }
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    var shown = 0;
    list.forEach(function (c) {
      if (!matches(c, words, kind)) { return; }
      shown += 1;
      var tr = buildRow(c);
      if (selected === c) { tr.classList.add("selected"); }
      tbody.appendChild(tr);
    });
    Array.prototype.forEach.call(table.querySelectorAll("[data-key], [data-kind]"), function (e) {
      var k = e.dataset.key ? e.dataset.key.replace(/^kind:/, "") : e.dataset.kind;
      var on = Boolean(kind) && k === kind && (e.dataset.kind || e.dataset.key.indexOf("kind:") === 0);
      e.classList.toggle("picked", on);
    });
    status.textContent = fmt(ui.shown, {n: shown, total: contexts.length});
  }

  function sortBy(key) {
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    Array.prototype.forEach.call(thead.querySelectorAll("th"), function (th) {
      if (th.dataset.key === key) {
        th.setAttribute("aria-sort", sortDir === 1 ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    render();
  }

  function show(c) {
    selected = c;
    while (details.firstChild) { details.removeChild(details.firstChild); }
    var close = el("button", "close", ui.close);
    close.type = "button";
    close.addEventListener("click", function () {
      selected = null;
      details.hidden = true;
      layout.classList.remove("with-details");
      render();
    });
    details.appendChild(close);
    details.appendChild(el("h2", "", fmt(ui.findings, {name: c.name})));
    var meta = [c.country, c.region, c.context_type, c.as_of ? "as of " + c.as_of : "",
                c.template ? "template " + c.template : "", c.org].filter(Boolean).join(" \u00b7 ");
    details.appendChild(el("p", "meta", meta));
    var items = c.valid ? c.findings : c.problems;
    if (!c.valid) {
      details.appendChild(el("p", "sev-error", fmt(ui.invalid, {n: c.problems.length})));
    }
    if (!items.length) {
      details.appendChild(el("p", "", ui.no_findings));
    } else {
      var ol = el("ol");
      items.forEach(function (f) {
        var li = el("li");
        var severity = f.severity || "error";
        li.appendChild(el("span", "sev-" + severity, f.code + " " + severity));
        var where = f.file ? " " + [f.file, f.line, f.column].filter(function (v) {
          return v !== null && v !== undefined; }).join(":") : "";
        li.appendChild(document.createTextNode(where + " \u2014 " + f.message));
        if (f.hint) { li.appendChild(el("span", "hint", f.hint)); }
        ol.appendChild(li);
      });
      details.appendChild(ol);
    }
    details.hidden = false;
    layout.classList.add("with-details");
    render();
    close.focus();
  }

  buildHead();
  buildPicker();
  filter.addEventListener("input", render);
  picker.addEventListener("change", render);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !details.hidden) { details.querySelector(".close").click(); }
  });
  render();
}());
