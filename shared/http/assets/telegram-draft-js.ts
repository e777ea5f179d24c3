/**
 * What a Mini App form keeps on the device when it comes back unsent because it was opened more
 * than a day before it was sent (forms.ts): Telegram's signature has run out, and only opening the
 * form again from the bot brings a fresh one. So the page that says so (its form marked
 * data-save-draft) keeps what was typed in the device's storage, with the Telegram account and the
 * moment the form was opened, and shows the sentence marked data-draft-kept once it is kept. The
 * same form opened afresh from the bot by the same account (init data signed later, just read from
 * the launch parameters) fills it in, shows the notice marked data-draft-restored, and forgets it;
 * opened by another account on the same device it forgets it unseen. A draft is kept at most a
 * day: any page that runs the site's script forgets older ones. Hidden fields (the stale init
 * data), fields marked data-no-draft (the honeypot) and buttons are never kept. Part of the site's
 * one script (city-js.ts), which calls keepDraft last, once every field listens; a failure here
 * (storage full or refused) leaves the form as it is.
 */
export const TELEGRAM_DRAFT_JS = `
  var DRAFT_PREFIX = 'haven:draft:';
  var DRAFT_LIFE_MS = 86400000;
  function readDraft(storage, key) {
    try { return JSON.parse(storage.getItem(key) || 'null'); } catch (e) { return null; }
  }
  function draftFresh(draft) {
    var age = Date.now() - (draft && draft.at);
    return age >= 0 && age < DRAFT_LIFE_MS;
  }
  function draftFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !/^(hidden|submit|button|reset|file|password)$/.test(field.type) &&
        !field.hasAttribute('data-no-draft');
    });
  }
  function ticks(field) { return field.type === 'checkbox' || field.type === 'radio'; }
  function openedBy(initData) {
    var launch = new URLSearchParams(initData || '');
    var user = {};
    try { user = JSON.parse(launch.get('user') || '{}') || {}; } catch (e) { user = {}; }
    return { user: String(user.id || ''), at: Number(launch.get('auth_date')) || 0 };
  }
  function keepDraft(form, initData, openedNow) {
    try {
      var storage = window.localStorage;
      if (!storage || !window.JSON || !window.URLSearchParams) return;
      for (var i = storage.length - 1; i >= 0; i--) {
        var stored = storage.key(i);
        if (stored && stored.indexOf(DRAFT_PREFIX) === 0 && !draftFresh(readDraft(storage, stored))) {
          storage.removeItem(stored);
        }
      }
      if (!form || !initData) return;
      var key = DRAFT_PREFIX + form.getAttribute('data-draft');
      var opened = openedBy(initData);
      if (form.hasAttribute('data-save-draft')) {
        var names = [];
        var pairs = [];
        draftFields(form).forEach(function (field) {
          if (names.indexOf(field.name) < 0) names.push(field.name);
          if (!ticks(field) || field.checked) pairs.push([field.name, field.value]);
        });
        storage.setItem(key, JSON.stringify({ at: Date.now(), user: opened.user, opened: opened.at, names: names, fields: pairs }));
        var kept = document.querySelector('[data-draft-kept]');
        if (kept) kept.hidden = false;
        return;
      }
      if (!openedNow) return;
      var draft = readDraft(storage, key);
      if (!draft) return;
      storage.removeItem(key);
      if (!draftFresh(draft) || !Array.isArray(draft.fields) || !Array.isArray(draft.names)) return;
      if (!opened.user || draft.user !== opened.user || !(opened.at > draft.opened)) return;
      var used = {};
      draftFields(form).forEach(function (field) {
        if (draft.names.indexOf(field.name) < 0) return;
        var values = draft.fields.filter(function (pair) { return pair[0] === field.name; })
          .map(function (pair) { return String(pair[1]); });
        if (ticks(field)) {
          field.checked = values.indexOf(field.value) >= 0;
        } else {
          var at = used[field.name] || 0;
          field.value = at < values.length ? values[at] : '';
          used[field.name] = at + 1;
        }
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
      var told = document.querySelector('[data-draft-restored]');
      if (told) told.hidden = false;
    } catch (e) {
      // Storage refused or full: the form stays as the server drew it.
    }
  }
`;
