/* Site search in the reader's browser.
 *
 * Every page: "/" focuses the header box (form GET to search/, so it works
 * without JavaScript).  Nothing is downloaded until the reader starts
 * searching: focusing or typing in the box loads lunr.js, search/index.json
 * and search/store.json.  On search/ the header box drives the results as
 * the reader types, and ?q= is read on load and kept up to date.
 *
 * Queries are what people type, never Lunr syntax: text is folded exactly as
 * generator/search.py folds it at build time, and clauses are built with
 * index.query(fn).  "quoted phrases", speaker:NAME and chapter:WORD filters
 * are recognised; the last word is a prefix while typing; words that match
 * nothing are retried with one typo allowed.  Results are built from text
 * nodes only, so text from the sources stays inert.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // static/search.js -> the site root, wherever the site is served or opened from.
  var ROOT = new URL("../", script ? script.src : document.baseURI).href;
  var MAX_INPUT = 500;
  var MAX_WORDS = 12;
  var MAX_SHOWN = 50;
  var SNIPPET_WORDS = 36;

  var MARKS, EDGES;
  try {
    MARKS = new RegExp("\\p{M}", "gu");
    EDGES = new RegExp("^([^\\p{L}\\p{N}]*)(.*?)([^\\p{L}\\p{N}]*)$", "u");
  } catch (e) {
    MARKS = /[\u0300-\u036f]/g;
    EDGES = /^(\W*)(.*?)(\W*)$/;
  }

  /* Same as generator.search.fold: ASCII letters and digits between spaces. */
  function fold(text) {
    return String(text)
      .normalize("NFKD")
      .replace(/['\u2018\u2019\u02bc`]/g, "")
      .replace(MARKS, "")
      .replace(/[^A-Za-z0-9]+/g, " ")
      .trim();
  }

  function words(text) {
    var f = fold(text).toLowerCase();
    return f ? f.split(" ") : [];
  }

  /* ---- loading: once, on first use -------------------------------------- */

  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = src;
      el.async = true;
      el.onload = resolve;
      el.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(el);
    });
  }

  function fetchJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("cannot load " + url + ": " + r.status);
      return r.json();
    });
  }

  function load() {
    if (loading) return loading;
    var lunrReady = window.lunr ? Promise.resolve() : loadScript(ROOT + "static/vendor/lunr/lunr.min.js");
    var data;
    if (location.protocol === "file:") {
      // Browsers refuse fetch() of local files; the same data ships as a script.
      data = loadScript(ROOT + "search/data.js").then(function () { return window.episodeSiteSearch; });
    } else {
      data = Promise.all([fetchJSON(ROOT + "search/index.json"), fetchJSON(ROOT + "search/store.json")])
        .then(function (both) { return { index: both[0], store: both[1] }; });
    }
    loading = Promise.all([lunrReady, data]).then(function (both) {
      var d = both[1];
      return { index: window.lunr.Index.load(d.index), store: d.store };
    });
    loading.catch(function () { loading = null; });  // a later search may try again
    return loading;
  }

  /* ---- query: what people type -> words, phrases, filters --------------- */

  var QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb";
  var PHRASE = new RegExp("[" + QUOTES + "]([^" + QUOTES + "]*)[" + QUOTES + "]", "g");
  var FILTER = new RegExp("(^|\\s)(speaker|who|chapter):(?:[" + QUOTES + "]([^" + QUOTES + "]*)[" + QUOTES + "]|(\\S*))", "gi");

  function parse(raw) {
    var text = String(raw).slice(0, MAX_INPUT);
    var q = { words: [], phrases: [], speaker: [], chapter: [] };
    text = text.replace(FILTER, function (_, lead, name, quoted, bare) {
      var into = name.toLowerCase() === "chapter" ? q.chapter : q.speaker;
      words(quoted != null ? quoted : bare).forEach(function (w) { into.push(w); });
      return lead + " ";
    });
    text = text.replace(PHRASE, function (_, inner) {
      var ws = words(inner);
      if (ws.length) q.phrases.push(ws);
      return " ";
    });
    // The last word is still being typed unless a space or punctuation follows it.
    var typing = text.length > 0 && fold(text.slice(-1)) !== "";
    var free = words(text);
    var seen = {};
    free.forEach(function (w, i) {
      var prefix = typing && i === free.length - 1 && w.length >= 2;
      if (seen[w] && !prefix) return;
      seen[w] = true;
      q.words.push(makeWord(w, prefix));
    });
    q.phrases.forEach(function (ws) {
      ws.forEach(function (w) {
        if (!seen[w]) { seen[w] = true; q.words.push(makeWord(w, false)); }
      });
    });
    q.words = q.words.filter(function (w) { return w.exact || w.prefix; }).slice(0, MAX_WORDS);
    return q;
  }

  function stem(w) {
    return window.lunr.stemmer(new window.lunr.Token(w)).toString();
  }

  function makeWord(w, prefix) {
    var stop = !window.lunr.stopWordFilter(w);
    return { text: w, stem: stem(w), exact: !stop, prefix: prefix, fuzzy: false };
  }

  function withinOne(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (b.length > a.length) j++;
      else if (a[i + 1] === b[j] && a[i] === b[j + 1]) { i += 2; j += 2; }  // transposition
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  /* Does index term t (from a result's matchData) come from query word w? */
  function matches(w, t) {
    return (w.exact && t === w.stem) ||
      (w.prefix && t.lastIndexOf(w.text, 0) === 0) ||
      (w.fuzzy && withinOne(t, w.stem));
  }

  function runLunr(index, ws) {
    var T = window.lunr.Query.wildcard.TRAILING;
    return index.query(function (query) {
      ws.forEach(function (w) {
        if (w.exact) query.term(w.text, { usePipeline: true, boost: 10 });
        if (w.prefix) query.term(w.text, { usePipeline: false, wildcard: T, boost: 3 });
        if (w.fuzzy) query.term(w.text, { usePipeline: true, editDistance: 1, boost: 1 });
      });
    });
  }

  function wordsOf(text) {
    return " " + words(text).join(" ") + " ";
  }

  function keep(q, entry, ep) {
    var i;
    for (i = 0; i < q.phrases.length; i++) {
      if (wordsOf(entry[6]).indexOf(" " + q.phrases[i].join(" ") + " ") < 0) return false;
    }
    return startsAll(q.speaker, ep.speakers[entry[2]]) && startsAll(q.chapter, ep.chapters[entry[1]]);
  }

  /* Every filter word begins some word of the name or title. */
  function startsAll(filter, label) {
    if (!filter.length) return true;
    var have = words(label);
    return filter.every(function (f) {
      return have.some(function (h) { return h.lastIndexOf(f, 0) === 0; });
    });
  }

  /* Ranked hits: [{ref, terms (matched index terms), covered, score}] */
  function search(data, raw) {
    var q = parse(raw);
    var store = data.store;
    var hits = [];
    if (q.words.length) {
      var results = runLunr(data.index, q.words);
      var found = {};
      results.forEach(function (r) { Object.keys(r.matchData.metadata).forEach(function (t) { found[t] = true; }); });
      var missing = q.words.filter(function (w) {
        return w.text.length >= 3 && !Object.keys(found).some(function (t) { return matches(w, t); });
      });
      if (missing.length) {
        missing.forEach(function (w) { w.fuzzy = true; });
        results = runLunr(data.index, q.words);
      }
      hits = results.map(function (r) {
        var terms = Object.keys(r.matchData.metadata);
        var covered = q.words.filter(function (w) { return terms.some(function (t) { return matches(w, t); }); }).length;
        return { ref: r.ref, terms: terms, covered: covered, score: r.score };
      });
      hits.sort(function (a, b) { return (b.covered - a.covered) || (b.score - a.score); });
    } else if (q.phrases.length || q.speaker.length || q.chapter.length) {
      // Only filters, or a phrase of stop words: every passage, in the order of the episode.
      hits = Object.keys(store.passages).map(function (ref) { return { ref: ref, terms: [], covered: 0, score: 0 }; });
      hits.sort(function (a, b) {
        var x = store.passages[a.ref], y = store.passages[b.ref];
        return (x[0] - y[0]) || (x[3] - y[3]);
      });
    }
    hits = hits.filter(function (h) {
      var entry = store.passages[h.ref];
      return entry && keep(q, entry, store.episodes[entry[0]]);
    });
    return { query: q, hits: hits };
  }

  /* ---- rendering: text nodes only ----------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /* Per passage, once: its words and the index terms each could have become. */
  var tokenCache = {};
  var stemCache = {};

  function cachedStem(w) {
    var s = stemCache[w];
    if (s === undefined) s = stemCache[w] = stem(w);
    return s;
  }

  function tokens(ref, text) {
    var cached = tokenCache[ref];
    if (cached) return cached;
    cached = tokenCache[ref] = text.split(/\s+/).filter(Boolean).map(function (word) {
      var parts = words(word);
      var stems = parts.map(cachedStem);
      if (parts.length > 1) stems.push(cachedStem(parts.join("")));
      return { word: word, parts: parts, stems: stems };
    });
    return cached;
  }

  function highlighted(tok, terms, prefixes) {
    return tok.stems.some(function (s) { return terms[s]; }) ||
      prefixes.some(function (pre) { return tok.parts.some(function (p) { return p.lastIndexOf(pre, 0) === 0; }); });
  }

  function snippet(ref, text, hit, q) {
    var all = tokens(ref, text);
    var terms = {};
    hit.terms.forEach(function (t) { terms[t] = true; });
    var prefixes = q.words.filter(function (w) { return w.prefix; }).map(function (w) { return w.text; });
    var marks = all.map(function (tok) { return highlighted(tok, terms, prefixes); });
    all = all.map(function (tok) { return tok.word; });
    var first = marks.indexOf(true);
    var start = first < 0 ? 0 : Math.max(0, first - 10);
    var end = Math.min(all.length, start + SNIPPET_WORDS);
    start = Math.max(0, Math.min(start, end - SNIPPET_WORDS));
    var out = el("span", "search-snippet");
    var run = start > 0 ? "\u2026 " : "";  // plain text gathered into as few nodes as possible
    for (var i = start; i < end; i++) {
      if (i > start) run += " ";
      if (!marks[i]) { run += all[i]; continue; }
      var m = EDGES.exec(all[i]);  // mark the word, not the punctuation around it
      run += m[1];
      if (run) out.appendChild(document.createTextNode(run));
      out.appendChild(el("mark", null, m[2]));
      run = m[3];
    }
    if (end < all.length) run += " \u2026";
    if (run) out.appendChild(document.createTextNode(run));
    return out;
  }

  function renderResults(container, status, data, result) {
    var store = data.store;
    var list = el("ol", "search-results-list");
    var several = store.episodes.length > 1;
    result.hits.slice(0, MAX_SHOWN).forEach(function (hit) {
      var p = store.passages[hit.ref];
      var ep = store.episodes[p[0]];
      var item = el("li", "search-result");
      var link = el("a", "search-result-link");
      link.href = ROOT + p[5];
      link.setAttribute("data-start", String(p[3]));
      var meta = el("span", "search-result-meta");
      if (several) meta.appendChild(el("span", "search-result-episode", ep.title));
      meta.appendChild(el("span", "search-result-chapter", ep.chapters[p[1]]));
      meta.appendChild(el("span", "search-result-speaker", ep.speakers[p[2]]));
      var time = el("time", "search-result-time", p[4]);
      time.setAttribute("datetime", "PT" + p[3] + "S");
      meta.appendChild(time);
      link.appendChild(meta);
      link.appendChild(snippet(hit.ref, p[6], hit, result.query));
      item.appendChild(link);
      list.appendChild(item);
    });
    container.replaceChildren(list);
    if (status) {
      var n = result.hits.length;
      status.textContent = n === 0 ? "No passages match." :
        (n === 1 ? "1 passage" : n + " passages") + (n > MAX_SHOWN ? ", showing the first " + MAX_SHOWN + "." : ".");
    }
  }

  /* ---- wiring ----------------------------------------------------------- */

  function isTypingTarget(node) {
    if (!node || !node.tagName) return false;
    var tag = node.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || node.isContentEditable;
  }

  function start() {
    var header = document.getElementById("site-search");
    var pageBox = document.getElementById("search-q");
    var container = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var boxes = [pageBox, header].filter(Boolean);
    if (!boxes.length) return;

    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      boxes[0].focus();
      boxes[0].select();
    });

    // Elsewhere the box submits to search/; starting to search only warms the cache for it.
    var warm = function () { load().catch(function () {}); };
    boxes.forEach(function (box) {
      box.addEventListener("focus", warm);
      box.addEventListener("input", warm);
    });
    if (!container) return;

    // The search page: opening it is starting to search, so load at once;
    // results as you type, ?q= kept in the address bar.
    warm();
    var latest = 0;
    function update(raw) {
      var ticket = ++latest;
      syncAddress(raw);
      if (!raw.trim()) {
        container.replaceChildren();
        container.removeAttribute("data-query");
        if (status) status.textContent = "";
        return;
      }
      load().then(function (data) {
        if (ticket !== latest) return;
        var result;
        try {
          result = search(data, raw);
        } catch (err) {
          // Never show an error for what a reader typed; an empty list says enough.
          result = { query: parse(""), hits: [] };
        }
        renderResults(container, status, data, result);
        container.setAttribute("data-query", raw);
      }, function () {
        if (ticket !== latest) return;
        if (status) status.textContent = "Search is unavailable: the index could not be loaded.";
      });
    }
    // Browsers throttle history updates; write the address once typing pauses.
    var addressTimer = 0;
    function syncAddress(raw) {
      clearTimeout(addressTimer);
      addressTimer = setTimeout(function () {
        var url = new URL(location.href);
        if (raw) url.searchParams.set("q", raw); else url.searchParams.delete("q");
        if (url.href !== location.href) history.replaceState(null, "", url.href);
      }, 400);
    }
    boxes.forEach(function (box) {
      box.addEventListener("input", function () {
        boxes.forEach(function (other) { if (other !== box) other.value = box.value; });
        update(box.value);
      });
      if (box.form) box.form.addEventListener("submit", function (e) { e.preventDefault(); update(box.value); });
    });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) {
      boxes.forEach(function (box) { box.value = initial; });
      update(initial);
    }
  }

  // For tests and benchmarks: the same search the page runs, on the loaded data.
  window.episodeSiteSearchRun = function (raw) {
    return load().then(function (data) {
      return search(data, raw).hits.map(function (h) { return h.ref; });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
