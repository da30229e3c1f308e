// The dashboard's own browser script, run on every page before Streamlit's (served at <base>/_app/app.js,
// added to the page by web/assets.py, allowed by the policy as a file of this origin: no inline code).
// For what Streamlit cannot do from Python: <html lang>, focus after a page change, the charts' toolbars out of
// the Tab order, the menu closing on a phone, the page following a table's active cell, "Fler filter" naming
// its count to the keyboard, and Streamlit's few fixed English words in the Swedish interface.
(function () {
  "use strict";
  // Where the server is, for Streamlit's client: the folder this file is served from (<base>/_app/app.js).
  // Without it, a first visit to a deep link (/regioner) asked /regioner/_stcore/health and host-config, got
  // a page instead, and only then tried /_stcore/: one round trip lost before the websocket (0,9 s on an
  // emulated phone network). This file runs first in <head>, before the client reads window.__streamlit.
  var src = document.currentScript && document.currentScript.src;
  var at = src ? src.indexOf("/_app/app.js") : -1;
  var base = at > 0 ? src.slice(0, at) : ".";
  if (at > 0 && !(window.__streamlit && window.__streamlit.BACKEND_BASE_URL)) {
    window.__streamlit = Object.assign({}, window.__streamlit, { BACKEND_BASE_URL: base });
  }

  // ---------------------------------------------------------------- the client's start
  // web/bundle.py took Streamlit's entry script and the ~60 files it imports out of the page shell (where the shell
  // is Streamlit's own) and named them in <meta name="app-shell">. Over HTTP/1.1 those are about ten rounds of six
  // requests, 1.5 s on a phone's network before the client can even start; the service worker (assets/sw.js) hands
  // them over from one response instead. On a first visit the worker installs while that response downloads; on a
  // later one it is already there. Without a worker, or if it does not take the page soon after the response is
  // here, the client starts as Streamlit's own markup starts it: the entry script and a preload for each file.
  // This runs first in this file, so that nothing else here can keep the client from starting; should it fail
  // itself, the client starts over the network, and should this file never run, a few lines in the page shell do
  // it after 4 s (web/bundle.py, SAFETY_NET: they act only while shellVia is unset).
  var originalFetch = window.fetch;
  // Where Streamlit's client files are (<base>/static/), as the worker is told them and the client asks for them.
  var staticPrefix = new URL(base + "/static/", window.location.href).href;
  function registerWorker() {
    return navigator.serviceWorker.register(base + "/_app/sw.js", { scope: base + "/" });
  }
  // How long the client's start waits for the service worker to take the page, or to answer (about 0.1 s on a
  // phone's network, a few ms on this machine), and for the bundle itself: longer, and it goes on without them.
  var WORKER_WAIT_MS = 2000;
  var BUNDLE_WAIT_MS = 6000;
  (function startClient() {
    var meta = document.querySelector("meta[name='app-shell']");
    if (!meta) return;
    var names = (meta.getAttribute("content") || "").split(" ").filter(function (n) { return /^[\w.\-]+\.js$/.test(n); });
    if (!names.length) return;
    var started = false;
    document.documentElement.dataset.shellVia = "waiting";
    function start(via) {
      if (started) return;
      started = true;
      // How the client's code came (a browser test reads it): "worker", or "network" and why not.
      document.documentElement.dataset.shellVia = via;
      if (via !== "worker") {
        names.slice(1).forEach(function (name) {
          var link = document.createElement("link");
          link.rel = "modulepreload";
          link.crossOrigin = "anonymous";
          link.href = staticPrefix + "js/" + name;
          document.head.appendChild(link);
        });
      }
      lateFallback();
      var script = document.createElement("script");
      script.type = "module";
      script.crossOrigin = "anonymous";
      script.src = staticPrefix + "js/" + names[0];
      document.head.appendChild(script);
    }
    try {
      viaWorker();
    } catch (e) {
      start("network-error");
    }

    function viaWorker() {
      var bundle = meta.getAttribute("data-bundle");
      var sw = navigator.serviceWorker;
      if (!bundle || !sw || typeof MessageChannel !== "function" || typeof originalFetch !== "function") {
        start("network");
        return;
      }
      var aborter = typeof AbortController === "function" ? new AbortController() : null;
      function fallBack(why) {
        if (started) return;
        if (aborter) aborter.abort();  // its bandwidth is the network start's now
        start("network-" + why);
      }
      var buffer = null;
      function hand() {
        var controller = sw.controller;
        if (started || !buffer || !controller) return;
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { start("worker"); };
        var body = buffer;
        buffer = null;
        controller.postMessage({ type: "bundle", batch: "shell", prefix: staticPrefix, buffer: body }, [channel.port2, body]);
        window.setTimeout(function () { fallBack("no-reply"); }, WORKER_WAIT_MS);
      }
      sw.addEventListener("controllerchange", hand);
      originalFetch.call(window, base + "/_app/late/" + bundle,
                         { credentials: "same-origin", signal: aborter ? aborter.signal : undefined })
        .then(function (response) { return response.ok ? response.arrayBuffer() : null; })
        .then(function (body) {
          if (!body) return fallBack("no-bundle");
          buffer = body;
          hand();
        }, function () { fallBack("no-bundle"); });
      try {
        registerWorker().then(function (registration) {
          // A forced reload is not served by the worker, and an active worker does not take a page again: go on
          // without it rather than wait.
          if (!sw.controller && !registration.installing && !registration.waiting) fallBack("reload");
        }, function () { fallBack("refused"); });
      } catch (e) {
        fallBack("refused");
      }
      // A worker that has not taken the page by then (one the browser never starts, a very slow line) costs no more,
      // nor does a bundle that stalls.
      window.setTimeout(function () { if (!sw.controller) fallBack("no-worker"); }, WORKER_WAIT_MS);
      window.setTimeout(function () { fallBack("slow-bundle"); }, BUNDLE_WAIT_MS);
    }
  })();

  // The window's width for the server, which Streamlit tells nothing about the screen: the money trail leaves
  // out a column below 1100 px (components/shell.narrow). A session cookie, sent with the websocket's handshake,
  // so this must run before the client connects; layout only, never stored or logged by the app.
  // Scoped to the app's own path (behind a proxy, /psykisk-halsa/), not to every app on the host.
  var cookiePath = new URL(base + "/", window.location.href).pathname;
  function tellWidth() {
    try {
      document.cookie = "vw=" + Math.round(window.innerWidth) + "; path=" + cookiePath + "; SameSite=Strict";
    } catch (e) { /* a sandboxed frame has no cookies: the layout for a wide window, nothing worse */ }
  }
  tellWidth();
  window.addEventListener("resize", tellWidth);

  // The code the page's first run will need (web/preload.py names it in the page shell), fetched while the
  // client checks the server and connects, when the browser's six connections to it are otherwise idle. Asked
  // for right after the client's own health and host-config requests, so that those are not queued behind it;
  // should Streamlit rename them, 3 s after the page's load event (or the client's start, below).
  var preloaded = false;
  var lateMeta = document.querySelector("meta[name='app-late-preload']");
  function preloadLate(trigger) {
    var meta = lateMeta;
    if (preloaded || !meta) return;
    preloaded = true;
    // Which moment asked for them (a browser test expects "host-config": "load" means Streamlit renamed it).
    document.documentElement.dataset.latePreload = trigger;
    var names = (meta.getAttribute("content") || "").split(" ");
    var bundle = meta.getAttribute("data-bundle");
    var controller = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (bundle && controller) {
      lateBundle(controller, names, bundle);
      return;
    }
    document.documentElement.dataset.lateVia = "links";
    names.forEach(function (name) {
      var kind = /^[\w.\-]+\.(js|css)$/.exec(name);
      if (!kind) return;
      var link = document.createElement("link");
      if (kind[1] === "js") {
        link.rel = "modulepreload";
      } else {
        link.rel = "preload";
        link.as = "style";
      }
      // Streamlit's loader asks for both with crossorigin; a preload in another mode would not be used.
      link.crossOrigin = "anonymous";
      link.setAttribute("fetchpriority", "low");
      link.href = base + "/static/" + kind[1] + "/" + name;
      document.head.appendChild(link);
    });
  }
  // The same files as one response (web/bundle.py), which the app's service worker (assets/sw.js) then hands to
  // the client as it asks for each: one request instead of about sixty, six at a time. The worker is told which
  // files to hold back for the bundle before it is fetched, so that none is fetched twice.
  var batches = 0;
  function lateBundle(controller, names, bundle) {
    document.documentElement.dataset.lateVia = "bundle";
    var batch = String(Date.now()) + "-" + String(++batches);
    controller.postMessage({ type: "expect", batch: batch, prefix: staticPrefix, names: names });
    var done = function (buffer) {
      controller.postMessage({ type: "bundle", batch: batch, prefix: staticPrefix, buffer: buffer },
                             buffer ? [buffer] : []);
    };
    originalFetch.call(window, base + "/_app/late/" + bundle, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.arrayBuffer() : null; })
      .then(done, function () { done(null); });
  }
  // Registered on every page that has a bundle; the first visit's page is served by it as soon as it is active
  // (it claims its pages), usually long before the client asks for host-config. Where a browser has no service
  // worker, or refuses one (some private windows), the late list's preloads above do the same job more slowly.
  if (lateMeta && lateMeta.getAttribute("data-bundle") && navigator.serviceWorker &&
      !document.querySelector("meta[name='app-shell']")) {
    try {
      registerWorker().catch(function () {});
    } catch (e) { /* no worker: the links */ }
  }
  if (typeof originalFetch === "function") {
    window.fetch = function (resource) {
      var result = originalFetch.apply(window, arguments);
      // Only watching: nothing here may turn the caller's request into an exception.
      try {
        if (!preloaded) {
          var url = resource && typeof resource === "object" && "url" in resource ? resource.url : String(resource);
          if (url.indexOf("_stcore/host-config") >= 0) preloadLate("host-config");
        }
      } catch (e) { /* the preload is an optimisation; the request goes on regardless */ }
      return result;
    };
  }

  // The client asks for host-config once it has mounted, which can be just after the load event: the fallback
  // waits a while longer, so that it only ever acts when the request did not come.
  // Where app.js starts the client itself (startClient, above), the wait counts from that start instead.
  function lateFallback() { window.setTimeout(function () { preloadLate("load"); }, 3000); }
  if (!document.querySelector("meta[name='app-shell']")) window.addEventListener("load", lateFallback);

  var root = document.documentElement;
  // Proof that the file was loaded and ran under the page's Content-Security-Policy (a browser test reads it).
  root.dataset.appScript = "loaded";

  function lang() {
    return new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "sv";
  }

  // ---------------------------------------------------------------- <html lang> follows the interface
  function syncLang() {
    var value = lang();
    if (root.lang !== value) root.lang = value;
  }

  // ---------------------------------------------------------------- focus on the new page's heading
  // After a page is chosen in the menu, keyboard and screen-reader users land on its heading instead of staying
  // in the menu (and tabbing past every filter). Only after a change of page, never on the first load.
  var lastPath = window.location.pathname;
  var pendingFocus = false;

  function focusHeading() {
    var app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") === "running") return false;
    var heading = document.querySelector("[data-testid='stMain'] h1");
    if (!heading) return false;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
    return true;
  }

  function onLocation() {
    syncLang();
    if (window.location.pathname !== lastPath) {
      lastPath = window.location.pathname;
      pendingFocus = true;
    }
  }

  // A page change from the menu pushes the bare path (/data); the new page's first run then writes the
  // session's filters into the address, which Streamlit pushes as a second entry (/data?year=2025). Back
  // from there landed on the bare path, which reads as the unfiltered view. That second write is made a
  // replacement: one entry per page change. Any click or key in between is the reader's own change, and
  // stays an entry of its own.
  var carry = null;
  function forget() { carry = null; }
  document.addEventListener("pointerdown", forget, true);
  document.addEventListener("keydown", forget, true);

  var replace = history.replaceState;
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function (state, title, url) {
      var target = null;
      try { target = new URL(url === undefined || url === null ? window.location.href : url, window.location.href); }
      catch (e) { target = null; }
      var result;
      if (name === "pushState" && target && carry && Date.now() - carry.at < 10000 &&
          target.pathname === carry.path && window.location.pathname === carry.path &&
          !window.location.search && target.search) {
        carry = null;
        result = replace.apply(this, arguments);
      } else {
        var before = window.location.pathname;
        result = original.apply(this, arguments);
        carry = name === "pushState" && target && target.pathname !== before && !target.search
          ? { path: target.pathname, at: Date.now() } : null;
      }
      onLocation();
      return result;
    };
  });
  window.addEventListener("popstate", function () { carry = null; onLocation(); });

  // ---------------------------------------------------------------- the menu closes after a choice on a phone
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-testid='stSidebarNavLink']");
    if (!link || window.innerWidth >= 768) return;
    var close = document.querySelector("[data-testid='stSidebarCollapseButton'] button, " +
                                       "[data-testid='stSidebar'] [data-testid='stBaseButton-headerNoPadding']");
    if (close) window.setTimeout(function () { close.click(); }, 50);
  }, true);

  // ---------------------------------------------------------------- the keyboard in a table at full height
  // The data grid moves its active cell with the arrow keys and scrolls only itself. A table drawn at its full
  // height (every chart's "Visa som tabell") has nothing of its own to scroll, so the cell went below the screen
  // with the focus on it (WCAG 2.4.7). The page follows the cell instead. The cell is a hidden element of the
  // grid's accessible table ("glide-cell-<column>-<row>"); its place is the canvas's top plus its row.
  // The grid gives the cell the focus a moment after the key (after its own drawing): follow the focus itself.
  document.addEventListener("focusin", function (event) {
    var cell = event.target;
    var match = cell && /^glide-cell-\d+-(\d+)$/.exec(cell.id || "");
    var grid = match && cell.closest("[data-testid='stDataFrame']");
    var canvas = grid && grid.querySelector("canvas[data-testid='data-grid-canvas']");
    var scroller = grid && grid.querySelector(".dvn-scroller");
    var table = grid && cell.closest("table");
    var page = grid && grid.closest("[data-testid='stMain']");
    if (!canvas || !table || !page || (scroller && scroller.scrollHeight > scroller.clientHeight + 1)) return;
    var rows = parseInt(table.getAttribute("aria-rowcount"), 10);
    if (!rows) return;
    var box = canvas.getBoundingClientRect();
    var height = box.height / rows;
    var top = box.top + (parseInt(match[1], 10) + 1) * height;  // + 1: the header row
    var view = page.getBoundingClientRect();
    // Streamlit's header stays over the page's top (opaque on a phone): the cell and the grid's own header row
    // above it must come out below it.
    var header = document.querySelector("[data-testid='stHeader']");
    var visibleTop = Math.max(view.top, 0, header ? header.getBoundingClientRect().bottom : 0);
    var below = top + 2 * height - Math.min(view.bottom, window.innerHeight);
    var above = visibleTop + height - top;
    if (below > 0) page.scrollBy(0, below);
    else if (above > 0) page.scrollBy(0, -above);
  });

  // ---------------------------------------------------------------- fixed English words, Swedish interface
  var SWEDISH = { "Select all": "Välj alla", "Clear all": "Rensa alla", "No results": "Inga träffar",
                  "Show/hide columns": "Visa/dölj kolumner", "Download as CSV": "Ladda ned som CSV",
                  "Search": "Sök", "Fullscreen": "Helskärm", "Close fullscreen": "Stäng helskärm",
                  // Streamlit's notice for an address that is no page of the app (/regioner/x is first sent to
                  // /regioner by web/assets.py; /nosuchpage lands here).
                  "Page not found": "Sidan finns inte",
                  "The page that you have requested does not seem to exist. Running the app's main page.":
                    "Adressen leder inte till någon av panelens sidor. Här visas startsidan.",
                  // The first Tab stop of every page (Streamlit's skip link).
                  "Skip to main content": "Hoppa till sidans innehåll" };
  // Words with a number in them: the filter box's "Select all" for a search, and what the lists announce to a
  // screen reader ("21 options available.", in a live region nobody sees).
  var PATTERNS = [[/^Select (\d+) matches$/, "Välj $1 träffar"], [/^1 option available\.$/, "1 alternativ."],
                  [/^(\d+) options available\.$/, "$1 alternativ."]];
  // Streamlit's and the map's own labels for screen readers and tooltips ("Help for År", "Search: <table>").
  var LABELS = [
    [/^Show\/hide columns/, "Visa/dölj kolumner"], [/^Download as CSV/, "Ladda ned som CSV"],
    [/^Search(?=:|$)/, "Sök"], [/^Close fullscreen/, "Stäng helskärm"], [/^Fullscreen/, "Helskärm"],
    [/^Help for /, "Hjälp för "], [/^Clear value$/, "Rensa värdet"], [/^Clear all$/, "Rensa alla"],
    [/^Collapse sidebar$/, "Dölj sidopanelen"], [/^Expand sidebar$/, "Visa sidopanelen"],
    [/^Map$/, "Karta"], [/^Zoom in$/, "Zooma in"], [/^Zoom out$/, "Zooma ut"],
    [/^Toggle attribution$/, "Visa eller dölj kartans källa"], [/^Open$/, "Öppna"], [/^Close$/, "Stäng"],
    // The charts' toolbar (Plotly's buttons and Streamlit's full-screen button in it): tooltips from data-title.
    [/^Download plot as a PNG$/, "Ladda ned diagrammet som PNG"], [/^Reset view$/, "Återställ vyn"]
  ];

  function labels(node, swedish) {
    ["aria-label", "title", "data-title"].forEach(function (attr) {
      node.querySelectorAll("[" + attr + "]").forEach(function (el) {
        var keep = "data-en-" + attr;
        var value = el.getAttribute(attr);
        if (!swedish) {  // back to English: React does not redraw an attribute it believes unchanged
          if (el.hasAttribute(keep) && value === el.getAttribute("data-sv-" + attr)) {
            el.setAttribute(attr, el.getAttribute(keep));
          }
          return;
        }
        for (var i = 0; i < LABELS.length; i++) {
          if (LABELS[i][0].test(value)) {
            var swedishValue = value.replace(LABELS[i][0], LABELS[i][1]);
            el.setAttribute(keep, value);
            el.setAttribute("data-sv-" + attr, swedishValue);
            el.setAttribute(attr, swedishValue);
            break;
          }
        }
      });
    });
  }

  function translate(node) {
    var swedish = lang() === "sv";
    labels(node, swedish);
    if (!swedish) {
      // Back to English where the element outlived the switch (the skip link is drawn once, with the page).
      node.querySelectorAll("[data-en-text]").forEach(function (el) {
        if (el.textContent === el.getAttribute("data-sv-text")) el.textContent = el.getAttribute("data-en-text");
        el.removeAttribute("data-en-text");
        el.removeAttribute("data-sv-text");
      });
      return;
    }
    node.querySelectorAll("li, [role='option'], div, [role='dialog'] h2, a[data-testid='stSkipToContent']")
      .forEach(function (el) {
        if (el.childElementCount !== 0) return;
        var text = el.textContent.trim();
        var value = SWEDISH[text] || null;
        for (var i = 0; !value && i < PATTERNS.length; i++) {
          if (PATTERNS[i][0].test(text)) value = text.replace(PATTERNS[i][0], PATTERNS[i][1]);
        }
        if (!value) return;
        el.setAttribute("data-en-text", el.textContent);
        el.setAttribute("data-sv-text", value);
        el.textContent = value;
      });
  }

  // ---------------------------------------------------------------- the charts' toolbars out of the Tab order
  // The table under every chart is the keyboard's way to the figures; 13 toolbar stops per chart are noise.
  function untab(node) {
    node.querySelectorAll(".modebar a, .modebar button").forEach(function (el) {
      if (el.getAttribute("tabindex") !== "-1") el.setAttribute("tabindex", "-1");
    });
    node.querySelectorAll(".modebar-container").forEach(function (el) {
      el.setAttribute("aria-hidden", "true");
    });
    // The map's canvas took focus with no visible ring, and the arrow keys then panned Sweden out of its box
    // with no way back (the toolbar's reset is out of the Tab order). Its table is the keyboard's way.
    node.querySelectorAll("canvas.maplibregl-canvas").forEach(function (el) {
      if (el.getAttribute("tabindex") !== "-1") el.setAttribute("tabindex", "-1");
    });
  }

  // ---------------------------------------------------------------- "Fler filter" says what it holds
  // The count of filters chosen under it is a caption below the expander (components/sidebar.py); the Tab key
  // goes from the expander's button straight past it, so the button carries it as its description.
  function describeMore() {
    var summary = document.querySelector("[data-testid='stSidebar'] .st-key-flt_more summary");
    if (!summary) return;
    var count = document.querySelector("[data-testid='stSidebar'] .st-key-flt_more_count");
    var text = count ? count.textContent.trim() : "";
    if (text && summary.getAttribute("aria-description") !== text) summary.setAttribute("aria-description", text);
    else if (!text && summary.hasAttribute("aria-description")) summary.removeAttribute("aria-description");
  }

  var scheduled = false;
  function sweep() {
    scheduled = false;
    syncLang();
    untab(document);
    translate(document);
    describeMore();
    if (pendingFocus && focusHeading()) pendingFocus = false;
  }
  // What a list announces to a screen reader is read out as soon as it is added: translated right away, in the
  // observer's own turn before the next frame, not at the sweep's.
  function translateLive() {
    if (lang() !== "sv") return;
    document.querySelectorAll("[aria-live]").forEach(translate);
  }
  new MutationObserver(function () {
    translateLive();
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(sweep);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                          attributeFilter: ["data-test-script-state"] });
  syncLang();
})();
