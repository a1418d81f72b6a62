/* coordgraph's interactive organigram: search, details, relation filters, findings.
 *
 * Data text reaches the page only through textContent and setAttribute
 * (aria-label, title): never as markup. No request leaves the page.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("cg-data").textContent);
  var ui = data.words.ui;
  var area = document.getElementById("cg-drawing");
  var svg = area.querySelector("svg");
  var panel = document.getElementById("cg-panel");
  var layout = panel.parentNode;
  var controls = document.getElementById("cg-controls");
  var findingsBox = document.getElementById("cg-findings");
  var nodes = new Map();      // id -> node data
  var platforms = new Map();  // id -> drawn platform or one on a route beyond the drawing
  var boxes = new Map();      // id -> <g class="node">
  var marked = [];            // [element, class] to undo
  var current = null;         // the node whose details are shown

  data.nodes.forEach(function (node) { nodes.set(node.id, node); });
  (data.beyond || []).concat(data.nodes).forEach(function (node) {
    if (node.kind === undefined || node.kind === "platform") { platforms.set(node.id, node); }
  });

  // -- helpers ---------------------------------------------------------------

  function el(tag, attrs, text) {
    var element = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) { element.setAttribute(name, attrs[name]); });
    }
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }

  function said(text) {            // data text: isolated, its own direction
    return el("span", { "class": "t", dir: "auto" }, text);
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function word(table, key) {
    var words = data.words[table] || {};
    return Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key;
  }

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function mark(element, name) {
    if (element && !element.classList.contains(name)) {
      element.classList.add(name);
      marked.push([element, name]);
    }
  }

  function unmark() {
    marked.forEach(function (pair) { pair[0].classList.remove(pair[1]); });
    marked = [];
  }

  function edge(id) { return document.getElementById(id); }

  // -- the drawing: every box a button --------------------------------------

  if (svg) {
    svg.setAttribute("role", "group");   // role=img would hide the buttons inside
    svg.querySelectorAll("g.node").forEach(function (box) {
      var id = (box.getAttribute("id") || "").slice(5);
      var node = nodes.get(id);
      if (!node) { return; }
      boxes.set(id, box);
      var kind = node.kind === "platform" ? ui.platform
        : format(ui.role, { owner: node.org || "" });
      var count = (node.findings || []).length;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "button");
      box.setAttribute("aria-label", node.label + " (" + kind + ")" +
        (count ? ", " + ui.node_findings + ": " + count : ""));
    });
    svg.addEventListener("click", function (event) {
      var box = event.target.closest && event.target.closest("g.node");
      if (box && boxes.has(box.getAttribute("id").slice(5))) {
        show(box.getAttribute("id").slice(5), false);
      }
    });
    svg.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") { return; }
      var box = event.target.closest && event.target.closest("g.node");
      if (box && boxes.has(box.getAttribute("id").slice(5))) {
        event.preventDefault();
        show(box.getAttribute("id").slice(5), true);
      }
    });
  }

  // -- details ---------------------------------------------------------------

  function link(id, label) {       // a same-page link to a box: no request, just a jump
    var anchor = el("a", { href: "#node-" + id, "class": "link" });
    anchor.appendChild(said(label));
    anchor.addEventListener("click", function (event) {
      event.preventDefault();
      jump(id);
    });
    return anchor;
  }

  function reference(item) {
    var li = el("li");
    if (boxes.has(item.id)) {
      li.appendChild(link(item.id, item.label));
    } else {
      li.appendChild(said(item.label));
      li.appendChild(el("span", { "class": "muted" }, " (" + ui.not_drawn + ")"));
    }
    var extra = [];
    if (item.org) { extra.push(item.org); }
    if (item.person) { extra.push(item.person); }
    if (item.capacity && ["member", "alternate", "observer", "coordinator"]
        .indexOf(item.capacity) < 0) {
      extra.push(word("capacity", item.capacity));
    }
    if (item.status) { extra.push(word("status", item.status)); }
    if (item.has_alternate !== undefined) {
      extra.push(item.has_alternate ? ui.has_alternate : ui.no_alternate);
    }
    if (extra.length) { li.appendChild(said(" · " + extra.join(" · "))); }
    if (item.condition) {
      li.appendChild(el("span", { "class": "muted" }, " — "));
      li.appendChild(said(format(ui.condition, { condition: item.condition })));
    }
    return li;
  }

  function block(title, items, always) {
    if (!items || !items.length) {
      if (!always) { return []; }
      return [el("h3", null, title), el("p", { "class": "muted" }, ui.none)];
    }
    var list = el("ul");
    items.forEach(function (item) { list.appendChild(reference(item)); });
    return [el("h3", null, title), list];
  }

  // The escalation route: from each platform to the first one it escalates to
  // ("up"), to the apex, stopping where it comes back to a platform already
  // on it (a cycle). Computed here so the data holds each platform once.
  function routeOf(node) {
    var steps = [], edges = [], seen = new Set([node.id]), at = node;
    while (at && at.up !== undefined) {
      if (seen.has(at.up)) { return { steps: steps, edges: edges, cycle: true }; }
      seen.add(at.up);
      if (at.up_edge) { edges.push(at.up_edge); }
      var next = platforms.get(at.up);
      steps.push({ id: at.up, label: next ? next.label : at.up });
      at = next;
    }
    return { steps: steps, edges: edges, cycle: false };
  }

  function route(node) {
    var parts = [el("h3", null, ui.route)];
    var path = routeOf(node);
    if (!path.steps.length) {
      parts.push(el("p", { "class": "muted" }, ui.apex));
      return parts;
    }
    var list = el("ol", { "class": "route-list" });
    list.appendChild(reference({ id: node.id, label: node.label }));
    path.steps.forEach(function (step) { list.appendChild(reference(step)); });
    parts.push(list);
    if (path.cycle) { parts.push(el("p", { "class": "sev-error" }, ui.cycle)); }
    return parts;
  }

  function findingItem(finding, linkNode) {
    var li = el("li");
    li.appendChild(el("span", { "class": "sev-" + finding.severity },
      word("ui", finding.severity) + " " + finding.code));
    li.appendChild(document.createTextNode(" "));
    if (linkNode) {
      if (boxes.has(finding.node)) {
        li.appendChild(link(finding.node, finding.label));
      } else {
        li.appendChild(said(finding.label));
        li.appendChild(el("span", { "class": "muted" }, " (" + ui.not_drawn + ")"));
      }
      li.appendChild(document.createTextNode(": "));
    }
    li.appendChild(said(finding.message));
    if (finding.hint) {
      li.appendChild(el("span", { "class": "muted" }, " → "));
      li.appendChild(said(finding.hint));
    }
    return li;
  }

  function fill(node) {
    panel.textContent = "";
    var close = el("button", { type: "button", "class": "close", "aria-label": ui.close }, "×");
    close.addEventListener("click", hide);
    panel.appendChild(close);
    var heading = el("h2", { id: "cg-panel-title", tabindex: "-1", "class": "t", dir: "auto" },
                     node.label);
    panel.appendChild(heading);
    panel.setAttribute("aria-labelledby", "cg-panel-title");
    var facts = node.kind === "platform"
      ? [ui.platform, node.structure, word("level", node.level)]
      : [format(ui.role, { owner: node.org || "" }),
         node.seniority ? format(ui.seniority, { n: node.seniority }) : ""];
    facts.push(node.code || "", node.status ? word("status", node.status) : "", node.id);
    panel.appendChild(el("p", { "class": "meta t", dir: "auto" },
                         facts.filter(Boolean).join(" · ")));
    var who = [node.person ? format(ui.person, { person: node.person }) : "",
               node.location ? format(ui.location, { location: node.location }) : ""];
    if (who[0] || who[1]) {
      panel.appendChild(el("p", { "class": "who t", dir: "auto" },
                           who.filter(Boolean).join(" · ")));
    }
    var leads = [node.lead ? format(ui.lead, { orgs: node.lead.join(", ") }) : "",
                 node.co_lead ? format(ui.co_lead, { orgs: node.co_lead.join(", ") }) : ""];
    if (leads[0] || leads[1]) {
      panel.appendChild(el("p", { "class": "leads t", dir: "auto" },
                           leads.filter(Boolean).join(" · ")));
    }
    if (node.status === "vacant") {
      panel.appendChild(el("p", { "class": "note vacant" }, ui.vacant_post));
    }
    if (node.expected === false) {
      panel.appendChild(el("p", { "class": "note not-expected" }, ui.not_expected));
    }
    if (node.labels) {
      panel.appendChild(el("p", { "class": "muted t", dir: "auto" }, node.labels.join(" · ")));
    }
    if (node.description) {
      panel.appendChild(el("p", { "class": "t", dir: "auto" }, node.description));
    }
    var parts;
    if (node.kind === "platform") {
      parts = [].concat(block(ui.seats, node.seats, true),
                        block(ui.coordinators, node.coordinators),
                        block(ui.alternates, node.alternates),
                        block(ui.observers, node.observers), route(node),
                        block(ui.escalated_from, node.escalated_from),
                        block(ui.reports_to, node.reports_to),
                        block(ui.reports_from, node.reports_from));
    } else {
      parts = [].concat(block(ui.role_seats, node.seats, true),
                        block(ui.coordinator_of, node.coordinator_of),
                        block(ui.alternate_for, node.alternate_for),
                        block(ui.observer_at, node.observer_at),
                        block(format(ui.sole, { owner: node.org || "" }), node.sole));
    }
    parts = parts.concat(block(ui.advises_list, node.advises),
                         block(ui.advised_by, node.advised_by));
    parts.push(el("h3", null, ui.node_findings));
    if (node.findings && node.findings.length) {
      var list = el("ul");
      node.findings.forEach(function (index) {
        list.appendChild(findingItem(data.findings[index], false));
      });
      parts.push(list);
    } else {
      parts.push(el("p", { "class": "muted" }, ui.none));
    }
    parts.forEach(function (part) { panel.appendChild(part); });
    return heading;
  }

  function show(id, moveFocus) {
    var node = nodes.get(id);
    if (!node) { return; }
    unmark();
    current = id;
    mark(boxes.get(id), "selected");
    var path = node.kind === "platform" ? routeOf(node) : { steps: [], edges: [] };
    if (path.steps.length) {
      mark(boxes.get(id), "route");
      path.steps.forEach(function (step) { mark(boxes.get(step.id), "route"); });
      path.edges.forEach(function (eid) { mark(edge(eid), "route"); });
    }
    (node.links || []).forEach(function (eid) { mark(edge(eid), "linked"); });
    [node.seats, node.coordinator_of, node.alternate_for, node.observer_at]
      .forEach(function (items) {
      if (node.kind === "role") {
        (items || []).forEach(function (item) { mark(boxes.get(item.id), "linked"); });
      }
    });
    var heading = fill(node);
    panel.hidden = false;
    layout.classList.add("with-panel");
    if (moveFocus) { heading.focus(); }
  }

  function hide() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    layout.classList.remove("with-panel");
    unmark();
    var box = current && boxes.get(current);
    current = null;
    if (box) { box.focus(); }
  }

  function jump(id) {
    var box = boxes.get(id);
    if (!box) { return; }
    show(id, false);
    box.focus({ preventScroll: true });
    if (box.scrollIntoView) { box.scrollIntoView({ block: "center", inline: "center" }); }
  }

  // -- controls: search, relations, zoom ------------------------------------

  var index = data.nodes.filter(function (node) { return boxes.has(node.id); })
    .map(function (node) {
      var names = [node.label].concat(node.labels || [], [node.id, node.code || "",
                                                          node.person || "", node.location || ""]);
      return { node: node, names: names, folded: names.map(fold) };
    });

  var search = el("div", { "class": "search", role: "search" });
  var input = el("input", { type: "search", id: "cg-search", autocomplete: "off",
                            spellcheck: "false", placeholder: ui.search_hint,
                            "aria-describedby": "cg-search-status",
                            "aria-controls": "cg-results" });
  var status = el("p", { "class": "status", id: "cg-search-status", role: "status" });
  var results = el("ul", { "class": "results", id: "cg-results" });
  search.appendChild(el("label", { "for": "cg-search" }, ui.search));
  search.appendChild(input);
  search.appendChild(status);
  search.appendChild(results);
  var matches = [];

  function find() {
    var query = fold(input.value.trim());
    var terms = query.split(/\s+/).filter(Boolean);   // every word, in any name or code
    results.textContent = "";
    boxes.forEach(function (box) { box.classList.remove("match"); });
    matches = [];
    if (!query) {
      area.classList.remove("searching");
      status.textContent = "";
      return;
    }
    index.forEach(function (entry) {
      var everywhere = entry.folded.join(" \u0000 ");
      if (!terms.every(function (term) { return everywhere.indexOf(term) >= 0; })) { return; }
      var at = entry.folded.findIndex(function (text) { return text.indexOf(query) >= 0; });
      if (at < 0) {
        at = entry.folded.findIndex(function (text) { return text.indexOf(terms[0]) >= 0; });
      }
      matches.push({ node: entry.node, name: entry.names[at] });
    });
    area.classList.add("searching");
    status.textContent = matches.length ? format(ui.matches, { n: matches.length }) : ui.no_match;
    matches.forEach(function (match, number) {
      boxes.get(match.node.id).classList.add("match");
      if (number >= 50) { return; }
      var li = el("li");
      var button = link(match.node.id, match.node.label);
      if (match.name && match.name !== match.node.label) {
        button.appendChild(el("span", { "class": "other" }, " · "));
        button.appendChild(el("span", { "class": "other t", dir: "auto" }, match.name));
      }
      li.appendChild(button);
      results.appendChild(li);
    });
  }

  input.addEventListener("input", find);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matches.length) {
      event.preventDefault();
      jump(matches[0].node.id);
    } else if (event.key === "Escape" && input.value && panel.hidden) {
      input.value = "";
      find();
    }
  });
  controls.appendChild(search);

  if (data.relations.length) {
    var relations = el("fieldset", { "class": "relations" });
    relations.appendChild(el("legend", null, ui.relations));
    data.relations.forEach(function (relation) {
      var id = "cg-relation-" + relation;
      var box = el("input", { type: "checkbox", id: id, value: relation });
      box.checked = true;
      box.addEventListener("change", function () {
        area.classList.toggle("hide-" + relation, !box.checked);
      });
      var label = el("label", { "for": id });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + ui[relation]));
      relations.appendChild(label);
    });
    controls.appendChild(relations);
  }

  var zoom = el("div", { "class": "zoom", role: "group", "aria-label": ui.zoom });
  var box = svg && svg.viewBox && svg.viewBox.baseVal;
  // Opens fitted to width when that shows the text at least at its natural
  // size, else at its natural size (the area scrolls): fitted, a wide
  // drawing's text would be too small to read. null: fit to width.
  var scale = box && box.width && area.clientWidth < box.width * 4 / 3 ? 1 : null;
  function applyZoom() {
    if (!svg) { return; }
    area.classList.toggle("fit", scale === null);
    svg.style.maxWidth = "none";
    svg.style.width = scale === null || !box ? "" : (box.width * 4 / 3 * scale) + "px";
    svg.style.height = scale === null || !box ? "" : (box.height * 4 / 3 * scale) + "px";
  }
  function zoomBy(factor) {
    if (!box || !box.width) { return; }
    if (scale === null) { scale = svg.getBoundingClientRect().width / (box.width * 4 / 3); }
    scale = Math.min(8, Math.max(0.1, scale * factor));
    applyZoom();
  }
  [["−", ui.zoom_out, function () { zoomBy(1 / 1.25); }],
   ["+", ui.zoom_in, function () { zoomBy(1.25); }],
   ["↔", ui.fit, function () { scale = null; applyZoom(); }]].forEach(function (spec) {
    var button = el("button", { type: "button", "aria-label": spec[1], title: spec[1] }, spec[0]);
    button.addEventListener("click", spec[2]);
    zoom.appendChild(button);
  });
  controls.appendChild(zoom);
  applyZoom();

  // -- the findings ----------------------------------------------------------

  findingsBox.appendChild(el("h2", { id: "cg-findings-title" }, ui.findings));
  findingsBox.setAttribute("aria-labelledby", "cg-findings-title");
  if (data.findings.length) {
    var list = el("ol");
    data.findings.forEach(function (finding) { list.appendChild(findingItem(finding, true)); });
    findingsBox.appendChild(list);
  } else {
    findingsBox.appendChild(el("p", null, ui.no_findings));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      hide();
    } else if (event.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) {
      event.preventDefault();
      input.focus();
    }
  });
  var start = "";   // file.html#node-hct opens that box
  try { start = decodeURIComponent(location.hash.slice(1)); } catch (malformed) { start = ""; }
  if (start.indexOf("node-") === 0 && boxes.has(start.slice(5))) { jump(start.slice(5)); }
  document.documentElement.classList.add("ready");
}());
