// The review page's keyboard (the shortcuts are listed in analyser/web/review.py, SHORTCUTS).
// Every action is an ordinary form or link: the page works without this script.
(function () {
  "use strict";
  var help = document.getElementById("help");
  function typing(event) {
    var tag = event.target.tagName;
    return tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT";
  }
  function go(id) {
    var link = document.getElementById(id);
    if (link) { window.location.href = link.getAttribute("href"); }
  }

  // ---- the student page: criteria cards -------------------------------------------------
  var cards = Array.prototype.slice.call(document.querySelectorAll("form.criterion"));
  var current = -1;
  function select(index) {
    if (!cards.length) { return; }
    current = Math.max(0, Math.min(cards.length - 1, index));
    cards.forEach(function (card, i) { card.classList.toggle("selected", i === current); });
    var id = cards[current].getAttribute("data-criterion");
    Array.prototype.forEach.call(document.querySelectorAll("mark[data-criteria]"), function (mark) {
      mark.classList.toggle("active", mark.getAttribute("data-criteria").split(" ").indexOf(id) >= 0);
    });
    cards[current].scrollIntoView({block: "nearest"});
    var first = document.querySelector("mark.active");
    if (first) { first.scrollIntoView({block: "nearest"}); }
    if (window.history.replaceState) { window.history.replaceState(null, "", "#c-" + id); }
  }
  function submit(card, action, score) {
    if (score !== undefined) {
      var radio = card.querySelector('input[name="score"][value="' + score + '"]');
      if (!radio) { return; }
      radio.checked = true;
    }
    var button = card.querySelector('button[value="' + action + '"]');
    if (button) { card.requestSubmit(button); }
  }
  if (cards.length) {
    var wanted = window.location.hash.replace(/^#c-/, "");
    var start = cards.findIndex(function (card) { return card.getAttribute("data-criterion") === wanted; });
    if (start < 0) { start = cards.findIndex(function (card) { return card.classList.contains("selected"); }); }
    select(start < 0 ? 0 : start);
    cards.forEach(function (card, i) {
      card.addEventListener("click", function () { if (current !== i) { select(i); } });
    });
  }

  // ---- the queue page: items ----------------------------------------------------------------
  var items = Array.prototype.slice.call(document.querySelectorAll("#queue li"));
  var at = -1;
  function pick(index) {
    if (!items.length) { return; }
    at = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("selected", i === at); });
    items[at].scrollIntoView({block: "nearest"});
  }
  if (items.length) { pick(0); }

  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      if (event.key === "Escape") { event.target.blur(); event.preventDefault(); }
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        var form = event.target.form;
        if (form && form.classList.contains("criterion")) { submit(form, "set"); } else if (form) { form.requestSubmit(); }
        event.preventDefault();
      }
      return;
    }
    if (typing(event) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    if (key === "?") { help.hidden = !help.hidden; event.preventDefault(); return; }
    if (key === "Escape") { help.hidden = true; return; }
    if (items.length) {
      if (key === "j") { pick(at + 1); } else if (key === "k") { pick(at - 1); }
      else if (key === "Enter") { items[at].querySelector("a").click(); }
      return;
    }
    var card = cards[current];
    if (key === "j") { select(current + 1); }
    else if (key === "k") { select(current - 1); }
    else if (/^[0-9]$/.test(key) && card) { submit(card, "set", key); }
    else if (key === "a" && card) { submit(card, "accept"); }
    else if (key === "x" && card) { submit(card, "clear"); }
    else if (key === "c" && card) { card.querySelector("textarea").focus(); event.preventDefault(); }
    else if (key === "r") { var resolve = document.getElementById("resolve-form"); if (resolve) { resolve.requestSubmit(); } }
    else if (key === "n") { go("next"); }
    else if (key === "p") { go("prev"); }
    else if (key === "u") { go("back"); }
  });
})();
