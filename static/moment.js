/* Links to any moment: #t= or ?t= in the forms people paste (3736, 3736s,
 * 1h2m16s, 62:16, 1:02:16) take the reader to the passage covering that time,
 * on whichever chapter page holds it, scrolled into view and highlighted.
 * A link that cannot be honoured says so in a small notice: a time past the
 * end lands on the last passage, an unreadable one leaves the page at the top.
 * Clicking a passage's time follows the link (the address bar shows it) and
 * copies it to the clipboard where the browser allows, saying which it did.
 * The page describes its episode's chapters in <script id="moment-map">:
 * {"chapters": [{"from": seconds, "index": n, "url": relative}], "end": seconds,
 *  "here": n|null, "local": bool}.
 */
(function () {
  "use strict";

  var COLON = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d+))?$/;
  var UNITS = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s)?$/;

  /** Seconds from a clock text, or null; mirrors generator/clock.py parse_clock. A number too
   * large to hold ("#t=" and 400 nines) is none: it was Infinity, "past the end" at "Infinity:NaN:NaN". */
  function parseClock(text) {
    var seconds = clockSeconds(text);
    return seconds !== null && isFinite(seconds) ? seconds : null;
  }

  function clockSeconds(text) {
    text = String(text).trim();
    var m = COLON.exec(text);
    if (m) {
      if (+m[3] >= 60 || (m[1] !== undefined && +m[2] >= 60)) return null;
      return (+(m[1] || 0)) * 3600 + (+m[2]) * 60 + (+m[3]) + (m[4] ? +("0." + m[4]) : 0);
    }
    if (/^\d+(?:\.\d+)?$/.test(text)) return parseFloat(text);
    m = UNITS.exec(text);
    if (m && (m[1] || m[2] || m[3])) {
      return (+(m[1] || 0)) * 3600 + (+(m[2] || 0)) * 60 + parseFloat(m[3] || "0");
    }
    return null;
  }

  /** 1:02:16 past an hour, 2:16 below it; mirrors generator/clock.py format_clock. */
  function formatClock(seconds) {
    var t = Math.floor(seconds), h = Math.floor(t / 3600), m = Math.floor(t % 3600 / 60), s = t % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + two(m) + ":" + two(s) : m + ":" + two(s);
  }

  var notice = null;

  /** Put a dismissible notice (role=status) in the page's flow, before el or at the top of main. */
  function tell(text, el) {
    dismiss();
    var main = document.getElementById("main");
    if (!main) return;
    notice = document.createElement("div");
    notice.className = "moment-notice";
    notice.setAttribute("role", "status");
    var words = document.createElement("p");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "notice-close";
    close.setAttribute("aria-label", "Dismiss this notice");
    close.textContent = "\u00d7";
    close.addEventListener("click", dismiss);
    notice.appendChild(words);
    notice.appendChild(close);
    if (el) el.parentNode.insertBefore(notice, el);
    else main.insertBefore(notice, main.firstChild);
    // Filled once in the page, so screen readers announce the text of the live region.
    var mine = notice;
    setTimeout(function () { if (notice === mine) words.textContent = text; }, 60);
    return notice;
  }

  function dismiss() {
    if (notice && notice.parentNode) notice.parentNode.removeChild(notice);
    notice = null;
  }

  function decoded(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  /** The moment asked for by the URL: {raw, seconds, reach, id} or null.  ``reach``: the latest
   * start of the passage to show.  A time in whole seconds names its whole second, as the pages
   * show times (floored): "#t=32:32" is the passage labelled 32:32 that starts at 32:32.13, not
   * the one before it, which ends there. */
  function requested() {
    var hash = decoded(location.hash.slice(1));
    // "#T=62" too, and a media fragment's other parts after it ("#t=62&foo=1", as players add them)
    var m = /^t=([^&]+)(?:&.*)?$/i.exec(hash);
    var q = m ? m[1] : hash ? null : new URLSearchParams(location.search).get("t");
    // ?t= (as YouTube links write it) only while no #fragment says otherwise: a passage or
    // heading clicked on the page it led to must win over it.
    if (q) {
      var seconds = parseClock(q);
      return { raw: q, seconds: seconds, reach: seconds === null || /\./.test(q) ? seconds : seconds + 0.999 };
    }
    // A passage id (t1330: starts in second 1330) that is not on this page.
    m = /^t(\d+)(?:-\d+)?$/.exec(hash);
    if (m && !document.getElementById(hash)) return { raw: m[1], seconds: +m[1] + 0.999, reach: +m[1] + 0.999, id: hash };
    return null;
  }

  function readMap() {
    var el = document.getElementById("moment-map");
    return el ? JSON.parse(el.textContent) : null;
  }

  /** Index into map.chapters of the chapter page holding time t. */
  function chapterFor(chapters, t) {
    var pick = 0;
    for (var i = 0; i < chapters.length; i++) if (chapters[i].from <= t) pick = i;
    return pick;
  }

  /** The last passage starting at or before t (the first one if t is earlier). */
  function passageFor(t) {
    var all = document.querySelectorAll(".passage[data-start]");
    var pick = all[0] || null;
    for (var i = 0; i < all.length; i++) {
      if (parseFloat(all[i].getAttribute("data-start")) <= t) pick = all[i];
    }
    return pick;
  }

  function unmark() {
    var old = document.querySelectorAll(".is-moment");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-moment");
  }

  /** Unfold any <details> around el, scroll to it (or to the notice above it), mark it and move focus there. */
  function show(el, note) {
    for (var d = el.parentElement; d; d = d.parentElement) {
      if (d.tagName === "DETAILS") d.open = true;
    }
    unmark();
    el.classList.add("is-moment");
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    if (note) tell(note, el).scrollIntoView({ block: "start" });
    else el.scrollIntoView({ block: "start" });
  }

  function go() {
    dismiss();
    var want = requested();
    if (!want) {
      // A passage link (#t1330) on its own page: mark it, unfolding a sponsor read if needed. No
      // moment in the address any more (Back from one): none is marked.
      var target = location.hash.length > 1 && document.getElementById(decoded(location.hash.slice(1)));
      if (target && target.classList.contains("passage")) show(target);
      else unmark();
      return;
    }
    if (want.seconds === null) {
      unmark();  // a moment marked before (the address edited from a readable time) is not this one
      tell("This link\u2019s time (\u201c" + want.raw.slice(0, 40) + "\u201d) could not be read, so you are at the top of the page. Times look like 1:02:16, 62:16 or 3736.");
      window.scrollTo(0, 0);  // as it says, also where the page was scrolled to an earlier moment
      return;
    }
    var map = readMap();
    if (!map) return;
    if (!map.local) {
      if (!map.chapters.length) return;
      var c = map.chapters[chapterFor(map.chapters, want.reach)];
      if (c.index !== map.here) {
        var hash = want.id ? want.id : "t=" + encodeURIComponent(want.raw).replace(/%3A/gi, ":");
        var next = new URL(c.url, location.href);
        if (next.protocol === "file:" && next.pathname.slice(-1) === "/") next.pathname += "index.html";
        location.replace(next.pathname + next.search + "#" + hash);
        return;
      }
    }
    var p = passageFor(want.reach);
    if (!p) return;
    var past = map.end !== undefined && want.seconds > map.end && !want.id;
    show(p, past ? "This link points to " + formatClock(want.seconds) + ", past the end of the episode (" +
      formatClock(map.end) + "): here is its last passage." : null);
  }

  /** Say something briefly in a corner toast (role=status) that fades on its own. */
  var toast = null, toastTimer = 0;
  function flash(text) {
    if (!toast) {
      toast = document.createElement("div");
      toast.className = "toast";
      toast.setAttribute("role", "status");
      document.body.appendChild(toast);
    }
    toast.textContent = text;
    toast.classList.add("is-shown");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.classList.remove("is-shown"); }, 3500);
  }

  // A passage's time is a link to it: follow it as usual, and copy it where allowed.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".passage a.time");
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var label = a.textContent, link = new URL(a.href);
    link.searchParams.delete("t");  // the page may have been reached by ?t=: the link is the passage's alone
    var url = link.href;
    var inBar = function () { flash("Link to " + label + " in the address bar"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { flash("Link to " + label + " copied"); }, inBar);
    } else {
      inBar();
    }
  });

  // Print everything, sponsor reads included.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [].filter.call(document.querySelectorAll("details:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // static/player.js starts at the moment a link asked for, and says what it did in the same toast.
  window.episodeMoment = { parseClock: parseClock, formatClock: formatClock, go: go, requested: requested, flash: flash };
  window.addEventListener("hashchange", go);
  go();
})();
