// lookcard architecture page: shows one of the embedded views (each a
// server-rendered SVG in a <template>), fits it to the window, pans and
// zooms, and opens what is folded into a box on demand. No network.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('arch-data').textContent);
  var canvas = document.getElementById('canvas'), details = document.getElementById('details');
  var sel = document.getElementById('view');
  var svg = null, box = null, vb = null;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function setVB() { svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h); }
  function fit() {
    vb = { x: 0, y: 0, w: box.w, h: box.h };
    setVB();
  }
  function show(id) {
    var t = document.getElementById('view-' + id);
    if (!t) { id = 'architecture'; t = document.getElementById('view-architecture'); }
    canvas.innerHTML = '';
    canvas.appendChild(t.content.cloneNode(true));
    svg = canvas.querySelector('svg');
    var v = svg.viewBox.baseVal;
    box = { w: v.width, h: v.height };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    fit();
    sel.value = id;
    details.hidden = true;
    canvas.classList.remove('hl');
    document.body.dataset.view = id;
    if (location.hash.slice(1) !== id) history.replaceState(null, '', '#' + id);
  }
  function zoom(f, cx, cy) {
    var r = svg.getBoundingClientRect(), ctm = svg.getScreenCTM().inverse();
    var p = svg.createSVGPoint();
    p.x = cx === undefined ? r.left + r.width / 2 : cx;
    p.y = cy === undefined ? r.top + r.height / 2 : cy;
    p = p.matrixTransform(ctm);
    vb = { x: p.x - (p.x - vb.x) / f, y: p.y - (p.y - vb.y) / f, w: vb.w / f, h: vb.h / f };
    setVB();
  }
  function open(g) {
    var id = g.dataset.id, t = D.things[id];
    canvas.querySelectorAll('.thing.selected').forEach(function (x) { x.classList.remove('selected'); });
    g.classList.add('selected');
    canvas.classList.add('hl');
    canvas.querySelectorAll('.edge').forEach(function (e) {
      e.classList.toggle('on', e.dataset.from === id || e.dataset.to === id);
    });
    var h = '<button class="close" type="button">Close</button><h2>' + esc(g.querySelector('title').textContent) + '</h2>';
    if (t) {
      if (t.service && (t.kind === 'service' || t.kind === 'app-runner')) {
        h += '<p><a data-view="service:' + esc(t.service) + '">Open the view of ' + esc(t.service) + '</a></p>';
      }
      D.categories.forEach(function (c) {
        var list = t.folded[c];
        if (!list || !list.length) return;
        h += '<details data-category="' + c + '"><summary>' + list.length + ' ' + c + '</summary><ul>' +
          list.map(function (a) { return '<li>' + esc(a) + '</li>'; }).join('') + '</ul></details>';
      });
    }
    details.innerHTML = h;
    details.hidden = false;
  }

  sel.addEventListener('change', function () { show(sel.value); });
  document.getElementById('fit').addEventListener('click', fit);
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(0.8); });
  canvas.addEventListener('wheel', function (e) { e.preventDefault(); zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY); }, { passive: false });
  var drag = null;
  canvas.addEventListener('mousedown', function (e) { drag = { x: e.clientX, y: e.clientY, vb: vb }; });
  window.addEventListener('mouseup', function () { drag = null; });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var k = vb.w / svg.getBoundingClientRect().width;
    vb = { x: drag.vb.x - (e.clientX - drag.x) * k, y: drag.vb.y - (e.clientY - drag.y) * k, w: drag.vb.w, h: drag.vb.h };
    setVB();
  });
  canvas.addEventListener('click', function (e) {
    var g = e.target.closest('.thing');
    if (g) open(g);
  });
  details.addEventListener('click', function (e) {
    if (e.target.classList.contains('close')) {
      details.hidden = true;
      canvas.classList.remove('hl');
    } else if (e.target.dataset.view) {
      show(e.target.dataset.view);
    }
  });
  show(location.hash.slice(1) || D.initial || 'architecture');
  document.body.dataset.ready = '1';
})();
