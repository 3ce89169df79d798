/* global document, window, DOMParser */
// tablebookings timeline: refreshes itself when the restaurant's change stamp moves. The stamp
// lives in the database, so a change made through any app server shows on every open page.
// Without this file the page still works (reload it, or use the buttons).
(function () {
  'use strict';
  var live = document.getElementById('tl-live');
  if (!live || !window.fetch) return;
  var INTERVAL_MS = 4000;
  var stamp = live.getAttribute('data-stamp');
  var busy = false;

  function openDetails() {
    var open = [];
    document.querySelectorAll('#timeline details[open]').forEach(function (d) {
      var cell = d.closest('[data-reference]');
      if (cell) open.push(cell.getAttribute('data-reference'));
    });
    return open;
  }

  function swap(markup) {
    var doc = new DOMParser().parseFromString(markup, 'text/html');
    var fresh = doc.getElementById('timeline');
    var freshLive = doc.getElementById('tl-live');
    var current = document.getElementById('timeline');
    if (!fresh || !current || !freshLive) return;
    var keep = openDetails();
    current.innerHTML = fresh.innerHTML;
    keep.forEach(function (ref) {
      var d = current.querySelector('[data-reference="' + ref + '"] details');
      if (d) d.open = true;
    });
    stamp = freshLive.getAttribute('data-stamp');
    live.setAttribute('data-stamp', stamp);
    live.textContent = live.getAttribute('data-updated');
  }

  function poll() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(live.getAttribute('data-stamp-url'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        if (!body || body.stamp === stamp) return null;
        return fetch(window.location.href, { credentials: 'same-origin' }).then(function (res) {
          return res.ok ? res.text() : null;
        });
      })
      .then(function (markup) {
        if (markup) swap(markup);
      })
      .catch(function () {
        /* offline for a moment: try again next time */
      })
      .then(function () {
        busy = false;
      });
  }

  window.setInterval(poll, INTERVAL_MS);
  document.addEventListener('visibilitychange', poll);
})();
