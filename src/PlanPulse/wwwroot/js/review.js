// Plan-document review: a marked quote in the text and its card point at each other.
// Clicking a mark brings its first card into view; clicking a card's quote scrolls the text to the mark
// (the link's #q-N anchor does that without script) and flashes it.
(function () {
  'use strict';
  var text = document.querySelector('[data-testid="review-text"]');
  if (!text) { return; }

  function flash(el) {
    if (!el) { return; }
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
  }

  text.addEventListener('click', function (e) {
    var mark = e.target.closest('mark.q');
    if (!mark) { return; }
    var ids = (mark.getAttribute('data-ids') || '').split(' ');
    for (var i = 0; i < ids.length; i++) {
      var card = document.getElementById('fact-' + ids[i]) || document.getElementById('task-' + ids[i]);
      if (card) {
        card.scrollIntoView({ block: 'center', behavior: 'smooth' });
        flash(card);
        return;
      }
    }
  });

  document.addEventListener('click', function (e) {
    var link = e.target.closest('a.quote-link');
    if (!link) { return; }
    var anchor = document.getElementById(link.getAttribute('href').slice(1));
    if (!anchor) { return; }
    e.preventDefault();
    var mark = anchor.nextElementSibling;
    while (mark && mark.tagName !== 'MARK') { mark = mark.nextElementSibling; }
    (mark || anchor).scrollIntoView({ block: 'center', behavior: 'smooth' });
    flash(mark);
  });
})();

// The new-indicator fields matter only when "新建指标" is chosen, the code field only for "其他指标".
(function () {
  'use strict';
  function sync(select) {
    var form = select.closest('form');
    if (!form) { return; }
    var v = select.value;
    form.querySelectorAll('.new-only').forEach(function (el) { el.hidden = v !== '__new'; });
    form.querySelectorAll('.other-only').forEach(function (el) { el.hidden = v !== ''; });
  }
  document.querySelectorAll('select[name="Fact.IndicatorCode"]').forEach(function (s) {
    sync(s);
    s.addEventListener('change', function () { sync(s); });
  });
})();
