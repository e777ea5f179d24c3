import { TELEGRAM_DRAFT_JS } from './telegram-draft-js.ts';
import { TYPING_CHECKS_JS } from './typing-checks-js.ts';

/**
 * The only script on the site. On Back to a form page kept from before the form was sent, it
 * shows the page that says what was done instead (see History in pages/layout.tsx). As a
 * person types a city, it fills the input's <datalist> from GET /api/v1/places, which lists
 * every place sharing a name, the one the name resolves to first; as they type notes, it keeps
 * the count of characters left up to date (the server renders it, and the data-left and
 * data-over wordings with # for the number, in the page's language). As they leave the address
 * or phone field, it asks under it, in the wordings the server put on the field's empty live
 * region, when the address looks like a typo of a common mail service (with a button that puts
 * the likely address in the field) or the number lacks its country code (typing-checks-js.ts);
 * it never holds the form back. On a fresh form it puts in the first night as the day the
 * person's own clock shows (the server can only pre-fill the UTC day).
 * Without it the city field is a plain text input and the server still resolves it and suggests
 * spellings, and the count shows what was sent; it only ever adds convenience. It never
 * submits anything.
 *
 * In a form opened from the Telegram bot as a Mini App it also reads Telegram's launch
 * parameters from the URL's fragment (where Telegram puts them; the fragment never reaches a
 * server log): the signed init data into the form's hidden field (and from it, whether the
 * account has a username, which decides whether a phone or an email is needed), and the theme's
 * colours into the page's CSS variables, and keeps what was typed in a form that came back
 * because it was opened too long ago (telegram-draft-js.ts). So no script from another host is needed
 * (telegram-web-app.js would need the CSP opened to telegram.org), and the server checks the
 * init data's signature anyway.
 */
