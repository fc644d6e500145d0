// lookcard graph: the page's whole behaviour. No library and no network: the
// graph is the JSON in #graph-data, laid out here in layers (a resource's
// dependencies to its left), module by module, on one SVG.
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('graph-data').textContent);
  var nodes = D.nodes || [], groups = D.groups || [], edges = D.edges || [];
  var COLORS = D.colors || {};
  var TIER_COLORS = {
    edge: '#0284c7', compute: '#ea580c', data: '#7c3aed', network: '#0d9488',
    security: '#e11d48', observability: '#ca8a04', other: '#9ca3af'
  };

  // Sizes of the layout, in SVG units.
  var NW = 230, NH = 34, NGX = 34, NGY = 8, MINROWS = 12;  // resources in an open module
  var GW = 240, GH = 46;                                   // a closed module
  var PAD = 10, HEAD = 28, COLGAP = 80, ROWGAP = 14;

  var deps = nodes.map(function () { return []; });
  var users = nodes.map(function () { return []; });
  edges.forEach(function (e) { deps[e[0]].push(e[1]); users[e[1]].push(e[0]); });
  var groupOf = new Array(nodes.length);
  groups.forEach(function (g, gi) { g.nodes.forEach(function (id) { groupOf[id] = gi; }); });
  var haystack = nodes.map(function (n) { return n.address.toLowerCase(); });

  var S = {
    expanded: new Set(),
    f: { module: '', cluster: '', action: '', tier: '' },
    query: '', matches: new Set(),
    role: null, up: null, down: null, hlLabel: '',
    selected: -1,
    view: { x: 20, y: 20, k: 1 },
    L: null
  };

  function $(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fmt(n) { return n.toLocaleString('en-US'); }
  function clip(s, px, size) {
    var max = Math.floor(px / ((size || 11) * 0.6));
    return s.length > max ? s.slice(0, Math.max(1, max - 1)) + '\u2026' : s;
  }
  function color(action) { return COLORS[action] || COLORS['no-op'] || ['#718096', '#edf0f4']; }
  function groupLabel(g) { return g.module === '' ? 'root module' : g.module; }
  // shortLabel drops the "module." prefixes: ecs_service["card-api"].db.
  function shortLabel(g) { return g.module === '' ? 'root module' : g.module.replace(/(^|\.)module\./g, '$1'); }
  function shortName(n) {
    return n.name.indexOf(n.type + '.') === 0 ? n.name.slice(n.type.length + 1) : n.name;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- header, legend, selects ------------------------------------------

  function header() {
    var st = $('stats');
    st.dataset.nodeCount = String(nodes.length);
    st.dataset.edgeCount = String(edges.length);
    st.innerHTML = '<b>' + fmt(nodes.length) + '</b> resources \u00b7 <b>' + fmt(edges.length) +
      '</b> references \u00b7 <b>' + fmt(groups.length) + '</b> modules';
    var counts = {};
    nodes.forEach(function (n) { counts[n.action] = (counts[n.action] || 0) + 1; });
    var lg = $('legend'), html = '';
    (D.actions || Object.keys(counts)).forEach(function (a) {
      if (!counts[a]) return;
      var c = color(a);
      html += '<span><i style="background:' + c[1] + ';border-color:' + c[0] + '"></i>' + esc(a) + ' ' + fmt(counts[a]) + '</span>';
    });
    html += '<span class="sep"></span>';
    Object.keys(TIER_COLORS).forEach(function (t) {
      html += '<span><i style="background:' + TIER_COLORS[t] + ';border-color:' + TIER_COLORS[t] + '"></i>' + t + '</span>';
    });
    lg.innerHTML = html;
  }

  function fillSelect(id, values, label) {
    var s = $(id);
    values.forEach(function (v) { s.appendChild(el('option', { value: v.value }, v.text || v.value)); });
    if (label) s.setAttribute('aria-label', label);
  }

  function distinct(f) {
    var seen = {}, out = [];
    nodes.forEach(function (n) { var v = f(n); if (v && !seen[v]) { seen[v] = true; out.push(v); } });
    return out.sort();
  }

  function selects() {
    var calls = {};
    groups.forEach(function (g) { if (g.call) calls[g.call] = (calls[g.call] || 0) + 1; });
    var mods = [];
    groups.forEach(function (g) {
      if (g.call && calls[g.call] > 1 && !calls['done:' + g.call]) {
        calls['done:' + g.call] = 1;
        mods.push({ value: 'call:' + g.call, text: g.call + ' (all ' + calls[g.call] + ')' });
      }
      mods.push({ value: 'mod:' + g.module, text: groupLabel(g) });
    });
    fillSelect('f-module', mods);
    fillSelect('f-cluster', distinct(function (n) { return n.cluster; }).map(function (v) { return { value: v }; }));
    fillSelect('f-action', distinct(function (n) { return n.action; }).map(function (v) { return { value: v }; }));
    fillSelect('f-tier', (D.tiers || []).filter(function (t) {
      return nodes.some(function (n) { return n.tier === t; });
    }).map(function (v) { return { value: v }; }));
    fillSelect('service', distinct(function (n) { return n.service; }).map(function (v) {
      var c = nodes.filter(function (n) { return n.service === v; });
      return { value: v, text: v + (c[0] && c[0].cluster ? '  (' + c[0].cluster + ')' : '') };
    }));
  }

  function pass(n) {
    var f = S.f;
    if (f.module) {
      var kind = f.module.slice(0, 4), v = f.module.slice(kind === 'call' ? 5 : 4);
      if (kind === 'call') {
        if (n.module_call !== v && n.module_call.indexOf(v + '.') !== 0) return false;
      } else if (v === '') {
        if (n.module !== '') return false;
      } else if (n.module !== v && n.module.indexOf(v + '.') !== 0) return false;
    }
    if (f.cluster && n.cluster !== f.cluster) return false;
    if (f.action && n.action !== f.action) return false;
    if (f.tier && n.tier !== f.tier) return false;
    return true;
  }

  // ---- layout -------------------------------------------------------------

  // ranks gives each item its longest chain of dependencies (cycles ignored).
  function ranks(list, depsOf) {
    var rank = new Map(), state = new Map();
    function visit(x) {
      var st = state.get(x);
      if (st === 2) return rank.get(x);
      if (st === 1) return -1;
      state.set(x, 1);
      var r = 0;
      depsOf(x).forEach(function (d) { var dr = visit(d); if (dr >= 0 && dr + 1 > r) r = dr + 1; });
      state.set(x, 2);
      rank.set(x, r);
      return r;
    }
    list.forEach(visit);
    return rank;
  }

  // columns puts items in rank order and orders each column by the mean
  // position of its neighbours (a few sweeps each way).
  function columns(list, depsOf, usersOf) {
    var rank = ranks(list, depsOf), cols = [];
    list.forEach(function (x) {
      var r = rank.get(x);
      (cols[r] = cols[r] || []).push(x);
    });
    cols = cols.filter(Boolean);
    var pos = new Map();
    function place(col) { col.forEach(function (x, i) { pos.set(x, col.length > 1 ? i / (col.length - 1) : 0.5); }); }
    cols.forEach(place);
    for (var sweep = 0; sweep < 4; sweep++) {
      var fwd = sweep % 2 === 0;
      for (var k = 0; k < cols.length; k++) {
        var col = cols[fwd ? k : cols.length - 1 - k], bc = new Map();
        col.forEach(function (x) {
          var nb = (fwd ? depsOf(x) : usersOf(x)).filter(function (y) { return pos.has(y) && y !== x; });
          var sum = 0;
          nb.forEach(function (y) { sum += pos.get(y); });
          bc.set(x, nb.length ? sum / nb.length : pos.get(x));
        });
        col.sort(function (a, b) { return bc.get(a) - bc.get(b); });
        place(col);
      }
    }
    return cols;
  }

  function layout() {
    var vis = new Uint8Array(nodes.length), visCount = 0;
    nodes.forEach(function (n, i) { if (pass(n)) { vis[i] = 1; visCount++; } });
    var items = [], itemOf = new Map();
    groups.forEach(function (g, gi) {
      var members = g.nodes.filter(function (id) { return vis[id]; });
      if (!members.length) return;
      var it = { gi: gi, key: 'g' + gi, members: members, open: S.expanded.has(gi), deps: new Set(), users: new Set() };
      itemOf.set(gi, it);
      items.push(it);
    });
    edges.forEach(function (e) {
      if (!vis[e[0]] || !vis[e[1]]) return;
      var a = itemOf.get(groupOf[e[0]]), b = itemOf.get(groupOf[e[1]]);
      if (a !== b) { a.deps.add(b); b.users.add(a); }
    });
    var rects = {}; // key -> {x, y, w, h}; n<id> for resources of open modules

    // Inside an open module: the same layering, wrapped into columns.
    items.forEach(function (it) {
      if (!it.open) { it.w = GW; it.h = GH; return; }
      var inGroup = new Set(it.members);
      var idDeps = function (id) { return deps[id].filter(function (d) { return inGroup.has(d); }); };
      var idUsers = function (id) { return users[id].filter(function (d) { return inGroup.has(d); }); };
      // Roughly square boxes: a module of n resources wraps its columns at
      // about 2.5 * sqrt(n) rows.
      var rows = Math.max(MINROWS, Math.ceil(2.5 * Math.sqrt(it.members.length)));
      var cols = columns(it.members, idDeps, idUsers), inner = [], x = PAD, maxRows = 0;
      cols.forEach(function (col) {
        for (var i = 0; i < col.length; i += rows) inner.push(col.slice(i, i + rows));
      });
      inner.forEach(function (col) {
        col.forEach(function (id, row) { rects['n' + id] = { rel: it, x: x, y: HEAD + PAD + row * (NH + NGY), w: NW, h: NH }; });
        maxRows = Math.max(maxRows, col.length);
        x += NW + NGX;
      });
      it.w = Math.max(x - NGX + PAD, GW);
      it.h = HEAD + PAD * 2 + maxRows * (NH + NGY) - NGY;
    });

    // Modules in layers, tall layers wrapped into several columns: the
    // column height is the one that lets the whole drawing fit the canvas
    // at the largest scale.
    var cols = columns(items, function (it) { return Array.from(it.deps); }, function (it) { return Array.from(it.users); });
    function wrap(maxH) {
      var sub = [];
      cols.forEach(function (col) {
        var cur = [], h = 0;
        col.forEach(function (it) {
          if (cur.length && h + it.h > maxH) { sub.push(cur); cur = []; h = 0; }
          cur.push(it);
          h += it.h + ROWGAP;
        });
        if (cur.length) sub.push(cur);
      });
      return sub;
    }
    function extent(sub) {
      var w = 0, h = 0;
      sub.forEach(function (col) {
        var cw = 0, ch = -ROWGAP;
        col.forEach(function (it) { cw = Math.max(cw, it.w); ch += it.h + ROWGAP; });
        w += cw + COLGAP;
        h = Math.max(h, ch);
      });
      return [Math.max(1, w - COLGAP), Math.max(1, h)];
    }
    var canvas = $('canvas').getBoundingClientRect();
    var cw = Math.max(canvas.width, 400), ch = Math.max(canvas.height, 300);
    var tallestItem = 0, total = 0;
    items.forEach(function (it) { tallestItem = Math.max(tallestItem, it.h); total += it.h + ROWGAP; });
    var best = null;
    for (var i = 0; i <= 24; i++) {
      var maxH = tallestItem + (total - tallestItem) * i / 24;
      var cand = wrap(maxH), e = extent(cand), scale = Math.min(cw / e[0], ch / e[1]);
      if (!best || scale > best.scale + 1e-9) best = { scale: scale, sub: cand };
    }
    var sub = best ? best.sub : [];
    var heights = sub.map(function (col) {
      return col.reduce(function (s, it) { return s + it.h + ROWGAP; }, -ROWGAP);
    });
    var tallest = Math.max.apply(null, heights.concat([0])), x = 0;
    sub.forEach(function (col, ci) {
      var y = (tallest - heights[ci]) / 2, w = 0;
      col.forEach(function (it) {
        it.x = x; it.y = y;
        rects[it.key] = { x: x, y: y, w: it.w, h: it.h };
        y += it.h + ROWGAP;
        w = Math.max(w, it.w);
      });
      x += w + COLGAP;
    });
    Object.keys(rects).forEach(function (k) {
      var r = rects[k];
      if (r.rel) { r.x += r.rel.x; r.y += r.rel.y; delete r.rel; }
    });

    // Drawn edges: between resources of open modules, or closed modules.
    function end(id) { var it = itemOf.get(groupOf[id]); return it.open ? 'n' + id : it.key; }
    var drawn = new Map();
    edges.forEach(function (e) {
      if (!vis[e[0]] || !vis[e[1]]) return;
      var a = end(e[0]), b = end(e[1]);
      if (a === b) return;
      var k = a + '>' + b, d = drawn.get(k);
      if (!d) { d = { a: a, b: b, pairs: [] }; drawn.set(k, d); }
      d.pairs.push(e);
    });
    S.L = { items: items, rects: rects, edges: Array.from(drawn.values()), width: Math.max(0, x - COLGAP), height: tallest, visible: visCount };
  }

  // ---- drawing ------------------------------------------------------------

  function edgePath(s, d) {
    var x1 = s.x, y1 = s.y + s.h / 2, x2 = d.x + d.w, y2 = d.y + d.h / 2;
    var dx = x1 > x2 + 20 ? Math.max(30, (x1 - x2) / 2) : 80;
    return 'M' + x1.toFixed(1) + ',' + y1.toFixed(1) + ' C' + (x1 - dx).toFixed(1) + ',' + y1.toFixed(1) + ' ' +
      (x2 + dx).toFixed(1) + ',' + y2.toFixed(1) + ' ' + x2.toFixed(1) + ',' + y2.toFixed(1);
  }

  function tiersOf(members) {
    var c = {};
    members.forEach(function (id) { c[nodes[id].tier] = (c[nodes[id].tier] || 0) + 1; });
    return Object.keys(c).sort(function (a, b) { return c[b] - c[a] || (a < b ? -1 : 1); });
  }

  function draw() {
    var L = S.L, out = [];
    L.items.forEach(function (it) {
      var g = groups[it.gi], r = L.rects[it.key], label = groupLabel(g);
      if (!it.open) {
        var c = color(g.action), tiers = tiersOf(it.members), sw = '';
        tiers.forEach(function (t, i) {
          sw += '<rect class="tier" x="' + (GW - 16 - i * 11) + '" y="28" width="8" height="8" rx="2" fill="' + TIER_COLORS[t] + '"><title>' + t + '</title></rect>';
        });
        out.push('<g class="item group" id="g-' + it.gi + '" data-key="' + it.key + '" data-group="' + esc(g.module) +
          '" transform="translate(' + r.x + ',' + r.y + ')">' +
          '<rect class="glow" x="-4" y="-4" width="' + (GW + 8) + '" height="' + (GH + 8) + '" rx="10"></rect>' +
          '<rect class="body" width="' + GW + '" height="' + GH + '" rx="7" fill="' + c[1] + '" stroke="' + c[0] + '"></rect>' + sw +
          '<text class="head" x="10" y="19">' + esc(clip(shortLabel(g), GW - 20, 12)) + '</text>' +
          '<text class="sub" x="10" y="36">' + it.members.length + ' resource' + (it.members.length === 1 ? '' : 's') + '</text>' +
          '<g class="badges"></g><title>' + esc(label + '\n' + it.members.length + ' resources (' + tiers.join(', ') + ')\nclick to open') + '</title></g>');
        return;
      }
      out.push('<g class="item box" id="g-' + it.gi + '" data-key="' + it.key + '" data-group="' + esc(g.module) +
        '" transform="translate(' + r.x + ',' + r.y + ')">' +
        '<rect class="frame" width="' + r.w + '" height="' + r.h + '" rx="8" pointer-events="none"></rect>' +
        '<rect class="head" width="' + r.w + '" height="' + HEAD + '" rx="8"></rect>' +
        '<text class="head" x="10" y="19">\u25be ' + esc(clip(shortLabel(g), r.w - 120, 12)) + '</text>' +
        '<text class="sub" x="' + (r.w - 10) + '" y="19" text-anchor="end">' + it.members.length + ' resources</text>' +
        '<title>' + esc(label) + '\nclick the header to close</title></g>');
      it.members.forEach(function (id) {
        var n = nodes[id], nr = L.rects['n' + id], nc = color(n.action);
        out.push('<g class="item node" id="n-' + id + '" data-key="n' + id + '" transform="translate(' + nr.x + ',' + nr.y + ')">' +
          '<rect class="glow" x="-4" y="-4" width="' + (NW + 8) + '" height="' + (NH + 8) + '" rx="8"></rect>' +
          '<rect class="body" width="' + NW + '" height="' + NH + '" rx="5" fill="' + nc[1] + '" stroke="' + nc[0] + '"></rect>' +
          '<rect class="tier" width="5" height="' + NH + '" rx="2" fill="' + (TIER_COLORS[n.tier] || TIER_COLORS.other) + '"></rect>' +
          '<text class="sub" x="11" y="14">' + esc(clip(n.type, NW - 16, 10)) + '</text>' +
          '<text x="11" y="28">' + esc(clip(shortName(n), NW - 16, 11)) + '</text>' +
          '<title>' + esc(n.address + '\n' + n.action + ' \u00b7 ' + n.tier + (n.service ? ' \u00b7 service ' + n.service : '')) + '</title></g>');
      });
    });
    // Arrowheads cost more than the paths; beyond a few thousand references
    // only highlighted ones get them (dependencies are always to the left).
    var eo = [], arrows = L.edges.length <= 3000;
    L.arrows = arrows;
    L.edges.forEach(function (d, i) {
      eo.push('<path class="edge" id="e-' + i + '" d="' + edgePath(L.rects[d.a], L.rects[d.b]) + '"' + (arrows ? ' marker-end="url(#arrow)"' : '') + '></path>');
    });
    $('edges').innerHTML = eo.join('');
    $('items').innerHTML = out.join('');
    $('empty').hidden = L.items.length > 0;
    $('empty').textContent = nodes.length ? 'No resource matches the filters.' : 'The plan has no managed resources.';
    $('stats').dataset.visibleCount = String(L.visible);
    decorate();
  }

  // decorate applies search matches, highlight and selection to the drawn
  // elements without laying out again.
  function decorate() {
    var L = S.L, role = S.role, svg = $('svg');
    svg.classList.toggle('dimmed', !!role);
    var order = { seed: 3, up: 2, down: 1 };
    L.items.forEach(function (it) {
      var e = $('g-' + it.gi);
      if (!e) return;
      var m = 0, h = 0, best = '';
      it.members.forEach(function (id) {
        if (S.matches.has(id)) m++;
        var r = role && role.get(id);
        if (r) { h++; if (!best || order[r] > order[best]) best = r; }
      });
      e.classList.toggle('match', !it.open && m > 0);
      ['seed', 'up', 'down'].forEach(function (r) { e.classList.toggle('hl-' + r, best === r); });
      if (!it.open) {
        var b = '', bx = GW - 8;
        if (m) { b += badge(bx, m, 'mcount-bg', m + ' match the search'); bx -= 14 + String(m).length * 6.5; }
        if (h) { b += badge(bx, h, 'hcount-bg', h + ' highlighted'); }
        e.querySelector('.badges').innerHTML = b;
        return;
      }
      it.members.forEach(function (id) {
        var ne = $('n-' + id);
        if (!ne) return;
        var r = role && role.get(id);
        ne.classList.toggle('match', S.matches.has(id));
        ne.classList.toggle('selected', id === S.selected);
        ['seed', 'up', 'down'].forEach(function (x) { ne.classList.toggle('hl-' + x, r === x); });
      });
    });
    L.edges.forEach(function (d, i) {
      var on = false;
      if (role) {
        for (var j = 0; j < d.pairs.length && !on; j++) {
          var a = d.pairs[j][0], b = d.pairs[j][1];
          on = ((role.get(a) === 'seed' || S.up.has(a)) && S.up.has(b)) ||
            (S.down.has(a) && (role.get(b) === 'seed' || S.down.has(b)));
        }
      }
      if (on === !!d.on) return; // unchanged: leave the element alone
      d.on = on;
      var pe = $('e-' + i);
      pe.classList.toggle('hl', on);
      if (on) pe.setAttribute('marker-end', 'url(#arrow-hl)');
      else if (L.arrows) pe.setAttribute('marker-end', 'url(#arrow)');
      else pe.removeAttribute('marker-end');
    });
  }

  // badge draws a count bubble on the top edge of a closed module, right-aligned at xr.
  function badge(xr, count, cls, title) {
    var t = count > 999 ? '999+' : String(count), w = 10 + t.length * 6.5;
    return '<g><title>' + esc(title) + '</title><rect class="' + cls + '" x="' + (xr - w) + '" y="-8" width="' + w +
      '" height="15" rx="7.5"></rect><text class="count" x="' + (xr - w / 2) + '" y="3" text-anchor="middle">' + t + '</text></g>';
  }

  // ---- view: zoom, pan, fit ---------------------------------------------------

  function applyView() {
    $('viewport').setAttribute('transform', 'translate(' + S.view.x.toFixed(1) + ',' + S.view.y.toFixed(1) + ') scale(' + S.view.k.toFixed(4) + ')');
  }

  function fit() { fitBox(0, 0, S.L.width, S.L.height, 1.1); }

  // fitBox shows the box (layout units) whole and centred, zoomed in no more than maxK.
  function fitBox(x, y, w, h, maxK) {
    var box = $('canvas').getBoundingClientRect(), m = 30;
    w = Math.max(w, 1);
    h = Math.max(h, 1);
    var k = Math.max(0.02, Math.min(maxK, (box.width - 2 * m) / w, (box.height - 2 * m) / h));
    S.view = { k: k, x: (box.width - w * k) / 2 - x * k, y: Math.max(m, (box.height - h * k) / 2) - y * k };
    applyView();
  }

  // fitKeys shows the drawn elements with these keys.
  function fitKeys(keys, maxK) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    keys.forEach(function (k) {
      var r = S.L.rects[k];
      if (!r) return;
      x0 = Math.min(x0, r.x); y0 = Math.min(y0, r.y);
      x1 = Math.max(x1, r.x + r.w); y1 = Math.max(y1, r.y + r.h);
    });
    if (x0 === Infinity) { fit(); return; }
    fitBox(x0, y0, x1 - x0, y1 - y0, maxK);
  }

  function zoomAt(mx, my, factor) {
    var k2 = Math.min(4, Math.max(0.02, S.view.k * factor));
    S.view.x = mx - (mx - S.view.x) * k2 / S.view.k;
    S.view.y = my - (my - S.view.y) * k2 / S.view.k;
    S.view.k = k2;
    applyView();
  }

  function centerOn(key, minK) {
    var r = S.L.rects[key];
    if (!r) return;
    var box = $('canvas').getBoundingClientRect();
    if (minK && S.view.k < minK) S.view.k = minK;
    S.view.x = box.width / 2 - (r.x + r.w / 2) * S.view.k;
    S.view.y = box.height / 2 - (r.y + r.h / 2) * S.view.k;
    applyView();
  }

  // relayout draws again, keeping the element under `anchor` where it was.
  function relayout(anchor) {
    var before = anchor && S.L && S.L.rects[anchor];
    layout();
    draw();
    var after = anchor && S.L.rects[anchor];
    if (before && after) {
      S.view.x += (before.x - after.x) * S.view.k;
      S.view.y += (before.y - after.y) * S.view.k;
      applyView();
    }
  }

  var drag = null, dragged = false;
  function wireView() {
    var svg = $('svg');
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      var r = svg.getBoundingClientRect();
      zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * 0.0015));
    }, { passive: false });
    svg.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vx: S.view.x, vy: S.view.y, id: e.pointerId };
      dragged = false;
    });
    svg.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) > 4) {
        dragged = true;
        svg.classList.add('panning');
        svg.setPointerCapture(drag.id);
      }
      if (dragged) { S.view.x = drag.vx + dx; S.view.y = drag.vy + dy; applyView(); }
    });
    function stop() { drag = null; svg.classList.remove('panning'); }
    svg.addEventListener('pointerup', stop);
    svg.addEventListener('pointercancel', stop);
    $('items').addEventListener('click', function (e) {
      if (dragged) { dragged = false; return; }
      var t = e.target.closest('[data-key]');
      if (!t) return;
      var key = t.dataset.key, id = +key.slice(1);
      if (key[0] === 'g') toggleGroup(id); else select(id);
    });
    $('fit').addEventListener('click', fit);
    $('zoom-in').addEventListener('click', function () { var b = $('canvas').getBoundingClientRect(); zoomAt(b.width / 2, b.height / 2, 1.25); });
    $('zoom-out').addEventListener('click', function () { var b = $('canvas').getBoundingClientRect(); zoomAt(b.width / 2, b.height / 2, 0.8); });
    window.addEventListener('resize', function () { applyView(); });
  }

  // ---- interaction --------------------------------------------------------------

  function toggleGroup(gi) {
    if (S.expanded.has(gi)) S.expanded.delete(gi); else S.expanded.add(gi);
    relayout('g' + gi);
    if (S.expanded.has(gi)) { ensureVisible('g' + gi); showGroup(gi); }
  }

  // ensureVisible pans (and zooms out if it must) so the element is on screen.
  function ensureVisible(key) {
    var r = S.L.rects[key];
    if (!r) return;
    var box = $('canvas').getBoundingClientRect(), m = 20;
    var fitK = Math.min((box.width - 2 * m) / r.w, (box.height - 2 * m) / r.h);
    if (fitK < S.view.k) zoomAt(r.x * S.view.k + S.view.x, r.y * S.view.k + S.view.y, fitK / S.view.k);
    var k = S.view.k, x0 = r.x * k + S.view.x, y0 = r.y * k + S.view.y;
    var x1 = x0 + r.w * k, y1 = y0 + r.h * k, dx = 0, dy = 0;
    if (x1 > box.width - m) dx = box.width - m - x1;
    if (x0 + dx < m) dx = m - x0;
    if (y1 > box.height - m) dy = box.height - m - y1;
    if (y0 + dy < m) dy = m - y0;
    S.view.x += dx;
    S.view.y += dy;
    applyView();
  }

  function showGroup(gi) {
    var g = groups[gi], d = $('details');
    d.dataset.address = g.module;
    d.innerHTML = '';
    d.appendChild(el('h2', {}, groupLabel(g)));
    var counts = {};
    g.nodes.forEach(function (id) { var t = nodes[id].type; counts[t] = (counts[t] || 0) + 1; });
    d.appendChild(el('p', {}, g.nodes.length + ' resources; click one to see its planned attributes.'));
    var ul = el('ul');
    Object.keys(counts).sort().forEach(function (t) { ul.appendChild(el('li', {}, counts[t] + ' \u00d7 ' + t)); });
    d.appendChild(ul);
  }

  function linkList(ids) {
    var ul = el('ul');
    ids.slice().sort(function (a, b) { return a - b; }).forEach(function (id) {
      var li = el('li', { title: 'show ' + nodes[id].address }, nodes[id].address);
      li.addEventListener('click', function () { reveal(id); });
      ul.appendChild(li);
    });
    return ul;
  }

  function select(id) {
    S.selected = id;
    var n = nodes[id], d = $('details'), c = color(n.action);
    d.dataset.address = n.address;
    d.innerHTML = '';
    d.appendChild(el('h2', {}, n.address));
    var tb = el('table');
    [['action', n.action], ['type', n.type], ['module', n.module || 'root module'], ['tier', n.tier],
      ['service', n.service || '\u2014'], ['cluster', n.cluster || '\u2014']].forEach(function (row) {
      var tr = el('tr');
      tr.appendChild(el('th', {}, row[0]));
      var td = el('td', {}, row[0] === 'action' ? '' : row[1]);
      if (row[0] === 'action') td.appendChild(el('span', { 'class': 'badge', style: 'background:' + c[1] + ';border-color:' + c[0] }, row[1]));
      tr.appendChild(td);
      tb.appendChild(tr);
    });
    d.appendChild(tb);
    var trace = el('button', { type: 'button', id: 'trace' }, 'Highlight what it depends on and what depends on it');
    trace.addEventListener('click', function () { highlight([id], n.address); });
    d.appendChild(trace);
    d.appendChild(el('h3', {}, 'Depends on (' + deps[id].length + ')'));
    d.appendChild(linkList(deps[id]));
    d.appendChild(el('h3', {}, 'Used by (' + users[id].length + ')'));
    d.appendChild(linkList(users[id]));
    d.appendChild(el('h3', {}, 'Planned attributes'));
    d.appendChild(el('pre', { id: 'attributes' }, JSON.stringify(n.attributes, null, 2)));
    decorate();
  }

  function reveal(id) {
    if (!pass(nodes[id])) {
      S.f = { module: '', cluster: '', action: '', tier: '' };
      ['f-module', 'f-cluster', 'f-action', 'f-tier'].forEach(function (s) { $(s).value = ''; });
    }
    if (!S.expanded.has(groupOf[id]) || !S.L.rects['n' + id]) {
      S.expanded.add(groupOf[id]);
      layout();
      draw();
    }
    select(id);
    centerOn('n' + id, 0.8);
  }

  function search(q) {
    S.query = q.trim().toLowerCase();
    S.matches = new Set();
    var res = $('search-results');
    res.innerHTML = '';
    var sc = $('search-count');
    if (S.query) {
      haystack.forEach(function (h, id) { if (h.indexOf(S.query) >= 0) S.matches.add(id); });
      var mods = new Set();
      S.matches.forEach(function (id) { mods.add(groupOf[id]); });
      sc.textContent = S.matches.size === 0 ? 'No resource matches \u201c' + q.trim() + '\u201d.' :
        S.matches.size + ' resource' + (S.matches.size === 1 ? '' : 's') + ' match in ' + mods.size + ' module' + (mods.size === 1 ? '' : 's') + '.';
      var shown = 0;
      S.matches.forEach(function (id) {
        if (shown++ >= 200) return;
        var li = el('li', { title: nodes[id].address }, nodes[id].address);
        li.addEventListener('click', function () { reveal(id); });
        res.appendChild(li);
      });
    } else {
      sc.textContent = '';
    }
    sc.dataset.count = String(S.matches.size);
    decorate();
  }

  function reach(seeds, next) {
    var out = new Set(), queue = seeds.slice(), seedSet = new Set(seeds);
    while (queue.length) {
      var id = queue.shift();
      next[id].forEach(function (o) {
        if (!out.has(o) && !seedSet.has(o)) { out.add(o); queue.push(o); }
      });
    }
    return out;
  }

  // highlight marks the seeds, everything they depend on and everything that
  // depends on them (transitively).
  function highlight(seeds, label) {
    var rel = $('related');
    if (!seeds || !seeds.length) {
      S.role = null; S.up = null; S.down = null;
      rel.innerHTML = '';
      rel.dataset.seeds = rel.dataset.upstream = rel.dataset.downstream = '0';
      $('expand-related').disabled = true;
      decorate();
      return;
    }
    var up = reach(seeds, deps), down = reach(seeds, users), role = new Map();
    seeds.forEach(function (id) { role.set(id, 'seed'); });
    up.forEach(function (id) { if (!role.has(id)) role.set(id, 'up'); });
    down.forEach(function (id) { if (!role.has(id)) role.set(id, 'down'); });
    S.role = role; S.up = up; S.down = down; S.hlLabel = label;
    rel.dataset.seeds = String(seeds.length);
    rel.dataset.upstream = String(up.size);
    rel.dataset.downstream = String(down.size);
    var byGroup = new Map();
    role.forEach(function (r, id) { byGroup.set(groupOf[id], (byGroup.get(groupOf[id]) || 0) + 1); });
    rel.innerHTML = '';
    var p = el('p', { style: 'margin:4px 0' });
    p.innerHTML = '<b>' + esc(label) + '</b>: ' + seeds.length + ' resource' + (seeds.length === 1 ? '' : 's') +
      ' (<span style="color:#c2410c">orange</span>) \u00b7 depends on <b>' + up.size + '</b> (<span style="color:#7c3aed">violet</span>) \u00b7 <b>' +
      down.size + '</b> depend on it (<span style="color:#0891b2">teal</span>), in ' + byGroup.size + ' modules:';
    rel.appendChild(p);
    var ul = el('ul', { 'class': 'mods' });
    Array.from(byGroup.keys()).sort(function (a, b) { return byGroup.get(b) - byGroup.get(a) || a - b; }).forEach(function (gi) {
      var li = el('li', { title: 'open ' + groupLabel(groups[gi]) }, byGroup.get(gi) + ' in ' + groupLabel(groups[gi]));
      li.addEventListener('click', function () { S.expanded.add(gi); relayout(); centerOn('g' + gi); });
      ul.appendChild(li);
    });
    rel.appendChild(ul);
    $('expand-related').disabled = false;
    decorate();
  }

  function selectService(name) {
    if (!name) { highlight(null); return; }
    var seeds = [];
    nodes.forEach(function (n) { if (n.service === name) seeds.push(n.id); });
    // Open the modules that are the service's own (most of their resources
    // are the service's); shared modules stay closed, with a count.
    var per = new Map(), opened = false;
    seeds.forEach(function (id) { per.set(groupOf[id], (per.get(groupOf[id]) || 0) + 1); });
    per.forEach(function (n, gi) {
      if (2 * n >= groups[gi].nodes.length && !S.expanded.has(gi)) { S.expanded.add(gi); opened = true; }
    });
    if (opened) { layout(); draw(); }
    highlight(seeds, name);
    // Show the service itself, readable; Fit shows everything highlighted.
    var keys = [];
    per.forEach(function (n, gi) { keys.push('g' + gi); });
    fitKeys(keys.filter(function (k) { return S.expanded.has(+k.slice(1)); }).length ?
      keys.filter(function (k) { return S.expanded.has(+k.slice(1)); }) : keys, 1);
  }

  function wireControls() {
    var timer = 0;
    $('search').addEventListener('input', function (e) {
      clearTimeout(timer);
      var v = e.target.value;
      timer = setTimeout(function () { search(v); }, 120);
    });
    $('search').addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        clearTimeout(timer);
        search(e.target.value);
        var first = S.matches.values().next();
        if (!first.done) reveal(first.value);
      } else if (e.key === 'Escape') {
        e.target.value = '';
        search('');
      }
    });
    [['f-module', 'module'], ['f-cluster', 'cluster'], ['f-action', 'action'], ['f-tier', 'tier']].forEach(function (p) {
      $(p[0]).addEventListener('change', function (e) { S.f[p[1]] = e.target.value; layout(); draw(); fit(); });
    });
    $('service').addEventListener('change', function (e) { selectService(e.target.value); });
    $('expand-all').addEventListener('click', function () {
      groups.forEach(function (g, gi) { S.expanded.add(gi); });
      layout(); draw(); fit();
    });
    $('collapse-all').addEventListener('click', function () { S.expanded.clear(); layout(); draw(); fit(); });
    $('expand-related').addEventListener('click', function () {
      if (!S.role) return;
      S.role.forEach(function (r, id) { S.expanded.add(groupOf[id]); });
      layout(); draw(); fit();
    });
  }

  header();
  selects();
  wireView();
  wireControls();
  layout();
  draw();
  fit();
  document.body.dataset.ready = '1';
})();
