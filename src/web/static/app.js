/* global document, window, DOMParser, FormData */
// tablebookings: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';

  // The page's language (<html lang>): dates and texts match what the server wrote.
  var LANG = document.documentElement.lang === 'ko' ? 'ko' : 'en';

  function longDate(iso) {
    var d = new Date(iso + 'T00:00:00Z');
    if (isNaN(d.getTime())) return iso;
    var text = d.toLocaleDateString(LANG === 'ko' ? 'ko-KR' : 'en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return LANG === 'en' ? text.replace(/^(\w+), /, '$1 ') : text;
  }

  // Texts come from the page (data-text-* attributes), so the script needs no catalogue.
  function text(block, name, params) {
    var template = block.dataset['text' + name] || '';
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in params ? String(params[key]) : whole;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function slotItem(block, slot, date, party) {
    var li = el('li');
    if (block.dataset.mode === 'button') {
      li.appendChild(el('button', { type: 'submit', name: 'time', value: slot.time, class: 'slot' }, slot.time));
    } else {
      var href =
        block.dataset.base +
        '?date=' +
        encodeURIComponent(date) +
        '&party=' +
        encodeURIComponent(party) +
        '&time=' +
        encodeURIComponent(slot.time);
      li.appendChild(el('a', { href: href, class: 'slot' }, slot.time));
    }
    return li;
  }

  function replaceBody(block, node) {
    var old = block.querySelector('.slots, [data-slots-empty]');
    if (old) old.remove();
    block.appendChild(node);
  }

  function render(block, slots, date, party) {
    var heading = block.querySelector('[data-slots-heading]');
    if (heading) {
      heading.textContent = text(block, 'Heading', { date: longDate(date) }) + ' ';
      heading.appendChild(el('span', { class: 'zone' }, text(block, 'Zone', { zone: block.dataset.zone })));
    }
    var form = block.closest('form');
    if (form) {
      if (form.elements.date) form.elements.date.value = date;
      if (form.elements.party) form.elements.party.value = party;
    }
    if (!slots.length) {
      replaceBody(block, el('p', { class: 'empty', 'data-slots-empty': '' }, text(block, 'Empty', { party: party })));
      return;
    }
    var list = el('ul', { class: 'slots' });
    slots.forEach(function (slot) {
      list.appendChild(slotItem(block, slot, date, party));
    });
    replaceBody(block, list);
  }

  function wire(form) {
    var block = document.getElementById(form.dataset.target);
    if (!block) return;
    var seq = 0;
    function refresh() {
      var date = form.elements.date.value;
      var party = form.elements.party.value;
      if (!date || !party) return;
      var mine = ++seq;
      block.setAttribute('aria-busy', 'true');
      var url =
        '/api/v1/restaurants/' +
        encodeURIComponent(form.dataset.availability) +
        '/availability?date=' +
        encodeURIComponent(date) +
        '&party=' +
        encodeURIComponent(party);
      fetch(url, { headers: { accept: 'application/json', 'accept-language': LANG } })
        .then(function (r) {
          return r.json().then(function (body) {
            return r.ok ? body : Promise.reject(body);
          });
        })
        .then(function (data) {
          if (mine === seq) render(block, data.slots, date, party);
        })
        .catch(function (problem) {
          if (mine !== seq) return;
          replaceBody(
            block,
            el(
              'p',
              { class: 'empty', 'data-slots-empty': '' },
              (problem && problem.detail) || text(block, 'Failed', {}),
            ),
          );
        })
        .then(function () {
          block.removeAttribute('aria-busy');
        });
    }
    form.addEventListener('change', function (event) {
      var name = event.target && event.target.name;
      if (name === 'date' || name === 'party') refresh();
    });
  }

  // The manage page re-renders its free times on the server (they leave the booking's own
  // table time free): fetch the GET form's page and swap in the fresh block.
  function wireFragment(form) {
    var seq = 0;
    form.addEventListener('change', function (event) {
      var name = event.target && event.target.name;
      if (name !== 'date' && name !== 'party') return;
      var mine = ++seq;
      var url = form.getAttribute('action') + '?' + new URLSearchParams(new FormData(form)).toString();
      fetch(url, { headers: { accept: 'text/html' } })
        .then(function (r) {
          return r.text();
        })
        .then(function (text) {
          if (mine !== seq) return;
          var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(form.dataset.target);
          var current = document.getElementById(form.dataset.target);
          if (fresh && current) current.replaceWith(document.importNode(fresh, true));
        })
        .catch(function () {
          /* the button still works */
        });
    });
  }

  function confirmSubmits() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  // A second click on a submit button while the first request is under way does nothing.
  function onceOnly() {
    document.addEventListener('submit', function (event) {
      var form = event.target;
      if (event.defaultPrevented || form.method.toLowerCase() !== 'post') return;
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = '1';
      setTimeout(function () {
        delete form.dataset.submitting;
      }, 5000);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form[data-availability]').forEach(wire);
    document.querySelectorAll('form[data-fragment]').forEach(wireFragment);
    confirmSubmits();
    onceOnly();
  });
})();
