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

  /* The latest headlines, from latest.js (one small shared file, so that a page
     never changes when articles are published after it): «آخر الأخبار» where the
     page has the block without its list (every page but the home page, whose
     list is in its HTML; without JavaScript the block links to it), and on wide
     screens each section's latest articles in its menu panel. The section list
     is a bar there: its <details> is opened for browsers without
     ::details-content. */
  var menu = document.querySelector(".nav-mobile");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 62em)") : null;
  var root = document.documentElement.getAttribute("data-root") || "";
  var sidebar = document.querySelector(".latest-news");
  var needsList = sidebar && !sidebar.querySelector(".latest-list, .empty");

  /* An article of latest.js: [url, title, section, section_url, date, datetime]. */
  function row(data, position) {
    var item = data.articles[position];
    if (!Array.isArray(item) || item.length < 6) return null;
    for (var i = 0; i < 6; i++) if (typeof item[i] !== "string") return null;
    // Site paths only: nothing that could leave the site or run.
    if (/^[a-z]+:|^\/|\.\./i.test(item[0]) || /^[a-z]+:|^\/|\.\./i.test(item[3])) return null;
    return item;
  }

  function link(href, text) {
    var made = document.createElement("a");
    made.href = root + href;
    made.textContent = text;
    return made;
  }

  function time(item) {
    var made = document.createElement("time");
    made.setAttribute("datetime", item[5]);
    made.textContent = item[4];
    return made;
  }

  function fillSidebar(data) {
    if (!needsList || !Array.isArray(data.latest) || !data.latest.length) return;
    var list = element("ol", "latest-list");
    data.latest.forEach(function (position) {
      var item = row(data, position);
      if (!item) return;
      var entry = document.createElement("li");
      entry.appendChild(link(item[3], item[2]));
      entry.appendChild(link(item[0], item[1]));
      entry.appendChild(time(item));
      list.appendChild(entry);
    });
    sidebar.insertBefore(list, sidebar.querySelector(".latest-more"));
    needsList = false;
  }

  function fillPanels(data) {
    if (!wide || !wide.matches || !data.sections) return;
    Array.prototype.forEach.call(document.querySelectorAll(".nav-menu > li[data-section]"), function (entry) {
      var positions = data.sections[entry.getAttribute("data-section")];
      if (!Array.isArray(positions) || !positions.length || entry.querySelector(".nav-latest")) return;
      var list = element("ul", "nav-latest");
      positions.forEach(function (position) {
        var item = row(data, position);
        if (!item) return;
        var line = document.createElement("li");
        line.appendChild(link(item[0], item[1]));
        line.appendChild(time(item));
        list.appendChild(line);
      });
      var panel = entry.querySelector(".nav-panel");
      if (!panel) {
        panel = element("div", "nav-panel");
        entry.appendChild(panel);
        watchPanel(entry);
      }
      panel.appendChild(list);
    });
  }

  function fill() {
    var data = window.ARSHIF_LATEST;
    if (!data || data.v !== 1 || !Array.isArray(data.articles)) return;
    fillSidebar(data);
    fillPanels(data);
  }

  var loading = false;
  function loadLatest() {
    if (window.ARSHIF_LATEST) { fill(); return; }
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "latest.js";
    script.onload = fill;
    document.head.appendChild(script);
  }

  function followWidth() {
    if (!menu || !wide) return;
    menu.open = wide.matches;
    if (wide.matches) loadLatest();
  }

  if (needsList) loadLatest();
  if (wide) {
    followWidth();
    if (wide.addEventListener) wide.addEventListener("change", followWidth);
  }
})();

