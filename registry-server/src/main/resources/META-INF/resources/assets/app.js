// Asterai registry pages: instant search results, keyboard moves through them, copy buttons.
// Everything here is an enhancement; every page works without it. Text from the API is put in
// with textContent only, never as HTML.
(function () {
  'use strict';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function packagePath(name) {
    var i = name.indexOf(':');
    return '/packages/' + encodeURIComponent(name.slice(0, i)) + '/' + encodeURIComponent(name.slice(i + 1));
  }

  function count(n) {
    return Number(n).toLocaleString('en-US');
  }

  function renderHit(hit) {
    var li = el('li', 'hit');
    var head = el('div', 'hit-head');
    var a = el('a', 'hit-name', hit.name);
    a.href = packagePath(hit.name);
    head.appendChild(a);
    head.appendChild(document.createTextNode(' '));
    head.appendChild(el('span', 'version', hit.version));
    if (hit.kind === 'interface') {
      head.appendChild(document.createTextNode(' '));
      head.appendChild(el('span', 'badge', 'interface'));
    }
    li.appendChild(head);
    if (hit.description) li.appendChild(el('p', 'hit-desc', hit.description));
    var meta = el('p', 'meta');
    meta.appendChild(el('span', null, count(hit.downloads) + ' downloads'));
    meta.appendChild(document.createTextNode(' · '));
    var upd = el('span', null, 'updated ');
    var t = el('time', null, (hit.updatedAt || '').slice(0, 10));
    t.setAttribute('datetime', hit.updatedAt || '');
    upd.appendChild(t);
    meta.appendChild(upd);
    li.appendChild(meta);
    if (hit.exports && hit.exports.length) {
      var ex = el('p', 'exports');
      ex.appendChild(el('span', 'label', 'exports'));
      hit.exports.forEach(function (e) {
        ex.appendChild(document.createTextNode(' '));
        ex.appendChild(el('code', null, e));
      });
      li.appendChild(ex);
    }
    if (hit.keywords && hit.keywords.length) {
      var kw = el('p', 'keywords');
      hit.keywords.forEach(function (k) {
        var c = el('a', 'chip', k);
        c.href = '/?keyword=' + encodeURIComponent(k);
        kw.appendChild(c);
      });
      li.appendChild(kw);
    }
    return li;
  }

  function setupSearch() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var list = document.getElementById('results');
    var status = document.getElementById('result-count');
    var pager = document.querySelector('.pager');
    if (!form || !input || !list || !window.fetch) return;
    var sort = document.getElementById('sort');
    var timer = null, controller = null, seq = 0;

    function params(page) {
      var p = new URLSearchParams(new FormData(form));
      if (page) p.set('page', String(page));
      return p;
    }

    function run() {
      var p = params();
      var api = new URLSearchParams(p);
      api.set('per_page', '20');
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var mine = ++seq;
      form.setAttribute('aria-busy', 'true');
      fetch('/v1/search?' + api.toString(), { headers: { Accept: 'application/json' }, signal: controller ? controller.signal : undefined })
        .then(function (r) {
          return r.json().then(function (body) { return { ok: r.ok, body: body }; });
        })
        .then(function (res) {
          if (mine !== seq) return;
          form.removeAttribute('aria-busy');
          list.textContent = '';
          if (!res.ok) {
            status.textContent = 'Cannot search: ' + (res.body && res.body.detail ? res.body.detail : 'the registry refused the query');
            return;
          }
          res.body.results.forEach(function (h) { list.appendChild(renderHit(h)); });
          var browsing = !p.get('q') || !p.get('q').trim();
          var n = res.body.total;
          status.textContent = browsing && !p.get('interface') && !p.get('namespace') && !p.get('keyword')
            ? count(n) + ' packages, most downloaded first'
            : count(n) + (n === 1 ? ' result' : ' results');
          if (pager) {
            pager.textContent = '';
            if (res.body.next) {
              var next = el('a', null, 'Next →');
              next.rel = 'next';
              next.href = '/?' + params(2).toString();
              pager.appendChild(next);
            }
          }
          history.replaceState(null, '', '/?' + p.toString());
          document.title = (p.get('q') ? p.get('q') + ' · ' : '') + 'Asterai registry';
        })
        .catch(function (e) {
          if (e && e.name === 'AbortError') return;
          form.removeAttribute('aria-busy');
          status.textContent = 'Search is unavailable right now; press Enter to try again.';
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    if (sort) sort.addEventListener('change', run);

    // ↓ from the box goes to the first result; ↑/↓ move between results; Esc goes back to the box.
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var first = list.querySelector('.hit-name');
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener('keydown', function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll('.hit-name'));
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < links.length) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? links[i - 1] : input).focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
    });
  }

  function setupSlash() {
    document.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      var box = document.getElementById('q') || document.getElementById('top-q');
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    });
  }

  function setupCopy() {
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
      button.addEventListener('click', function () {
        var source = document.getElementById(button.getAttribute('data-copy'));
        var status = document.getElementById('copy-status');
        if (!source) return;
        var text = source.textContent;
        function done(ok) {
          if (status) status.textContent = ok ? 'Copied: ' + text : 'Select the command and copy it with Ctrl+C.';
          button.textContent = ok ? 'Copied' : 'Copy';
          setTimeout(function () { button.textContent = 'Copy'; }, 2000);
        }
        var range = document.createRange();
        range.selectNodeContents(source);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
        } else {
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          done(ok);
        }
      });
    });
  }

  function start() {
    setupSearch();
    setupSlash();
    setupCopy();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
