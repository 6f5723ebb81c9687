/* Threat Levels API widget: renders the current alert level into every [data-threat-levels] element, inside a
   Shadow DOM. No eval, no inline style attribute, no cookies: it works under a strict host CSP that allows our
   origin in script-src and connect-src. */
(function () {
  "use strict";
  if (window.ThreatLevels) return;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var ORIGIN = new URL(script.src).origin;
  var CSS = "__CSS__";
  var MIN_SECONDS = 60;
  var MAX_BACKOFF_SECONDS = 900;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var COLOUR = /^#[0-9a-f]{6}$/;
  var UNAVAILABLE = "__UNAVAILABLE__"; // {lang: text} for every language we speak (api/embed/labels.py)
  var feeds = new Map();
  var seen = new WeakSet();
  var sheet = null;

  function styleSheet() {
    if (sheet === null && "adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS); // a constructed sheet: CSSOM, so a host CSP without 'unsafe-inline' allows it
    }
    return sheet;
  }

  function node(tag, className, text, lang) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = text;
    if (lang) element.lang = lang;
    return element;
  }

  function localised(text, lang, tag, className) {
    return node(tag, className, text.text, text.lang !== lang ? text.lang : null);
  }

  function link(href, text, allowed) {
    var anchor = node("a", null, text);
    if (allowed(href)) anchor.href = href;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  }

  function ours(href) {
    return typeof href === "string" && href.indexOf(ORIGIN + "/") === 0;
  }

  function web(href) {
    return typeof href === "string" && /^https?:\/\//.test(href);
  }

  function card(host, feed) {
    var data = feed.data;
    var lang = feed.lang;
    var box = node(host.tagName === "SPAN" ? "span" : "section", "tl");
    box.setAttribute("data-theme", /^(light|dark|auto)$/.test(host.dataset.theme || "") ? host.dataset.theme : "auto");
    box.setAttribute("data-size", host.dataset.size === "compact" ? "compact" : "full");
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.lang = lang;
    if (!data) {
      box.setAttribute("data-state", "unavailable");
      box.appendChild(node("p", "tl-why", UNAVAILABLE[lang]));
      return box;
    }
    box.setAttribute("data-state", feed.stale ? "stale" : "fresh");
    box.setAttribute("aria-label", data.labels.level + ": " + data.system_name.text);
    if (COLOUR.test(data.colour)) box.style.setProperty("--level", data.colour);
    if (COLOUR.test(data.text_colour)) box.style.setProperty("--on-level", data.text_colour);
    box.appendChild(localised(data.system_name, lang, "p", "tl-system"));
    var level = node("p", "tl-level");
    level.appendChild(localised(data.level_name, lang, "span", "tl-name"));
    level.appendChild(document.createTextNode(" "));
    level.appendChild(node("span", "tl-rank", data.rank_text));
    box.appendChild(level);
    var since = node("p", "tl-since");
    var time = node("time", null, data.since_text);
    time.dateTime = data.since;
    since.appendChild(time);
    box.appendChild(since);
    if (data.why.text) box.appendChild(localised(data.why, lang, "p", "tl-why"));
    if (data.quote && box.getAttribute("data-size") === "full") box.appendChild(quote(data));
    var foot = node("p", "tl-foot");
    var asOf = node("time", null, data.as_of_text);
    asOf.dateTime = data.as_of;
    asOf.title = data.labels.as_of_help;
    foot.appendChild(asOf);
    foot.appendChild(document.createTextNode(" · "));
    foot.appendChild(link(data.change_url, data.labels.details, ours));
    box.appendChild(foot);
    if (feed.stale) {
      var at = feed.fetchedAt.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
      box.appendChild(node("p", "tl-stale", data.labels.stale.replace("{time}", at)));
    }
    return box;
  }

  function quote(data) {
    var q = data.quote;
    var figure = node("figure", "tl-quote");
    var marks = q.text.lang === "fr" ? ["« ", " »"] : ["\u201c", "\u201d"];
    var blockquote = node("blockquote", null, null, q.text.lang);
    blockquote.appendChild(node("p", null, marks[0] + q.text.text + marks[1]));
    figure.appendChild(blockquote);
    var caption = node("figcaption", null, q.speaker + (q.speaker_role ? ", " + q.speaker_role : "") + ". " +
      data.labels.source + " ");
    var cite = node("cite");
    cite.appendChild(q.source_url ? link(q.source_url, q.source_title, web) : document.createTextNode(q.source_title));
    caption.appendChild(cite);
    if (q.source_publisher) caption.appendChild(document.createTextNode(" (" + q.source_publisher + ")"));
    figure.appendChild(caption);
    return figure;
  }

  function render(host, feed) {
    var root = host.shadowRoot;
    if (!root) return;
    var styles = styleSheet();
    if (styles) {
      root.adoptedStyleSheets = [styles];
    } else if (!root.querySelector("style")) {
      root.appendChild(node("style", null, CSS)); // old browsers: needs style-src allowing inline styles
    }
    var previous = root.querySelector(".tl");
    var next = card(host, feed);
    if (previous) root.replaceChild(next, previous);
    else root.appendChild(next);
  }

  function seconds(cacheControl) {
    var match = /max-age=(\d+)/.exec(cacheControl || "");
    return Math.max(MIN_SECONDS, match ? Number(match[1]) : MIN_SECONDS);
  }

  function schedule(feed, delaySeconds) {
    clearTimeout(feed.timer);
    var jitter = 1 + Math.random() * 0.1; // widgets opened at the same moment do not all ask at once
    feed.timer = setTimeout(function () {
      if (document.hidden) feed.due = true;
      else refresh(feed);
    }, delaySeconds * jitter * 1000);
  }

  function refresh(feed) {
    clearTimeout(feed.timer);
    feed.due = false;
    var headers = feed.etag ? { "If-None-Match": feed.etag } : {};
    var url = ORIGIN + "/embed/v1/" + feed.system + ".json?lang=" + feed.lang;
    var options = { headers: headers, cache: "no-store", credentials: "omit", mode: "cors", referrerPolicy: "no-referrer" };
    return fetch(url, options)
      .then(function (response) {
        if (response.status === 304) return response;
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json().then(function (data) {
          feed.data = data;
          feed.etag = response.headers.get("ETag");
          return response;
        });
      })
      .then(function (response) {
        feed.stale = false;
        feed.failures = 0;
        feed.fetchedAt = new Date();
        return seconds(response.headers.get("Cache-Control"));
      }, function () {
        feed.failures += 1;
        feed.stale = Boolean(feed.data);
        return Math.min(MIN_SECONDS * Math.pow(2, feed.failures - 1), MAX_BACKOFF_SECONDS);
      })
      .then(function (delay) {
        feed.hosts.forEach(function (host) { render(host, feed); });
        schedule(feed, delay);
      });
  }

  function attach(host) {
    if (seen.has(host)) return;
    var system = host.getAttribute("data-threat-levels");
    if (!SLUG.test(system || "")) return;
    seen.add(host);
    var lang = Object.prototype.hasOwnProperty.call(UNAVAILABLE, host.dataset.lang) ? host.dataset.lang : "en";
    var key = system + "|" + lang;
    var feed = feeds.get(key);
    if (!feed) {
      feed = { system: system, lang: lang, etag: null, data: null, stale: false, failures: 0, hosts: new Set() };
      feeds.set(key, feed);
    }
    feed.hosts.add(host);
    if (!host.shadowRoot) host.attachShadow({ mode: "open" });
    if (feed.data || feed.failures) render(host, feed);
    else if (feed.hosts.size === 1) refresh(feed);
  }

  function scan(root) {
    (root || document).querySelectorAll("[data-threat-levels]").forEach(attach);
  }

  function resizeFrames(event) {
    if (!event.data || event.data.type !== "threat-levels:resize" || typeof event.data.height !== "number") return;
    document.querySelectorAll("iframe[data-threat-levels-frame]").forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.height = String(Math.min(Math.ceil(event.data.height), 2000));
    });
  }

  window.addEventListener("message", resizeFrames);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) feeds.forEach(function (feed) { if (feed.due) refresh(feed); });
  });
  window.addEventListener("online", function () {
    feeds.forEach(function (feed) { if (feed.stale || !feed.data) refresh(feed); });
  });
  if (window.MutationObserver) {
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true; // one scan per burst of changes to the host page
      setTimeout(function () { pending = false; scan(); }, 100);
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
  window.ThreatLevels = Object.freeze({
    refresh: function () {
      return Promise.all(Array.from(feeds.values()).map(refresh));
    },
    scan: scan
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { scan(); });
  else scan();
})();
