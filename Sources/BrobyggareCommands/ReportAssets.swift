// The style sheet and script a report carries inside its index.html, so that the page works
// from a USB stick or an e-mail attachment: no network, no libraries, plain JavaScript.
//
// The script reads the report's data (a JSON block, id "report-data") and the drawing Graphviz
// made (nodes `g#nN`, ties `g#e-S-T-L`, see DiagramStyle.elementIDs). Everything it changes in
// the drawing is an inline style, so that "Download SVG" saves what is on the screen. Opened
// as index.html#selftest it drives its own controls and writes PASS/FAIL lines into
// `pre#selftest` (the browser test in Tests/BrobyggareCommandsTests/ReportBrowserTests.swift).

let reportStyle = #"""
  body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
  table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
  th{background:#f3f3f3}td.n{text-align:right}figure{margin:1em 0}svg{max-width:100%;height:auto}
  table.sortable th{cursor:pointer;user-select:none}table.sortable th[aria-sort=ascending]::after{content:" \25B2"}
  table.sortable th[aria-sort=descending]::after{content:" \25BC"}
  #provenance{font-size:.9em;margin-top:2em;background:#f7f7f7;border:1px solid #ddd;padding:.5em 1em;margin:1em 0}
  #provenance dt{font-weight:bold;float:left;clear:left;width:9em}#provenance dd{margin-left:10em;word-break:break-all}
  #provenance code{font-size:.95em}
  .toolbar{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;margin:.5em 0}
  .toolbar fieldset{border:1px solid #ddd;padding:.2em .6em;margin:0}.toolbar legend{font-size:.85em;color:#555}
  .swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #555;vertical-align:middle;margin-right:.2em}
  #viewer{position:relative;height:70vh;min-height:360px;border:1px solid #ccc;overflow:hidden;touch-action:none;background:#fff}
  #viewer svg{width:100%;height:100%;max-width:none;cursor:grab}#viewer g.node{cursor:pointer}
  #card{position:absolute;top:8px;left:8px;max-width:300px;background:#fffffff0;border:1px solid #888;border-radius:4px;padding:.5em .8em;font-size:.85em;box-shadow:0 1px 4px #0003}
  #card[hidden]{display:none}#card h3{margin:0 0 .3em;font-size:1.05em}#card table{margin:.3em 0}#card td{padding:1px 6px;border:none}
  #search-message{color:#a00;font-size:.9em}
  dl.measures dt{font-weight:bold;margin-top:.5em}dl.measures dd{margin-left:1.5em}
  #selftest{white-space:pre-wrap;background:#f3f3f3;padding:.5em}
  """#

let reportScript = #"""
  (function () {
    "use strict";
    var data = JSON.parse(document.getElementById("report-data").textContent);
    var viewer = document.getElementById("viewer");
    var svg = viewer ? viewer.querySelector("svg") : null;
    var card = document.getElementById("card");
    var state = { selected: -1, hiddenGroups: {}, hiddenLayers: {}, allLabels: data.nodes.length <= 60 };
    var nodeEl = [], edges = [], neighbours = [];
    var i;
    for (i = 0; i < data.nodes.length; i++) { nodeEl.push(null); neighbours.push({}); }

    function fmt(x) {
      if (x === null || x === undefined) return "–";
      if (typeof x !== "number") return String(x);
      if (x === 0) return "0";
      var a = Math.abs(x);
      if (a >= 1e6 || a < 1e-4) return x.toPrecision(3);
      return String(Number(x.toPrecision(4)));
    }
    function text(tag, s) { var e = document.createElement(tag); e.textContent = s; return e; }

    // ---- The drawing: nodes, ties, pan and zoom.
    var vb0 = null, vb = null;
    if (svg) {
      svg.querySelectorAll("g.node").forEach(function (g) {
        var m = /^n(\d+)$/.exec(g.id);
        if (m && +m[1] < nodeEl.length) nodeEl[+m[1]] = g;
      });
      svg.querySelectorAll("g.edge").forEach(function (g) {
        var m = /^e-(\d+)-(\d+)-(-?\d+)$/.exec(g.id);
        if (!m) return;
        var e = { el: g, s: +m[1], t: +m[2], layer: +m[3] };
        edges.push(e);
        if (e.s < neighbours.length && e.t < neighbours.length) { neighbours[e.s][e.t] = true; neighbours[e.t][e.s] = true; }
      });
      var v = svg.viewBox.baseVal;
      vb0 = { x: v.x, y: v.y, w: v.width, h: v.height };
      vb = { x: v.x, y: v.y, w: v.width, h: v.height };
      svg.removeAttribute("width");
      svg.removeAttribute("height");
    }
    function setViewBox() { svg.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h); }
    function svgPoint(clientX, clientY) {
      var m = svg.getScreenCTM();
      if (!m) return { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 };
      var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
      p = p.matrixTransform(m.inverse());
      return { x: p.x, y: p.y };
    }
    function zoom(k, cx, cy) {
      if (!svg) return;
      if (cx === undefined) { cx = vb.x + vb.w / 2; cy = vb.y + vb.h / 2; }
      var w = vb.w / k, h = vb.h / k;
      if (w < vb0.w / 50 || w > vb0.w * 10) return;
      vb = { x: cx - (cx - vb.x) / k, y: cy - (cy - vb.y) / k, w: w, h: h };
      setViewBox();
    }
    function resetView() { if (svg) { vb = { x: vb0.x, y: vb0.y, w: vb0.w, h: vb0.h }; setViewBox(); } }
    function centreOn(v) {
      var g = nodeEl[v];
      if (!g || !g.getBBox) return;
      var b = g.getBBox(), ctm = g.getCTM(), s = svg.getCTM();
      // The node's box in the svg's own coordinates (Graphviz draws inside a translated group).
      var p = svg.createSVGPoint(); p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
      if (ctm && s) p = p.matrixTransform(s.inverse().multiply(ctm));
      var w = Math.min(vb0.w, Math.max(vb0.w / 3, b.width * 12)), h = w * vb0.h / vb0.w;
      vb = { x: p.x - w / 2, y: p.y - h / 2, w: w, h: h };
      setViewBox();
    }
    if (svg) {
      svg.addEventListener("wheel", function (ev) {
        ev.preventDefault();
        var p = svgPoint(ev.clientX, ev.clientY);
        zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
      }, { passive: false });
      var drag = null;
      svg.addEventListener("pointerdown", function (ev) {
        drag = { x: ev.clientX, y: ev.clientY, vb: { x: vb.x, y: vb.y, w: vb.w, h: vb.h }, moved: false };
      });
      svg.addEventListener("pointermove", function (ev) {
        if (!drag) return;
        var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
        if (!drag.moved) return;
        var m = svg.getScreenCTM(), k = m ? m.a : 1;
        vb = { x: drag.vb.x - dx / k, y: drag.vb.y - dy / k, w: drag.vb.w, h: drag.vb.h };
        setViewBox();
      });
      svg.addEventListener("pointerup", function (ev) {
        var d = drag; drag = null;
        if (d && d.moved) return;
        var g = ev.target.closest ? ev.target.closest("g.node") : null;
        var m = g ? /^n(\d+)$/.exec(g.id) : null;
        if (m) select(+m[1]); else select(-1);
      });
      nodeEl.forEach(function (g, v) {
        if (!g) return;
        g.addEventListener("pointerenter", function () { showCard(v); });
        g.addEventListener("pointerleave", function () { showCard(state.selected); });
      });
    }

    // ---- The card, the ego network, the filters and the labels.
    function showCard(v) {
      if (!card) return;
      if (v < 0) { card.hidden = true; return; }
      var n = data.nodes[v];
      card.textContent = "";
      card.appendChild(text("h3", n.label));
      var t = document.createElement("table");
      function row(k, val) { var tr = document.createElement("tr"); tr.appendChild(text("td", k)); tr.appendChild(text("td", val)); t.appendChild(tr); }
      row("id", n.id);
      row(data.attribute, n.group);
      row("rank", String(n.rank));
      for (var k = 0; k < data.measures.length; k++) row(data.measures[k], fmt(n.m[k]));
      row("main brokerage role", n.role);
      row("contacts drawn", String(Object.keys(neighbours[v]).length));
      card.appendChild(t);
      card.hidden = false;
    }
    function visibleNode(v) { return !state.hiddenGroups[data.nodes[v].g]; }
    function apply() {
      var ego = state.selected, inEgo = function (v) { return ego < 0 || v === ego || neighbours[ego][v]; };
      nodeEl.forEach(function (g, v) {
        if (!g) return;
        g.style.display = visibleNode(v) ? "" : "none";
        g.style.opacity = inEgo(v) ? "" : "0.15";
        // An ego network shows the names of everyone in it.
        var shown = state.allLabels || data.nodes[v].top || (ego >= 0 && inEgo(v));
        g.querySelectorAll("text").forEach(function (t) { t.style.display = shown ? "" : "none"; });
      });
      edges.forEach(function (e) {
        var on = visibleNode(e.s) && visibleNode(e.t) && !state.hiddenLayers[e.layer];
        e.el.style.display = on ? "" : "none";
        e.el.style.opacity = ego < 0 || e.s === ego || e.t === ego ? "" : "0.1";
      });
    }
    function select(v) { state.selected = v; apply(); showCard(v); }

    var search = document.getElementById("search");
    var message = document.getElementById("search-message");
    function find(q) {
      q = q.trim().toLowerCase();
      if (!q) return -1;
      var k;
      for (k = 0; k < data.nodes.length; k++) { var n = data.nodes[k]; if ((n.label + " (" + n.id + ")").toLowerCase() === q) return k; }
      for (k = 0; k < data.nodes.length; k++) { if (data.nodes[k].label.toLowerCase() === q || data.nodes[k].id.toLowerCase() === q) return k; }
      for (k = 0; k < data.nodes.length; k++) { if (data.nodes[k].label.toLowerCase().indexOf(q) >= 0) return k; }
      return -1;
    }
    function runSearch() {
      var v = find(search.value);
      message.textContent = v < 0 && search.value.trim() ? "nobody is called '" + search.value.trim() + "'" : "";
      if (v < 0) return;
      if (state.hiddenGroups[data.nodes[v].g]) { state.hiddenGroups[data.nodes[v].g] = false; syncBoxes(); }
      select(v);
      centreOn(v);
    }
    if (search) {
      search.addEventListener("change", runSearch);
      search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(); });
    }
    function syncBoxes() {
      document.querySelectorAll("input[data-group]").forEach(function (b) { b.checked = !state.hiddenGroups[+b.dataset.group]; });
      document.querySelectorAll("input[data-layer]").forEach(function (b) { b.checked = !state.hiddenLayers[+b.dataset.layer]; });
    }
    document.querySelectorAll("input[data-group]").forEach(function (b) {
      b.addEventListener("change", function () { state.hiddenGroups[+b.dataset.group] = !b.checked; apply(); });
    });
    document.querySelectorAll("input[data-layer]").forEach(function (b) {
      b.addEventListener("change", function () { state.hiddenLayers[+b.dataset.layer] = !b.checked; apply(); });
    });
    var labels = document.getElementById("labels");
    if (labels) {
      labels.checked = state.allLabels;
      labels.addEventListener("change", function () { state.allLabels = labels.checked; apply(); });
    }
    function on(id, f) { var b = document.getElementById(id); if (b) b.addEventListener("click", f); }
    on("zoom-in", function () { zoom(1.5); });
    on("zoom-out", function () { zoom(1 / 1.5); });
    on("zoom-reset", function () { resetView(); select(-1); });

    // ---- Download what is on the screen as SVG.
    function currentSVG() {
      var c = svg.cloneNode(true);
      c.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h);
      c.setAttribute("width", String(Math.round(vb.w)));
      c.setAttribute("height", String(Math.round(vb.h)));
      c.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      c.querySelectorAll("[style]").forEach(function (e) { if (e.style.display === "none") e.parentNode.removeChild(e); });
      return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(c) + "\n";
    }
    on("download", function () {
      var url = URL.createObjectURL(new Blob([currentSVG()], { type: "image/svg+xml" }));
      var a = document.createElement("a");
      a.href = url; a.download = "network-view.svg";
      document.body.appendChild(a); a.click(); document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });

    // ---- Tables sorted by any column: numbers as numbers (NaN and empty last), text by locale.
    function cellValue(td) {
      var s = td.textContent.trim();
      if (s === "" || s === "NaN" || s === "–") return null;
      var x = Number(s);
      return isNaN(x) ? s : x;
    }
    function sortTable(table, col) {
      var rows = Array.prototype.slice.call(table.rows, 1);
      var th = table.rows[0].cells[col];
      var descending = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(table.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var keyed = rows.map(function (r, k) { return { r: r, k: k, v: cellValue(r.cells[col]) }; });
      keyed.sort(function (a, b) {
        if (a.v === null || b.v === null) return a.v === b.v ? a.k - b.k : a.v === null ? 1 : -1;
        var c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v));
        return (descending ? -c : c) || a.k - b.k;
      });
      var parent = rows.length ? rows[0].parentNode : null;
      keyed.forEach(function (e) { parent.appendChild(e.r); });
    }
    document.querySelectorAll("table.sortable").forEach(function (table) {
      Array.prototype.forEach.call(table.rows[0].cells, function (th, col) {
        th.title = "sort by " + th.textContent;
        th.addEventListener("click", function () { sortTable(table, col); });
      });
    });

    apply();
    // index.html#find=NAME opens with that node found: a link that points a colleague at someone.
    if (search && location.hash.indexOf("#find=") === 0) {
      search.value = decodeURIComponent(location.hash.slice(6));
      runSearch();
    }

    // ---- Self-test: index.html#selftest drives the controls and writes what it found.
    if (location.hash !== "#selftest") return;
    var out = [];
    function check(name, ok, detail) { out.push((ok ? "PASS " : "FAIL ") + name + (ok || !detail ? "" : ": " + detail)); }
    function shown(el) { return el && el.style.display !== "none"; }
    try {
      check("drawing found", !!svg && nodeEl.filter(Boolean).length === data.nodes.length, nodeEl.filter(Boolean).length + " of " + data.nodes.length + " nodes");
      var first = data.nodes.reduce(function (a, n, k) { return n.rank === 1 ? k : a; }, 0);
      var target = data.nodes[first];
      search.value = target.label.toUpperCase();
      runSearch();
      check("search finds " + target.label, state.selected === first && !card.hidden && card.textContent.indexOf(target.label) >= 0);
      var others = nodeEl.filter(function (g, v) { return g && v !== first && !neighbours[first][v]; });
      check("search highlights the ego network", others.length === 0 || others.every(function (g) { return g.style.opacity === "0.15"; }) && nodeEl[first].style.opacity === "");
      var w = vb.w;
      check("search zooms in", w <= vb0.w);
      search.value = "no such person at all"; runSearch();
      check("search says when nobody matches", message.textContent.indexOf("nobody") === 0);
      select(-1); resetView();
      zoom(2);
      check("zoom in", Math.abs(vb.w - vb0.w / 2) < 1e-6 * vb0.w);
      resetView();
      var box = document.querySelector("input[data-group]");
      if (box) {
        var gi = +box.dataset.group;
        box.checked = false; box.dispatchEvent(new Event("change"));
        var ok = true;
        data.nodes.forEach(function (n, v) { if (nodeEl[v] && shown(nodeEl[v]) === (n.g === gi)) ok = false; });
        edges.forEach(function (e) { if ((data.nodes[e.s].g === gi || data.nodes[e.t].g === gi) && shown(e.el)) ok = false; });
        check("group filter hides " + data.groups[gi], ok);
        box.checked = true; box.dispatchEvent(new Event("change"));
        check("group filter shows them again", nodeEl.every(function (g) { return !g || shown(g); }));
      } else check("group filter present", false, "no group boxes");
      var lbox = document.querySelector("input[data-layer]");
      if (lbox) {
        var li = +lbox.dataset.layer;
        lbox.checked = false; lbox.dispatchEvent(new Event("change"));
        var lok = edges.some(function (e) { return e.layer === li; });
        edges.forEach(function (e) { if (shown(e.el) === (e.layer === li)) lok = false; });
        check("layer filter hides " + data.layers[li], lok);
        lbox.checked = true; lbox.dispatchEvent(new Event("change"));
      } else check("layer filter (one layer: none needed)", data.layers.length <= 1);
      var before = state.allLabels;
      labels.checked = !before; labels.dispatchEvent(new Event("change"));
      var hiddenTexts = svg.querySelectorAll("g.node text[style*='none']").length;
      check("labels toggle", before ? hiddenTexts > 0 || data.nodes.every(function (n) { return n.top; }) : hiddenTexts === 0);
      labels.checked = before; labels.dispatchEvent(new Event("change"));
      var table = document.getElementById("every-node");
      var col = Array.prototype.map.call(table.rows[0].cells, function (c) { return c.textContent; }).indexOf("betweenness");
      function column() { return Array.prototype.slice.call(table.rows, 1).map(function (r) { return cellValue(r.cells[col]); }).filter(function (x) { return x !== null; }); }
      table.rows[0].cells[col].click();
      var up = column();
      check("sort ascending", up.every(function (x, k) { return k === 0 || up[k - 1] <= x; }), up.slice(0, 5).join(","));
      table.rows[0].cells[col].click();
      var down = column();
      check("sort descending", down.every(function (x, k) { return k === 0 || down[k - 1] >= x; }), down.slice(0, 5).join(","));
      var labelCol = Array.prototype.map.call(table.rows[0].cells, function (c) { return c.textContent; }).indexOf("label");
      table.rows[0].cells[labelCol].click();
      var names = Array.prototype.slice.call(table.rows, 1).map(function (r) { return r.cells[labelCol].textContent; });
      check("sort by text", names.every(function (x, k) { return k === 0 || names[k - 1].localeCompare(x) <= 0; }));
      check("every node in the table", table.rows.length - 1 === data.nodes.length);
      var saved = currentSVG();
      var parsed = new DOMParser().parseFromString(saved, "image/svg+xml");
      check("download is SVG", parsed.getElementsByTagName("parsererror").length === 0 && parsed.documentElement.localName === "svg");
      check("heat maps", document.querySelectorAll("svg.heatmap").length === 2);
    } catch (err) {
      out.push("FAIL exception: " + err);
    }
    function finish() {
      out.push("SELFTEST DONE");
      var pre = document.createElement("pre");
      pre.id = "selftest";
      pre.textContent = out.join("\n");
      document.body.insertBefore(pre, document.body.firstChild);
      out.forEach(function (l) { if (l.indexOf("FAIL") === 0) console.error(l); });
    }
    // The figures for print are files beside the page: each link is loaded as an image, and
    // one that is not there fails to load.
    var links = Array.prototype.slice.call(document.querySelectorAll("ul.figures a"));
    var pending = links.length, missing = [];
    function loaded() {
      if (--pending > 0) return;
      check("figures links resolve (" + links.length + ")", missing.length === 0, "missing " + missing.join(", "));
      finish();
    }
    if (!links.length) { check("figures links resolve", false, "no links to figures"); finish(); }
    links.forEach(function (a) {
      var img = new Image();
      img.onload = loaded;
      img.onerror = function () { missing.push(a.getAttribute("href")); loaded(); };
      img.src = a.getAttribute("href");
    });
  })();
  """#
