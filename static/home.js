/* The home page's filter box: type to narrow the episode list.
   On one page it filters the list in the page.  Split over several pages, it
   loads episodes.js (every episode: [url, title, people, date, length, iso])
   once, when the reader first types, and lists matches from all of them.  A
   script, not JSON: it loads from disk too, where the browser refuses fetch. */
(function () {
  "use strict";
  var box = document.querySelector(".episode-filter");
  var input = document.getElementById("episode-filter");
  var groups = document.getElementById("episode-groups");
  var matches = document.getElementById("episode-matches");
  var status = document.getElementById("episode-count");
  if (!box || !input || !groups || !matches || !status) return;
  var list = matches.querySelector("ul");
  var pager = document.querySelector(".pager");
  var years = document.querySelector(".year-links");
  var src = box.getAttribute("data-list");
  var root = box.getAttribute("data-root") || "";
  var initial = status.textContent;
  var all = null;           // every episode, once episodes.js has arrived
  var state = src ? "idle" : "page"; // idle, loading, all, page (filter this page only: the list could not be loaded)
  box.hidden = false;

  // Letters no decomposition takes apart: "Łukasiewicz" is found by "lukasiewicz", "Ærø" by "aero".
  var PLAIN = { "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h" };
  function fold(s) {
    // Case and accents aside: "Élan" is found by "elan".
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[łøæœßđðþıħ]/g, function (c) { return PLAIN[c]; });
  }
  var NOT_WORD;
  try { NOT_WORD = new RegExp("[^\\p{L}\\p{N}]+", "u"); } catch (e) { NOT_WORD = /[^A-Za-z0-9\u00c0-\uffff]+/; }
  function words(q) { return fold(q).split(NOT_WORD).filter(Boolean); }
  // What an episode is found by, its words between spaces: a word typed is the beginning of one of
  // them ("gen" finds "generalization"), a number the whole of one ("Episode 3" found Episode 13,
  // 23 and every date with a 3 in it). The date by its month and year; its day (and month number)
  // only beside its month: "25 November 2025", "25 Nov", "2025-11-25".
  var MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
  function findable(title, people, date, iso) {
    var d = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return {
      text: " " + words(title + " " + people + " " + date.replace(/(^|\s)\d{1,2}(?=[\s,.]|$)/g, " ")).join(" ") + " ",
      date: d ? [+d[1], +d[2], +d[3]] : null,
    };
  }
  // Scripts written without spaces between words: what is typed may be anywhere in a title.
  var UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
  function isNumber(w) { return /^\d+$/.test(w); }
  function isMonth(w) { return w.length >= 3 && MONTHS.some(function (m) { return m.indexOf(w) === 0; }); }
  function isYear(w) { return /^\d{4}$/.test(w); }
  function hit(found, ws) {
    var d = found.date;
    // A month beside a year ("Jan 2015", "May 5, 2019") is a date: the episode's own month and year,
    // not a "Janet" in its title ("jan" alone may be either) nor a "2015" in it.
    var asDate = ws.some(isMonth) && ws.some(isYear);
    var named = !!d && ws.some(function (w) { return w.length >= 3 && MONTHS[d[1] - 1].indexOf(w) === 0; });  // "25 Nov"
    var numeric = !!d && ws.some(function (w) { return isNumber(w) && +w === d[0]; }) &&
      ws.some(function (w) { return isNumber(w) && +w === d[1]; });  // "2025-11-25"
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i];
      if (asDate && (isMonth(w) || isYear(w))) {
        if (d && (isYear(w) ? +w === d[0] : MONTHS[d[1] - 1].indexOf(w) === 0)) continue;
        return false;
      }
      if (UNSPACED.test(w) ? found.text.indexOf(w) >= 0 : found.text.indexOf(" " + w + (isNumber(w) ? " " : "")) >= 0) continue;
      if (!(isNumber(w) && ((named || numeric) && +w === d[2] || numeric && +w === d[1]))) return false;
    }
    return true;
  }
  function plural(n) { return n === 1 ? "1 episode" : n.toLocaleString("en") + " episodes"; }
  function matching(n, of) { return plural(n) + " of " + of.toLocaleString("en") + (n === 1 ? " matches" : " match"); }

  var items = Array.prototype.map.call(groups.querySelectorAll("li"), function (li) {
    var text = function (sel) { var el = li.querySelector(sel); return el ? el.textContent : ""; };
    var time = li.querySelector("time");
    return { li: li, found: findable(text("h3"), text(".people"), text("time"), time && time.getAttribute("datetime")) }; // what episodes.js holds
  });

  function showPage(show) {
    groups.hidden = !show;
    matches.hidden = show;
    if (pager) pager.hidden = !show;
    if (years) years.hidden = !show;
  }

  function filterPage(ws) {
    var shown = 0;
    items.forEach(function (it) {
      var ok = hit(it.found, ws);
      it.li.hidden = !ok;
      if (ok) shown++;
    });
    // A year heading with nothing left under it goes too.
    Array.prototype.forEach.call(groups.querySelectorAll("ul"), function (ul) {
      var any = ul.querySelector("li:not([hidden])");
      ul.hidden = !any;
      if (ul.previousElementSibling) ul.previousElementSibling.hidden = !any;
    });
    showPage(true);
    if (pager) pager.hidden = true;
    if (years) years.hidden = true;  // their headings may be hidden: links to them would go nowhere
    var where = !src ? "" : state === "page" ? " on this page (the list of all episodes could not be loaded)" : " on this page";
    // While episodes.js is on its way, none here is not none at all: the others are still to look through.
    var others = state === "idle" || state === "loading" ? "; looking through the other pages…" : ".";
    status.textContent = shown ? matching(shown, items.length) + where + others : "No episode matches" + where + others;
  }

  function entry(row) {
    var li = document.createElement("li");
    var h = document.createElement("h3");
    var a = document.createElement("a");
    a.href = root + row[0];
    a.textContent = row[1];
    h.appendChild(a);
    var meta = document.createElement("p");
    meta.className = "muted episode-meta";
    var people = document.createElement("span");
    people.className = "people";  // isolated as the page's own entries are (site.css)
    people.textContent = row[2];
    meta.appendChild(people);
    if (row[3]) {
      meta.appendChild(document.createTextNode(" · "));
      var t = document.createElement("time");
      t.dateTime = row[5];
      t.textContent = row[3];
      meta.appendChild(t);
    }
    if (row[4]) meta.appendChild(document.createTextNode(" · " + row[4]));
    li.appendChild(h);
    li.appendChild(meta);
    return li;
  }

  function filterAll(ws) {
    var found = all.filter(function (ep) { return hit(ep.found, ws); });
    var frag = document.createDocumentFragment();
    found.slice(0, 200).forEach(function (ep) { frag.appendChild(entry(ep.row)); });
    list.textContent = "";
    list.appendChild(frag);
    showPage(false);
    var more = found.length > 200 ? " (the first 200 shown; type more to narrow)" : "";
    status.textContent = found.length ? matching(found.length, all.length) + more + "." : "No episode matches.";
  }

  function load() {
    state = "loading";
    window.episodeSiteEpisodes = function (data) {
      all = data.episodes.map(function (row) { return { row: row, found: findable(row[1], row[2], row[3] || "", row[5]) }; });
    };
    var script = document.createElement("script");
    script.src = src;
    script.onload = script.onerror = function () {  // onload runs after the script has
      state = all ? "all" : "page";
      run();
    };
    document.head.appendChild(script);
  }

  function run() {
    var ws = words(input.value);
    if (!ws.length) {
      items.forEach(function (it) { it.li.hidden = false; });
      Array.prototype.forEach.call(groups.querySelectorAll("ul, h2"), function (el) { el.hidden = false; });
      showPage(true);
      status.textContent = initial;
      return;
    }
    if (state === "all") return filterAll(ws);
    filterPage(ws); // at once, while the full list loads
    if (state === "idle") load();
  }

  // What was typed is kept with this page's history entry, so Back from an episode finds the list
  // filtered as it was (the box has autocomplete="off", so the browser does not restore it, and its
  // back/forward cache is not always there). Saved once typing pauses: browsers limit how often.
  var saving = 0;
  function save() {
    clearTimeout(saving);
    try {
      var st = history.state && typeof history.state === "object" ? history.state : {};
      var copy = {};
      for (var k in st) if (Object.prototype.hasOwnProperty.call(st, k)) copy[k] = st[k];
      copy.episodeSiteFilter = input.value;
      history.replaceState(copy, "");
    } catch (e) { /* too many calls, or a sandbox: the filter is only not kept */ }
  }
  input.addEventListener("input", function () {
    run();
    clearTimeout(saving);
    saving = setTimeout(save, 300);
  });
  window.addEventListener("pagehide", save);
  var kept = history.state && typeof history.state.episodeSiteFilter === "string" ? history.state.episodeSiteFilter : "";
  if (!input.value && kept) input.value = kept;
  if (input.value) run(); // typed before Back, kept above or restored by the browser
})();
