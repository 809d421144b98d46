/* Listen along: the episode's media on the page, played from any passage, with the
 * transcript following the voice.
 *
 * The page describes its media in <script id="player-config">:
 *   {"kind": "youtube", "videoId", "api", "host", "end", "title"}  YouTube's IFrame API
 *   {"kind": "audio"|"video", "src", "end", "title"}                 the browser's own element
 * Nothing is requested (no media, no script from another host) until the reader presses
 * play; until then the page shows a local poster and its own controls. Without JavaScript
 * the player stays hidden and the passages keep their Watch/Listen links.
 *
 * While the media plays, the passage being spoken carries aria-current="time" (one at a
 * time) and is scrolled into view; scrolling by hand pauses that until the reader asks
 * to go back. On a chapter page, the next chapter's passages are fetched and shown in
 * place before playback reaches them, so the transcript never runs out under the voice.
 * Loads after static/moment.js (both deferred) and uses its clock functions and toast.
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  var configEl = document.getElementById("player-config");
  var moment = window.episodeMoment;
  if (!root || !configEl || !moment) return;
  var cfg = JSON.parse(configEl.textContent);
  var formatClock = moment.formatClock;

  var media = null;        // the adapter, once the reader has pressed play
  var startAt = 0;         // where play starts before anything is loaded
  var following = true;    // scroll the spoken passage into view
  var current = null;      // the element marked aria-current="time"
  var items = [];          // [{el, start}] in time order, for the binary search
  var toggles = root.querySelectorAll('[data-act="toggle"]');
  var seek = root.querySelector(".player-seek");
  var now = root.querySelector(".player-now");
  var followButton = root.querySelector("button.player-follow");
  var elsewhere = root.querySelector(".player-elsewhere");
  var seeking = false;
  var ticking = 0;         // the interval that follows playback, once started
  var end = cfg.end || Infinity;  // the episode's length, then the media's own once it is known

  function clamp(t) { return Math.max(0, Math.min(end, t)); }

  /* A file a second longer than the episode said "2:00:01 / 2:00:00" at its end, and its last second
   * could not be reached with the slider: the length shown is the media's, once it has one. */
  function lengthKnown(seconds) {
    if (!(seconds > 0) || !isFinite(seconds)) return;
    end = seconds;
    seek.max = String(seconds);
    var total = root.querySelector(".player-end");
    if (total) total.textContent = formatClock(seconds);
  }

  // --- the media behind one interface: mount(at), play(), pause(), seek(t), time(), paused(), ended() ---

  /** The browser's own <audio>/<video>: no third-party code; loads when mounted. */
  function htmlMedia(kind) {
    var el = document.createElement(kind);
    var wanted = null;
    el.preload = "auto";
    if (kind === "video") {
      el.setAttribute("playsinline", "");
      el.setAttribute("aria-label", cfg.title);
      var box = root.querySelector(".player-media");
      var poster = box.querySelector(".player-poster");
      if (poster) poster.parentNode.removeChild(poster);
      box.appendChild(el);
    } else {
      root.appendChild(el);  // no controls: not drawn; the player's own controls drive it
    }
    ["play", "playing", "pause", "ended"].forEach(function (name) { el.addEventListener(name, changed); });
    el.addEventListener("error", function () {
      unload("The " + (kind === "video" ? "video" : "audio") + " could not be loaded. The " + (kind === "video" ? "Watch" : "Listen") + " links open it.");
    });
    el.addEventListener("timeupdate", tick);
    el.addEventListener("durationchange", function () { lengthKnown(el.duration); });
    el.addEventListener("loadedmetadata", function () {
      if (wanted !== null) { seekTo(wanted); wanted = null; }
    });
    function setTime(t) {
      if (el.readyState >= 1) seekTo(t);
      else wanted = t;  // before its metadata a media element cannot seek
    }
    /* A server that ignores byte ranges (python -m http.server) leaves the media unseekable: Play
     * from 1:35:55 played 0:00 and said nothing. It still does, but says why. */
    function seekTo(t) {
      var s = el.seekable, ok = t < 0.5;
      for (var i = 0; i < s.length; i++) if (s.start(i) <= t + 0.5 && t <= s.end(i) + 0.5) ok = true;
      if (!ok) moment.flash("The " + (kind === "video" ? "video" : "audio") + " cannot start at " + formatClock(t) + " here: its server sends it only from the beginning.");
      el.currentTime = t;
    }
    return {
      mount: function (at) { el.src = cfg.src; setTime(at); this.play(); },
      play: function () {
        var p = el.play();
        if (p && p.catch) p.catch(function (err) {
          changed();
          // Playing on from the chapter before, a browser may want a press on this page first.
          if (err && err.name === "NotAllowedError") moment.flash("Press Play to go on listening from " + formatClock(el.currentTime || wanted || 0) + ".");
        });
      },
      pause: function () { el.pause(); },
      seek: setTime,
      time: function () { return wanted !== null ? wanted : el.currentTime; },
      paused: function () { return el.paused; },
      ended: function () { return el.ended; },
      element: function () { return el; }
    };
  }

  // Milliseconds YouTube's player has to be ready in once asked for: its API and player load in a
  // second or two on a good connection, ten on a slow mobile one.
  var LOAD_MS = 20000;

  /** Load a script once; `ready` runs when YouTube's API says it is ready, `failed` if it cannot load. */
  function loadYouTubeApi(ready, failed) {
    if (window.YT && window.YT.Player) { ready(); return; }
    var before = window.onYouTubeIframeAPIReady;
    window.onYouTubeIframeAPIReady = function () {
      if (typeof before === "function") before();
      ready();
    };
    var s = document.createElement("script");
    s.src = cfg.api;
    s.async = true;
    s.onerror = function () { s.parentNode.removeChild(s); failed(); };
    document.head.appendChild(s);
  }

  /** YouTube's IFrame API from youtube-nocookie.com, loaded only now that the reader asked. */
  function youtube() {
    var yt = null, ready = false, wanted = 0, wantPlay = true, state = -1, slot = null;
    return {
      mount: function (at) {
        wanted = at;
        var box = root.querySelector(".player-media");
        var poster = box.querySelector(".player-poster");
        slot = document.createElement("div");
        box.appendChild(slot);
        // A request that never answers (a firewall dropping packets) gave no error: the player said
        // "Pause" over a frozen clock. Not ready after LOAD_MS, it says so and can be tried again.
        var mine = slot;
        var late = setTimeout(function () {
          if (!ready && slot === mine && mine.isConnected) unload("The video is taking too long to load. The Watch links open it on YouTube.");
        }, LOAD_MS);
        loadYouTubeApi(function () {
          if (!slot.isConnected) return;  // this try failed and was taken away; a later one loaded the API
          yt = new window.YT.Player(slot, {
            host: cfg.host,
            videoId: cfg.videoId,
            width: "100%",
            height: "100%",
            playerVars: { autoplay: 1, start: Math.floor(at), playsinline: 1, rel: 0 },
            events: {
              onReady: function () {
                clearTimeout(late);
                ready = true;
                if (poster && poster.parentNode) poster.parentNode.removeChild(poster);
                var frame = yt.getIframe && yt.getIframe();
                if (frame) frame.title = "Video: " + cfg.title;
                if (yt.getDuration) lengthKnown(yt.getDuration());
                yt.seekTo(wanted, true);
                if (wantPlay) yt.playVideo();
                changed();
              },
              onStateChange: function (e) { state = e.data; changed(); }
            }
          });
        }, function () { clearTimeout(late); unload("The video could not be loaded. The Watch links open it on YouTube."); });
      },
      element: function () { return slot; },
      play: function () { wantPlay = true; if (ready) yt.playVideo(); },
      pause: function () { wantPlay = false; if (ready) yt.pauseVideo(); changed(); },
      seek: function (t) { wanted = t; if (ready) yt.seekTo(t, true); },
      time: function () { return ready ? yt.getCurrentTime() : wanted; },
      // 1 playing, 3 buffering: both mean the reader asked to hear it.
      paused: function () { return ready ? !(state === 1 || state === 3) : !wantPlay; },
      ended: function () { return ready && state === 0; }
    };
  }

  /** The media could not load: say so, and go back to the controls as they were before play
   * was pressed (pressing it again tries again), the time where it was. */
  function unload(message) {
    if (!media) return;
    var el = media.element();
    if (el && el.parentNode) el.parentNode.removeChild(el);
    startAt = media.time();
    media = null;
    // Nothing is being said: the passage Play was pressed on no longer says it is (aria-current="time").
    if (current) { current.removeAttribute("aria-current"); current = null; }
    root.classList.remove("is-loaded");
    changed();
    moment.flash(message);
  }

  // --- controls ---

  /** Start (loading the media first if needed) at `at`, or go on from where it is. */
  function playAt(at) {
    if (!media) {
      media = cfg.kind === "youtube" ? youtube() : htmlMedia(cfg.kind);
      root.classList.add("is-loaded");
      media.mount(clamp(at));
      if (!ticking) ticking = setInterval(tick, 250);
    } else {
      if (at !== null) media.seek(clamp(at));  // the passage played there is marked, the rest unmarked
      else unpoint(current);  // on from a pause: the passage heard is the current one
      media.play();
    }
    changed();
  }

  function toggle() {
    if (!media) playAt(startAt);
    // Played to the end, Play starts again where this page starts (its chapter), as it did at first:
    // the media element itself went back to 0:00, the episode's opening, on any page.
    else if (media.ended()) playAt(pageStart());
    else if (media.paused()) playAt(null);
    else media.pause();
  }

  function skip(by) {
    if (!media) { startAt = clamp(startAt + by); show(startAt); return; }
    media.seek(clamp(media.time() + by));
    tick();
  }

  /** Reflect play/pause on the buttons. */
  function changed() {
    var playing = !!media && !media.paused();
    root.classList.toggle("is-playing", playing);
    for (var i = 0; i < toggles.length; i++) {
      if (toggles[i].classList.contains("player-toggle")) toggles[i].setAttribute("aria-label", playing ? "Pause" : "Play");
    }
    tick();
  }

  function show(t) {
    now.textContent = formatClock(t);
    if (!seeking) {
      seek.value = String(Math.floor(t));
      seek.setAttribute("aria-valuetext", formatClock(t));
    }
  }

  // --- from the player to the transcript ---

  function collect() {
    items = [].map.call(document.querySelectorAll(".passage[data-start], .chapter-list li[data-start]"), function (el) {
      return { el: el, start: parseFloat(el.getAttribute("data-start")) };
    });
    items.sort(function (a, b) { return a.start - b.start; });
  }

  /** The last item starting at or before t (binary search), or null before the first. */
  function itemAt(t) {
    var lo = 0, hi = items.length - 1, pick = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (items[mid].start <= t + 0.05) { pick = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return pick < 0 ? null : items[pick].el;
  }

  function tick() {
    if (!media) return;
    var t = media.time();
    show(t);
    nextChapter(t);
    var el = itemAt(t);
    if (el && el !== current) mark(el, false);
    else if (!el && current) {  // before this page's first passage: nothing here is being said
      current.removeAttribute("aria-current");
      current = null;
      unpoint(null);
    }
    playedElsewhere(el ? null : t);
  }

  /* Played back into an earlier chapter (-10 s, Home, the slider), the page showed nothing being
   * said and no way there: a link to the passage being played, on its chapter's page. */
  function playedElsewhere(t) {
    if (!elsewhere) return;
    var ch = null;
    if (t !== null && map && !map.local) {
      for (var i = 0; i < map.chapters.length; i++) if (map.chapters[i].from <= t + 0.05) ch = map.chapters[i];
    }
    if (!ch || ch.index === map.here) { elsewhere.hidden = true; return; }
    var page = new URL(ch.url, location.href);
    if (page.protocol === "file:" && page.pathname.slice(-1) === "/") page.pathname += "index.html";
    page.hash = "t=" + Math.floor(t);
    elsewhere.href = page.href;
    elsewhere.textContent = "Show the passage at " + formatClock(Math.floor(t));
    elsewhere.hidden = false;
    followButton.hidden = true;  // nothing on this page to go back to
  }

  function mark(el, force) {
    if (current) current.removeAttribute("aria-current");
    current = el;
    el.setAttribute("aria-current", "time");
    unpoint(el);
    if (following || force) reveal(el, force);
  }

  /** The passage a link pointed at (or whose time was clicked) stops looking like the one being said
   * once playback moves: on to another passage, off this page, or on from a pause. */
  function unpoint(keep) {
    var pointed = document.querySelectorAll(".is-moment");
    for (var i = 0; i < pointed.length; i++) if (pointed[i] !== keep) pointed[i].classList.remove("is-moment");
  }

  var ours = false, oursTimer = 0;
  function reduced() { return window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches; }

  /** Scroll el into the middle of what the player leaves visible, unless it is already well in view. */
  function reveal(el, always) {
    var target = el;
    for (var d = el.parentElement; d; d = d.parentElement) {
      if (d.tagName === "DETAILS" && !d.open) target = d;  // a folded sponsor read: show its summary
    }
    var r = target.getBoundingClientRect();
    var bottom = window.innerHeight - dockHeight();
    if (!always && r.top >= window.innerHeight * 0.12 && r.bottom <= bottom - window.innerHeight * 0.12) return;
    ours = true;
    clearTimeout(oursTimer);
    oursTimer = setTimeout(function () { ours = false; }, 1500);
    target.scrollIntoView({ block: "center", behavior: reduced() ? "auto" : "smooth" });
  }

  function dockHeight() {
    var r = root.getBoundingClientRect();
    return getComputedStyle(root).position === "fixed" ? r.height : 0;
  }

  function stopFollowing() {
    if (!media || !following || media.paused()) return;
    following = false;
    followButton.hidden = false;
  }

  function resumeFollowing() {
    following = true;
    followButton.hidden = true;
    if (current) {
      if (!current.hasAttribute("tabindex")) current.setAttribute("tabindex", "-1");
      current.focus({ preventScroll: true });
      reveal(current, true);
    }
  }

  // Scrolling by hand: the wheel, a finger, the keyboard, or the scroll bar dragged with a button down.
  var buttonDown = false;
  window.addEventListener("wheel", stopFollowing, { passive: true });
  window.addEventListener("touchmove", stopFollowing, { passive: true });
  document.addEventListener("mousedown", function () { buttonDown = true; });
  document.addEventListener("mouseup", function () { buttonDown = false; });
  window.addEventListener("scroll", function () { if (buttonDown && !ours) stopFollowing(); }, { passive: true });
  window.addEventListener("scrollend", function () { ours = false; });

  // --- the next chapter, shown in place before playback reaches it ---

  // Opened from disk, a fetch of the next page is refused (and logged as an error): not tried.
  var map = null, next = -1, loading = false, failed = location.protocol === "file:", leaving = false;
  (function () {
    var el = document.getElementById("moment-map");
    if (!el) return;
    map = JSON.parse(el.textContent);
    if (map.local || map.here === null || map.here === undefined) return;
    for (var i = 0; i < map.chapters.length; i++) if (map.chapters[i].index === map.here) next = i + 1;
  })();

  var LEAD = 30;  // seconds before a chapter starts that its passages are fetched
  var GO_ON = "episode-player-go-on";  // sessionStorage: the page playback moved to from disk, to play on
  function nextChapter(t) {
    if (!map || next < 1 || next >= map.chapters.length || loading) return;
    var ch = map.chapters[next];
    if (t < ch.from - LEAD) return;
    if (failed) {
      // Opened from disk, pages cannot be fetched: go to the chapter page at this second.
      if (t >= ch.from && !leaving) {
        leaving = true;  // once: every tick after this one would start the same navigation again, cutting it short
        var page = new URL(ch.url, location.href);
        if (page.protocol === "file:" && page.pathname.slice(-1) === "/") page.pathname += "index.html";  // no server to add it
        page.hash = "t=" + Math.floor(t);
        // Playing, it goes on playing there: the new page had been silent until Play was pressed again.
        if (media && !media.paused()) try { sessionStorage.setItem(GO_ON, page.href); } catch (e) { /* storage off */ }
        location.href = page.href;
      }
      return;
    }
    loading = true;
    fetch(ch.url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var passages = doc.querySelector("article .passages");
      var title = doc.querySelector("h1");
      if (!passages) throw new Error("no passages");
      var section = document.createElement("section");
      section.className = "followed-chapter";
      section.setAttribute("aria-labelledby", "followed-" + ch.index);
      var h = document.createElement("h2");
      h.id = "followed-" + ch.index;
      var a = document.createElement("a");
      a.href = ch.url;
      a.textContent = "Chapter " + (ch.index + 1) + ": " + (title ? title.textContent : "");
      h.appendChild(a);
      section.appendChild(h);
      section.appendChild(document.importNode(passages, true));
      var article = document.querySelector("article.chapter") || document.getElementById("main");
      article.appendChild(section);
      addPlayButtons(section);
      collect();
      next += 1;
      loading = false;
      tick();
    }).catch(function () { failed = true; loading = false; });
  }

  // --- from the transcript to the player ---

  /** A "Play from 1:02:16" button beside each passage's time (and each chapter on the episode page). */
  function addPlayButtons(scope) {
    var metas = scope.querySelectorAll(".passage[data-start] > .meta, .chapter-list li[data-start]");
    for (var i = 0; i < metas.length; i++) {
      var holder = metas[i];
      if (holder.querySelector(".play-from")) continue;
      var item = holder.closest("[data-start]");
      var anchor = holder.querySelector("a.time") || holder.querySelector("a");
      var label = anchor && anchor.classList.contains("time") ? anchor.textContent : formatClock(parseFloat(item.getAttribute("data-start")));
      var b = document.createElement("button");
      b.type = "button";
      b.className = "play-from";
      b.appendChild(document.createTextNode("Play"));
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      // An estimated time is read "about 10:08" beside it: the button says the same.
      hidden.textContent = " from " + (holder.querySelector(".approx") ? "about " : "") + label;
      b.appendChild(hidden);
      var after = anchor ? anchor.nextSibling : null;
      holder.insertBefore(document.createTextNode(" "), after);
      holder.insertBefore(b, after);
    }
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".play-from");
    if (!b) return;
    var item = b.closest("[data-start]");
    var at = parseFloat(item.getAttribute("data-start"));
    following = true;
    followButton.hidden = true;
    playAt(at);
    mark(item, false);
  });

  root.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-act]");
    if (!b) return;
    var act = b.getAttribute("data-act");
    if (act === "toggle") toggle();
    else if (act === "back") skip(-10);
    else if (act === "forward") skip(10);
    else if (act === "share") share();
    else if (act === "follow") resumeFollowing();
  });

  seek.addEventListener("input", function () {
    seeking = true;
    var t = +seek.value;
    seek.setAttribute("aria-valuetext", formatClock(t));
    now.textContent = formatClock(t);
    if (media) media.seek(t); else startAt = t;
    seeking = false;
  });

  /** Copy a link to this second of playback; say which it did. */
  function share() {
    var t = Math.floor(media ? media.time() : startAt);
    var label = formatClock(t);
    var url = location.href.replace(/[?#].*$/, "") + "#t=" + label;
    var inBar = function () {
      history.replaceState(null, "", url);
      moment.flash("Link to " + label + " in the address bar");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { moment.flash("Link to " + label + " copied"); }, inBar);
    } else {
      inBar();
    }
  }

  // --- keyboard: Space/K play and pause, J/L ten seconds back and on ---

  function inField(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  document.addEventListener("keydown", function (e) {
    // The player's own slider takes no letters: K/J/L/Space work there too (it has the focus after
    // "Skip to the player"); its arrows, Home and End move it, not the page.
    var onSeek = e.target === seek;
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (inField(e.target) && !onSeek)) return;
    var key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    // Space is the page's own "scroll down" until the reader has started the player,
    // and activates a focused button or link as usual.
    var onControl = e.target.closest && e.target.closest("button, a, summary");
    if (key === "k" || (key === " " && media && !onControl)) {
      e.preventDefault();
      toggle();
    } else if (key === "j" || key === "l") {
      e.preventDefault();
      skip(key === "j" ? -10 : 10);
    } else if (!onSeek && /^(PageUp|PageDown|ArrowUp|ArrowDown|Home|End| )$/.test(key)) {
      stopFollowing();
    }
  });

  // --- start: where a moment link points, the buttons, the player shown ---

  function fromLink() {
    var want = moment.requested();
    if (want && want.id) {
      var el = document.getElementById(want.id);
      // No passage by that id any more (a rebuild moved it): the second it names, where moment.js
      // marks the passage covering it, not the chapter's start a minute away.
      return el ? parseFloat(el.getAttribute("data-start")) : parseFloat(want.raw);
    }
    if (want) return want.seconds;
    var hash = location.hash.slice(1);
    var target = hash && document.getElementById(hash);
    if (target && target.hasAttribute("data-start")) return parseFloat(target.getAttribute("data-start"));
    return null;
  }

  /** Where Play starts on this page without a link: a chapter page at its own first passage, not
   * the episode's opening; other pages at 0:00. */
  function pageStart() {
    var first = document.querySelector(".passage[data-start]");
    if (map && !map.local && map.here !== null && map.here !== undefined && first) return parseFloat(first.getAttribute("data-start"));
    return 0;
  }

  function aimAtLink() {
    if (media) return;
    var t = fromLink();
    if (t === null) t = pageStart() || null;
    if (t !== null && !isNaN(t)) { startAt = clamp(t); show(startAt); }
  }

  window.addEventListener("hashchange", aimAtLink);
  collect();
  addPlayButtons(document);
  aimAtLink();
  root.hidden = false;
  (function goOn() {
    var to = null;
    try { to = sessionStorage.getItem(GO_ON); sessionStorage.removeItem(GO_ON); } catch (e) { return; }
    if (to === location.href) playAt(startAt);
  })();
  // Reloaded mid-play, or come Back to, the page started again at its link or chapter: the reader's
  // place was lost. The second it was left at is kept for this tab, and Play goes on from there.
  var LEFT_AT = "episode-player-left-at";
  window.addEventListener("pagehide", function () {
    if (!media) return;
    try {
      // Played to its end, the page starts afresh: Play would have played nothing, the end at once.
      if (media.ended()) sessionStorage.removeItem(LEFT_AT);
      else sessionStorage.setItem(LEFT_AT, JSON.stringify({ href: location.href, at: media.time() }));
    } catch (e) { /* storage off */ }
  });
  (function resume() {
    var left = null;
    try { left = JSON.parse(sessionStorage.getItem(LEFT_AT) || "null"); } catch (e) { return; }
    if (media || !left || left.href !== location.href || !(left.at >= 0)) return;
    startAt = clamp(left.at);
    show(startAt);
  })();
  // It comes after the text in the page (on a phone, below it): on a transcript page hundreds of
  // Tab presses away without this link to it, shown, as "Skip to content" is, on focus.
  var toPlayer = document.getElementById("skip-player");
  if (toPlayer) {
    toPlayer.hidden = false;
    // The focus itself goes there: followed as a link, only Tab's starting point moved, and once
    // play had scrolled the page, Chromium's next Tab went to the passage played, not the controls.
    toPlayer.addEventListener("click", function (e) {
      e.preventDefault();
      root.setAttribute("tabindex", "-1");
      root.focus();
    });
  }
  window.episodePlayer = { time: function () { return media ? media.time() : startAt; }, playAt: playAt };
})();
