/**
 * The checks the site's script makes as a person leaves the address or phone field (city-js.ts),
 * in the browser's own JavaScript: a likely typo in the address's domain, a phone number without
 * its country code. They only ever suggest: the server stores what was sent, as it was typed.
 *
 * The mail services are those people in flight use most (global, Russian, Ukrainian, Turkish,
 * German): a domain one or two keystrokes away from one of these is likely a typo of it.
 */
export const TYPING_CHECKS_JS = `var COMMON_DOMAINS = [
    'gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com',
    'icloud.com', 'me.com', 'proton.me', 'protonmail.com',
    'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'yandex.ru', 'yandex.com', 'yandex.ua', 'yandex.by',
    'yandex.kz', 'ya.ru', 'rambler.ru', 'ukr.net', 'i.ua', 'mail.ua', 'meta.ua',
    'gmx.de', 'gmx.net', 'gmx.at', 'web.de', 't-online.de',
    'hotmail.com.tr', 'outlook.com.tr', 'yahoo.com.tr'
  ];
  // Edits (insert, delete, replace, swap two neighbours) between two short strings.
  function editDistance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) rows[i].push(i === 0 ? j : 0);
    }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
        }
      }
    }
    return rows[a.length][b.length];
  }
  // The address the person most likely meant ("olena@gmial.com" → "olena@gmail.com"), or '' when
  // it looks right or is nothing like a common one: a rare domain stays allowed.
  function likelyMeant(email) {
    var address = email.trim();
    var at = address.lastIndexOf('@');
    if (at <= 0) return '';
    var domain = address.slice(at + 1).toLowerCase();
    if (domain === '' || COMMON_DOMAINS.indexOf(domain) >= 0) return '';
    var best = '';
    var bestDistance = Infinity;
    COMMON_DOMAINS.forEach(function (known) {
      // Short domains (ya.ru, i.ua) are one edit from many real ones: only a single slip counts there.
      var allowed = known.length <= 6 ? 1 : 2;
      var distance = editDistance(domain, known);
      if (distance <= allowed && distance < bestDistance) { best = known; bestDistance = distance; }
    });
    return best ? address.slice(0, at) + '@' + best : '';
  }
  // Whether a phone number lacks the country code the form asks for (+90 …, or 00 90 …).
  function lacksCountryCode(phone) {
    var number = phone.trim();
    return number !== '' && number.charAt(0) !== '+' && number.slice(0, 2) !== '00';
  }
`;
