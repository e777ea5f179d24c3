/**
 * The only script on the site: as a person types a city, it fills the input's <datalist> from
 * GET /api/v1/places. Without it the field is a plain text input and the server still resolves
 * and suggests spellings, so it only ever adds convenience. It never submits anything.
 */
export const CITY_JS = `(function () {
  'use strict';
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
        (code ? '&country=' + encodeURIComponent(code) : '');
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
})();
`;
