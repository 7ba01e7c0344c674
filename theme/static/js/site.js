/* Arshif: small progressive enhancements. Every page works without this file.
   A classic script (loaded with defer), so it also runs from file://. */
(function () {
  "use strict";

  var COPIED = "تم نسخ الرابط";
  var FAILED = "تعذر نسخ الرابط، انسخه من شريط العنوان";
  var SHARE_FAILED = "تعذرت المشاركة، انسخ الرابط بدلًا منها";

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function button(className, text) {
    var made = element("button", className, text);
    made.type = "button";
    return made;
  }

  /* Copying for the copy-link button (made below, with the other share tools). */
  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    document.body.removeChild(field);
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); }
      );
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function announce(status, message) {
    if (!status) return;
    // Empty first, so the same message is announced again on a second click.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  /* Article pages: the share tools. With a public address (SITEURL) the page has a
     .share block of share links; otherwise it is created in .article-tools. Then:
     the system's share sheet (Web Share API) where the browser has one, with the
     canonical link (the public address in publish builds, this page otherwise);
     the copy-link button; a status line for both. */
  function shareBox() {
    var box = document.querySelector(".share");
    var tools = document.querySelector(".article-tools");
    if (box || !tools) return box;
    box = element("div", "share");
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", "share-title");
    var title = element("span", "share-title", "شارك المقال");
    title.id = "share-title";
    box.appendChild(title);
    tools.appendChild(box);
    return box;
  }

  function setupShare(box) {
    var status = element("span", "share-status");
    status.setAttribute("role", "status");
    if (typeof navigator.share === "function") {
      var share = button("share-native", "مشاركة…");
      share.addEventListener("click", function () {
        var canonical = document.querySelector("link[rel=canonical]");
        var url = canonical && /^(https?|file):/.test(canonical.href) ? canonical.href : window.location.href;
        var heading = document.querySelector(".article-title");
        var data = { title: heading ? heading.textContent.trim() : document.title, url: url };
        Promise.resolve().then(function () { return navigator.share(data); }).catch(function (error) {
          if (!error || error.name !== "AbortError") announce(status, SHARE_FAILED);
        });
      });
      box.appendChild(share);
    }
    var copy = button("copy-link", "نسخ الرابط");
    copy.addEventListener("click", function () {
      copyText(window.location.href).then(function (ok) {
        announce(status, ok ? COPIED : FAILED);
      });
    });
    box.appendChild(copy);
    box.appendChild(status);
  }

  var box = shareBox();
  if (box) setupShare(box);

  /* Menus: Escape closes an open panel or <details> menu; a click elsewhere
     closes the «أقسام أخرى» list. */
  var openMenus = document.querySelectorAll(".nav-mobile, .nav-more-menu");

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var active = document.activeElement;
    var item = active && active.closest ? active.closest(".nav-menu > li") : null;
    if (item && item.querySelector(".nav-panel")) item.classList.add("is-dismissed");
    Array.prototype.forEach.call(openMenus, function (menu) {
      // On wide screens the section menu is the bar itself: it stays open.
      if (menu.classList.contains("nav-mobile") && wide && wide.matches) return;
      if (menu.open) {
        menu.open = false;
        if (menu.contains(active)) menu.querySelector("summary").focus();
      }
    });
  });

  function watchPanel(item) {
    function reset() { item.classList.remove("is-dismissed"); }
    item.addEventListener("mouseleave", reset);
    item.addEventListener("focusout", function (event) {
      if (!item.contains(event.relatedTarget)) reset();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".nav-menu > li > .nav-panel"), function (panel) {
    watchPanel(panel.parentNode);
  });

  document.addEventListener("click", function (event) {
    Array.prototype.forEach.call(document.querySelectorAll(".nav-more-menu[open]"), function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });

  /* Wide screens: the section list is a bar. Open its <details> for browsers
     without ::details-content, and add each section's latest articles to its
     panel from reader-index.js (one cached file instead of headlines repeated
     in every page). */
  var menu = document.querySelector(".nav-mobile");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 62em)") : null;
  var LATEST_IN_PANEL = 4;

  function fillPanels() {
    var data = window.ARSHIF_READER_INDEX;
    var root = document.documentElement.getAttribute("data-root") || "";
    if (!data || !Array.isArray(data.articles) || !data.sections) return;
    Array.prototype.forEach.call(document.querySelectorAll(".nav-menu > li[data-section]"), function (item) {
      var positions = data.sections[item.getAttribute("data-section")];
      if (!Array.isArray(positions) || !positions.length || item.querySelector(".nav-latest")) return;
      var list = document.createElement("ul");
      list.className = "nav-latest";
      positions.slice(0, LATEST_IN_PANEL).forEach(function (position) {
        var row = data.articles[position];
        if (!Array.isArray(row) || typeof row[0] !== "string" || /^[a-z]+:|^\/|\.\./i.test(row[0])) return;
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + row[0];
        link.textContent = row[1];
        var time = document.createElement("time");
        time.setAttribute("datetime", row[4]);
        time.textContent = row[3];
        entry.appendChild(link);
        entry.appendChild(time);
        list.appendChild(entry);
      });
      var panel = item.querySelector(".nav-panel");
      if (!panel) {
        panel = element("div", "nav-panel");
        item.appendChild(panel);
        watchPanel(item);
      }
      panel.appendChild(list);
    });
  }

  function loadLatest() {
    if (window.ARSHIF_READER_INDEX) { fillPanels(); return; }
    var script = document.createElement("script");
    script.src = (document.documentElement.getAttribute("data-root") || "") + "reader-index.js";
    script.onload = fillPanels;
    document.head.appendChild(script);
  }

  function followWidth() {
    if (!menu || !wide) return;
    menu.open = wide.matches;
    if (wide.matches) loadLatest();
  }

  if (wide) {
    followWidth();
    if (wide.addEventListener) wide.addEventListener("change", followWidth);
  }
})();