export const CITY_JS = `(function () {
  'use strict';
  ${TYPING_CHECKS_JS}
  ${TELEGRAM_DRAFT_JS}
  // Back after a sent form: a form page the browser kept from before the send shows the fresh page instead.
  var store = null;
  try { store = window.sessionStorage; } catch (e) { store = null; }
  var body = document.body;
  if (body && body.getAttribute('data-replace') && body.getAttribute('data-fresh') && window.history.replaceState) {
    window.history.replaceState(null, '', body.getAttribute('data-fresh'));
  }
  if (store && body) {
    var sentFrom = body.getAttribute('data-sent-from');
    if (sentFrom) store.setItem('haven:sent:' + sentFrom, String(Date.now()));
    var staleAfter = body.getAttribute('data-stale-after');
    var rendering = body.getAttribute('data-rendering');
    if (staleAfter && rendering) {
      var seen = store.getItem('haven:seen:' + rendering);
      if (!seen) { seen = String(Date.now()); store.setItem('haven:seen:' + rendering, seen); }
      var sent = store.getItem('haven:sent:' + staleAfter);
      if (sent && Number(sent) > Number(seen)) {
        window.location.replace(body.getAttribute('data-fresh') || '/');
        return;
      }
    }
  }
  // A fresh form's first night is the server's today (UTC): put in the day the person's own clock
  // shows, unless they changed it, or that clock is more than a day from the server's, or the
  // day is before the earliest the form takes (its min).
  var twoDigits = function (n) { return (n < 10 ? '0' : '') + n; };
  Array.prototype.forEach.call(document.querySelectorAll('input[data-local-today]'), function (input) {
    if (input.value !== input.defaultValue) return;
    var now = new Date();
    var local = now.getFullYear() + '-' + twoDigits(now.getMonth() + 1) + '-' + twoDigits(now.getDate());
    if (input.min && local < input.min) return;
    if (Math.abs(Date.parse(local) - Date.parse(input.defaultValue)) <= 86400000) input.value = local;
  });
  var inputs = document.querySelectorAll('input[data-places]');
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute('list') || '');
    var country = document.getElementById(input.getAttribute('data-country') || '');
    if (!list || !window.fetch) return;
    var timer = 0;
    var pending = null;
    var last = '';
    function fill(names) {
      while (list.firstChild) list.removeChild(list.firstChild);
      names.forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        list.appendChild(option);
      });
    }
    function lookUp() {
      var q = input.value.trim();
      var code = country && country.value ? country.value : '';
      var key = code + '|' + q;
      if (q.length < 2) { fill([]); last = key; return; }
      if (key === last) return;
      last = key;
      if (pending) pending.abort();
      pending = window.AbortController ? new AbortController() : null;
      var url = input.getAttribute('data-places') + '?q=' + encodeURIComponent(q) +
        (code ? '&country=' + encodeURIComponent(code) : '') +
        // Names in the page's language, which the reader chose, whatever the browser's.
        (document.documentElement.lang ? '&lang=' + encodeURIComponent(document.documentElement.lang) : '');
      fetch(url, { headers: { accept: 'application/json' }, signal: pending ? pending.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          var places = body && Array.isArray(body.places) ? body.places : [];
          var names = [];
          places.forEach(function (place) {
            var name = place && typeof place.name === 'string' ? place.name : '';
            if (name && names.indexOf(name) < 0) names.push(name);
          });
          fill(names.slice(0, 10));
        })
        .catch(function () {});
    }
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, 180);
    });
    if (country) country.addEventListener('change', function () { last = ''; fill([]); });
  });

  // A question drawn while a tap or a click is under way moves what lies below the field, and
  // that click lands on whatever moved under the finger (nothing, or another language than the
  // one tapped): a question asked then waits until the click is over (or, when none comes, as
  // after a scroll, until the finger has been up a moment; at most a second, and no longer than
  // the next key pressed, since a press can end outside the page: a context menu, another window).
  var pressing = false;
  var waiting = [];
  var fallback = 0;
  function drawWaiting() {
    pressing = false;
    clearTimeout(fallback);
    var due = waiting;
    waiting = [];
    due.forEach(function (draw) { draw(); });
  }
  function whenStill(draw) {
    if (!pressing) return draw();
    waiting.push(draw);
    clearTimeout(fallback);
    fallback = setTimeout(drawWaiting, 1000);
  }
  document.addEventListener('pointerdown', function () { pressing = true; clearTimeout(fallback); }, true);
  ['pointerup', 'pointercancel'].forEach(function (name) {
    document.addEventListener(name, function () {
      if (pressing) { clearTimeout(fallback); fallback = setTimeout(drawWaiting, 400); }
    }, true);
  });
  document.addEventListener('click', function () { if (pressing) setTimeout(drawWaiting, 0); }, true);
  document.addEventListener('keydown', function () { if (pressing) drawWaiting(); }, true);
  // A question about what was typed, asked as the person leaves the field and kept true as they
  // correct it. The page draws an empty live region under the field with the wordings (# where
  // the likely address goes); filled, a screen reader hears it, and the field names it.
  function askAbout(field, ask) {
    var input = document.getElementById(field);
    var region = document.getElementById(field + '-prompt');
    if (!input || !region) return;
    var shown = '';
    function describe(on) {
      var ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
        return id && id !== region.id;
      });
      if (on) ids.push(region.id);
      if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
      else input.removeAttribute('aria-describedby');
    }
    function update() {
      var next = ask(input.value);
      if (next.key === shown) return;
      shown = next.key;
      while (region.firstChild) region.removeChild(region.firstChild);
      describe(Boolean(next.key));
      if (!next.key) return;
      var box = document.createElement('div');
      box.className = 'prompt';
      next.fill(box, region);
      region.appendChild(box);
    }
    input.addEventListener('change', function () { whenStill(update); });
    input.addEventListener('input', function () { if (shown) update(); });
  }
  function placed(wording, value) { return (wording || '#').replace('#', function () { return value; }); }
  askAbout('email', function (value) {
    var meant = likelyMeant(value);
    return { key: meant, fill: function (box, region) {
      var question = document.createElement('p');
      question.textContent = placed(region.getAttribute('data-question'), meant);
      var use = document.createElement('button');
      use.type = 'button';
      use.className = 'choice';
      use.textContent = placed(region.getAttribute('data-use'), meant);
      use.addEventListener('click', function () {
        var input = document.getElementById('email');
        input.value = meant;
        input.dispatchEvent(new Event('change'));
        input.focus();
      });
      box.appendChild(question);
      box.appendChild(use);
    } };
  });
  askAbout('phone', function (value) {
    return { key: lacksCountryCode(value) ? 'no country code' : '', fill: function (box, region) {
      var text = document.createElement('p');
      text.textContent = region.getAttribute('data-text') || '';
      box.appendChild(text);
    } };
  });

  var initField = document.querySelector('input[data-telegram-init-data]');
  var openedNow = false;
  if (initField && window.URLSearchParams) {
    var launch = new URLSearchParams(window.location.hash.slice(1));
    var initData = launch.get('tgWebAppData');
    openedNow = Boolean(initData && !initField.value);
    if (openedNow) initField.value = initData;
    // The init data says whether the account has a username: the phone and email labels then
    // say which half of their rule applies (pages/fields.tsx, Optionality).
    if (initField.value) {
      var user = {};
      try { user = JSON.parse(new URLSearchParams(initField.value).get('user') || '{}') || {}; } catch (e) { user = {}; }
      var named = typeof user.username === 'string' && user.username !== '';
      var marks = document.querySelectorAll('[data-unless-username]');
      Array.prototype.forEach.call(marks, function (mark) {
        mark.textContent = mark.getAttribute(named ? 'data-with-username' : 'data-without-username') || mark.textContent;
      });
    }
    var theme = {};
    try { theme = JSON.parse(launch.get('tgWebAppThemeParams') || '{}') || {}; } catch (e) { theme = {}; }
    var root = document.documentElement.style;
    var colours = {
      '--paper': theme.bg_color,
      '--card': theme.section_bg_color || theme.secondary_bg_color,
      '--ink': theme.text_color,
      '--muted': theme.hint_color,
      '--brand': theme.button_color,
      '--brand-dark': theme.link_color || theme.button_color
    };
    Object.keys(colours).forEach(function (name) {
      var value = colours[name];
      if (typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value)) root.setProperty(name, value);
    });
    var bg = typeof theme.bg_color === 'string' ? parseInt(theme.bg_color.slice(1), 16) : NaN;
    if (!isNaN(bg) && ((bg >> 16) & 255) + ((bg >> 8) & 255) + (bg & 255) < 384) root.setProperty('color-scheme', 'dark');
  }
  var areas = document.querySelectorAll('textarea[data-max][data-count]');
  Array.prototype.forEach.call(areas, function (area) {
    var out = document.getElementById(area.getAttribute('data-count') || '');
    var max = parseInt(area.getAttribute('data-max') || '', 10);
    if (!out || !max) return;
    var number = window.Intl ? new Intl.NumberFormat(document.documentElement.lang) : null;
    function show() {
      var text = area.value.normalize ? area.value.normalize('NFC') : area.value;
      var left = max - text.length;
      var count = Math.abs(left);
      var wording = out.getAttribute(left < 0 ? 'data-over' : 'data-left') || '#';
      out.textContent = wording.replace('#', number ? number.format(count) : String(count));
      out.className = left < 0 ? 'hint counter over' : 'hint counter';
    }
    area.addEventListener('input', show);
  });
  keepDraft(document.querySelector('form[data-draft]'), initField ? initField.value : '', openedNow);
})();
`;
