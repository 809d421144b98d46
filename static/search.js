/* Site search in the reader's browser.
 *
 * Every page: "/" focuses the header box (form GET to search/, so it works
 * without JavaScript).  Nothing is downloaded until the reader starts
 * searching: focusing or typing in the box loads lunr.js and search/manifest.js;
 * a query then loads only the term shards and store chunks it needs (see
 * "loading" below).  On search/ the header box drives the results as the
 * reader types, and ?q=, ?episode= and ?speaker= are read on load and kept up
 * to date.  From an episode's pages the header form carries episode=<slug>, so
 * the search starts scoped to that episode, with a "Search all episodes" button.
 *
 * Queries are what people type, never Lunr syntax: text is folded exactly as
 * generator/search.py folds it at build time, and made into lunr's clauses (a
 * word, stemmed, boost 10; the word being typed as a prefix, boost 3; a retried
 * word with one edit, boost 1), scored as lunr.js scores them (see "scoring").
 * "quoted phrases", speaker:NAME and chapter:WORD filters
 * are recognised; the last word is a prefix while typing; words that match
 * nothing are retried with one typo allowed (in the stem, as lunr does, else in
 * the word before it is stemmed), and a half-typed word that begins no stem with
 * its longest beginning that does.  Results are built from text nodes only, so
 * text from the sources stays inert.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // static/search.js -> the site root, wherever the site is served or opened from.
  var ROOT = new URL("../", script ? script.src : document.baseURI).href;
  var MAX_INPUT = 500;
  var MAX_WORDS = 12;
  var PAGE = 10;            // results shown at once; "Show more" adds as many (10: half the requests of 20, measured)
  // How long the first page's results wait for each other before they are shown one by one as
  // their store chunks come (see showMore).  At 1,000 synthetic episodes on loopback a page's ten
  // chunks take 30-60 ms: shown together, first results came 5-50 ms sooner (median of 15 A/B
  // passes, per query) than one by one, each a frame of its own while the next chunks loaded.
  var GATHER_MS = 100;
  var PHRASE_CHUNKS = 12;   // store chunks (96 passages) a phrase checks before showing its hits ("Show more": 12 more)
  var PREFIX_SHARDS = 3;    // shards a prefix may load while typing
  var SETTLE_ROUNDS = 12;   // rounds of tail pages a query may load to make its first page exact
  var SETTLE_PAGES = 24;    // tail pages per round: each raises the first page's least, ruling out others
                            // (1,000 episodes, pages of 512, "varejaifa he maiho": 48 a round loads 48 pages, 24 loads 27)
  // A split term's all.js that a settle round may load instead of a third of its pages or more.
  // The size is zlib's fastest level, 20-30% above what a server's gzip sends (a 78% term at 1,000
  // episodes: 112 against 91 KB), so 120,000 is ~95 KB on the wire, and a first query stays under
  // 150 KB with it: the rest is ~50 KB at 1,000 episodes (lunr.js and the manifest 27 KB, two or
  // three shards ~12 KB, ten store chunks ~16 KB).  Measured there, "varejaifa he maiho": 28 tail
  // pages in two rounds, 103 KB, 147 ms (median of 7) -> all.js, 136 KB, 72 ms (median of 5).
  var ALL_BYTES = 120000;
  // What a request costs, in bytes of an all.js (zlib level 1) it would be worth loading instead:
  // its headers are ~1 KB both ways, and on loopback Chromium a round of 24 tail pages takes
  // ~70 ms where one all.js of 20 KB takes ~5.  Measured on 1,000 copies of the embedded
  // episode (pages of ~0.3 KB gzip, a term's all.js 1-7 KB): "speaker:dwarkesh think" 74
  // pages, 288 ms -> all.js, 106 ms; 1,000, 2,000, 4,000 and 8,000 measured the same (median
  // of 3); on the synthetic archive (pages ~2 KB) no query changed.
  var REQUEST_BYTES = 2000;
  // What a query may download over http (gzip) before its first page shows: a settle round that
  // does not fit whole is not loaded, and the first page ranks what is loaded ("At least N
  // passages"; paging on loads the rest).  Issue 9 bounds a first query at 150 KB, lunr.js and the
  // manifest included; what a file costs is estimated (the manifest's ``gzip`` and ``fast``), so a
  // little is kept back.  Eight common words at 1,000 synthetic episodes loaded 216 tail pages to
  // rank their first page exactly: 518 KB in 1.2 s.  STORE_BYTES is kept for the first page's store
  // chunks (ten load after the rounds: 16-18 KB there).
  var QUERY_BYTES = 148000;
  var STORE_BYTES = 18000;
  var LUNR_BYTES = 8418;    // static/vendor/lunr/lunr.min.js (2.3.9) as gzip sends it
  // A filter (speaker:, the Speaker list) leaving at most this many passages in scope: the tail
  // pages holding them load before the rounds, which then have no passage left unseen (QA35a:
  // "speaker:zurea dale", 17 passages in scope, loaded 46 pages of "dale" in rounds).
  var SCOPE_DOCS = 2000;
  var SNIPPET_WORDS = 36;
  // Runs of warmUp while the search page waits (each in an idle moment: the first ~10-35 ms, cold;
  // the others a few ms).  After one, a first query's scoring ("lea" at 1,000 episodes) took
  // 2.7-6.7 ms where a second query's took 0.3; after three, 0.8-1.0.
  var WARM_RUNS = 3;

  var MARKS, EDGES, NOT_WORD, SCALED;
  try {
    MARKS = new RegExp("\\p{M}", "gu");
    EDGES = new RegExp("^([^\\p{L}\\p{N}]*)(.*?)([^\\p{L}\\p{N}]*)$", "u");
    NOT_WORD = new RegExp("[^\\p{L}\\p{N}]+", "gu");  // letters and digits of any script are words
    SCALED = new RegExp("(?<![\\p{L}\\p{N}_.])([0-9]+(?:\\.[0-9]+)?)(k|m|bn|b)(?![\\p{L}\\p{N}_])", "giu");
  } catch (e) {
    MARKS = /[\u0300-\u036f]/g;
    EDGES = /^(\W*)(.*?)(\W*)$/;
    NOT_WORD = /[^A-Za-z0-9]+/g;
    SCALED = /\b([0-9]+(?:\.[0-9]+)?)(k|m|bn|b)\b/gi;
  }
  var SCALE_WORDS = { k: "thousand", m: "million", b: "billion", bn: "billion" };  // generator.search._SCALE_LETTERS
  var LETTERS = { "\u00f8": "o", "\u00d8": "O", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00df": "ss",
    "\u1e9e": "SS", "\u0111": "d", "\u0110": "D", "\u0142": "l", "\u0141": "L", "\u00fe": "th", "\u00de": "TH", "\u00f0": "d",
    "\u00d0": "D", "\u0131": "i", "\u0127": "h", "\u0126": "H" };
  var UNDECOMPOSED = /[\u00f8\u00d8\u00e6\u00c6\u0153\u0152\u00df\u1e9e\u0111\u0110\u0142\u0141\u00fe\u00de\u00f0\u00d0\u0131\u0127\u0126]/g;

  /* Same as generator.search.fold: letters and digits between spaces. */
  /* A map keyed by what readers type and the index holds: no prototype, so "constructor" or
   * "__proto__" is a word like any other, never Object's own property. */
  function dict() { return Object.create(null); }

  function fold(text) {
    return String(text)
      .replace(THOUSANDS, "$1")  // "10,000" is one number
      .normalize("NFKD")
      .replace(/['\u2018\u2019\u02bc`]/g, "")
      .replace(MARKS, "")
      .replace(UNDECOMPOSED, function (c) { return LETTERS[c]; })  // "soren" is "Søren" (generator.search._LETTERS)
      .replace(SCALED, function (_, n, scale) { return n + " " + SCALE_WORDS[scale.toLowerCase()]; })  // "$3B" is "3 billion"
      .replace(/%/g, " percent ")  // "2%" is said "two percent"
      .replace(NOT_WORD, " ")
      .trim();
  }

  function words(text) {
    var f = fold(text).toLowerCase();
    return f ? f.split(" ") : [];
  }

  /* ---- loading: only the files a query needs ---------------------------- */
  /* search/ holds the index cut by term prefix (t/<key>.js), the store cut in
   * chunks of each episode's documents (p/<slug>/<n>.js) and a small manifest.js; each file is a
   * script calling episodeSiteSearchData(name, data), so <script> tags load
   * it over http and from disk alike.  A query loads the term shards its words
   * and prefixes need, then the store chunks of the results it shows. */

  var files = dict();    // name -> Promise of its data
  // Bytes of the index loaded over http so far, as gzip sends them (see QUERY_BYTES): what a file
  // holds times the share the build measured gzip leaves of the index (manifest.gzip), the same
  // whether this server compresses or not; a tail's ``all`` (zlib's fastest level) times ``fast``.
  var spent = 0, packed = 0.5, fast = 0.8;
  var searched = false;  // whether a query has run on this page: the first pays for lunr.js and the manifest
  var budgets = dict();  // query -> its allowance: what it may load in settle rounds, and whether it stopped there (see search)
  var waiting = dict();  // name -> resolve, until its script runs
  // The build the manifest is of, and the one each site-wide file says it is of (its third argument):
  // a shard of another build numbers the documents otherwise, and its results are other passages.
  var siteBuild = null, builtBy = dict();

  window.episodeSiteSearchData = function (name, data, build) {
    var resolve = waiting[name];
    builtBy[name] = build;
    if (resolve) { delete waiting[name]; resolve(data); }
  };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = src;
      el.async = true;
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error("cannot load " + src)); };
      document.head.appendChild(el);
    });
  }

  /* Over http the file is fetched and its JSON read: one task for all, where each <script>
   * would run as its own task.  Opened from disk, fetch is refused: a <script> tag. */
  var PREFIX = "episodeSiteSearchData(";
  var UPDATED = "This site has been updated since the page was opened: reload the page to search it.";

  var BUILT_BY = /,"([0-9a-f]{12})"\);\s*$/;

  function fromText(name, text) {
    var head = PREFIX + JSON.stringify(name) + ",";
    if (text.lastIndexOf(head, 0) !== 0) throw new Error("not search data: " + name);
    var tail = text.slice(-24), m = BUILT_BY.exec(tail);
    builtBy[name] = m ? m[1] : undefined;
    var end = m ? text.length - tail.length + m.index : text.lastIndexOf(");");
    return JSON.parse(text.slice(head.length, end));  // "<\/" is JSON for "</"
  }

  function stale(name) {
    return siteBuild != null && builtBy[name] != null && builtBy[name] !== siteBuild;
  }

  function updated() {
    var e = new Error("the site was built again since its manifest was loaded");
    e.updated = true;
    return e;
  }

  function file(name) {
    if (files[name]) return files[name];
    var url = ROOT + "search/" + name + ".js";
    var get = function (mode) {
      return fetch(url, mode ? { cache: mode } : undefined).then(function (r) {
        if (!r.ok) throw new Error("cannot load " + url + ": " + r.status);
        return r.text();
      }).then(function (text) { return { data: fromText(name, text), size: text.length }; });
    };
    var p = location.protocol === "file:" ? new Promise(function (resolve, reject) {
      waiting[name] = resolve;
      loadScript(url).then(function () {
        if (waiting[name]) { delete waiting[name]; reject(new Error("no data in " + name)); }
      }, function (err) { delete waiting[name]; reject(err); });
    }).then(function (data) {
      if (name === "manifest") siteBuild = data.build;
      else if (stale(name)) throw updated();
      return data;
    }) : get(name === "manifest" ? "no-cache" : "").then(function (got) {
      // The manifest is asked whether it changed (a browser's copy of an older build numbers the
      // documents otherwise); a file of another build than it, from the browser's cache, again past it.
      return stale(name) ? get("reload") : got;
    }).then(function (got) {
      var data = got.data;
      if (name === "manifest") { packed = data.gzip || packed; fast = data.fast || fast; siteBuild = data.build; }
      else if (stale(name)) throw updated();  // the site was deployed again while this page was open
      if (name !== "episodes") spent += got.size * packed;  // the filters' lists load after a first query
      return data;
    });
    files[name] = p;
    p.catch(function () { delete files[name]; });  // a later search may try again
    return p;
  }

  var loading = null;

  /* lunr.js and the manifest: the fixed part of the first query. */
  function load() {
    if (loading) return loading;
    var lunrReady = window.lunr ? Promise.resolve() : loadScript(ROOT + "static/vendor/lunr/lunr.min.js").then(function () { spent += LUNR_BYTES; });
    loading = Promise.all([lunrReady, file("manifest")]).then(function (both) { return makeData(both[1]); });
    loading.catch(function () { loading = null; });
    return loading;
  }

  /* The loaded part of the site's index: each loaded term's postings, per field. */
  function makeData(manifest) {
    return {
      manifest: manifest,
      fields: manifest.fields,
      postings: dict(),      // term -> per field [doc, weight, doc, weight ...] (absolute numbers, weights x 1000),
                         // or {head: its shard's entry} until a query reads it (see postingsOf)
      sorted: [],        // the loaded terms, sorted: a prefix expands over them
      tokenSet: null,    // lunr.TokenSet of the loaded terms, made when a typo retry needs it
      shards: dict(),        // key -> true once merged
      partial: dict(),       // split term -> {min: weight bound of what is not loaded, pages: {n: true} to load, has (see addShard)}
      keys: manifest.shards,
      chunks: dict(),        // "slug/n" -> entries
      firsts: manifest.episodes.map(function (e) { return e[1]; }),
      slugs: manifest.episodes.map(function (e) { return e[0]; }),
      scratch: null      // per-document arrays that every query's scoring reuses
    };
  }

  function addShard(data, key, terms) {
    if (data.shards[key]) return;
    data.shards[key] = true;
    Object.keys(terms).forEach(function (term) {
      if (data.postings[term]) return;
      data.postings[term] = { head: terms[term] };
      var split = terms[term][data.fields.length];
      if (split) {
        // A very common term: the shard holds its heaviest documents; the rest is in pages.
        var pages = {};
        split.pages.forEach(function (first, n) { pages[n] = true; });
        // has: 1 for each document whose postings of the term are loaded (a typed array: the
        // settle rounds look up thousands of documents, and an object of them churns the GC),
        // made when its postings are first read: a shard holds every common term of its prefix,
        // and one array a document each for all of them was 9 MB on 1,000 copies of an episode.
        data.partial[term] = { min: split.min / 1000, pages: pages, firsts: split.pages, all: split.all || 0, has: null };
      }
    });
  }

  /* A loaded term's postings, per field; made from its shard's entry when first read.  A shard
   * holds every term of its prefix, and a query reads a few: on 1,000 copies of the embedded
   * episode, six words' shards held ~10 ms of postings to add, their own terms ~1 ms. */
  function postingsOf(data, term) {
    var p = data.postings[term];
    if (!p.head) return p;
    data.postings[term] = data.fields.map(function () { return []; });
    addPostings(data, term, p.head);
    return data.postings[term];
  }

  /* Postings of one term (per field [gap, weight, ...]) added to what is loaded. */
  function addPostings(data, term, perField) {
    var partial = data.partial[term], into = postingsOf(data, term);
    var has = partial && (partial.has || (partial.has = new Uint8Array(data.manifest.documents)));
    data.fields.forEach(function (field, f) {
      var flat = perField[f], d = 0, abs = into[f];
      for (var k = 0; k < flat.length; k += 2) {
        d += flat[k];
        abs.push(d, flat[k + 1]);
        if (has) has[d] = 1;
      }
    });
  }

  /* Tail pages of split terms: [[term, page number], ...], asked for in that order, and the
   * terms ``bulk`` names whole.  A term's x/<term>/all.js brings its pages in one request
   * instead of one each (the requests, not the bytes, are most of the time) where every page
   * it has left is wanted and few are loaded already (a speaker filter on a show's host, the
   * rest of a phrase's words), or where it costs no more than the wanted pages and their
   * requests (an archive of similar episodes, whose tails compress well together). */
  function needPages(data, pairs, bulk) {
    var seen = dict(), todo = [], count = dict();
    pairs.forEach(function (tp) {
      var partial = data.partial[tp[0]], key = tp[0] + "/" + tp[1];
      if (!partial || !partial.pages[tp[1]] || seen[key]) return;
      seen[key] = true;
      todo.push(tp);
      count[tp[0]] = (count[tp[0]] || 0) + 1;
    });
    var whole = (bulk || []).filter(function (t) { return data.partial[t] && data.partial[t].all; });
    Object.keys(count).forEach(function (t) {
      var partial = data.partial[t], left = pagesLeft(partial), total = partial.firsts.length;
      if (whole.indexOf(t) >= 0 || count[t] < 2 || !partial.all) return;
      if ((count[t] === left && 4 * left >= 3 * total) || wholeIsCheaper(partial, count[t])) whole.push(t);
    });
    var loads = whole.map(function (term) {
      return file("x/" + term + "/all").then(function (pages) {
        pages.forEach(function (page, n) { addPage(data, term, n, page); });
      });
    });
    todo.forEach(function (tp) {
      var term = tp[0];
      if (whole.indexOf(term) < 0) loads.push(file("x/" + term + "/" + tp[1]).then(function (page) { addPage(data, term, tp[1], page); }));
    });
    if (!loads.length) return Promise.resolve(false);
    return Promise.all(loads).then(function () { return true; });
  }

  /* A split term's tail page, in bytes as gzip sends it: its all.js shared out. */
  function pageBytes(partial) {
    return partial.all ? fast * partial.all / partial.firsts.length : REQUEST_BYTES;
  }

  /* What tail pages [[term, page number], ...] cost together (pageBytes). */
  function pagesBytes(data, pairs) {
    return pairs.reduce(function (sum, tn) { return sum + pageBytes(data.partial[tn[0]]); }, 0);
  }

  /* Whether a split term's all.js costs no more than ``count`` of its pages and their requests. */
  function wholeIsCheaper(partial, count) {
    return partial.all <= count * (partial.all / partial.firsts.length + REQUEST_BYTES);
  }

  /* One tail page added to what is loaded, as it comes (unless it came already). */
  function addPage(data, term, n, page) {
    var partial = data.partial[term];
    if (!partial || !partial.pages[n]) return;
    delete partial.pages[n];
    addPostings(data, term, page);
    if (!pagesLeft(partial)) delete data.partial[term];
  }

  /* How many tail pages of a split term are not loaded yet. */
  function pagesLeft(partial) {
    return Object.keys(partial.pages).length;
  }

  /* The tail page of a split term that holds a document: pages list their first documents. */
  function pageOf(partial, doc) {
    return pageIn(partial.firsts, doc);
  }

  function pageIn(firsts, doc) {
    var at = bsearch(firsts, doc);
    return at >= 0 ? at : -at - 2;  // -1: before the first page, so in no page
  }

  function allPages(data, terms) {
    var pairs = [];
    terms.forEach(function (t) {
      if (data.partial[t]) Object.keys(data.partial[t].pages).forEach(function (n) { pairs.push([t, Number(n)]); });
    });
    return pairs;
  }

  /* The shard holding a term: the longest key that begins it. */
  function keyOf(data, term) {
    for (var n = Math.min(term.length, 8); n >= 1; n--) {
      if (bsearch(data.keys, term.slice(0, n)) >= 0) return term.slice(0, n);
    }
    return null;
  }

  function bsearch(list, x) {
    var lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] === x) return mid;
      if (list[mid] < x) lo = mid + 1; else hi = mid - 1;
    }
    return -(lo + 1);
  }

  /* Shards holding every term that begins with a prefix. */
  function keysFrom(data, prefix) {
    var out = [];
    var own = keyOf(data, prefix);
    if (own && own !== prefix) out.push(own);  // a key that is the prefix itself comes below
    return out.concat(termsFrom(data.keys, prefix));
  }

  /* Shards a query word needs: its stem's; for a prefix, all terms it begins; for the typo
   * retry, those of its own beginnings and the one with its first two letters swapped (a typo
   * in the first letters is rare; terms that differ there are not looked at). */
  function keysFor(data, w) {
    var keys = [];
    if (w.exact || w.fuzzy) keys.push(keyOf(data, w.stem));
    if (w.exact && w.light) keys.push(keyOf(data, w.light));
    if (w.prefix) keys = keys.concat(keysFrom(data, w.text));
    if (w.prefix && w.fuzzy) keys = keys.concat(keysFrom(data, LIGHT_MARK + w.text));  // its family, if it is begun (expand)
    if (w.fuzzy) {
      var rooted = keysFrom(data, w.stem);  // the terms its stem begins (expand: "failed" said only as "failures")
      if (rooted.length <= PREFIX_SHARDS) keys = keys.concat(rooted);
      keys.push(keyOf(data, w.text.slice(1)));
      keys.push(keyOf(data, w.text.charAt(1) + w.text.charAt(0) + w.text.slice(2)));
      for (var n = 1; n <= Math.min(w.text.length, 8); n++) {  // the shards of every beginning of it (begun, respelt)
        if (bsearch(data.keys, w.text.slice(0, n)) >= 0) keys.push(w.text.slice(0, n));
      }
    }
    return keys;
  }

  function need(data, keys) {
    var todo = keys.filter(function (k, i) { return k && !data.shards[k] && keys.indexOf(k) === i; });
    if (!todo.length) return Promise.resolve();
    return Promise.all(todo.map(function (k) {
      return file("t/" + k).then(function (terms) { return [k, terms]; });
    })).then(function (loaded) {
      loaded.forEach(function (pair) { addShard(data, pair[0], pair[1]); });
      data.sorted = Object.keys(data.postings).sort();
      data.tokenSet = null;
    });
  }

  /* Each episode's documents are stored in chunks of its own, p/<slug>/<n>.js, so an
   * episode's chunks are the same files whatever the rest of the archive holds. */
  function chunkOf(data, doc) {
    var e = episodeOf(data, doc);
    return data.slugs[e] + "/" + Math.floor((doc - data.firsts[e]) / data.manifest.chunk);
  }

  function entries(data, docs) {
    var want = {};
    docs.forEach(function (d) { var c = chunkOf(data, d); if (!data.chunks[c]) want[c] = true; });
    return Promise.all(Object.keys(want).map(function (c) {
      return file("p/" + c).then(function (list) { data.chunks[c] = list; });
    }));
  }

  function entry(data, doc) {
    var list = data.chunks[chunkOf(data, doc)];
    return list && list[(doc - data.firsts[episodeOf(data, doc)]) % data.manifest.chunk];
  }

  function episodeOf(data, doc) {
    var at = bsearch(data.firsts, doc);
    if (at < 0) return -at - 2;
    while (at + 1 < data.firsts.length && data.firsts[at + 1] === doc) at++;  // skip episodes without passages
    return at;
  }

  /* ---- query: what people type -> words, phrases, filters --------------- */

  var QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb";
  var PHRASE = new RegExp("[" + QUOTES + "]([^" + QUOTES + "]*)[" + QUOTES + "]", "g");
  var QUOTE = new RegExp("[" + QUOTES + "]", "g");
  // "speaker: ilya", with a space after the colon, as people type it, is the filter too
  var FILTER = new RegExp("(^|\\s)(speaker|who|chapter):[ \\t]*(?:[" + QUOTES + "]([^" + QUOTES + "]*)[" + QUOTES + "]|(\\S*))", "gi");

  function parse(raw, finished) {
    // lunr's own syntax ("neuralink^5", "model~2") is not searched for: its numbers are no words
    var typed = String(raw).slice(0, MAX_INPUT);
    // cut between words: a word cut in two was searched as a beginning ("resea")
    if (String(raw).length > MAX_INPUT && /\S/.test(String(raw).charAt(MAX_INPUT))) typed = typed.replace(/\S+$/, "");
    var text = typed.replace(/([^\s~^])[~^]\d+(?=\s|$)/g, "$1");
    // initials with points are the word transcripts write ("a.g.i." is "AGI": it was three single letters, no word)
    text = text.replace(/(^|[\s("\u201c'\u2018])((?:[A-Za-z]\.){2,}[A-Za-z]?\.?)(?=$|[\s)"\u201d'\u2019,;:!?])/g, function (_, lead, dotted) {
      var word = dotted.replace(/\./g, "");
      return lead + (window.lunr.stopWordFilter(word.toLowerCase()) ? word : dotted);  // not "u.s." as "us"
    });
    var q = { words: [], phrases: [], speaker: [], chapter: [], speakers: [], chapters: [] };
    text = text.replace(FILTER, function (_, lead, name, quoted, bare) {
      var chapter = name.toLowerCase() === "chapter", into = chapter ? q.chapter : q.speaker, ws = words(quoted != null ? quoted : bare);
      ws.forEach(function (w) { into.push(w); });
      if (ws.length) (chapter ? q.chapters : q.speakers).push(ws);  // each filter apart: see anyOf
      // a filter of one letter filters nothing (see filterWords): a sent query says so
      if (ws.length && !filterWords(ws).length && !q.short) q.short = name.toLowerCase() + ":" + ws.join(" ");
      return lead + " ";
    });
    // single quotes around words are quotes too (‘age of research’, 'age of research'), not the
    // apostrophes of "don’t", "’90s" or "rock ’n’ roll": one opens after a space, one closes before one
    text = text.replace(/(^|\s)[\u2018'](?=\S)([^\u2018\u2019']*\S)[\u2019'](?=$|[\s.,;:!?])/g, "$1\"$2\"");
    var commonPhrases = [];
    text = text.replace(PHRASE, function (_, inner) {
      var ws = words(inner);
      // A phrase of common words only ("to be or not to be") has none in the index to check it by.
      if (ws.length > 1 && ws.every(function (w) { return !window.lunr.stopWordFilter(w); })) { commonPhrases.push(inner.trim()); return " "; }
      // One word in quotes is a phrase too: said as written ("taste", not "tasteful"; "tast" is no
      // word of "taste"), a stop word alone aside (nothing in the index to check it by).
      var phrase = ws.length > 1 || ws.length === 1 && window.lunr.stopWordFilter(ws[0]);
      if (phrase) q.phrases.push(ws);
      return phrase ? " " : " " + ws.join(" ") + " ";
    });
    // "gen*", as readers write a beginning, is one: "gen" was searched whole, and its typos.
    var starred = dict();
    text = text.replace(/(\S+?)\*+(?=\s|$)/g, function (_, head) {
      var ws = words(head);
      if (ws.length) starred[ws[ws.length - 1]] = true;
      return head + " ";
    });
    // The last word is still being typed unless a space or punctuation follows it.
    var typing = text.length > 0 && fold(text.slice(-1)) !== "";
    var free = words(text);
    var seen = dict();
    free.forEach(function (w, i) {
      // A number is whole as typed ("10000" does not begin "1000000", a million). In a finished
      // query (from the address, or sent with Enter) the last word is whole too ("cryo em" is
      // not "emotions", "what is" not "issues"), and a prefix only if it matches nothing as it is
      // (a link to "?q=theo" still finds "theory": see search()).
      var open = typing && i === free.length - 1 && w.length >= 2 && !/^\d+$/.test(w);
      var prefix = (open && !finished) || (starred[w] === true && w.length >= 2);
      if (seen[w] && !prefix) return;
      seen[w] = true;
      var word = makeWord(w, prefix);
      word.at = i;
      word.open = open && finished;
      q.words.push(word);
    });
    q.free = free.length;  // words at below this are typed outside quotes (see splitRetry)
    var said = free.slice();  // the words as typed, each phrase apart: where joins and numbers are looked for
    q.phrases.forEach(function (ws) {
      said.push("");
      ws.forEach(function (w) {
        if (!seen[w]) { seen[w] = true; var word = makeWord(w, false); word.at = said.length; q.words.push(word); }
        said.push(w);
      });
    });
    // Stop words are not in the index: a query of nothing else says so rather than "No passages match",
    // naming each as typed ("it’s", looked up as "its").
    var typedAs = dict();
    text.split(/\s+/).forEach(function (t) {
      var ws = words(t);
      if (ws.length === 1 && !typedAs[ws[0]]) typedAs[ws[0]] = t.replace(EDGES, "$2");
    });
    // A stop word still being typed ("we’re", "and") is looked up as a beginning too; finding none, it is one.
    q.common = commonPhrases.concat(q.words.filter(function (w) { return !w.exact; }).map(function (w) { return typedAs[w.text] || w.text; }));
    q.typedAs = typedAs;  // a status names a word as typed: "Ünïcödé", not the "unicode" looked up
    // a name and a number typed with a hyphen ("gpt-5", "covid-19") are one thing, said or not (statusOf)
    q.hyphened = dict();
    q.apart = dict();
    var tokens = text.split(/\s+/);
    tokens.forEach(function (t, k) {
      var ws = words(t), both = ws.join(""), next = words(tokens[k + 1] || "");
      if (ws.length === 2 && /[-\u2010\u2011]/.test(t) && /[0-9]/.test(both) && /[a-z]/.test(both)) q.hyphened[both] = t.replace(EDGES, "$2");
      // typed apart too ("gpt 5"), if the index holds the name with another number (see expand)
      if (ws.length === 1 && /^[a-z]+$/.test(both) && next.length === 1 && /^[0-9]{1,3}$/.test(next[0])) {
        q.apart[both + next[0]] = t.replace(EDGES, "$2") + " " + tokens[k + 1].replace(EDGES, "$2");
      }
    });
    // Still being typed, so "Keep typing" rather than "No passages match": a word's first letter, a
    // filter's name without its word ("speaker:", "chapter:t") or a quote not closed yet.
    q.typing = !finished && (typing && free.length > 0 && free[free.length - 1].length < 2 ||
      /(^|\s)(speaker|who|chapter):\S?$/i.test(typed) || (typed.match(QUOTE) || []).length % 2 === 1);
    q.words = q.words.filter(function (w) { return w.exact || w.prefix; }).slice(0, MAX_WORDS);
    q.joins = joins(q.words, said);
    // an amount said nowhere is told, as "gpt-5" is: "$100 billion" listed "100% obvious" first, under "10 passages."
    q.joins.forEach(function (j) { if (j.number && !q.hyphened[j.text]) q.hyphened[j.text] = j.number; });
    q.speaker = q.speaker.slice(0, MAX_WORDS);
    q.chapter = q.chapter.slice(0, MAX_WORDS);
    return q;
  }

  function stem(w) {
    return window.lunr.stemmer(new window.lunr.Token(w)).toString();
  }

  /* Two whole words typed next to each other, also as one ("open ai" finds "OpenAI", "super
   * intelligence" "superintelligence"), and number words as their value: [{text, stem, first (the
   * first word's number), also (bits of the other words it answers)}].  The index holds the
   * other way (a passage's two words that its episode writes solid elsewhere).  ``said``: the
   * typed words, where each word's ``at`` points. */
  function joins(ws, said) {
    var out = [];
    function join(text, from, to) {  // ws[from..to] answered by one term
      var j = { text: text, stem: stem(text), first: from, also: 0 };
      for (var k = from; k <= to; k++) {
        ws[k].joins.push(j.stem);
        if (k > from) j.also |= 1 << k;
      }
      out.push(j);
    }
    // the word in the other spelling, British or American ("analyse" found "analogy", the words
    // beginning "anal", before its typos): its stem, and its light stem, which ranks its family first
    ws.forEach(function (w, k) {
      if (!w.exact || w.text.length < 4 || /[0-9]/.test(w.text)) return;
      otherSpellings(w.text).forEach(function (v) {
        join(v, k, k);
        var light = lightStem(v);
        if (light !== out[out.length - 1].stem) w.joins.push(out[out.length - 1].light = LIGHT_MARK + light + LIGHT_MARK);
      });
    });
    for (var i = 0; i + 1 < ws.length; i++) {
      var a = ws[i], b = ws[i + 1];
      if (a.exact && b.exact && a.at >= 0 && b.at === a.at + 1) join(a.text + b.text, i, i + 1);
    }
    // A percentage is one term whichever way it is written ("one percent", "1%": "1percent"; see
    // generator.writers.search.percents): "one percent" listed "100%" and "one" said apart first
    var ends = dict();
    numberRuns(said).forEach(function (run) { ends[run[1]] = run; });
    ws.forEach(function (p, m) {
      if (!p.exact || p.text !== "percent" || p.at < 1) return;
      var i = p.at - 1, n = said[i], run = ends[p.at], value = run ? run[2] :
        /^[0-9]+$/.test(n) && !/^[0-9]+$/.test(said[i - 1] || "") ? n : UNITS[n] || TEENS[n] || TENS[n];
      var first = -1;
      ws.forEach(function (w, k) { if (w.exact && w.at === (run ? run[0] : i) && first < 0) first = k; });
      if (value && first >= 0 && first < m) join(value + "percent", first, m);
    });
    // A number said in words is also its value ("ten thousand hours" finds "10,000 hours"): a run
    // of the typed words ("and" aside, a stop word) whose every number word is a query word.
    // A word said twice in it is one query word ("twenty twenty five" is 2025: it found "five to
    // twenty" first, and no passage saying 2025 among its first four).
    numberRuns(said).forEach(function (run) {
      var at = [], spoken = said.slice(run[0], run[1]).filter(function (w) { return w !== "and"; });
      ws.forEach(function (w, k) { if (w.exact && spoken.indexOf(w.text) >= 0) at.push(k); });
      var count = spoken.filter(function (w, k) { return spoken.indexOf(w) === k; }).length;
      if (at.length === count && at[count - 1] - at[0] === count - 1) {
        join(String(run[2]), at[0], at[count - 1]);
        out[out.length - 1].number = said.slice(run[0], run[1]).join(" ");  // as typed, for a status (see parse)
      }
    });
    return out;
  }

  /* A word in British and American spelling: "analyse" and "analyze", "colour" and "color",
   * "centre" and "center", "modelled" and "modeled", "dialogue" and "dialog", "defence" and
   * "defense".  Only what these endings make: a letter changed anywhere is a typo's retry. */
  var SPELLINGS = [
    [/([iy])s(e|es|ed|ing|er|ers|ation|ations|able)$/, "$1z$2"], [/([iy])z(e|es|ed|ing|er|ers|ation|ations|able)$/, "$1s$2"],
    [/^([a-z]{3,})our(s|ed|ing|ful|ite|ites|able)?$/, "$1or$2"], [/^([a-z]{2,}[^aeiou])or(s|ed|ing|ful|ite|ites|able)?$/, "$1our$2"],
    [/([tb])re(s|d)?$/, "$1er$2"], [/([tb])er(s|ed)?$/, "$1re$2"],
    [/([^aeiou][aeiou])ll(ed|ing|er|ers)$/, "$1l$2"], [/^([a-z]{2,}[^aeiou][aeiou])l(ed|ing|er|ers)$/, "$1ll$2"],
    [/ogue(s)?$/, "og$1"], [/^([a-z]{3,})og(s)?$/, "$1ogue$2"], [/ence$/, "ense"], [/ense$/, "ence"]
  ];
  function otherSpellings(text) {
    var out = [];
    SPELLINGS.forEach(function (swap) {
      var v = text.replace(swap[0], swap[1]);
      if (v !== text && stem(v) !== stem(text) && out.indexOf(v) < 0) out.push(v);
    });
    return out;
  }

  /* [first, end, value] of each run of two or more words that says one number: "ten thousand",
   * "two hundred and fifty", "twenty five".  Same as generator.search.number_runs; a browser
   * test holds the two together. */
  var UNITS = dict(), TEENS = dict(), TENS = dict(), SCALES = dict();
  "one two three four five six seven eight nine".split(" ").forEach(function (w, n) { UNITS[w] = n + 1; });
  "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(" ").forEach(function (w, n) { TEENS[w] = n + 10; });
  "twenty thirty forty fifty sixty seventy eighty ninety".split(" ").forEach(function (w, n) { TENS[w] = 10 * (n + 2); });
  SCALES.thousand = 1e3; SCALES.million = 1e6; SCALES.billion = 1e9; SCALES.trillion = 1e12;

  function numberRuns(ws) {
    var runs = [];
    for (var i = 0; i < ws.length; ) {
      var w = ws[i];
      if (!(UNITS[w] || TEENS[w] || TENS[w] || SCALES[w] || w === "hundred" || /^[0-9]/.test(w))) { i++; continue; }  // no number starts here
      var found = yearAt(ws, i) || numberAt(ws, i);
      if (found[2] >= 2) { runs.push([i, found[0], found[1]]); i = found[0]; } else i++;
    }
    return runs;
  }

  function pairAt(ws, i) {  // [end, value] of a number from 10 to 99 said at ws[i], or null
    var w = ws[i];
    if (TEENS[w]) return [i + 1, TEENS[w]];
    if (TENS[w]) return UNITS[ws[i + 1]] ? [i + 2, TENS[w] + UNITS[ws[i + 1]]] : [i + 1, TENS[w]];
    return null;
  }

  function yearAt(ws, i) {  // [end, year, words] of a year said as two pairs ("nineteen ninety-nine"), or null
    var first = pairAt(ws, i);
    if (!first || first[1] < 11 || first[1] > 20) return null;
    var second = pairAt(ws, first[0]);
    return second ? [second[0], first[1] * 100 + second[1], second[0] - i] : null;
  }

  /* The words of text, an empty word at each clause's end: "ten, thousand" is no 10000. */
  var CLAUSE = /(?:(?<![0-9])[.,]|[.,](?![0-9])|[;:!?\u2026()\[\]"\u201c\u201d\u2014\u2013])+/, THOUSANDS = /(\d),(?=\d{3}(?!\d))/g;
  function clauseWords(text) {
    var out = [];
    clauses(text).forEach(function (clause) { out.push.apply(out, words(clause)); out.push(""); });
    return out;
  }

  function clauses(text) {  // "10,000" is one number, not a clause's end
    return text.replace(THOUSANDS, "$1").split(CLAUSE);
  }

  function digits(w) {  // a whole number short enough to multiply by a scale word (not "007")
    return /^[1-9][0-9]{0,5}$/.test(w || "");
  }

  function numberAt(ws, i) {  // [end, value, number words] of the longest number said from ws[i]; "200 million" too
    var total = 0, group = 0, said = 0, kind = "", below = 1e15, end = i, j = i;
    if (digits(ws[i]) && !/^[0-9]+$/.test(ws[i - 1] || "") && SCALES[ws[i + 1]]) {  // not "1.5 million"
      group = Number(ws[i]); kind = "digits"; said = 1; end = j = i + 1;
    }
    for (; j < ws.length; ) {
      var w = ws[j], next = ws[j + 1];
      if (w === "and" && (kind === "hundred" || kind === "scale") && next !== undefined && (UNITS[next] || TEENS[next] || TENS[next])) { j++; continue; }
      if (UNITS[w]) {
        if (kind === "unit" || kind === "teen") break;
        group += UNITS[w]; kind = "unit";
      } else if (TEENS[w] || TENS[w]) {
        if (kind === "unit" || kind === "teen" || kind === "tens") break;
        group += TEENS[w] || TENS[w]; kind = TEENS[w] ? "teen" : "tens";
      } else if (w === "hundred") {
        if (kind === "hundred" || kind === "scale" || group >= 100) break;  // "thousand hundred" is not said
        group = (group || 1) * 100; kind = "hundred";
      } else if (SCALES[w] && SCALES[w] < below && kind !== "scale" && (kind !== "digits" || j === i + 1)) {
        below = SCALES[w];
        total += (group || 1) * below; group = 0; kind = "scale";
      } else break;
      said++;
      end = ++j;
    }
    return [end, total + group, said];
  }

  function makeWord(w, prefix) {
    var stop = !window.lunr.stopWordFilter(w);
    var st = stem(w), light = stop ? st : lightStem(w);
    return { text: w, stem: st, light: light === st ? null : LIGHT_MARK + light + LIGHT_MARK, exact: !stop, prefix: prefix, fuzzy: false, at: -1, joins: [] };
  }

  /* lunr.js's Porter stemmer without its steps 3 and 4 (derivational suffixes): "generalization"
   * is "generaliz", "general" stays "general"; both stem to "gener".  The text field also holds
   * each word's light stem as "_generaliz_" where it differs (a typed prefix or a typo never
   * reaches it: see generator.search.LIGHT_MARK), so a passage of the query word's own
   * family ranks above one of a word that only stems alike.  Same as generator.search's
   * light(); a browser test holds the two to the same output.  LIGHT_BOOST, measured on
   * readers' queries: at 10 (the stem's own), a long passage saying "generate" came 5th behind
   * short ones saying only "general"; at 30 the word's family comes first for "generalization",
   * "generate", "experience" and "general"; 100 moves nothing more. */
  var LIGHT_MARK = "_", LIGHT_BOOST = 30;
  var lightStem = (function () {
    var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
    var mgr0 = new RegExp("^(" + C + ")?" + V + C), mgr1 = new RegExp("^(" + C + ")?" + V + C + V + C);
    var meq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$"), sv = new RegExp("^(" + C + ")?" + v);
    var cvc = new RegExp("^" + C + v + "[^aeiouwxy]$");
    var step2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
      entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
      fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
    var re2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
    return function (w) {
      if (w.length < 3) return w;
      var first = w.charAt(0), fp, st;
      if (first === "y") w = "Y" + w.slice(1);
      if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, "$1$2");  // 1a
      else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, "$1$2");
      if ((fp = /^(.+?)eed$/.exec(w))) {  // 1b
        if (mgr0.test(fp[1])) w = w.slice(0, -1);
      } else if ((fp = /^(.+?)(ed|ing)$/.exec(w)) && sv.test(fp[1])) {
        w = fp[1];
        if (/(at|bl|iz)$/.test(w)) w += "e";
        else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
        else if (cvc.test(w)) w += "e";
      }
      if ((fp = /^(.+?[^aeiou])y$/.exec(w))) w = fp[1] + "i";  // 1c
      if ((fp = re2.exec(w)) && mgr0.test(fp[1])) w = fp[1] + step2[fp[2]];  // 2
      if ((fp = /^(.+?)e$/.exec(w))) {  // 5
        st = fp[1];
        if (mgr1.test(st) || (meq1.test(st) && !cvc.test(st))) w = st;
      }
      if (/ll$/.test(w) && mgr1.test(w)) w = w.slice(0, -1);
      if (first === "y") w = "y" + w.slice(1);
      return w;
    };
  })();

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
  /* Whether index term t answers query word w; with ``has`` (the index's terms), in full (byRank). */
  function matches(w, t, has) {
    return (w.exact && (t === w.light || (t === w.stem && !(has && familyHeld(w, has))))) ||
      w.joins.indexOf(t) >= 0 ||
      (w.prefix && t.lastIndexOf(w.text, 0) === 0) ||
      (w.fuzzy && withinOne(t, w.stem));
  }

  /* The same clauses through a lunr.Index: the browser test's reference on an unsplit index. */
  function runLunr(index, ws, js) {
    var T = window.lunr.Query.wildcard.TRAILING;
    return index.query(function (query) {
      ws.forEach(function (w) {
        if (w.exact) query.term(w.text, { usePipeline: true, boost: 10 });
        if (w.exact && w.light) query.term(w.light, { usePipeline: false, boost: LIGHT_BOOST });
        if (w.prefix) query.term(w.text, { usePipeline: false, wildcard: T, boost: 3 });
        if (w.fuzzy) query.term(w.text, { usePipeline: true, editDistance: 1, boost: 1 });
      });
      (js || []).forEach(function (j) {
        query.term(j.text, { usePipeline: true, boost: 10 });
        if (j.light) query.term(j.light, { usePipeline: false, boost: LIGHT_BOOST });
      });
    });
  }

  /* Text as phrases are sought in it: its words' stems, numbers in digits ("5 to 20" is said
   * "five to twenty" too, "10,000 hours" "ten thousand hours"). */
  function wordsOf(text) {  // each word's stem: "real men have fab" is said "real men have fabs"
    return " " + asNumbers(clauseWords(text)).map(cachedStem).join(" ") + " ";
  }

  /* Words with each number in digits: a run of number words as its value, a number word as its
   * digits; the empty words that end clauses (clauseWords) are dropped. */
  function asNumbers(ws) {
    var out = [], runs = numberRuns(ws), k = 0;
    for (var i = 0; i < ws.length; ) {
      if (k < runs.length && runs[k][0] === i) { out.push(String(runs[k][2])); i = runs[k++][1]; }
      else if (ws[i] === "one" && ws[i + 1] === "percent") { out.push("1"); i++; }  // "one percent" is "1%" (see joins)
      else if (ws[i++]) out.push(asDigits(ws[i - 1]));
    }
    return out;
  }

  function asDigits(w) {
    return NUMBERS[w] && /^[a-z]/.test(w) ? NUMBERS[w] : w;
  }

  /* A name's words the index holds: stop words ("Will" MacAskill) are not in it.  [] for a name
   * it cannot filter by (the lists leave it out). */
  function indexedWords(name) {
    return words(name).filter(function (w) { return window.lunr.stopWordFilter(w); });
  }

  /* Filter words of two letters or more (one letter would load every shard of that letter), and
   * not stop words, which the index leaves out: "chapter:\"emotions and value functions\"", a
   * chapter's own title, found nothing, no chapter holding a term that begins "and". */
  function filterWords(ws) {
    return ws.filter(function (w) { return w.length >= 2 && window.lunr.stopWordFilter(w); });
  }

  function filterKeys(data, ws) {
    var keys = [];
    ws.forEach(function (w) { keys = keys.concat(keysFrom(data, w), [keyOf(data, stem(w))]); });
    return keys;
  }

  /* Documents whose field holds, for every filter word, a term it begins (or its stem);
   * with whole, the word's own term only (a name picked from a list).  null: no filter.
   * A set of documents is a Uint8Array over every document, 1 where it holds one: the host's
   * name is in half an archive's passages, and as an object's keys those took ~15 ms a keystroke
   * at 1,000 episodes. */
  function fieldDocs(data, field, ws, whole) {
    if (!ws.length) return null;
    var f = data.fields.indexOf(field);
    var set = null;
    ws.forEach(function (w) {
      var st = stem(w), here = new Uint8Array(data.manifest.documents);
      Object.keys(data.postings).forEach(function (t) {
        var ok = whole ? t === st : (t.lastIndexOf(w, 0) === 0 || t.lastIndexOf(st, 0) === 0);
        if (!ok) return;
        var flat = postingsOf(data, t)[f];
        for (var k = 0; k < flat.length; k += 2) if (!set || set[flat[k]]) here[flat[k]] = 1;
      });
      set = here;
    });
    return set;
  }

  /* Documents whose field holds one of ``terms`` (each its own term, loaded whole). */
  function termDocs(data, field, terms) {
    var f = data.fields.indexOf(field), here = new Uint8Array(data.manifest.documents);
    terms.forEach(function (t) {
      var flat = postingsOf(data, t)[f];
      for (var k = 0; k < flat.length; k += 2) here[flat[k]] = 1;
    });
    return here;
  }

  /* A speaker filter of one word that no name begins ("speaker:illya", "speaker:dzie") is
   * searched as the names that begin one typo from it, as a word said nowhere is retried with
   * its typos (retryMissing).  The names are the Speaker list's (episodes.js, 42 KB gzip at
   * 1,000 episodes): the index's shards of the word's beginnings miss a typo in its second
   * letter ("dzie" for "Dize").  The filter's group gets the names' terms (``names``) and the
   * query the word (``respeltSpeaker``), for the status.  Four letters at least: a typo of three
   * begins too many names to mean one. */
  function respellSpeakers(data, q) {
    var f = data.fields.indexOf("speaker");
    var named = function (t) { return !!data.postings[t] && postingsOf(data, t)[f].length > 0; };
    var lost = q.speakers.filter(function (ws) {
      var fw = filterWords(ws), w = fw[0], st = fw.length === 1 ? stem(w) : "";
      return fw.length === 1 && w.length >= 4 && !Object.keys(data.postings).some(function (t) {
        return (t.lastIndexOf(w, 0) === 0 || t.lastIndexOf(st, 0) === 0) && named(t);
      });
    });
    if (!lost.length) return null;
    // a name's word one typo from the filter's word: its beginning as long, one letter more or less
    var near = function (n, w) { return withinOne(n.slice(0, w.length - 1), w) || withinOne(n.slice(0, w.length), w) || withinOne(n.slice(0, w.length + 1), w); };
    return file("episodes").then(function (episodes) {
      var all = dict();
      episodes.forEach(function (e) { e[1].forEach(function (n) { indexedWords(n).forEach(function (w) { all[w] = true; }); }); });
      var found = lost.map(function (ws) {
        var w = filterWords(ws)[0];
        return Object.keys(all).filter(function (n) { return near(n, w); }).map(stem);
      });
      var terms = [].concat.apply([], found);
      return need(data, terms.map(function (t) { return keyOf(data, t); })).then(function () {
        return needPages(data, allPages(data, terms.filter(function (t) { return data.postings[t]; })));
      }).then(function () {
        lost.forEach(function (ws, k) {
          var names = found[k].filter(named);
          if (!names.length) return;
          ws.names = names;
          if (!q.respeltSpeaker) q.respeltSpeaker = filterWords(ws)[0];
        });
      });
    }, function () { return null; });  // no list: the filter finds no one, as before
  }

  /* Documents any one of several filters of a field lets through ("speaker:ilya speaker:dwarkesh":
   * either's passages; a passage has one speaker and one chapter, so both at once found nothing);
   * the words of one filter ("speaker:\"ilya sutskever\"") all hold.  null: no filter. */
  function anyOf(sets) {
    sets = sets.filter(Boolean);
    if (sets.length < 2) return sets[0] || null;
    var out = new Uint8Array(sets[0].length);
    sets.forEach(function (set) { for (var d = 0; d < set.length; d++) out[d] |= set[d]; });
    return out;
  }

  /* ---- scoring: lunr's, summed over the loaded postings ------------------- */
  /* lunr.js 2.3.9 scores a document as, per field, dot(query vector, field vector) / |query
   * vector|, summed over the fields; the query vector holds, for each index term the query's
   * clauses expand to, the summed boosts of those clauses.  Only the query's own terms count,
   * so their postings (weights computed as lunr.py's Builder computes them) are all a score
   * needs.  The sum is made here over those postings: a lunr.Index over the loaded shards
   * costs ~2 microseconds a posting to build and query (100-200 ms for two common words at
   * 1,000 episodes, measured), the sum ~0.05.  The clauses, the stemmer, the stop words and the
   * one-typo expansion are lunr.js's own; the browser test holds the ranking to lunr.js's
   * on an unsplit index. */

  /* The query's index terms: {boost: term -> summed boost, mask: term -> bits of the words it
   * answers, full: the bits of those it says in full (see byRank)}. */
  function expand(data, q, absent) {
    var boost = dict(), mask = dict(), full = dict(), terms = data.sorted;
    // a retry scoped to an episode finds what the episode says: not ``absent``'s terms (said elsewhere)
    var kept = function (list) { return absent ? list.filter(function (t) { return !absent[t]; }) : list; };
    function add(t, b, i, also, partly) {
      var m = (1 << i) | (also || 0);
      boost[t] = (boost[t] || 0) + b;
      mask[t] = (mask[t] || 0) | m;
      full[t] = (full[t] || 0) | (partly ? 0 : m);
    }
    q.words.forEach(function (w, i) {
      // a word whose family the index holds is said in full by its family ("generalize",
      // "generalization"), not by a word that only stems alike ("generating", "general")
      if (w.exact && data.postings[w.stem]) add(w.stem, 10, i, 0, familyHeld(w, function (t) { return !!data.postings[t]; }));
      if (w.exact && w.light && data.postings[w.light]) add(w.light, LIGHT_BOOST, i);
      w.begins = false;
      w.shorter = false;
      if (w.prefix) {
        kept(termsFrom(terms, w.text)).forEach(function (t) { add(t, 3, i); w.begins = true; });
      }
      // a word no term is, but some begin with ("jagged": "jaggedness" is "jagged"), is found as
      // they are while it is typed: one typo from its stem ("jag": "ag", age) found 380 other passages
      if (w.fuzzy && !w.begins) {
        // The terms its own stem begins come before words one typo off: "failed" (stem "fail") is
        // said only as "failures" (failur), and found "frail" and "fair" (a stem of four letters
        // at least: "cats" is no "category")
        var near = w.stem.length >= 4 ? kept(termsFrom(terms, w.stem)) : [];
        if (near.length) w.cut = w.rooted = w.stem;
        // a stem shorter than that, the word itself ("jagged", stem "jag": "jaggedness"); a typo of its
        // stem found "age" where the last word, begun, found "jaggedness" (QA33a)
        else if (w.text.length >= 4 && (near = kept(termsFrom(terms, w.text))).length) w.cut = w.rooted = w.text;
        else if (w.text.length >= 3) near = kept(fuzzyTerms(data, w.stem));  // two letters are a beginning only
        if (!near.length && w.text.length >= 3) near = kept(w.prefix ? begun(data, w) : respelt(data, w.text));
        // its own family first: "generaliz" and "generalizati" begin "_generaliz_" (generalize,
        // generalization), ranked above "general", which only stems alike (what begun finds)
        for (var n = w.text.length; w.cut && n > w.cut.length; n--) {
          var kin = termsFrom(terms, LIGHT_MARK + w.text.slice(0, n));
          kin.forEach(function (t) { add(t, LIGHT_BOOST, i); });
          // its own words are found; where the whole word begins them, or it begins with one of
          // them ("generalizati": generaliz), it is one half typed and the status has nothing to own
          // up to ("emotins" is no "emotion" half typed, nor "alignmnet" an "alignment")
          if (kin.length) {
            var core = kin[0].slice(LIGHT_MARK.length, kin[0].length - LIGHT_MARK.length);
            w.family = true;
            w.halfTyped = n === w.text.length || w.text.lastIndexOf(core, 0) === 0;
            break;
          }
        }
        // A sent word none of whose family is said, found only by a beginning of less than two
        // thirds of its stem, is not found: "Mistral" was the "mist" of "mistakes", "deepfakes"
        // "deep learning" ("hackers", stem "hacker", keeps "hack"). Not a word of ten letters or
        // more, most often two written as one ("valuefunctions", "rewardhacking", "datacenters"):
        // its beginning is the first of them. A link's "generaliz" is found by its family above.
        if (w.open && w.cut && !w.family && w.text.length < 10 && w.cut.length * 3 < (w.stem || w.text).length * 2) { near = []; w.cut = ""; }
        // nor one found by a beginning shorter than its stem where no spelling one edit from it is found
        // too: "analyse" (stem "analys") was the "anal" of "analogy"; "emotins" keeps "emot" (emotions)
        else if (w.open && w.cut && !w.family && w.text.length < 10 && w.cut.length < (w.stem || w.text).length &&
          !respelt(data, w.text).some(function (t) { return near.indexOf(t) >= 0; })) { near = []; w.cut = ""; }
        // a term the word begins with is its shorter form, not a typo of it: "evaluation" (stem "evalu")
        // is one edit from "eval" (evals) and from "valu" (value), and found value functions first
        near.forEach(function (t) {
          var shorter = w.text.lastIndexOf(t, 0) === 0;
          if (shorter) w.shorter = true;  // the word's own beginning: not a typo (see statusText)
          add(t, shorter ? 5 : w.prefix ? 3 : 1, i);
        });
      }
    });
    (q.joins || []).forEach(function (j) {  // the words written as one (or a number's value) answer each
      if (data.postings[j.stem]) add(j.stem, 10, j.first, j.also);
      if (j.light && data.postings[j.light]) add(j.light, LIGHT_BOOST, j.first, j.also);
    });
    // a name and a number typed apart are one thing where the index holds the name with a number
    // ("gpt3"): "gpt 5", said nowhere, listed "five to twenty" first under "7 passages."
    Object.keys(q.apart || {}).forEach(function (both) {
      var name = both.replace(/[0-9]+$/, "");
      if (termsFrom(terms, name).some(function (t) { return /[0-9]/.test(t.charAt(name.length)); })) q.hyphened[both] = q.apart[both];
    });
    return { boost: boost, mask: mask, full: full };
  }

  /* Whether the index holds the word's own family apart from its stem (its light stem). */
  function familyHeld(w, has) {
    return !!(w.exact && w.light && has(w.light));
  }

  /* The index holds stems, often shorter than the word ("generalization" is "gener", "scaling"
   * is "scale"), so a word half typed ("generaliza") begins none of them.  While it is being
   * typed, the loaded terms that begin its longest beginning that begins any (four letters at
   * least): the results stay those of the word so far, as it was a few letters ago.  ``w.cut``
   * keeps the beginning, for the status of a finished query: a link's "generaliz" is
   * "generalization" half typed, but readers' "deepfakes" found "deep learning" and
   * "constructor" "constant", and the status should say so (unless the word's own family, its
   * light stem, is found too: then "generaliz" is not missing, expand ranks its family first). */
  function begun(data, w) {
    var text = w.text;
    for (var n = text.length - 1; n >= 4; n--) {
      var head = text.slice(0, n), found = termsFrom(data.sorted, head);
      if (found.length) { w.cut = head; return found; }
    }
    return [];
  }

  /* The strings of a sorted list (terms, shard keys) that begin with ``head``. */
  function termsFrom(terms, head) {
    var found = [], at = bsearch(terms, head);
    for (var k = at < 0 ? -at - 1 : at; k < terms.length && terms[k].lastIndexOf(head, 0) === 0; k++) found.push(terms[k]);
    return found;
  }

  /* A finished word one typo from a word whose stem is a loaded term: lunr allows a typo in
   * the stem ("reserach"), but a misspelling past the stem stems otherwise ("generalizaton"
   * keeps its letters, "generalization" is "gener"), so here each spelling one edit from the
   * word is stemmed (~700 for a long word, ~3 ms): "alignmnet", "emotins", "jaggedess". */
  function respelt(data, text) {
    var letters = "abcdefghijklmnopqrstuvwxyz", found = dict(), out = [];
    function test(v) {
      var t = stem(v);
      if (data.postings[t] && !found[t]) { found[t] = true; out.push(t); }
    }
    for (var i = 0; i <= text.length; i++) {
      var a = text.slice(0, i), b = text.slice(i);
      if (b) test(a + b.slice(1));  // a letter too many
      if (b.length > 1) test(a + b.charAt(1) + b.charAt(0) + b.slice(2));  // two swapped
      for (var c = 0; c < letters.length; c++) {
        var l = letters.charAt(c);
        test(a + l + b);  // a letter missing
        if (b && b.charAt(0) !== l) test(a + l + b.slice(1));  // a letter wrong
      }
    }
    return out;
  }

  /* lunr's own expansion of a term with one edit, over the loaded terms. */
  function fuzzyTerms(data, term) {
    var lunr = window.lunr;
    if (!data.tokenSet) data.tokenSet = lunr.TokenSet.fromArray(data.sorted);
    return data.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(term, 1)).toArray();
  }

  function splitTermsOf(data, ex) {
    return Object.keys(ex.boost).filter(function (t) { return data.partial[t]; });
  }

  function norm(ex) {
    return Math.sqrt(Object.keys(ex.boost).reduce(function (sum, t) { return sum + ex.boost[t] * ex.boost[t]; }, 0));
  }

  function bits(n) {
    var c = 0;
    for (; n; n &= n - 1) c++;
    return c;
  }

  /* A binary heap of ``items`` by ``cmp`` (made in linear time): the least comes off first. */
  function heap(items, cmp) {
    var a = items;
    var down = function (i) {
      for (;;) {
        var l = 2 * i + 1, r = l + 1, m = i;
        if (l < a.length && cmp(a[l], a[m]) < 0) m = l;
        if (r < a.length && cmp(a[r], a[m]) < 0) m = r;
        if (m === i) return;
        var t = a[i]; a[i] = a[m]; a[m] = t;
        i = m;
      }
    };
    for (var i = (a.length >> 1) - 1; i >= 0; i--) down(i);
    return {
      size: function () { return a.length; },
      peek: function () { return a[0]; },
      fix: function () { down(0); },  // the least's key grew: it sinks to its place
      pop: function () {
        var least = a[0], last = a.pop();
        if (a.length) { a[0] = last; down(0); }
        return least;
      }
    };
  }

  function cmpKey(a, b) { return (a[0] - b[0]) || (a[1] - b[1]); }
  /* Passages saying more of the query's words first, then by lunr's score.  A word counts as said
   * where the passage (or its speaker's name) holds it, not where only its chapter's title does:
   * every passage of a chapter called "Emotions and value functions" would otherwise come before
   * one saying "the value function tells the agent" elsewhere.  It counts in full where the text
   * says it (or its family, ``familyHeld``), by HALF where only the speaker's name is it or a word
   * that stems alike: "million ilyas" ranked a passage of Ilya's saying "millions" above the one
   * saying "a million Ilyas", and "why do humans generalize better" one saying "generating". */
  function rank(v, a, b) { return (v.covered[b] - v.covered[a]) || (v.score[b] - v.score[a]) || (a - b); }
  function byRank(v) { return function (a, b) { return rank(v, a, b); }; }
  var HALF = 0.5;
  function coverage(mask, full) { return bits(full) + HALF * bits(mask & ~full); }

  /* A hit is a document's number; what it scored is in ``values``, arrays by document: {score,
   * covered, mask (words it answers), full (those said in full)}, one of each per score() and
   * never shared, as results keep theirs ("Show more", the phrase checks).  An object a hit was
   * 6.2 MB a keystroke at 1,000 episodes (72,000 passages of the commonest words typed), and the
   * garbage collector up to half of typing's time; now 1.3 MB (and these arrays, 1.4 MB, outside
   * the heap), the collector ~1/30 of what it was, typing's p95 12-13 ms where it was 12-45. */
  function values(n) {
    return { score: new Float64Array(n), covered: new Float32Array(n), mask: new Uint32Array(n), full: new Uint32Array(n) };
  }

  /* A shown hit as the rendering reads it: {doc, covered, score, mask, terms (withTerms)}. */
  function hitOf(v, d) {
    return v ? { doc: d, covered: v.covered[d], score: v.score[d], mask: v.mask[d] } : { doc: d, covered: 0, score: 0, terms: [] };
  }

  /* Every loaded document in scope that matches: {hits: [doc], values}, unranked (see rankTo). */
  function score(data, ex, inScope) {
    var n = data.manifest.documents, s = data.scratch;
    if (!s) s = data.scratch = { seen: new Uint8Array(n), touched: new Int32Array(n) };
    var v = values(n), sum = v.score, mask = v.mask, full = v.full, seen = s.seen, touched = s.touched, m = 0;
    var scale = norm(ex), all = inScope.all, hits = [], chapter = data.fields.indexOf("chapter"), text = data.fields.indexOf("text");
    try {
      Object.keys(ex.boost).sort().forEach(function (t) {  // lunr sums a document's terms in index order
        var boost = ex.boost[t];
        postingsOf(data, t).forEach(function (flat, f) {
          var bit = f === chapter ? 0 : ex.mask[t], whole = f === text ? ex.full[t] : 0;  // see byRank
          for (var k = 0; k < flat.length; k += 2) {
            var d = flat[k];
            if (!seen[d]) { seen[d] = 1; touched[m++] = d; }
            sum[d] += boost * (flat[k + 1] / 1000);
            mask[d] |= bit;
            full[d] |= whole;
          }
        });
      });
      for (var i = 0; i < m; i++) {
        var d = touched[i];
        sum[d] /= scale;
        v.covered[d] = coverage(mask[d], full[d]);
        if (all || inScope(d)) hits.push(d);
      }
    } finally {  // shared by every query: never leave one's marks for the next
      for (var j = 0; j < m; j++) seen[touched[j]] = 0;
    }
    return { hits: hits, values: v };
  }

  /* Passages that hold none of the query's words, only their chapter's title does ("jaggedness":
   * every passage of "Explaining model jaggedness"), are one result for the chapter: its first
   * passage (of those a filter lets through: "jaggedness" of one speaker gave each of his). The
   * passages of one chapter score alike through its title (the same terms in a field of the same
   * length): with ``filtered`` gaps, a chapter is its episode and that score.  Without, every
   * passage of the chapter is a hit, so a chapter is a run of consecutive hits and that score: a
   * passage saying the word amid the chapter (readers' "winter") no longer starts it again. */
  function oneForChapter(data, hits, v, filtered) {
    var first = dict(), covered = v.covered;
    for (var i = 0; i < hits.length && covered[hits[i]]; i++);
    if (i === hits.length) return hits;  // every hit says a word
    if (!filtered) return firstOfRuns(data, hits, v);
    // a speaker or chapter filter leaves gaps between them: their title's score tells them
    function key(h) { return episodeOf(data, h) + " " + v.score[h]; }
    hits.forEach(function (h) {
      if (covered[h]) return;
      var k = key(h);
      if (first[k] === undefined || h < first[k]) first[k] = h;
    });
    return hits.filter(function (h) { return covered[h] || first[key(h)] === h; });
  }

  /* oneForChapter without gaps: a run of hits is a chapter where consecutive documents of one
   * episode are all hits, and each run keeps its first passage per title score.  The hits are
   * marked in a typed array and runs found by walking back from each passage that holds no
   * word, not by sorting every hit by document: at 1,000 episodes a common word's tens of
   * thousands of hits made that sort ~10 ms of a keystroke. */
  function firstOfRuns(data, hits, v) {
    var s = data.runs, n = data.manifest.documents;
    if (!s) {
      s = data.runs = { hit: new Uint8Array(n), opens: new Uint8Array(n + 1) };
      data.firsts.forEach(function (f) { s.opens[f] = 1; });  // an episode's first passage opens a run
    }
    var loose = [], keep = dict(), first = dict(), covered = v.covered;
    try {
      for (var i = 0; i < hits.length; i++) {
        s.hit[hits[i]] = 1;
        if (!covered[hits[i]]) loose.push(hits[i]);
      }
      loose.sort(function (a, b) { return a - b; });
      var last = -1, lastFrom = -1;
      loose.forEach(function (h) {
        var from = h;
        while (from > 0 && !s.opens[from] && s.hit[from - 1] && from - 1 !== last) from--;
        if (from > 0 && from - 1 === last && !s.opens[from] && s.hit[from - 1]) from = lastFrom;
        last = h;
        lastFrom = from;
        var k = from + " " + v.score[h];  // the run's first document, and the title's score
        if (first[k] === undefined) first[k] = keep[h] = true;
      });
    } finally {  // shared by every query: never leave one's marks for the next
      for (var j = 0; j < hits.length; j++) s.hit[hits[j]] = 0;
    }
    return hits.filter(function (h) { return covered[h] || keep[h]; });
  }

  /* The best k hits, ranked: one pass, as sorting tens of thousands of hits takes ~30 ms. */
  function top(hits, v, k, where) {  // where: given, it gets the best's places in hits, in the same order
    var best = [], places = [];
    for (var i = 0; i < hits.length; i++) {
      var h = hits[i];
      if (best.length === k && rank(v, h, best[k - 1]) >= 0) continue;
      var at = best.length;
      while (at > 0 && rank(v, h, best[at - 1]) < 0) at--;
      best.splice(at, 0, h);
      places.splice(at, 0, i);
      if (best.length > k) { best.pop(); places.pop(); }
    }
    if (where) where.push.apply(where, places);
    return best;
  }

  /* A result's hits ranked at least to n: the first pages by selection, deeper by one sort. */
  function rankTo(result, n) {
    var hits = result.hits;
    if (result.ranked >= Math.min(n, hits.length)) return;
    if (n > 4 * PAGE) {
      hits.sort(byRank(result.values));
      result.ranked = hits.length;
      return;
    }
    // The best first, then the others in the order they were, in place (tens of thousands of
    // hits: a new array and a set of the best took ~3 ms of a first query at 1,000 episodes).
    var where = [], best = top(hits, result.values, n, where);
    var taken = where.sort(function (a, b) { return b - a; });
    for (var r = hits.length - 1, w = r, t = 0; r >= 0; r--) {
      if (t < taken.length && taken[t] === r) t++;
      else hits[w--] = hits[r];
    }
    for (var j = 0; j < best.length; j++) hits[j] = best[j];
    result.ranked = best.length;
  }

  /* The index terms a shown hit's words are highlighted by: the query's own.  A word of the
   * passage whose stem is one of them is one the passage holds, so nothing need be looked up
   * per hit (scanning every loaded posting for the ten shown took ~9 ms of a long query at
   * 1,000 episodes). */
  function withTerms(ex, hits) {
    var terms = ex ? Object.keys(ex.boost) : [];
    hits.forEach(function (h) { if (!h.terms) h.terms = terms; });
    return hits;
  }

  /* Hits as objects ({doc, covered, score}: lunr's, the tests') as values(). */
  function valuesOf(n, hits) {
    var v = values(n);
    hits.forEach(function (h) { v.covered[h.doc] = h.covered; v.score[h.doc] = h.score; });
    return v;
  }

  /* lunr.js's own results as hits (the browser test's reference, on an unsplit index). */
  function toHits(q, results, has) {
    var hits = results.map(function (r) {
      var terms = Object.keys(r.matchData.metadata);
      var said = terms.filter(function (t) { return Object.keys(r.matchData.metadata[t]).some(function (f) { return f !== "chapter"; }); });
      var spoken = terms.filter(function (t) { return r.matchData.metadata[t].text; });
      var covered = 0;
      q.words.forEach(function (w) {
        if (spoken.some(function (t) { return matches(w, t, has); })) covered += 1;
        else if (said.some(function (t) { return matches(w, t); })) covered += HALF;
      });
      return { doc: Number(r.ref), terms: terms, covered: covered, score: r.score };
    });
    hits.sort(function (a, b) { return (b.covered - a.covered) || (b.score - a.score); });
    return hits;
  }

  /* Make the first page of results exact when split terms are not fully loaded.
   * A document missing from a split term's loaded postings may still hold it, with at
   * most the head's least weight: that bounds its score and its count of matched words.
   * Load the tail pages of every document whose bound could reach the first page; while
   * documents seen nowhere yet could reach it, load whole the split terms with the fewest
   * pages left, until what the others could add is below the first page (a document
   * holding a loaded term is seen); ``closed``: every document in scope is seen already.
   * Repeat until nothing can move. */
  function settle(data, ex, inScope, round, closed, allowance) {
    var step = settleRound(data, ex, inScope, round, closed, allowance);
    if (!step.pairs) {
      // Settled: the first page is these hits' best PAGE but for passages oneForChapter drops
      // (none that says a word), so the chunks of those saying a word load now, not once the
      // result is made and ranked again (a phrase's hits are checked on their text first).
      if (round < SETTLE_ROUNDS) {
        var shown = top(step.hits, step.values, PAGE).filter(function (h) { return step.values.covered[h]; });
        if (shown.length) entries(data, shown).catch(function () {});
      }
      return step;
    }
    var loads = needPages(data, step.pairs, step.bulk);
    // The store chunks of the first page's sure documents load with this round's pages, not after
    // the last round: the first page waits on its slowest chunk, and a chunk is a request.
    var early = step.sure();
    if (early.length) entries(data, early).catch(function () {});  // a failure is met when the page is shown
    return loads.then(function () { return settle(data, ex, inScope, round + 1, closed, allowance); });
  }

  /* One round of settle: {hits, values, exact} once nothing can move, else {hits, values, pairs and
   * bulk: the tail pages to load (see needPages), sure(): the documents sure to be on the first page}. */
  function settleRound(data, ex, inScope, round, closed, allowance) {
    var scored = score(data, ex, inScope), hits = scored.hits, v = scored.values;
    var split = splitTermsOf(data, ex);
    if (!split.length || round >= SETTLE_ROUNDS) return { hits: hits, values: v, exact: !split.length || closed };
    // No page fits in the query's bytes: no round can load one (listing a long query's candidates
    // again took ~50 ms at 1,000 episodes, each time it was typed again).
    var room = (allowance.until == null ? Infinity : allowance.until) - spent;  // bytes this query may still load
    if (split.every(function (t) { return pageBytes(data.partial[t]) > room; })) {
      allowance.spent = true;
      return { hits: hits, values: v, exact: false };
    }
    var scale = norm(ex);
    var bound = function (t) { return ex.boost[t] * data.partial[t].min / scale; };
    var firstPage = top(hits, v, PAGE), onPage = new Set(firstPage);
    var kth = firstPage.length >= PAGE ? [v.covered[firstPage[PAGE - 1]], v.score[firstPage[PAGE - 1]]] : [0, 0];
    var left = function (t) { return pagesLeft(data.partial[t]); };
    var rest = split.slice().sort(function (a, b) { return left(a) - left(b); }), whole = [];
    while (!closed) {
      var unseen = [bits(rest.reduce(function (m, t) { return m | ex.mask[t]; }, 0)), rest.reduce(function (sum, t) { return sum + bound(t); }, 0)];
      if (!rest.length || cmpKey(unseen, kth) <= 1e-12) break;
      whole.push(rest.shift());
    }
    // Pages in order of need: the first page's documents', then those of every document
    // whose bound reaches the first page, the highest bound first (loading those raises the
    // first page's least, which rules out the rest soonest), then whole terms' (measured at
    // 1,000 episodes: two common words 142 -> 60 pages against whole terms first); each once.
    var first = [];
    var anyMask = split.reduce(function (m, t) { return m | ex.mask[t]; }, 0);
    var anyMore = split.reduce(function (sum, t) { return sum + bound(t); }, 0);
    // Each split term's loaded documents, pages, which pages are still to load, word bits and bound,
    // looked up once a round: candidates are bounded with them, thousands of times (below).
    var has = [], firsts = [], toLoad = [], masks = [], bounds = [];
    split.forEach(function (t) {
      var partial = data.partial[t], unloaded = new Uint8Array(partial.firsts.length);
      Object.keys(partial.pages).forEach(function (n) { unloaded[n] = 1; });
      has.push(partial.has); firsts.push(partial.firsts); toLoad.push(unloaded); masks.push(ex.mask[t]); bounds.push(bound(t));
    });
    // The page of split term i still to load that may hold a document, or -1.
    var pageToLoad = function (i, doc) {
      var n = has[i][doc] ? -1 : pageIn(firsts[i], doc);
      return n >= 0 && toLoad[i][n] ? n : -1;
    };
    // A document's pages still to load, [[term, page], ...]: listed only when drawn (below), as a
    // first round may have thousands of candidates.
    var pagesOf = function (doc) {
      var at = [];
      for (var i = 0; i < split.length; i++) {
        var n = pageToLoad(i, doc);
        if (n >= 0) at.push([split[i], n]);
      }
      return at;
    };
    // Candidates: the hits that could reach the first page if every split term held them. What
    // one could reach with the terms whose unloaded pages may hold it is worked out only when it
    // comes to the top of a heap ordered by that bound, or by the first until then (never less):
    // a round draws a few dozen candidates, and a prefix over many common terms has 100,000 or
    // more ("th" on 1,000 copies of an episode: its first round 64 -> 36-48 ms); the order is the same.
    var candHit = [], hiCovered = [], hiScore = [], bounded = [];
    for (var r = 0; r < hits.length; r++) {
      var h = hits[r];
      if (onPage.has(h)) {
        first = first.concat(pagesOf(h));
        continue;
      }
      var cov = v.covered[h] + bits(anyMask & ~v.full[h]), sc = v.score[h] + anyMore;
      if (((cov - kth[0]) || (sc - kth[1])) <= 1e-12) continue;
      // a document every split term holds loaded is whole: off the first page, it stays off
      // (a word's head is most of its hits: "lea" at 1,000 episodes, 2,000 candidates -> none)
      for (var i = 0; i < split.length && has[i][h]; i++);
      if (i === split.length) continue;
      candHit.push(r); hiCovered.push(cov); hiScore.push(sc); bounded.push(0);
    }
    // Whether candidate c could still reach the first page; if so its bound is now its own.
    var bound1 = function (c) {
      var h = hits[candHit[c]], missing = 0, more = 0;
      for (var i = 0; i < split.length; i++) {
        if (pageToLoad(i, h) < 0) continue;
        missing |= masks[i];
        more += bounds[i];
      }
      if (!missing) return false;
      var hiCov = v.covered[h] + bits(missing & ~v.full[h]), hiSc = v.score[h] + more;  // what it could reach (a half-said word in full: at most 1 more)
      if (((hiCov - kth[0]) || (hiSc - kth[1])) <= 1e-12) return false;
      hiCovered[c] = hiCov; hiScore[c] = hiSc; bounded[c] = 1;
      return true;
    };
    // The pages in that order, each once, listed only as far as a round draws them (listing them
    // all, tens of thousands on an archive of copies, took ~15 ms of a long query's first round).
    var queue = heap(candHit.map(function (_, c) { return c; }), function (a, b) {
      return (hiCovered[b] - hiCovered[a]) || (hiScore[b] - hiScore[a]) || (a - b);
    });
    var nextDoc = function () {  // the next candidate's document, or -1
      while (queue.size()) {
        var c = queue.peek();
        if (bounded[c]) return hits[candHit[queue.pop()]];
        if (bound1(c)) queue.fix(); else queue.pop();
      }
      return -1;
    };
    var listed = [], seen = dict(), wholeListed = false;
    var unlisted = split.map(left);  // each split term's pages still to load that are not listed yet
    var list = function () {
      var at, doc;
      if (first) { at = first; first = null; }
      else if ((doc = nextDoc()) >= 0) at = pagesOf(doc);
      else if (!wholeListed) { at = allPages(data, whole); wholeListed = true; }
      else return false;
      at.forEach(function (tn) {
        var key = tn[0] + "/" + tn[1];
        if (!seen[key]) { seen[key] = true; listed.push(tn); unlisted[split.indexOf(tn[0])]--; }
      });
      return true;
    };
    // The first ``limit`` of them whose term is not in ``skip``; once every page of the other
    // terms is listed, no candidate can add one (a round whose terms all come whole walked
    // every candidate for nothing).
    var draw = function (limit, skip) {
      var out = [], k = 0;
      var open = function () { return split.some(function (t, i) { return unlisted[i] > 0 && skip.indexOf(t) < 0; }); };
      while (out.length < limit) {
        while (k === listed.length) if (!open() || !list()) return out;
        if (skip.indexOf(listed[k][0]) < 0) out.push(listed[k]);
        k++;
      }
      return out;
    };
    var pairs = draw(SETTLE_PAGES, []);
    if (!pairs.length) return { hits: hits, values: v, exact: closed };
    // A term whose pages are a third or more of what it has left among this round's SETTLE_PAGES:
    // all of them in one file instead (one request instead of up to SETTLE_PAGES), the most
    // wanted first, while the query's all.js files stay within ALL_BYTES together.
    var wanted = dict();
    pairs.forEach(function (tn) { wanted[tn[0]] = (wanted[tn[0]] || 0) + 1; });
    var bulk = Object.keys(wanted).filter(function (t) {
      var partial = data.partial[t];
      return partial.all && wanted[t] >= 2 && (3 * wanted[t] >= left(t) || wholeIsCheaper(partial, wanted[t]));
    }).sort(function (a, b) { return wanted[b] - wanted[a] || (a < b ? -1 : 1); }).filter(function (t) {
      var all = data.partial[t].all;
      if (all > allowance.bytes || fast * all > room) return false;
      allowance.bytes -= all;
      room -= fast * all;
      return true;
    });
    if (bulk.length) pairs = draw(SETTLE_PAGES, bulk);
    // Within the query's bytes (QUERY_BYTES), or not at all: part of a round leaves the first page
    // inexact all the same, a round trip later (QA35a: rounds of pages a few at a time, 450 ms).
    if (pagesBytes(data, pairs) > room) {
      allowance.spent = true;
      return { hits: hits, values: v, exact: false };
    }
    return { hits: hits, values: v, pairs: pairs, bulk: bulk, sure: function () {
      return sure(hits, v, firstPage, function (doc) { return pagesOf(doc).length > 0; }, function (h) {
        var missing = 0, more = 0;  // what a hit could reach: its bound, as bound1 works it out
        for (var i = 0; i < split.length; i++) {
          if (pageToLoad(i, h) < 0) continue;
          missing |= masks[i];
          more += bounds[i];
        }
        return [v.covered[h] + bits(missing & ~v.full[h]), v.score[h] + more];
      }, [anyMask, anyMore], closed ? null : [bits(anyMask), anyMore]);
    } };
  }

  /* Documents of the first page that no tail page still to load can move off it, whatever it
   * holds: a hit is sure when its own score is whole (``open(doc)`` false: no page still to
   * load may hold it), no document unseen yet could reach it (``unseen``: the bound of one
   * holding only the split terms, null when every document in scope is seen), and fewer than
   * PAGE others could (``reach(hit)``: [covered, score] it could reach once every page is in;
   * ``most``: what any hit could add, to skip most hits at once).  Ties count against it.
   * Only passages saying a word are sure: oneForChapter drops none of those, so a sure hit
   * is on the first page shown.  Returns their documents. */
  function sure(hits, v, firstPage, open, reach, most, unseen) {
    var could = function (k, h) { return ((k[0] - v.covered[h]) || (k[1] - v.score[h])) > -1e-9; };  // k may rank at or above h
    var mine = firstPage.filter(function (h) { return v.covered[h] && !open(h) && !(unseen && could(unseen, h)); });
    if (!mine.length) return [];
    var best = mine[0], low = mine[mine.length - 1], rivals = [], above = 0;  // firstPage is ranked
    for (var r = 0; r < hits.length; r++) {
      var h = hits[r];
      if (((v.covered[h] + bits(most[0] & ~v.full[h]) - v.covered[low]) || (v.score[h] + most[1] - v.score[low])) <= -1e-9) continue;
      var k = reach(h);
      if (!could(k, low)) continue;
      rivals.push([k[0], k[1], h]);
      if (h !== best && could(k, best) && ++above >= PAGE) return [];  // not even the best is sure
    }
    return mine.filter(function (d) {
      for (var j = 0, n = 0; j < rivals.length; j++) {
        if (rivals[j][2] !== d && could(rivals[j], d) && ++n >= PAGE) return false;
      }
      return true;
    });
  }

  /* Words of three letters or more that no term of ``answered`` (bits of the query's words) answers:
   * retried with one typo, and a finished query's last word as a beginning too (of two letters as
   * well: typed, "dw" listed Dwarkesh's passages, and sent with Enter, "No passages match."); then
   * expanded again (without the terms ``absent`` names, if given). */
  function retryMissing(data, q, answered, absent) {
    // not a stop word being typed, nor a number ("200" is not "20" misspelt),
    // nor a word with a digit ("10k" is not "100" misspelt, nor "gpt5" "gpt4"), nor one retried already
    var missing = q.words.filter(function (w, i) {
      return w.exact && !w.fuzzy && (w.text.length >= 3 || w.open && w.text.length === 2) && !/[0-9]/.test(w.text) && !(answered & (1 << i));
    });
    if (!missing.length) return Promise.resolve(null);
    missing.forEach(function (w) {
      w.fuzzy = true;
      if (w.open && keysFrom(data, w.text).length <= PREFIX_SHARDS) w.prefix = true;  // a finished query's last word, begun
    });
    var more = [];
    missing.forEach(function (w) { more = more.concat(keysFor(data, w)); });
    return need(data, more).then(function () { return expand(data, q, absent); });
  }

  /* A word said nowhere that is two words said, written as one: "rewardhacking" is "reward
   * hacking", "sampleefficiency" "sample efficiency", "gpt5" "gpt 5".  [{word, a, b, digits}] for
   * each such word typed outside quotes, or [] (then nothing more is loaded).  Letters split
   * anywhere into two words of two letters or more, not stop words ("therapist" is no "the
   * rapist"), one of three or more; a word with a digit only where letters meet digits (its
   * pieces are then searched together only: "h100" is no "100"), as is a word whose family was
   * found ("continualearning" is "continual" mistyped, not "continual" and "earning"; the letter two
   * words share may be typed once: it is "continual learning").  Of several
   * splits, the one whose pieces a passage says both, then the one of longer pieces. */
  function splitsOf(data, q, answered) {
    var text = data.fields.indexOf("text");
    var lost = q.words.filter(function (w, i) {
      if (!w.exact || w.at < 0 || w.at >= q.free || w.text.length < 4) return false;
      if (/[0-9]/.test(w.text)) return /[a-z]/.test(w.text) && !(answered & (1 << i));
      return w.fuzzy && w.text.length >= 5;  // found as a family half typed too: "continuallearning" is "continual"
    });
    var cuts = lost.map(function (w) {
      var out = [];
      for (var k = 1; k < w.text.length; k++) {
        var a = w.text.slice(0, k), b = w.text.slice(k);
        var digits = /[0-9]/.test(w.text);
        if (digits ? /[0-9]/.test(a.slice(-1)) === /[0-9]/.test(b.charAt(0)) :
          a.length < 2 || b.length < 2 || a.length + b.length < 7 || !window.lunr.stopWordFilter(a) || !window.lunr.stopWordFilter(b)) continue;
        out.push({ word: w, a: a, b: b, digits: digits, family: !!w.family });
        // the letter the two words share typed once: "continualearning" is "continual learning"
        if (!digits && k >= 3) out.push({ word: w, a: a, b: a.slice(-1) + b, digits: false, family: !!w.family });
      }
      return out;
    });
    var all = [].concat.apply([], cuts);
    if (!all.length) return Promise.resolve([]);
    var has = function (piece) { return !!data.postings[stem(piece)]; };
    var keys = all.map(function (c) { return keyOf(data, stem(c.a)); });
    return need(data, keys).then(function () {
      var firsts = all.filter(function (c) { return has(c.a); });
      return need(data, firsts.map(function (c) { return keyOf(data, stem(c.b)); })).then(function () {
        var docs = function (piece) {
          var set = dict(), flat = postingsOf(data, stem(piece))[text];
          for (var k = 0; k < flat.length; k += 2) set[flat[k]] = true;
          return set;
        };
        var both = function (c) {
          var da = docs(c.a), db = docs(c.b);
          return Object.keys(da).some(function (d) { return db[d]; }) ? 1 : 0;
        };
        return cuts.map(function (list) {
          var ok = list.filter(function (c) { return has(c.a) && has(c.b); });
          ok.forEach(function (c) { c.both = both(c); c.least = Math.min(c.a.length, c.b.length); });
          ok.sort(function (x, y) { return (y.both - x.both) || (y.least - x.least); });
          return ok[0];
        }).filter(Boolean);
      });
    });
  }

  /* The query with each split word typed as its two words: quoted (``together``), or apart (a
   * word with a digit then stays as typed).  Null where a word is not found as typed. */
  function splitQuery(raw, q, splits, together) {
    var out = raw, changed = false;
    splits.forEach(function (c) {
      if (!together && (c.digits || c.family)) return;
      var typed = (q.typedAs && q.typedAs[c.word.text]) || c.word.text;
      var re = new RegExp("(^|[\\s(\\[,;])" + typed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=$|[\\s)\\],.;:!?])");
      var m = re.exec(out);
      if (!m) return;
      var pieces = together ? "\"" + c.a + " " + c.b + "\"" : c.a + " " + c.b;
      out = out.slice(0, m.index + m[1].length) + pieces + out.slice(m.index + m[0].length);
      changed = true;
    });
    return changed ? out : null;
  }

  /* A word said nowhere that splits in two words said is searched as them: together if a passage
   * says them so, else apart (QA: "rewardhacking" listed nine passages of "reward", the one saying
   * "reward hacking" not among its first three).  The result says what was searched (``split``). */
  function splitRetry(data, raw, opts, result) {
    var q = result.query, ex = result.expansion;
    if (!ex || result.link || result.time || q.typing) return Promise.resolve(result);
    var answered = Object.keys(ex.mask).reduce(function (m, t) { return m | ex.mask[t]; }, 0);
    return splitsOf(data, q, answered).then(function (splits) {
      if (!splits.length) return result;
      var told = function (r, together) {
        r.split = { words: splits.filter(function (c) { return together || !(c.digits || c.family); }), together: together, typedAs: q.typedAs };
        return r;
      };
      // the query as retried loads within what is left of the typed one's bytes (QUERY_BYTES)
      var within = function (text) {
        var key = function (t) { return JSON.stringify([t, opts.episode, opts.speaker]); };
        if (budgets[key(raw)]) budgets[key(text)] = budgets[key(raw)];
        return search(data, text, opts);
      };
      var quoted = splitQuery(raw, q, splits, true);
      if (!quoted) return result;
      return within(quoted).then(function (found) {
        if (found.hits.length) return told(found, true);
        var apart = splitQuery(raw, q, splits, false);
        return !apart ? result : within(apart).then(function (loose) { return loose.hits.length ? told(loose, false) : result; });
      });
    });
  }

  /* Whether a loaded term has a posting in an episode (its pages there loaded, if it is split). */
  function saysIn(data, term, episode) {
    var first = data.firsts[episode];
    var end = episode + 1 < data.firsts.length ? data.firsts[episode + 1] : data.manifest.documents;
    return postingsOf(data, term).some(function (flat) {
      for (var k = 0; k < flat.length; k += 2) if (flat[k] >= first && flat[k] < end) return true;
      return false;
    });
  }

  /* The tail pages of split terms that may hold a passage a filter leaves in scope, when it leaves
   * at most SCOPE_DOCS; else null (the settle rounds find the pages that matter). */
  function scopePages(data, terms, inScope) {
    var docs = [];
    for (var d = 0; d < data.manifest.documents; d++) {
      if (inScope(d) && docs.push(d) > SCOPE_DOCS) return null;
    }
    var pairs = [], seen = dict();
    terms.forEach(function (t) {
      var partial = data.partial[t];
      docs.forEach(function (doc) {
        if (partial.has && partial.has[doc]) return;
        var n = pageOf(partial, doc);
        if (n >= 0 && partial.pages[n] && !seen[t + "/" + n]) { seen[t + "/" + n] = true; pairs.push([t, n]); }
      });
    });
    return pairs;
  }

  /* Pages of split terms covering one episode: scoped to it, every document in scope is exact. */
  function episodePages(data, terms, episode) {
    var pairs = [];
    var first = data.firsts[episode];
    var end = episode + 1 < data.firsts.length ? data.firsts[episode + 1] : data.manifest.documents;
    terms.forEach(function (t) {
      var partial = data.partial[t];
      if (!partial) return;
      for (var n = Math.max(pageOf(partial, first), 0); n <= pageOf(partial, end - 1); n++) pairs.push([t, n]);
    });
    return pairs;
  }

  /* Ranked hits: {query, hits: [doc], values (see values(); null: every hit scores 0), complete, expansion}.
   * opts.episode (an episode's number) and opts.speaker (a name) narrow it down. */
  function search(data, raw, opts) {
    opts = opts || {};
    // What this query may load counts from here (QUERY_BYTES); the same query again (typed again,
    // Back to it) has only what is left of its own: each run of a query past its budget loaded
    // another round, a keystroke taking 370 ms where one typed before took a few.
    // One that stopped at it skips the rounds: they would find again, at length, that nothing fits.
    var asked = JSON.stringify([raw, opts.episode, opts.speaker]);
    var allowance = budgets[asked] || { bytes: ALL_BYTES, until: location.protocol === "file:" ? Infinity : (searched ? spent : 0) + QUERY_BYTES - STORE_BYTES };
    budgets[asked] = allowance;
    searched = true;
    var q = parse(raw, opts.finished);
    // A short prefix ("ke" while typing) would load every shard under it: until it
    // narrows to a few shards, the word being typed counts as a whole word.
    q.words = q.words.filter(function (w) {
      if (w.prefix && keysFrom(data, w.text).length > PREFIX_SHARDS) { w.prefix = false; q.broad = w.text; }
      return w.exact || w.prefix;
    });
    var speakerWords = filterWords(q.speaker), chapterWords = filterWords(q.chapter);
    var picked = indexedWords(opts.speaker || "");
    var keys = filterKeys(data, speakerWords.concat(chapterWords));
    picked.forEach(function (w) { keys.push(keyOf(data, stem(w))); });
    q.words.forEach(function (w) { keys = keys.concat(keysFor(data, w)); });
    q.joins.forEach(function (j) { keys.push(keyOf(data, j.stem)); if (j.light) keys.push(keyOf(data, j.light)); });
    var sets, inScope, ex = null, gaps = false;
    var retry = function (answered, absent) { return retryMissing(data, q, answered, absent).then(function (more) { if (more) ex = more; }); };
    return need(data, keys).then(function () {
      // A filter needs every document of its terms: split ones are loaded whole.
      var filterTerms = data.sorted.filter(function (t) {
        return data.partial[t] && (speakerWords.concat(chapterWords, picked).some(function (w) {
          return t.lastIndexOf(w, 0) === 0 || t.lastIndexOf(stem(w), 0) === 0;
        }));
      });
      return needPages(data, allPages(data, filterTerms));
    }).then(function () {
      return respellSpeakers(data, q);
    }).then(function () {
      var each = function (field, groups) {
        return groups.map(function (ws) { return ws.names ? termDocs(data, field, ws.names) : fieldDocs(data, field, filterWords(ws)); });
      };
      var speakers = each("speaker", q.speakers), chapters = each("chapter", q.chapters);
      sets = [anyOf(speakers), anyOf(chapters), fieldDocs(data, "speaker", picked, true)];
      // a filter no name (or title) begins: the status says so, rather than "No passages match"
      q.unknown = q.speakers.filter(function (ws, k) { return speakers[k] && speakers[k].indexOf(1) < 0; })[0];
      q.untitled = q.chapters.filter(function (ws, k) { return chapters[k] && chapters[k].indexOf(1) < 0; })[0];
      gaps = sets.some(Boolean);  // a filter that leaves out passages inside a chapter
      // Only filters, none of two letters ("chapter:a" on the way to "chapter:taste"): nothing yet, not every passage.
      if ((q.speaker.length && !speakerWords.length || q.chapter.length && !chapterWords.length) && !q.words.length) sets.push(new Uint8Array(0));
      var on = sets.filter(Boolean);
      inScope = function (doc) {
        if (opts.episode != null && episodeOf(data, doc) !== opts.episode) return false;
        for (var i = 0; i < on.length; i++) if (!on[i][doc]) return false;
        return true;
      };
      inScope.all = opts.episode == null && !on.length;  // no filter: scoring skips the call
      if (!q.words.length) return null;
      ex = expand(data, q);
      return retry(Object.keys(ex.mask).reduce(function (m, t) { return m | ex.mask[t]; }, 0));
    }).then(function () {
      if (!ex || opts.episode == null) return null;
      var inEpisode = function () { return needPages(data, episodePages(data, splitTermsOf(data, ex), opts.episode)); };
      return inEpisode().then(function () {
        // Scoped, a word the episode does not say is retried as one said nowhere is, within the episode:
        // said in another episode of the archive, it found nothing here, where a typo of it was said.
        var answered = 0, absent = dict();
        Object.keys(ex.mask).forEach(function (t) { if (saysIn(data, t, opts.episode)) answered |= ex.mask[t]; else absent[t] = true; });
        return retry(answered, absent);
      }).then(inEpisode);
    }).then(function () {
      if (!ex || opts.episode != null || inScope.all) return false;
      var pairs = scopePages(data, splitTermsOf(data, ex), inScope);
      return !!pairs && pagesBytes(data, pairs) <= allowance.until - spent && needPages(data, pairs).then(function () { return true; });
    }).then(function (seen) {
      // Scoped to an episode (or a filter's few passages), their pages are loaded: no document in
      // scope is unseen.  A phrase skips the settle rounds: they make the words' first page exact,
      // not the phrase's (which is checked on the passages' text, and loads the rest of its words'
      // tails when asked).
      return ex ? settle(data, ex, inScope, q.phrases.length || allowance.spent ? SETTLE_ROUNDS : 0, opts.episode != null || seen, allowance) : null;
    }).then(function (settled) {
      var hits, v = settled ? settled.values : null;
      if (settled) {
        hits = settled.hits;
      } else if (q.phrases.length || q.speaker.length || q.chapter.length || picked.length) {
        // Only filters, or a phrase of stop words: every passage they allow, in site order.
        var pool = sets.filter(Boolean);
        var docs;
        if (pool.length) {
          docs = [];
          for (var p = 0; p < pool[0].length; p++) if (pool[0][p]) docs.push(p);
        } else if (opts.episode != null) {
          docs = [];
          var end = opts.episode + 1 < data.firsts.length ? data.firsts[opts.episode + 1] : data.manifest.documents;
          for (var d = data.firsts[opts.episode]; d < end; d++) docs.push(d);
        } else {
          docs = [];
          for (var e = 0; e < data.manifest.documents; e++) docs.push(e);
        }
        docs.sort(function (x, y) { return x - y; });
        hits = docs.filter(function (d) { return inScope(d); });
      } else hits = [];
      // Split terms not fully loaded: the first page is exact, the count a lower bound.
      var complete = !settled || settled.exact || !splitTermsOf(data, ex).length;
      if (settled) hits = oneForChapter(data, hits, v, gaps);
      // rough: the rounds stopped at the query's bytes, so the first page is not sure to be the best
      var rough = !!settled && !!allowance.spent && !complete;
      return { query: q, hits: hits, values: v, ranked: settled ? 0 : hits.length, expansion: ex, complete: complete, inScope: inScope, gaps: gaps, rough: rough };
    }).then(function (result) {
      return result.query.phrases.length ? withPhrases(data, result) : withRest(data, result);
    });
  }

  /* A query whose split terms are not all loaded ranks what is loaded ("At least N passages"):
   * once "Show more" runs past it, the rest of those terms' pages are loaded and every passage
   * not shown yet is ranked after those shown, so paging reaches every match.  At 1,000
   * episodes a common word's tail is megabytes, loaded only after its 2,000 heaviest passages. */
  function withRest(data, result) {
    if (result.complete || !result.expansion) return result;
    result.more = function (shown) {
      return needPages(data, allPages(data, splitTermsOf(data, result.expansion))).then(function () {
        var kept = result.hits.slice(0, shown), before = {};
        var scored = score(data, result.expansion, result.inScope), v = scored.values;
        kept.forEach(function (h) { before[h] = true; });
        var rest = scored.hits.filter(function (h) { return !before[h]; }).sort(byRank(v));
        kept.forEach(function (h) { copyValues(result.values, v, h); });  // those shown keep what they showed
        result.values = v;
        result.hits = oneForChapter(data, kept.concat(rest), v, result.gaps);
        result.ranked = result.hits.length;
        result.complete = true;
        result.more = null;
      });
    };
    return result;
  }

  /* A hit's values from one score() into another's (whose own for it are then not read). */
  function copyValues(from, into, d) {
    into.score[d] = from.score[d]; into.covered[d] = from.covered[d]; into.mask[d] = from.mask[d]; into.full[d] = from.full[d];
  }

  /* Bits of the query words the phrases hold: a passage without one of them holds no phrase. */
  function phraseMask(q) {
    var inPhrase = dict();
    q.phrases.forEach(function (ph) { ph.forEach(function (w) { inPhrase[w] = true; }); });
    return q.words.reduce(function (m, w, i) { return w.exact && inPhrase[w.text] ? m | (1 << i) : m; }, 0);
  }

  /* Could a hit hold every word of the mask?  Yes if it does, or if what it lacks may be in
   * tail pages of split terms not loaded for it. */
  function couldHold(data, ex, split, hit, v, need) {
    if (!v) return true;  // a filter's passages: no word looked for
    var lacking = need & ~v.mask[hit];
    if (!lacking) return true;
    split.forEach(function (t) {
      var partial = data.partial[t];
      if (ex.mask[t] & lacking && !partial.has[hit] && partial.pages[pageOf(partial, hit)]) lacking &= ~ex.mask[t];
    });
    return !lacking;
  }

  /* Phrases need the passage's text: the ranked hits that may hold their words are checked
   * chunk by chunk until a page of results is confirmed, or PHRASE_CHUNKS chunks are loaded
   * (then the count is "at least"); "Show more" checks on (result.more), and once every hit
   * is checked, loads the rest of the phrase words' tails to find the passages not seen yet
   * (at once when that is no more than a settle round's pages). */
  function withPhrases(data, result) {
    var q = result.query, ex = result.expansion, loaded = 0, need = phraseMask(q);
    var out = { query: q, hits: [], values: result.values, ranked: 0, expansion: ex, complete: false, more: null };
    var checked = {}, used = {}, texts = {}, pool, i;
    // The hits to check, scored in ``v``: those confirmed keep their values in it (see copyValues).
    function fill(hits, v) {
      var split = ex ? splitTermsOf(data, ex) : [];
      if (v !== out.values) out.hits.forEach(function (h) { copyValues(out.values, v, h); });
      out.values = v;
      pool = { hits: hits.filter(function (h) { return !checked[h] && couldHold(data, ex, split, h, v, need); }), values: v, ranked: 0 };
      if (result.ranked >= result.hits.length) pool.ranked = pool.hits.length;
      i = 0;
    }
    // A phrase's words by their stems ("generalizes" makes "models somehow just generalize"); a word
    // quoted alone as written, or written in two ("pretraining" is said "pre-training").
    var sought = q.phrases.map(function (ph) { return ph.length > 1 ? { stems: " " + asNumbers(ph).map(cachedStem).join(" ") + " " } : { word: asDigits(ph[0]) }; });
    var said = {};
    function ok(hit) {
      var text = texts[hit] || (texts[hit] = wordsOf(entry(data, hit)[7]));
      return sought.every(function (ph) {
        if (ph.stems) return text.indexOf(ph.stems) >= 0;
        var ws = said[hit] || (said[hit] = asNumbers(clauseWords(entry(data, hit)[7])));
        return ws.some(function (w, k) { return w === ph.word || w + ws[k + 1] === ph.word; });
      });
    }
    function tails() {
      return ex ? allPages(data, splitTermsOf(data, ex).filter(function (t) { return ex.mask[t] & need; })) : [];
    }
    function rest(budget) {
      return needPages(data, tails()).then(function () {
        result.complete = true;  // every passage holding a phrase's words is a hit now
        var scored = score(data, ex, result.inScope);
        fill(scored.hits, scored.values);
        return check(out.hits.length + PAGE, budget);
      });
    }
    function check(want, budget) {
      if (budget === undefined) budget = loaded + PHRASE_CHUNKS;
      var current = null;
      // The next hits to check, in rank order, as far as 8 store chunks they need (loaded at once).
      // Chunks count against the budget whether loaded already or not, so the same query typed
      // again checks the same passages.
      function take() {
        var docs = [], chunks = {};
        while (i < pool.hits.length && Object.keys(chunks).length < 8) {
          rankTo(pool, i < 4 * PAGE ? 4 * PAGE : Infinity);
          var h = pool.hits[i++], c = chunkOf(data, h);
          docs.push(h);
          checked[h] = true;
          if (!used[c]) used[c] = chunks[c] = true;
        }
        loaded += Object.keys(chunks).length;
        var b = { docs: docs, done: i >= pool.hits.length, loaded: loaded, seen: 0, found: 0, next: null };
        b.ready = Promise.all(docs.map(function (h) {
          return entries(data, [h]).then(function () {
            b.seen++;
            if (ok(h)) b.found++;
            ahead(b);
          });
        }));
        return b;
      }
      // A batch that can no longer confirm enough asks for the next one before the rest of its
      // chunks are in: what a batch takes does not depend on what the one before found, so the
      // same passages are checked as if it waited (a rare phrase's two batches of 8 chunks were
      // two rounds of requests, one after the other).
      function ahead(b) {
        if (b === current && !b.next && !b.done && b.loaded < budget && out.hits.length + b.found + b.docs.length - b.seen < want) b.next = take();
      }
      function run(b) {
        current = b;
        ahead(b);
        return b.ready.then(function () {
          b.docs.forEach(function (h) { if (ok(h)) out.hits.push(h); });
          out.ranked = out.hits.length;
          var done = b.done;
          out.complete = done && result.complete;
          out.more = out.complete ? null : done ? function () { return rest(); } : function () { return check(out.hits.length + PAGE); };
          if (out.complete || out.hits.length >= want || b.loaded >= budget) return out;
          // Every hit checked: the rest of the tails now if they are a round's worth, else on "Show more".
          return !done ? run(b.next || take()) : tails().length <= SETTLE_PAGES ? rest(budget) : out;
        });
      }
      return run(take());
    }
    fill(result.hits, result.values);
    return check(PAGE);
  }

  /* ---- rendering: text nodes only ----------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /* A query that is a link or a time written with colons: searched for no words. */
  var LINK = /^\s*(?:https?:\/\/|www\.|(?:m\.)?youtube\.com\/|youtu\.be\/|watch\?v=)\S*\s*$/i;
  /* A time among the words: "1:02:16", "1h2m16s", "2m30s", and what a moment link gives, "#t=1:02:16",
   * "t=3736". Not "1990s", "30m" nor "8h" ("8h sleep"): a decade, 30 million, hours slept. */
  // every form momentOf reads ("3736s" and "1h" too: a time offered while its digits were searched for)
  var STAMPS = /(?:^|\s)((?:[#?&]?t=[0-9hms:]+)|(?:\d+:)?\d{1,2}:\d{2}|\d+h\d{1,2}m(?:\d{1,2}s)?|\d+h\d{1,2}s|\d{1,3}m\d{1,2}s|\d+[hs])(?=\s|$)/gi;

  /* The times typed among a query's words (each a moment), where they are in it: [{text, at, length}]. */
  function stampsIn(q) {
    var out = [], m;
    STAMPS.lastIndex = 0;
    while ((m = STAMPS.exec(q))) {
      if (momentOf(m[1]) != null) out.push({ text: m[1], at: m.index + m[0].length - m[1].length, length: m[1].length });
    }
    return out;
  }

  /* A moment typed or pasted rather than words: "1:21:54", "1h2m16s", "45s", or a video link's
   * "t=4914s" (readers pasted one and got sponsors' web addresses).  Its seconds, or null.  A
   * bare number is a word ("2012"), and "30m" is "30 million" too: only a colon, an "h" or an
   * "s" says it is a time; minutes and seconds under a larger unit are below 60 ("99:99" is none). */
  /* The YouTube video a link names (watch?v=, youtu.be/, /shorts/, /live/, /embed/), or null. */
  function videoOf(raw) {
    var m = /(?:[?&]v=|youtu\.be\/|\/(?:shorts|live|embed)\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(String(raw));
    return m ? m[1] : null;
  }

  function momentOf(raw) {
    var text = String(raw).trim(), link = /(?:^|[?&#])t=([0-9hms:]+)/i.exec(text);
    if (link) text = link[1];
    // a decade ("the 90s", "1990s", "2020s"), not seconds: "90s" said "A time: no words to search for."
    else if (/^(?:[2-9]0|1\d\d0|20\d0)s$/i.test(text)) return null;
    var c = /^(?:(\d+):)?(\d{1,2}):([0-5]\d)$/.exec(text);
    if (c) return c[1] && Number(c[2]) > 59 ? null : Number(c[1] || 0) * 3600 + Number(c[2]) * 60 + Number(c[3]);
    var u = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(text);
    if (u && text && (/[hs]/i.test(text) || link)) {
      if (u[1] && Number(u[2] || 0) > 59 || (u[1] || u[2]) && Number(u[3] || 0) > 59) return null;  // "1h75m" is no time
      return Number(u[1] || 0) * 3600 + Number(u[2] || 0) * 60 + Number(u[3] || 0);
    }
    return link && /^\d+$/.test(text) ? Number(text) : null;
  }

  function clockText(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, sec = seconds % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(sec);
  }

  /* Per passage, once: its words and the index terms each could have become. */
  var tokenCache = dict();
  /* Number words and digits, each to the other: the index holds both forms (generator.search). */
  var NUMBERS = dict();
  ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
   "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion")
    .split(" ").forEach(function (w, i) {
      if (w === "one") return;  // mostly a pronoun: not indexed as "1"
      var n = String(i <= 20 ? i : i <= 27 ? (i - 18) * 10 : [100, 1000, 1000000, 1000000000][i - 28]);
      NUMBERS[w] = n;
      NUMBERS[n] = w;
    });
  var stemCache = dict();
  var PLAIN = /^([A-Za-z0-9]+)[.,;:!?]*$/;  // what fold() leaves as it is, but for the punctuation after it
  var JOINED = /([\u2014\u2026]+)/;  // an em dash or an ellipsis between words: a pause, not a compound

  function cachedStem(w) {
    var s = stemCache[w];
    if (s === undefined) s = stemCache[w] = stem(w);
    return s;
  }

  function tokens(ref, text) {
    var cached = tokenCache[ref];
    if (cached) return cached;
    cached = tokenCache[ref] = text.split(/\s+/).filter(Boolean).map(token);
    return cached;
  }

  function token(word) {
    // stop words are never in the index: "doing" stems as "do" does, but only one is a match;
    // a word of ASCII letters and digits, a full stop or comma after it at most, folds to itself
    var plain = PLAIN.exec(word), all = plain ? [plain[1].toLowerCase()] : words(word);
    var parts = all.filter(function (p) { return window.lunr.stopWordFilter(p); });
    var stems = parts.map(cachedStem);
    // written solid with its stop words too, as the index holds it: "human-like" is "humanlike"
    if (all.length > 1) stems.push(cachedStem(all.join("")));
    parts.forEach(function (p) { if (NUMBERS[p]) stems.push(cachedStem(NUMBERS[p])); });  // "100" is held as "hundred" (hundr) too
    return { word: word, parts: parts, stems: stems };
  }

  function highlighted(tok, terms, prefixes) {
    return tok.stems.some(function (s) { return terms[s]; }) ||
      prefixes.some(function (pre) { return tok.parts.some(function (p) { return p.lastIndexOf(pre, 0) === 0; }); });
  }

  /* The first and last token of the first place a passage says one of the phrases, or null. */
  function phraseAt(toks, phrases) {
    if (!phrases.length) return null;
    var flat = [], owner = [];
    toks.forEach(function (tok, k) { words(tok.word).forEach(function (w) { flat.push(w); owner.push(k); }); });
    for (var p = 0; p < phrases.length; p++) {
      var ws = phrases[p];
      for (var i = 0; i + ws.length <= flat.length; i++) {
        var j = 0;
        while (j < ws.length && flat[i + j] === ws[j]) j++;
        if (j === ws.length) return [owner[i], owner[i + ws.length - 1]];
      }
    }
    return null;
  }

  function snippet(ref, text, hit, q) {
    var all = tokens(ref, text);
    var terms = dict();
    hit.terms.forEach(function (t) { terms[t] = true; });
    var prefixes = q.words.filter(function (w) { return w.prefix; }).map(function (w) { return w.text; });
    var marks = all.map(function (tok) { return highlighted(tok, terms, prefixes); });
    // A stem begins with its word's first letter (lunr.js's stemmer keeps it): only the words
    // a query term begins like are stemmed with the next (every pair was ~1 ms a passage).
    var initials = dict();
    hit.terms.forEach(function (t) { initials[t.charAt(0)] = true; });
    for (var k = 0; k + 1 < all.length; k++) {  // two words the index holds as one ("super intelligence")
      var a = all[k].parts, b = all[k + 1].parts;
      if (!marks[k] && !marks[k + 1] && a.length && b.length && initials[a[a.length - 1].charAt(0)] && terms[cachedStem(a[a.length - 1] + b[0])]) marks[k] = marks[k + 1] = true;
    }
    if (hit.terms.some(function (t) { return /^\d{2,}$/.test(t); })) {  // a number said in words, found by its value
      var said = [], of = [];  // the passage's words, stop words too, clauses' ends, and the token each is in
      all.forEach(function (tok, k) {
        clauses(tok.word).forEach(function (piece, j) {
          if (j) { said.push(""); of.push(k); }  // punctuation in or after the word ends a clause
          words(piece).forEach(function (w) { said.push(w); of.push(k); });
        });
      });
      numberRuns(said).forEach(function (run) {
        if (terms[cachedStem(String(run[2]))]) for (var n = run[0]; n < run[1]; n++) marks[of[n]] = true;
      });
    }
    // A quoted phrase is shown where it is said, all of it marked (its stop words too): cut around
    // the first marked word, "what are we scaling" showed "the scaling insight arrived" instead.
    var phrase = phraseAt(all, q.phrases);
    if (phrase) for (var w = phrase[0]; w <= phrase[1]; w++) marks[w] = true;
    all = all.map(function (tok) { return tok.word; });
    // Else the stretch with the most marked words, not the first one marked.
    var best = 0, bestAt = 0, count = 0;
    for (var j = 0; j < all.length && !phrase; j++) {
      if (marks[j]) count++;
      if (j >= SNIPPET_WORDS && marks[j - SNIPPET_WORDS]) count--;
      if (count > best) { best = count; bestAt = Math.max(0, j - SNIPPET_WORDS + 1); }
    }
    var first = phrase ? phrase[0] : marks.indexOf(true, bestAt), last = phrase ? phrase[1] : first;
    for (var l = bestAt; l < Math.min(all.length, bestAt + SNIPPET_WORDS) && !phrase; l++) if (marks[l]) last = l;
    var start = first < 0 ? 0 : Math.max(0, first - 10);
    if (first >= 0 && last >= start + SNIPPET_WORDS) start = last - SNIPPET_WORDS + 1;
    var end = Math.min(all.length, start + SNIPPET_WORDS);
    start = Math.max(0, Math.min(start, end - SNIPPET_WORDS));
    var phraseWords = dict();  // the phrases' words, stop words too
    q.phrases.forEach(function (ws) { ws.forEach(function (w) { phraseWords[w] = true; }); });
    var out = el("span", "search-snippet");
    var run = start > 0 ? "\u2026 " : "";  // plain text gathered into as few nodes as possible
    var mark = function (word) {
      var m = EDGES.exec(word);  // mark the word, not the punctuation around it
      run += m[1];
      if (run) out.appendChild(document.createTextNode(run));
      out.appendChild(el("mark", null, m[2]));
      run = m[3];
    };
    for (var i = start; i < end; i++) {
      if (i > start) run += " ";
      if (!marks[i]) { run += all[i]; continue; }
      // Words a dash or an ellipsis runs together ("scaling\u2014maybe") are said apart: each is
      // marked only if it matched, or is a word of the phrase it is in ("scaling" marked all of "scaling\u2014maybe").
      var pieces = all[i].split(JOINED), quoted = phrase && i >= phrase[0] && i <= phrase[1];
      var own = pieces.map(function (p, k) {
        return k % 2 === 0 && p !== "" && (highlighted(token(p), terms, prefixes) || (quoted && words(p).some(function (w) { return phraseWords[w]; })));
      });
      if (pieces.length < 2 || !own.some(Boolean)) { mark(all[i]); continue; }  // a number said in words, say: whole
      pieces.forEach(function (p, k) { if (own[k]) mark(p); else run += p; });
    }
    if (end < all.length) run += " \u2026";
    if (run) out.appendChild(document.createTextNode(run));
    return out;
  }

  /* A chapter title or speaker's name with the words the result matched marked: a result found
   * through its chapter's title alone (see oneForChapter), or through the speaker's name. */
  function fieldMarked(className, text, hit) {
    var out = el("span", className), terms = dict(), any = false;
    (hit.terms || []).forEach(function (t) { terms[t] = true; });
    tokens(className + ":" + text, text).forEach(function (tok, i) {
      if (i) out.appendChild(document.createTextNode(" "));
      if (tok.stems.some(function (s) { return terms[s]; })) { out.appendChild(el("mark", null, tok.word)); any = true; }
      else out.appendChild(document.createTextNode(tok.word));
    });
    return any ? out : el("span", className, text);
  }

  function resultItem(data, hit, q, several) {
    var p = entry(data, hit.doc);
    var item = el("li", "search-result");
    var link = el("a", "search-result-link");
    link.href = ROOT + p[6];
    link.setAttribute("data-start", String(p[4]));
    var meta = el("span", "search-result-meta");
    if (several) {
      var ep = episodeOf(data, hit.doc), label = el("span", "search-result-episode", episodeLabel(data, ep, p[1]));
      label.setAttribute("data-episode", String(ep));  // relabelled once the episodes' list is in (fillFilters)
      meta.appendChild(label);
    }
    meta.appendChild(hit.covered ? el("span", "search-result-chapter", p[2]) : fieldMarked("search-result-chapter", p[2], hit));
    meta.appendChild(fieldMarked("search-result-speaker", p[3], hit));
    var when = el("span", "search-result-when");
    if (p[8]) {  // an estimated start, marked as on the pages: "≈ 22:10", read "about 22:10"
      var approx = el("span", null);
      approx.title = "Estimated time";
      var sign = el("span", null, "\u2248");
      sign.setAttribute("aria-hidden", "true");
      approx.appendChild(sign);
      approx.appendChild(el("span", "visually-hidden", "about"));
      when.appendChild(approx);
      when.appendChild(document.createTextNode(" "));
    }
    var time = el("time", "search-result-time", p[5]);
    time.setAttribute("datetime", "PT" + p[4] + "S");
    when.appendChild(time);
    meta.appendChild(when);
    if (p[9]) meta.appendChild(el("span", "search-result-sponsor", "Sponsor read"));  // folded away on the pages
    link.appendChild(meta);
    link.appendChild(snippet(String(hit.doc), p[7], hit, q));
    item.appendChild(link);
    return item;
  }

  /* Show the next page of results once its store chunks are in.  The first page (``onShow``
   * given) shows at once when its chunks are all in within GATHER_MS, else each result as soon as
   * its chunk is in and those ranked above it are shown: an archive's first page comes from ten
   * episodes, ten requests, and the best result need not wait long for the slowest;
   * ``onShow(count)`` is called before the first is added (or once the page turns out empty)
   * with the count the page will end at, and ``still()`` false stops the adding.
   * "Show more" adds its page at once, with its button.  ``further``: a query with more to find
   * (result.more: a phrase's passages to check, a common word's tail) goes on finding first. */
  function showMore(data, result, list, shown, further, onShow, still) {
    // "Show more" shows more: a phrase rare among its words' passages is checked on until one is found
    function more() {
      return result.more(shown).then(function () { return result.hits.length <= shown && result.more ? more() : null; });
    }
    // a first page ranked from what the query's bytes loaded: "Show more" loads the rest and ranks it
    // after what is shown (QA36: the best passages never came, five pages on)
    var checked = further && result.more && (result.rough || result.hits.length < shown + PAGE) ? more() : Promise.resolve();
    return checked.then(function () {
      rankTo(result, shown + PAGE);
      var page = result.hits.slice(shown, shown + PAGE).map(function (d) { return hitOf(result.values, d); });
      var end = shown + page.length;
      var ready = page.map(function (h) { return entries(data, [h.doc]); });  // every request at once
      ready.forEach(function (r) { r.catch(function () {}); });  // a failure is met in rank order below
      withTerms(result.expansion, page);  // while the chunks load
      var several = data.firsts.length > 1;
      var add = function (hit) { list.appendChild(resultItem(data, hit, result.query, several)); };
      if (!onShow) return Promise.all(ready).then(function () { page.forEach(add); return end; });
      // The page is shown at once if its chunks are all in within GATHER_MS, else result by result
      // from then on: each result shown alone was a frame to lay out, paint and raster while the
      // other chunks came in, and on this machine those frames slowed the chunks they waited for.
      // Until it is shown, the list (not in the page yet) is filled as the chunks come.
      var gathering = true, attached = false;
      var attach = function () {
        if (!attached && (!still || still())) { attached = true; onShow(end); }
      };
      var timer = setTimeout(function () { gathering = false; if (list.children.length > shown) attach(); }, GATHER_MS);
      var added = Promise.resolve();
      page.forEach(function (hit, k) {
        added = added.then(function () { return ready[k]; }).then(function () {
          if (still && !still()) return;
          add(hit);
          if (!gathering) attach();
        });
      });
      return added.then(function () {
        clearTimeout(timer);
        attach();  // the whole page, or an empty one
        return end;
      });
    });
  }

  function statusText(result, shown) {
    // words of two letters or more that filter nothing are words too common to be indexed (QA35a:
    // "chapter:what" was "too short")
    var q = result.query;
    var common = q && q.short && q.short.split(":")[1].split(" ").every(function (w) { return w.length >= 2; });
    var short = !q || !q.short || q.typing ? "" : "\u201c" + q.short + "\u201d " +
      (common ? "is too common a word to filter by. " : "is too short to filter by: type two letters or more. ");
    var respelt = q && q.respeltSpeaker ? "No speaker\u2019s name begins \u201c" + ((q.typedAs && q.typedAs[q.respeltSpeaker]) || q.respeltSpeaker) +
      "\u201d: names spelled like it searched. " : "";
    return (result.gone || "") + short + respelt + splitText(result) + statusOf(result, shown);
  }

  /* What a split word (splitRetry) was searched as: "No passage says “rewardhacking”: searched
   * “reward hacking”. " */
  function splitText(result) {
    var split = result.split;
    if (!split || !split.words.length) return "";
    var says = result.scoped ? "No passage of this episode says " : "No passage says ";
    var typed = split.words.map(function (c) { return "\u201c" + ((split.typedAs && split.typedAs[c.word.text]) || c.word.text) + "\u201d"; });
    var pieces = split.words.map(function (c) { return "\u201c" + c.a + " " + c.b + "\u201d"; });
    return says + typed.join(" or ") + (split.together ? ": searched " + pieces.join(" and ") + ". " :
      " nor " + pieces.join(" or ") + ": their words searched apart. ");
  }

  function statusOf(result, shown) {
    var n = result.hits.length;
    if (n === 0 && result.query.broad) return "Keep typing: many words begin with \u201c" + result.query.broad + "\u201d.";
    var q = result.query;
    if (n === 0 && q.typing) return "Keep typing\u2026";  // one letter so far: words are looked up from two
    if (n === 0 && q.words.every(function (w) { return !w.exact; }) && !q.phrases.length && !q.speaker.length && !q.chapter.length && q.common.length) {
      var quoted = q.common.map(function (w) { return "\u201c" + w + "\u201d"; });
      return (quoted.length > 1 ? quoted.slice(0, -1).join(", ") + " and " + quoted[quoted.length - 1] + " are" : quoted[0] + " is") +
        " too common to search for: add a less common word.";
    }
    if (result.time) {
      return result.moment ? "A time: no words to search for." : result.past != null ? "A time past the episode\u2019s end (" + clockText(Math.floor(result.past)) + ")." :
        "A time: pick an episode above to go to that moment in it.";
    }
    if (result.link) {  // its time, where it has one, as a time typed is told
      return result.elsewhere ? "A link to a video not on this site: no words to search for." :
        result.moment ? "A link: no words to search for." : !result.timed ? "A link: no words to search for; paste one with a time (t=) to go to that moment." :
        result.past != null ? "A link to a time past the episode\u2019s end (" + clockText(Math.floor(result.past)) + ")." :
        "A link to a time: pick an episode above to go to that moment in it.";
    }
    if (n === 0 && q.unknown) return "No speaker\u2019s name begins \u201c" + q.unknown.join(" ") + "\u201d.";
    if (n === 0 && q.untitled) return "No chapter\u2019s title has \u201c" + q.untitled.join(" ") + "\u201d.";
    // only marks typed ("*", "~", an emoji, "speaker:" alone): nothing was looked for
    if (n === 0 && !q.words.length && !q.phrases.length && !q.speaker.length && !q.chapter.length && !q.common.length) {
      return "Nothing to search for: type a word.";
    }
    // "speaker:dwarkesh" typed with the Speaker list on Ilya: nothing, and the reader should know why
    if (n === 0 && !result.more && q.speaker.length && result.filtered) {
      return "No passages match both the Speaker filter (" + result.filtered + ") and \u201cspeaker:" + q.speaker.join(" ") + "\u201d.";
    }
    // a phrase checked on some of the passages holding its words, none saying it yet (QA35a: "No
    // passages match so far." read as no; the first "Show more" found it)
    if (n === 0 && result.more && q.phrases.length) {
      return "No passage checked so far says \u201c" + q.phrases[0].join(" ") + "\u201d: \u201cShow more results\u201d checks the others.";
    }
    // several words, none said: which ("h100 chips" was "No passages match.", the reader left to
    // wonder whether "h100" was the one)
    var typedWords = q.words.filter(function (w) { return w.exact && w.at < q.free; });
    if (n === 0 && !result.more && typedWords.length > 1 && !q.phrases.length && !q.speaker.length && !q.chapter.length && !result.filtered) {
      return (result.scoped ? "No passage of this episode says \u201c" : "No passage says \u201c") +
        typedWords.map(function (w) { return (q.typedAs && q.typedAs[w.text]) || w.text; }).join("\u201d or \u201c") + "\u201d.";
    }
    if (n === 0) return result.more ? "No passages match so far." : result.scoped ? "No passages of this episode match." : "No passages match.";
    // Thousands by hand: toLocaleString sets up ICU's number formatting, 10-15 ms on a first query.
    var count = (result.complete ? "" : "At least ") + (n === 1 ? "1 passage" : String(n).replace(/\B(?=(\d{3})+$)/g, ",") + " passages");
    // A sent query's last word found only as a beginning of it: say so, the hits are not that word's
    var cut = q.words.filter(function (w) { return (w.open || w.rooted) && w.cut && !w.halfTyped; })[0];
    var as = function (w) { return (q.typedAs && q.typedAs[w]) || w; };
    var holds = function (w) {  // whether a hit holds the query word w
      var bit = 1 << q.words.indexOf(w);
      return !!result.values && result.hits.some(function (h) { return result.values.mask[h] & bit; });
    };
    // Scoped to an episode, the words it begins may be other episodes' only: no passage shown holds
    // one, and the passages are the other words' ("kangaro lima" said "words beginning it: 12 passages")
    var cutNowhere = cut && result.scoped && !holds(cut) ? cut : null;
    if (cutNowhere) cut = null;
    var says = result.scoped ? "No passage of this episode says " : "No passage says ";  // another may say it
    var lead = !cut ? "" : cut.cut === cut.text ? says + "\u201c" + as(cut.text) + "\u201d; words beginning it: " :
      "Words beginning \u201c" + cut.cut + "\u201d (none says \u201c" + as(cut.text) + "\u201d): ";
    // a sent last word said nowhere, found as the beginning of words ("kaspa": Kasparov)
    var begins = q.words.filter(function (w) { return w.open && w.fuzzy && w.begins && !w.cut; })[0];
    if (begins && !cut) lead = "Words beginning \u201c" + as(begins.text) + "\u201d: ";
    // found by a typo retry: the word itself is said nowhere ("bright" found "right"), and a reader
    // asking whether it was said must not read the count as a yes
    // (not of a word still being typed whose beginning is found: "emoti" is "emotion" half typed,
    // its stem "emot"; "bright" typed still finds only "right")
    var respelt = q.words.filter(function (w) { return w.fuzzy && !(w.prefix && !w.open && w.shorter) && !w.begins && !w.cut && !w.halfTyped; });
    // a word the retry found nothing like ("daniel gross leave ssi": 18 passages of "leave" and "ssi"
    // were "words spelled like them"): said nowhere, and the passages are the other words'
    // (no hit has it: scoped to an episode, a word other episodes say is in the expansion, not the hits)
    var unsaid = respelt.filter(function (w) {
      return !holds(w);
    }).map(function (w) { return as(w.text); });
    if (cutNowhere) unsaid.push(as(cutNowhere.text));
    // a word with a digit is never retried with a typo ("10k" is no "100" misspelt): one no hit holds
    // is said nowhere, and the passages are the other words' ("h100 scaling" read as 20 about H100s)
    q.words.forEach(function (w) { if (w.exact && /[0-9]/.test(w.text) && !holds(w) && unsaid.indexOf(as(w.text)) < 0) unsaid.push(as(w.text)); });
    // so is one typed with a hyphen (or apart: see expand) whose words are said apart only: "gpt-5"
    // listed "five to twenty" first, under "7 passages." (the index holds "GPT-3" solid, as "gpt3")
    var hyphened = Object.keys(q.hyphened || {}).filter(function (joined) {
      var apart = q.apart && q.apart[joined] === q.hyphened[joined];  // "gpt 3" whose "3" is said nowhere: that is said
      if (apart && q.apart[joined].split(" ").some(function (w) { return unsaid.indexOf(w) >= 0; })) return false;
      return !!result.expansion && !result.expansion.boost[stem(joined)] && (q.joins || []).some(function (j) { return j.text === joined; });
    }).map(function (joined) { return q.hyphened[joined]; });
    unsaid = unsaid.concat(hyphened);
    respelt = respelt.map(function (w) { return as(w.text); }).filter(function (w) { return unsaid.indexOf(w) < 0; });
    var spelt = respelt.length ? "\u201c" + respelt.join("\u201d or \u201c") + "\u201d" : "", them = respelt.length > 1 ? "them" : "it";
    if (unsaid.length) {
      var none = unsaid.concat(respelt.length ? [] : cut && cut.cut === cut.text ? [as(cut.text)] : []);
      lead = says + "\u201c" + none.join("\u201d or \u201c") + "\u201d" + (
        respelt.length ? " nor " + spelt + "; words spelled like " + them + (lead ? ", and " + lead.charAt(0).toLowerCase() + lead.slice(1) : ": ") :
        cut && cut.cut === cut.text ? "; words beginning \u201c" + as(cut.text) + "\u201d: " :
        lead ? "; " + lead.charAt(0).toLowerCase() + lead.slice(1) : unsaid.length === hyphened.length ? (hyphened.length > 1 ? "; their words apart" : "; its words apart") +
        (q.words.filter(function (w) { return w.exact; }).length > 2 * hyphened.length ? " and the other words: " : ": ") : "; the other words: ");
      return lead + count + (n > shown ? ", showing the first " + shown + "." : ".");
    }
    // a filter (a speaker, a chapter, an episode) may be what leaves the phrase out: "No passage says" it was false
    var which = q.speaker.length || q.chapter.length || result.filtered || result.scoped ? "No passage the filters let through says " : "No passage says ";
    if (result.unquoted) {  // one sentence, not one said inside the other
      lead = which + "\u201c" + result.unquoted.join("\u201d or \u201c") + "\u201d as quoted" +
        (spelt ? ", nor " + spelt + "; words spelled like it: " : "; its words: ") + lead;
    } else if (spelt && lead) {  // one sentence for both words: "…like it: Words beginning…" read as two run together
      lead = cut && cut.cut === cut.text ?
        says + spelt + " or \u201c" + as(cut.text) + "\u201d; words spelled like " + them + ", and words beginning \u201c" + as(cut.text) + "\u201d: " :
        says + spelt + "; words spelled like " + them + ", and " + lead.charAt(0).toLowerCase() + lead.slice(1);
    } else if (spelt) lead = says + spelt + "; words spelled like " + them + ": ";
    return lead + count + (n > shown ? ", showing the first " + shown + "." : ".");
  }

  /* Resolves, with the number of results shown, once the first page is in the DOM (the caller
   * checks it is still wanted), or as many pages as make ``want`` results (Back to a list the
   * reader had made longer).  ``onCount`` hears every later count ("Show more"). */
  function renderResults(container, status, data, result, still, want, onCount) {
    var list = el("ol", "search-results-list");
    var go = null;
    if (result.moment) {  // "Go to 1:21:54" above whatever the digits found
      var a = el("a", null, "Go to " + clockText(result.moment.seconds) + result.moment.where);
      a.href = result.moment.href;
      go = el("p", "search-moment");
      go.appendChild(a);
    }
    function place(count) {  // the new list replaces the last query's with its first result
      container.replaceChildren.apply(container, go ? [go, list] : [list]);
      if (status) status.textContent = statusText(result, count);
    }
    return showMore(data, result, list, 0, false, place, still).then(function (shown) {
      if (!still()) return shown;
      var more = null;
      function further() {
        return showMore(data, result, list, shown, true).then(function (n) {
          shown = n;
          // a newer query's list replaced this one while its passages came: the status, the
          // count in the history and the button are that query's now
          if (!still()) return n;
          if (status) status.textContent = statusText(result, shown);
          if (more && shown >= result.hits.length && !result.more) more.remove();
          if (onCount) onCount(shown);
          return n;
        });
      }
      if (shown < result.hits.length || result.more) {
        more = el("button", "search-more", "Show more results");
        more.type = "button";
        more.addEventListener("click", function () {
          var before = shown;
          more.setAttribute("aria-disabled", "true");  // not disabled: that would drop the focus
          if (more.busy) return;
          more.busy = true;
          further().then(function () {
            more.busy = false;
            more.removeAttribute("aria-disabled");
            // The reader goes on from the first new result, as from the end of the list before.
            var first = list.children[before] && list.children[before].querySelector("a");
            if (first && (document.activeElement === more || !more.isConnected)) first.focus();
          });
        });
      }
      container.replaceChildren.apply(container, go ? [go, list] : [list]);
      if (more) container.appendChild(more);
      if (status) status.textContent = statusText(result, shown);
      var grow = function (n) { return n < (want || 0) && (n < result.hits.length || result.more) && still() ? further().then(grow) : n; };
      return grow(shown);
    });
  }

  /* ---- warming up: the query path, before the reader's first query ---- */
  /* A first query ran its code cold: V8 interprets a function until it has run a while, and the
   * scoring, settling and rendering of a first query took about twice as long as a second's.
   * While the search page waits for the reader, the same path runs over a made-up index of a
   * few thousand documents (no file is loaded), and what it cached is dropped: WARM_RUNS times,
   * as once left a first query's scoring still cold (see WARM_RUNS). */
  function warmUp(real) {
    var n = 4000, fields = real.fields, chunk = real.manifest.chunk;
    var fake = makeData({ fields: fields, shards: ["wa"], chunk: chunk, documents: n, episodes: [["w", 0], ["x", n / 2]] });
    var terms = dict();
    // a common word split in a head and tail pages (never loaded), a word and two a prefix begins
    [["warm", 2, 0], ["wave", 3, 1], ["wavi", 7, 2], ["wavel", 11, 3]].forEach(function (spec, i) {
      terms[spec[0]] = fields.map(function (field, f) {
        var flat = [], last = 0;
        for (var d = spec[2] + f; d < n; d += spec[1] * (f + 1)) {
          if (i === 0 && f === 0 && d % 4 === 0) continue;  // in the tail
          flat.push(d - last, 300 + (d * 37) % 9000);
          last = d;
        }
        return flat;
      });
    });
    terms.warm.push({ min: 300, pages: [0, 1000, 2000, 3000], all: 5000 });
    addShard(fake, "wa", terms);
    fake.sorted = Object.keys(fake.postings).sort();
    var q = parse("warm, wave two hundred wav", false);
    var ex = expand(fake, q);
    var inScope = function () { return true; };
    inScope.all = true;
    var step = settleRound(fake, ex, inScope, 0, false, { bytes: ALL_BYTES });
    if (step.sure) step.sure();
    var result = { query: q, hits: oneForChapter(fake, step.hits, step.values, false), values: step.values, ranked: 0, expansion: ex, complete: false };
    rankTo(result, PAGE);
    var page = withTerms(ex, result.hits.slice(0, PAGE).map(function (d) { return hitOf(step.values, d); })), list = el("ol", "search-results-list");
    page.forEach(function (h) {
      var c = chunkOf(fake, h.doc), at = c.indexOf("/");
      if (!fake.chunks[c]) {
        fake.chunks[c] = [];
        for (var k = 0; k < chunk; k++) {
          fake.chunks[c].push([c.slice(0, at), "Warm waves", "Wavelengths", "Wendy Warm", 600 + k, "10:0" + k, c + "/#t" + k,
            "The warm wave waved, at 10,000 warm people \u2014 twenty five of them; a wavelet waving.", k % 2]);
        }
      }
      list.appendChild(resultItem(fake, h, q, true));
    });
    statusText(result, page.length);
    fromText("w", 'episodeSiteSearchData("w",[[1,2],{"a":[3]}]);');
    tokenCache = dict();  // its passages' numbers are real documents' too
  }

  /* ---- wiring ----------------------------------------------------------- */

  function isTypingTarget(node) {
    if (!node || !node.tagName) return false;
    var tag = node.tagName.toLowerCase();
    if (tag === "input") return !/^(range|checkbox|radio|button|submit|reset|color|file|image)$/.test(node.type);
    return tag === "textarea" || tag === "select" || node.isContentEditable;
  }

  function option(select, value, label) {
    var o = el("option", null, label);
    o.value = value;
    select.appendChild(o);
  }

  /* An episode's title as lists and results show it: a title two episodes share, with its date
   * (or its address) after it, once episodes.js is in (QA25a: two results looked the same). */
  function episodeLabel(data, ep, title) {
    if (!data.twins || !(data.twins[title] > 1) || !data.episodes || !data.episodes[ep]) return title;
    return title + " (" + (data.episodes[ep][2] || data.slugs[ep]) + ")";
  }

  /* The search page's filters: episodes and speakers, from episodes.js. */
  function fillFilters(data, episodeSelect, speakerSelect) {
    return file("episodes").then(function (episodes) {
      data.episodes = episodes;
      data.twins = dict();  // how many episodes hold each title
      episodes.forEach(function (e) { data.twins[e[0]] = (data.twins[e[0]] || 0) + 1; });
      // results shown before the list came: a title two episodes share is told apart there too
      Array.prototype.forEach.call(document.querySelectorAll(".search-result-episode[data-episode]"), function (label) {
        var ep = Number(label.getAttribute("data-episode"));
        if (episodes[ep]) label.textContent = episodeLabel(data, ep, episodes[ep][0]);
      });
      if (episodeSelect && !episodeSelect.hasAttribute("data-filled")) {
        var chosen = episodeSelect.value;  // the scope from the address, shown by its slug until now
        while (episodeSelect.options.length > 1) episodeSelect.remove(1);
        // Newest first, undated last, as the home page lists them; a title two episodes share
        // is told apart by its date (or its address).
        episodes.map(function (e, i) { return i; }).sort(function (a, b) {
          var da = episodes[a][2] || "", db = episodes[b][2] || "";
          if (da !== db) return !da ? 1 : !db ? -1 : da < db ? 1 : -1;
          return numbered(episodes[a][0], episodes[b][0]) || (data.slugs[a] < data.slugs[b] ? -1 : 1);
        }).forEach(function (i) {
          option(episodeSelect, data.slugs[i], episodeLabel(data, i, episodes[i][0]));
        });
        episodeSelect.value = data.slugs.indexOf(chosen) >= 0 ? chosen : "";  // an old link's episode: all of them
        episodeSelect.setAttribute("data-filled", "");
      }
      fillSpeakers(data, speakerSelect, episodeSelect ? episodeSelect.value : "");
    });
  }

  /* Titles compared as people number them, as the home page lists them: "Episode 9" before "Episode 10". */
  function numbered(a, b) {
    var x = a.toLowerCase().split(/(\d+)/), y = b.toLowerCase().split(/(\d+)/);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var d = i % 2 ? +x[i] - +y[i] : x[i] < y[i] ? -1 : x[i] > y[i] ? 1 : 0;
      if (d) return d;
    }
    return x.length - y.length;
  }

  function fillSpeakers(data, select, slug) {
    if (!select || !data.episodes) return;
    var keep = select.value, names = dict();
    var at = data.slugs.indexOf(slug);
    data.episodes.forEach(function (e, i) {
      if (at < 0 || at === i) e[1].forEach(function (n) { if (indexedWords(n).length) names[n] = true; });
    });
    while (select.options.length > 1) select.remove(1);
    Object.keys(names).sort().forEach(function (n) { option(select, n, n); });
    select.value = names[keep] ? keep : "";
  }

  function start() {
    var header = document.getElementById("site-search");
    var pageBox = document.getElementById("search-q");
    var container = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var episodeSelect = document.getElementById("search-episode");
    var speakerSelect = document.getElementById("search-speaker");
    var allButton = document.getElementById("search-all");
    var boxes = [pageBox, header].filter(Boolean);
    if (!boxes.length) return;

    // The tips' filters name the newest episode's guest and a chapter word: scoped to another episode,
    // its own (episodes.js), where "speaker:" of the newest episode's guest found nothing.
    var tipCodes = Array.prototype.slice.call(document.querySelectorAll(".search-tips code"));
    var siteTips = tipCodes.map(function (code) { return code.textContent; });
    function showTips(data, slug) {
      var at = slug && data.episodes ? data.slugs.indexOf(slug) : -1, own = at >= 0 && data.episodes[at][5];
      tipCodes.forEach(function (code, k) {
        var filter = siteTips[k].split(":")[0];
        code.textContent = own && own[k] ? filter + ":" + own[k] : siteTips[k];
      });
    }

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
    // results as you type, ?q= (and the filters) kept in the address bar.
    var params = new URLSearchParams(location.search);
    var scope = params.get("episode") || "";
    var speaker = params.get("speaker") || "";
    if (speakerSelect && speaker) { option(speakerSelect, speaker, speaker); speakerSelect.value = speaker; }
    if (episodeSelect && scope) { option(episodeSelect, scope, scope); episodeSelect.value = scope; }
    warm();
    // Until the reader types, the query path is run WARM_RUNS times (warmUp), each in an idle
    // moment of its own; not when the address holds a query.
    if (!params.get("q")) {
      load().then(function (data) {
        var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 50); };
        var runs = WARM_RUNS;
        var rehearse = function () {
          if (latest) return;  // the reader is searching already
          try { warmUp(data); } catch (e) { tokenCache = dict(); return; }
          if (--runs > 0) idle(rehearse);
        };
        idle(rehearse);
      }, function () {});
    }
    // The filters' lists (episodes.js) load once results are shown or a list is touched,
    // so a first query does not wait for them.
    var filling = null;
    var fill = function () {
      if (!filling) {
        var before = current();
        filling = load().then(function (data) { return fillFilters(data, episodeSelect, speakerSelect).then(function () { return data; }); });
        filling.then(function (data) {
          var now = current();  // a name or episode the lists lack (an old link) is no longer chosen
          if (before.episode && !now.episode) dropped.episode = before.episode;  // and the status says so
          if (before.speaker && !now.speaker) dropSpeaker(data, before.speaker);
          if (now.episode !== before.episode || now.speaker !== before.speaker) {
            update();
            writeAddress("fix");  // the address as the search now is, in the same entry: Back must not find the old filter
          } else showScope();
        }, function () { filling = null; });
      }
      return filling;
    };
    [episodeSelect, speakerSelect].filter(Boolean).forEach(function (select) {
      ["focus", "pointerdown", "mouseenter"].forEach(function (type) { select.addEventListener(type, fill); });
    });
    showScope();
    // Scoped with nothing typed yet, the tips are read first: that episode's names come from episodes.js.
    if (scope && episodeSelect && !params.get("q")) fill();

    function current() {
      return {
        q: (pageBox || header).value,
        episode: episodeSelect ? episodeSelect.value : scope,
        speaker: speakerSelect ? speakerSelect.value : speaker
      };
    }

    function showScope() {
      var c = current();
      if (tipCodes.length === 2) load().then(function (data) { showTips(data, c.episode); }, function () {});
      if (!allButton) return;
      allButton.hidden = !c.episode;
    }

    var latest = 0, finished = false, shownNow = 0, shownFor = null;  // how many results are shown, of which query
    // An old link's filter this site has no more (an episode renamed, a speaker gone): searched
    // without it, and the status says so once (the results were all episodes', silently).
    var dropped = {};
    // A chosen speaker the lists no longer offer: the status says whether they speak elsewhere on the site.
    function dropSpeaker(data, name) {
      var episodes = data.episodes || [];
      var elsewhere = episodes.some(function (e) { return e[1].indexOf(name) >= 0; });
      dropped.speaker = name;
      dropped.where = elsewhere && episodeSelect && episodeSelect.value ? "in this episode" : "on this site";
    }
    // Back to this page: the list as long as it was, scrolled where it was (the results come after
    // the page loads, too late for the browser's own restoring).
    var back = history.state && history.state.episodeSiteShown ? history.state : null;
    if (back && "scrollRestoration" in history) history.scrollRestoration = "manual";
    function update() {
      var ticket = ++latest;
      var c = current();
      keepShown();
      syncAddress(c);
      showScope();
      if (!c.q.trim() && !c.speaker) {  // a speaker picked alone lists their passages, as "speaker:ilya" typed does
        container.replaceChildren();
        container.removeAttribute("data-query");
        // an old link's speaker the lists lack, with no words to search: said, as with words
        if (status) status.textContent = dropped.speaker ? "No speaker \u201c" + dropped.speaker + "\u201d " + dropped.where + "." : "";
        dropped = {};
        return;
      }
      var still = function () { return ticket === latest; };
      load().then(function (data) {
        if (!still()) return null;
        var at = c.episode ? data.slugs.indexOf(c.episode) : -1;
        var opts = { episode: at >= 0 ? at : null, speaker: c.speaker, finished: finished };  // an episode no longer there: all of them
        var lost = c.episode && at < 0 ? c.episode : dropped.episode;
        if (c.episode && at < 0 && !episodeSelect) { scope = ""; showScope(); }  // all episodes searched: nothing to widen to
        var gone = (lost ? "No episode \u201c" + lost + "\u201d on this site: all episodes searched. " : "") +
          (dropped.speaker ? "No speaker \u201c" + dropped.speaker + "\u201d " + dropped.where + ": everyone\u2019s words searched. " : "");
        dropped = {};
        // A link pasted, or a time, is searched for no words ("https", "www", "com" found only sponsor
        // reads; "1:02:16" found "1% of GDP" and "16 hours"): its moment is offered below, if it names one
        // a time among words ("around 1:02:16", "1:02:16 superintelligence", "#t=1:02:16"): the words are
        // searched, the first time offered (its digits found "1% of GDP" and "16 hours"); times alone, no words
        var link = LINK.test(c.q), stamps = link ? [] : stampsIn(c.q);
        var asked = stamps.reduceRight(function (q, t) { return q.slice(0, t.at) + " " + q.slice(t.at + t.length); }, c.q);
        var time = stamps.length > 0 && !asked.trim(), stamp = stamps.length ? stamps[0].text : c.q;
        var searched = link || time ? Promise.resolve({ query: parse(""), hits: [], complete: true, link: link, time: time, timed: link && momentOf(c.q) != null }) : search(data, asked, opts);
        return searched.then(function (result) {
          var phrases = result.query.phrases;
          if (result.hits.length || !result.complete || result.more || !phrases.length) return result;
          // A quoted phrase no passage says (a chapter title, a quote remembered not word for word:
          // readers' "we are squarely an age of research company" is said "the age"): its words, said so.
          return search(data, asked.replace(QUOTE, " "), opts).then(function (loose) {
            if (!loose.hits.length) return result;
            loose.unquoted = phrases.map(function (ws) { return ws.join(" "); });
            loose.asked = asked.replace(QUOTE, " ");
            return loose;
          });
        }).then(function (result) {
          return splitRetry(data, result.asked || asked, opts, result);
        }).catch(function (e) {
          if (e && e.updated) throw e;
          // Never show an error for what a reader typed; an empty list says enough.
          return { query: parse(""), hits: [], complete: true };
        }).then(function (result) {
          // A time typed (rare): offered if the one episode searched is that long (its length is in
          // episodes.js, fetched only then: the manifest every query loads stays small)
          // A video link names its episode (any episode's, on a site of several), or a video not on this site
          var seconds = momentOf(stamp), one = data.slugs.length === 1 ? 0 : opts.episode, video = link ? videoOf(c.q) : null;
          if (seconds == null || (one == null && !video) || !still()) return result;
          return file("episodes").then(function (episodes) {
            if (video && episodes.some(function (e) { return e[4]; })) {
              var at = -1;
              episodes.forEach(function (e, i) { if (e[4] === video && (at < 0 || i === one)) at = i; });
              if (at < 0) { result.elsewhere = true; return result; }
              one = at;
            }
            if (one == null) return result;
            if (seconds <= episodes[one][3]) {  // its pages find the chapter (moment.js), its last second too
              result.moment = { seconds: seconds, href: ROOT + data.slugs[one] + "/#t=" + clockText(seconds),
                where: data.slugs.length === 1 ? "" : one === opts.episode ? " in this episode" : " in \u201c" + episodes[one][0] + "\u201d" };
            } else result.past = episodes[one][3];
            return result;
          }, function () { return result; });
        }).then(function (result) {
          if (!still()) return null;
          result.scoped = opts.episode != null && data.firsts.length > 1;  // "Search all episodes" is offered beside it
          result.gone = gone;
          result.filtered = c.speaker;  // the Speaker list's choice, for a status that names it
          var restoring = back;
          back = null;
          shownFor = null;
          return renderResults(container, status, data, result, still, restoring ? restoring.episodeSiteShown : 0, function (n) { shownNow = n; keepShown(true); })
            .then(function (n) {
              shownNow = n;
              if (still()) shownFor = addressOf(c);
              if (restoring && still()) window.scrollTo(0, restoring.episodeSiteScroll || 0);
            });
        }).then(function () {
          if (still()) container.setAttribute("data-query", c.q);
          setTimeout(fill, 0);
        });
      }).catch(function (e) {
        if (!still()) return;
        if (e && e.updated) container.replaceChildren();  // what was found before may be gone too
        if (status) status.textContent = e && e.updated ? UPDATED : "Search is unavailable: the index could not be loaded.";
      });
    }
    // Browsers throttle history updates; write the address once typing pauses. A query sent
    // (Enter, a filter chosen, "Search all episodes") keeps its own entry in the history: typing
    // after it starts a new one, and Back goes to it (every search was one entry, replaced as
    // the reader typed: Back left the page). Letters typed replace the entry they began.
    var addressTimer = 0, unwritten = null, kept = !!(params.get("q") || params.get("speaker"));  // a speaker's listing is one too
    function syncAddress(c) {
      clearTimeout(addressTimer);
      unwritten = c;
      addressTimer = setTimeout(writeAddress, 400);
    }
    // ``how``: "send" (the query is an entry of its own), "fix" (the same entry, an old link's filter
    // dropped), or nothing (typing: the entry typing began).
    function writeAddress(how) {
      if (!unwritten) return;
      var c = unwritten;
      unwritten = null;
      clearTimeout(addressTimer);
      var url = addressOf(c);
      if (url.href !== location.href) {
        if (kept && how !== "fix") history.pushState(null, "", url.href); else history.replaceState(history.state, "", url.href);
        if (how !== "fix") kept = how === "send";
      } else if (how === "send") kept = true;  // (an address written by nothing is no reason to forget it)
    }
    function addressOf(c) {
      var url = new URL(location.href);
      [["q", c.q], ["episode", c.episode], ["speaker", c.speaker]].forEach(function (kv) {
        if (kv[1]) url.searchParams.set(kv[0], kv[1]); else url.searchParams.delete(kv[0]);
      });
      return url;
    }
    // Another query is on its way: the entry of the one shown keeps how many results it showed, as
    // leaving by a result does, so Back to it shows the 20 "Show more" had opened, not its first 10.
    // ``stay``: "Show more" opened more, and the entry keeps that count at once: Back and Forward
    // give no word before they leave it, and Forward to it restored what it showed when first left.
    function keepShown(stay) {
      // (not kept, the entry is the new query's too: typing replaces it)
      if (!kept || !shownFor || unwritten || shownFor.href !== location.href) return;
      try {
        history.replaceState({ episodeSiteShown: shownNow, episodeSiteScroll: window.scrollY }, "", location.href);
      } catch (e) { /* too many calls, or a sandbox: only its first page comes back */ }
      if (!stay) shownFor = null;
    }
    function send() {  // after update(): the query as it is now is an entry of its own
      writeAddress("send");
    }
    // Back or Forward to another search of this page: show it.
    window.addEventListener("popstate", function () {
      var now = new URLSearchParams(location.search);
      back = history.state && history.state.episodeSiteShown ? history.state : null;
      boxes.forEach(function (box) { box.value = now.get("q") || ""; });
      scope = now.get("episode") || "";
      speaker = now.get("speaker") || "";
      if (episodeSelect) { if (scope) option(episodeSelect, scope, scope); episodeSelect.value = scope; }
      if (speakerSelect) { if (speaker) option(speakerSelect, speaker, speaker); speakerSelect.value = speaker; }
      finished = true;
      kept = true;
      update();
      clearTimeout(addressTimer);  // the address is the one gone back to: nothing to write (update() queued it)
      unwritten = null;
    });
    // Leaving before the pause (a result clicked at once): Back must find this query, the
    // results shown and where the page was scrolled.
    function leave() {
      writeAddress();
      if (container.hasAttribute("data-query")) {
        history.replaceState({ episodeSiteShown: shownNow, episodeSiteScroll: window.scrollY }, "", location.href);
      }
    }
    container.addEventListener("click", leave, true);
    window.addEventListener("pagehide", leave);
    boxes.forEach(function (box) {
      box.addEventListener("input", function () {
        boxes.forEach(function (other) { if (other !== box) other.value = box.value; });
        finished = false;
        update();
      });
      if (box.form) box.form.addEventListener("submit", function (e) { e.preventDefault(); finished = true; update(); send(); });
    });
    if (episodeSelect) episodeSelect.addEventListener("change", function () {
      fill().then(function () { return load(); }).then(function (data) {
        var chosen = speakerSelect ? speakerSelect.value : "";
        fillSpeakers(data, speakerSelect, episodeSelect.value);
        if (chosen && !speakerSelect.value) dropSpeaker(data, chosen);  // the new episode's list lacks them: said, not silently "Anyone"
        update();
        send();
      });
    });
    if (speakerSelect) speakerSelect.addEventListener("change", function () { update(); send(); });
    if (allButton) allButton.addEventListener("click", function () {
      if (episodeSelect) episodeSelect.value = "";
      scope = "";
      fill().then(function () { return load(); }).then(function (data) { fillSpeakers(data, speakerSelect, ""); });
      update();
      send();
      (pageBox || header).focus();
    });
    var initial = params.get("q");
    if (initial || speakerSelect && speakerSelect.value) {  // a speaker's passages, linked to
      if (initial) boxes.forEach(function (box) { box.value = initial; });
      finished = true;  // a query in the address was sent, or shared: its last word is whole
      update();
    } else back = null;
  }

  // For tests and benchmarks: the same search the page runs, on the loaded data.
  window.episodeSiteSearchRun = function (raw, opts) {
    return load().then(function (data) {
      var whole = function (r) { return r.more ? r.more().then(function () { return whole(r); }) : r; };
      return search(data, raw, opts).then(whole).then(function (r) {
        rankTo(r, Infinity);
        return r.hits.map(function (h) { return String(h); });
      });
    });
  };
  // For the test that compares the sharded index with an unsplit one: the ranked
  // [doc, score, words matched] of a query through the page's search and through a
  // full lunr index given as JSON, with the same clauses.
  // opts.episode (a slug) scopes both to one episode.
  window.episodeSiteLightStem = function (w) { return lightStem(w); };  // for the tests that hold these to Python's
  window.episodeSiteOneForChapter = function (firsts, documents, hits, filtered) {  // for the test that holds it to its rule
    var data = makeData({ fields: ["text", "speaker", "chapter"], shards: [], chunk: 8, documents: documents, episodes: firsts.map(function (f, i) { return ["e" + i, f]; }) });
    var v = valuesOf(documents, hits);
    return oneForChapter(data, hits.map(function (h) { return h.doc; }), v, filtered);
  };
  window.episodeSiteNumberRuns = function (ws) { return numberRuns(ws); };
  window.episodeSiteClauseWords = function (text) { return clauseWords(text); };
  window.episodeSiteSearchCompare = function (raw, full, opts) {
    return load().then(function (data) {
      var episode = opts && opts.episode ? data.slugs.indexOf(opts.episode) : null;
      var index = window.lunr.Index.load(full);
      return search(data, raw, { episode: episode }).then(function (r) {
        rankTo(r, Infinity);
        var shape = function (hits) { return hits.map(function (h) { return [String(h.doc), h.score, h.covered]; }); };
        var lunrHits = r.query.words.length ? toHits(r.query, runLunr(index, r.query.words, r.query.joins), function (t) { return !!index.invertedIndex[t]; }) : [];
        var byDoc = dict();
        lunrHits.forEach(function (h) { byDoc[h.doc] = h; });
        var whole = oneForChapter(data, lunrHits.map(function (h) { return h.doc; }), valuesOf(data.manifest.documents, lunrHits), false);
        whole = whole.map(function (d) { return byDoc[d]; }).filter(function (h) { return episode == null || episodeOf(data, h.doc) === episode; });
        return {
          sharded: shape(r.hits.map(function (d) { return hitOf(r.values, d); })), full: shape(whole), complete: r.complete, page: PAGE,
          fuzzy: r.query.words.some(function (w) { return w.fuzzy; })
        };
      });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
