/* Arshif reader features: text size, dark/light, saved articles, reading
 * history, interests («أخبارك» on the home page) and the reading-progress bar.
 *
 * Everything stays in this browser's localStorage, under keys namespaced by the
 * site's name (every file:// page shares one store): "arshif:<SITENAME>:<name>".
 *   prefs      {"v":1, "theme":"dark"|"light", "text":"small"|"large"|"xlarge"}
 *   saved      {"v":1, "items":[item…]}  newest saved first, at most 500
 *   history    {"v":1, "items":[item…]}  newest read first, at most 50
 *   interests  {"v":1, "sections":["politics", "abroad/africa", …]}
 *   item       {"path":"2023/11/slug", "title", "section", "date", "iso", "at": ms}
 * "path" is the article's site path without ".html"; links are rebuilt from the
 * page's root (<html data-root>).  Stored data is validated on every read:
 * anything malformed is dropped, never fatal.  Nothing is sent anywhere.
 * A classic script loaded with defer.  Controls that need it are not in the
 * HTML (text size and dark/light, list items' save buttons, the reading-progress
 * bar: created here) or are hidden there and revealed here (the article's save
 * button, the reader pages). */
(function () {
  "use strict";

  var html = document.documentElement;
  var PREFIX = "arshif:" + (html.getAttribute("data-site") || "") + ":";
  var ROOT = html.getAttribute("data-root") || "";
  var VERSION = 1;
  var LIMITS = { saved: 500, history: 50, interests: 200 };
  var FOR_YOU_COUNT = 6;
  var SIZES = ["small", "normal", "large", "xlarge"];
  var SIZE_NAMES = { small: "صغير", normal: "عادي", large: "كبير", xlarge: "كبير جدًا" };
  // Toggle labels name the state (off, on), as their aria-pressed does.
  var THEME_LABELS = ["الوضع الداكن", "الوضع الداكن: مفعّل"];
  var SAVE_LABELS = { article: ["حفظ الخبر", "الخبر محفوظ"], list: ["حفظ", "محفوظ"] };
  // A site path: no scheme, no leading slash, no "..", nothing that ends a URL part.
  var PATH = /^(?!.*\.\.)[^\s\/\\:?#"'<>%][^\s\\:?#"'<>%]*$/;
  var SECTION_PATH = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
  var ISO = /^\d{4}-\d\d-\d\dT[\d:.]+([+-]\d\d:\d\d|Z)$/;

  function each(list, callback) { Array.prototype.forEach.call(list, callback); }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function text(value, max) { return typeof value === "string" ? value.slice(0, max) : ""; }

  /* ---------- Storage: every call may throw (disabled, full, sandboxed) ---------- */
  var storage = (function () {
    try {
      var store = window.localStorage;
      var probe = PREFIX + "probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null;
    }
  })();

  function load(name) {
    if (!storage) { return null; }
    try {
      var raw = storage.getItem(PREFIX + name);
      return raw ? JSON.parse(raw) : null;
    } catch (error) {
      return null;
    }
  }

  function store(name, value) {
    if (!storage) { return false; }
    try {
      storage.setItem(PREFIX + name, JSON.stringify(value));
      return true;
    } catch (error) {
      return false;
    }
  }

  function cleanItem(raw) {
    if (!isObject(raw) || typeof raw.path !== "string" || raw.path.length > 300 || !PATH.test(raw.path)) {
      return null;
    }
    var title = text(raw.title, 500);
    if (!title) { return null; }
    return {
      path: raw.path,
      title: title,
      section: text(raw.section, 200),
      date: text(raw.date, 40),
      iso: typeof raw.iso === "string" && ISO.test(raw.iso) ? raw.iso : "",
      at: typeof raw.at === "number" && isFinite(raw.at) ? raw.at : 0
    };
  }

  function loadItems(name) {
    var data = load(name);
    var raw = isObject(data) && data.v === VERSION && Array.isArray(data.items) ? data.items : [];
    var seen = Object.create(null);
    var items = [];
    raw.slice(0, LIMITS[name]).forEach(function (entry) {
      var item = cleanItem(entry);
      if (item && !seen[item.path]) {
        seen[item.path] = true;
        items.push(item);
      }
    });
    return items;
  }

  function storeItems(name, items) {
    return store(name, { v: VERSION, items: items.slice(0, LIMITS[name]) });
  }

  function loadInterests() {
    var data = load("interests");
    var raw = isObject(data) && data.v === VERSION && Array.isArray(data.sections) ? data.sections : [];
    return raw.slice(0, LIMITS.interests).filter(function (path, index) {
      return typeof path === "string" && SECTION_PATH.test(path) && raw.indexOf(path) === index;
    });
  }

  function loadPrefs() {
    var data = load("prefs");
    var prefs = { v: VERSION };
    if (isObject(data)) {
      if (data.theme === "dark" || data.theme === "light") { prefs.theme = data.theme; }
      if (SIZES.indexOf(data.text) !== -1 && data.text !== "normal") { prefs.text = data.text; }
    }
    return prefs;
  }

  function updatePrefs(key, value) {
    var prefs = loadPrefs();
    if (value) { prefs[key] = value; } else { delete prefs[key]; }
    store("prefs", prefs);
  }

  /* ---------- Announcements (one polite live region per page) ---------- */
  var status = document.querySelector(".reader-status");

  function announce(message) {
    if (!status) { return; }
    status.textContent = "";  // so the same message is announced again
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  /* ---------- Items: from a save button and the page around it, to a list entry ---------- */
  function itemFrom(button) {
    // A save button carries only the article's site path (data-url): the title,
    // section and date are read from the list card it sits in, or from the
    // article page (its <h1>, section link and the <time> of its meta line).
    var card = button.closest(".article-list > li");
    var scope = card || button.closest(".article") || document;
    var time = card ? "time" : ".article-meta time";
    function read(selector, attribute) {
      var found = scope.querySelector(selector);
      if (!found) { return ""; }
      return attribute ? found.getAttribute(attribute) || "" : found.textContent.trim();
    }
    return cleanItem({
      path: (button.getAttribute("data-url") || "").replace(/\.html$/, ""),
      title: read(card ? "h2 a" : ".article-title"),
      section: read(card ? "h2 + p > a" : ".article-section a"),
      date: read(time),
      iso: read(time, "datetime"),
      at: Date.now()
    });
  }

  // Every link in the HTML is the page's root (<html data-root>) followed by
  // the target's site path: "../../2023/11/slug.html" -> "2023/11/slug.html".
  function sitePath(link) {
    var href = link ? link.getAttribute("href") || "" : "";
    var path = href.indexOf(ROOT) === 0 ? href.slice(ROOT.length) : "";
    return PATH.test(path) ? path : "";
  }

  function node(tag, className, content) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (content) { element.textContent = content; }
    return element;
  }

  function entry(item, heading) {
    var li = node("li", "reader-item");
    var title = node(heading, "reader-item-title");
    var link = node("a", "", item.title);
    link.setAttribute("href", ROOT + item.path + ".html");
    title.appendChild(link);
    li.appendChild(title);
    var meta = node("p", "reader-item-meta");
    if (item.section) { meta.appendChild(node("span", "reader-item-section", item.section)); }
    if (item.date) {
      var time = node("time", "", item.date);
      if (item.iso) { time.setAttribute("datetime", item.iso); }
      meta.appendChild(time);
    }
    li.appendChild(meta);
    return li;
  }

  function makeButton(className, content) {
    var element = node("button", className, content);
    element.type = "button";
    return element;
  }

  /* ---------- Text size and dark/light controls, at the end of the reader bar ---------- */
  function addPrefs(bar) {
    var box = node("div", "reader-prefs");
    var sizes = node("div", "text-size");
    sizes.setAttribute("role", "group");
    sizes.setAttribute("aria-label", "حجم الخط");
    [["-1", "أ−", "تصغير الخط"], ["1", "أ+", "تكبير الخط"]].forEach(function (spec) {
      var step = makeButton("text-size-step");
      var shown = node("span", "", spec[1]);
      shown.setAttribute("aria-hidden", "true");
      step.setAttribute("data-step", spec[0]);
      step.appendChild(shown);
      step.appendChild(node("span", "visually-hidden", spec[2]));
      sizes.appendChild(step);
    });
    var toggle = makeButton("theme-toggle", THEME_LABELS[0]);
    toggle.setAttribute("aria-pressed", "false");
    box.appendChild(sizes);
    box.appendChild(toggle);
    bar.appendChild(box);
  }

  /* ---------- Text size ---------- */
  function setupTextSize() {
    var buttons = document.querySelectorAll(".text-size-step");
    function current() {
      var index = SIZES.indexOf(html.getAttribute("data-text-size"));
      return index === -1 ? 1 : index;
    }
    function sync() {
      var index = current();
      each(buttons, function (button) {
        var step = Number(button.getAttribute("data-step"));
        var next = index + step;
        button.setAttribute("aria-disabled", next < 0 || next >= SIZES.length ? "true" : "false");
      });
    }
    each(buttons, function (button) {
      button.addEventListener("click", function () {
        var next = current() + Number(button.getAttribute("data-step"));
        if (next < 0 || next >= SIZES.length) {
          announce(next < 0 ? "هذا أصغر حجم للخط" : "هذا أكبر حجم للخط");
          return;
        }
        var size = SIZES[next];
        if (size === "normal") { html.removeAttribute("data-text-size"); } else { html.setAttribute("data-text-size", size); }
        updatePrefs("text", size === "normal" ? null : size);
        sync();
        announce("حجم الخط: " + SIZE_NAMES[size]);
      });
    });
    sync();
  }

  /* ---------- Dark / light: the system's choice until the reader picks one ---------- */
  function setupTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) { return; }
    var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function systemTheme() { return system && system.matches ? "dark" : "light"; }
    function effective() { return html.getAttribute("data-theme") || systemTheme(); }
    // The label says the state, as aria-pressed does (never the action, which
    // would contradict "pressed").
    function sync() {
      var dark = effective() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.textContent = dark ? THEME_LABELS[1] : THEME_LABELS[0];
    }
    button.addEventListener("click", function () {
      var next = effective() === "dark" ? "light" : "dark";
      html.setAttribute("data-theme", next);
      // Back to the system's own choice: follow the system again from now on.
      updatePrefs("theme", next === systemTheme() ? null : next);
      sync();
      announce(next === "dark" ? "تم تفعيل الوضع الداكن" : "تم تفعيل الوضع الفاتح");
    });
    if (system && system.addEventListener) { system.addEventListener("change", sync); }
    sync();
  }

  /* ---------- Save buttons (articles and list items) ---------- */
  var saveButtons = [];

  // List items: a compact «حفظ» button at the end of each card's meta line.
  function addListButtons() {
    // A card (partials/article_list.html): <li> [<img>] <div> <h2><a> title,
    // <p> meta line (section link, <time>), [<p> summary].
    each(document.querySelectorAll(".article-list > li"), function (card) {
      var meta = card.querySelector("h2 + p");
      var path = sitePath(card.querySelector("h2 a"));
      if (!meta || !path || meta.querySelector(".save-toggle")) { return; }
      var save = makeButton("save-toggle");
      save.setAttribute("aria-pressed", "false");
      save.setAttribute("data-url", path);
      save.hidden = true;  // revealed by setupSaveButtons once its item is valid
      save.appendChild(node("span", "save-label", SAVE_LABELS.list[0]));
      meta.appendChild(save);
    });
  }

  // State in aria-pressed and in the label («حفظ الخبر» / «الخبر محفوظ»); in a
  // list the accessible name also says which article («محفوظ: title»).
  function showSaved(button, item, isSaved) {
    var inList = !!button.closest(".article-list");
    var label = SAVE_LABELS[inList ? "list" : "article"][isSaved ? 1 : 0];
    var shown = button.querySelector(".save-label");
    button.setAttribute("aria-pressed", isSaved ? "true" : "false");
    if (shown) { shown.textContent = label; }
    if (inList && item) { button.setAttribute("aria-label", label + ": " + item.title); }
  }

  function syncSaveButtons() {
    var saved = Object.create(null);
    loadItems("saved").forEach(function (item) { saved[item.path] = true; });
    each(saveButtons, function (button) {
      var item = itemFrom(button);
      showSaved(button, item, !!(item && saved[item.path]));
    });
  }

  function setupSaveButtons() {
    saveButtons = document.querySelectorAll(".save-toggle[data-url]");
    each(saveButtons, function (button) {
      var item = itemFrom(button);
      if (!item) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var items = loadItems("saved");
        var kept = items.filter(function (other) { return other.path !== item.path; });
        var adding = kept.length === items.length;
        if (adding) { kept.unshift(itemFrom(button)); }
        if (!storeItems("saved", kept)) {
          announce("تعذر الحفظ في هذا المتصفح");
          return;
        }
        syncSaveButtons();
        announce(adding ? "تم حفظ الخبر في «الأخبار المحفوظة»" : "أزيل الخبر من «الأخبار المحفوظة»");
      });
    });
    syncSaveButtons();
  }

  /* ---------- Reading history: the article being read goes to the top ---------- */
  function recordHistory() {
    var source = document.querySelector(".article-header .save-toggle[data-url]");
    var item = source ? itemFrom(source) : null;
    if (!item) { return; }
    var items = loadItems("history").filter(function (other) { return other.path !== item.path; });
    items.unshift(item);
    storeItems("history", items);
  }

  /* ---------- The «الأخبار المحفوظة» and «سجل قراءاتك» pages ---------- */
  function setupReaderPage(box) {
    var kind = box.getAttribute("data-reader-page");
    var list = box.querySelector(".reader-list");
    var count = box.querySelector(".reader-count");
    var empty = box.querySelector(".reader-empty");
    var clear = box.querySelector(".reader-clear");
    var heading = document.querySelector("main h1");
    var label = kind === "saved" ? "عدد الأخبار المحفوظة: " : "عدد المقالات في السجل: ";

    function render(focusIndex) {
      var items = loadItems(kind);
      list.textContent = "";
      items.forEach(function (item) {
        var li = entry(item, "h2");
        if (kind === "saved") {
          var remove = node("button", "reader-remove", "إزالة");
          remove.type = "button";
          remove.appendChild(node("span", "visually-hidden", ": " + item.title));
          remove.addEventListener("click", function () {
            var index = loadItems(kind).map(function (other) { return other.path; }).indexOf(item.path);
            storeItems(kind, loadItems(kind).filter(function (other) { return other.path !== item.path; }));
            render(index);
            announce("أزيل «" + item.title + "» من المحفوظات");
          });
          li.appendChild(remove);
        }
        list.appendChild(li);
      });
      list.hidden = !items.length;
      empty.hidden = !!items.length;
      count.hidden = !items.length;
      count.textContent = items.length ? label + items.length : "";
      clear.hidden = !items.length;
      if (typeof focusIndex === "number") {
        // Keep keyboard focus near the removed entry, or on the heading.
        var buttons = list.querySelectorAll(".reader-remove");
        var target = buttons[Math.min(focusIndex, buttons.length - 1)] || heading;
        if (target === heading) { heading.setAttribute("tabindex", "-1"); }
        target.focus();
      }
    }

    clear.addEventListener("click", function () {
      var question = kind === "saved" ? "مسح كل الأخبار المحفوظة؟" : "مسح سجل قراءاتك كله؟";
      if (!window.confirm(question)) { return; }
      storeItems(kind, []);
      render(0);
      announce(kind === "saved" ? "تم مسح كل المحفوظات" : "تم مسح السجل");
    });
    window.addEventListener("storage", function (event) {
      if (event.key === PREFIX + kind) { render(); }
    });
    box.hidden = false;
    render();
  }

  /* ---------- «تخصيص الاهتمامات» ---------- */
  function setupInterests(form) {
    var boxes = form.querySelectorAll("input[type=checkbox][name=section]");
    function sync() {
      var chosen = loadInterests();
      each(boxes, function (box) { box.checked = chosen.indexOf(box.value) !== -1; });
    }
    function save() {
      var chosen = [];
      each(boxes, function (box) { if (box.checked) { chosen.push(box.value); } });
      if (!store("interests", { v: VERSION, sections: chosen })) {
        announce("تعذر حفظ اختياراتك في هذا المتصفح");
        return;
      }
      announce(chosen.length ? "تم حفظ اهتماماتك. عدد الأقسام المختارة: " + chosen.length
                             : "لم تختر أي قسم");
    }
    // Every change is saved at once (the page says so; there is no save button).
    form.addEventListener("change", save);
    var clear = form.querySelector(".interests-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        each(boxes, function (box) { box.checked = false; });
        save();
      });
    }
    window.addEventListener("storage", function (event) {
      if (event.key === PREFIX + "interests") { sync(); }
    });
    sync();
    form.hidden = false;
  }

  /* ---------- «أخبارك» on the home page ---------- */
  function validIndex(data) {
    return isObject(data) && data.v === VERSION && Array.isArray(data.articles) && isObject(data.sections);
  }

  function fillForYou(block, chosen) {
    var data = window.ARSHIF_READER_INDEX;
    if (!validIndex(data)) { return; }
    var positions = [];
    chosen.forEach(function (path) {
      var listed = Object.prototype.hasOwnProperty.call(data.sections, path) ? data.sections[path] : null;
      if (!Array.isArray(listed)) { return; }
      listed.forEach(function (position) {
        if (typeof position === "number" && positions.indexOf(position) === -1) { positions.push(position); }
      });
    });
    // The articles are newest first, so ascending positions are newest first too.
    positions.sort(function (a, b) { return a - b; });
    var list = block.querySelector(".for-you-list");
    var shown = 0;
    positions.forEach(function (position) {
      var row = data.articles[position];
      if (shown >= FOR_YOU_COUNT || !Array.isArray(row) || typeof row[0] !== "string") { return; }
      var item = cleanItem({ path: row[0].replace(/\.html$/, ""), title: row[1], section: row[2],
                             date: row[3], iso: row[4] });
      if (!item) { return; }
      list.appendChild(entry(item, "h3"));
      shown += 1;
    });
    list.hidden = !shown;
    block.querySelector(".reader-empty").hidden = !!shown;
    block.hidden = false;
  }

  function setupForYou(block) {
    var chosen = loadInterests();
    if (!chosen.length) { return; }
    if (window.ARSHIF_READER_INDEX) { fillForYou(block, chosen); return; }
    var script = document.createElement("script");
    script.src = block.getAttribute("data-index");
    script.onload = function () { fillForYou(block, chosen); };
    document.head.appendChild(script);
  }

  /* ---------- Reading progress on articles (decorative: aria-hidden) ---------- */
  function setupProgress(article) {
    var bar = node("div", "reading-progress");
    var fill = node("div", "reading-progress-bar");
    bar.setAttribute("aria-hidden", "true");
    bar.appendChild(fill);
    article.parentNode.insertBefore(bar, article);
    var pending = false;
    function update() {
      pending = false;
      var scrolled = window.pageYOffset || html.scrollTop;
      var end = Math.min(article.getBoundingClientRect().bottom + scrolled - window.innerHeight,
                         html.scrollHeight - window.innerHeight);
      var progress = end > 0 ? Math.min(1, Math.max(0, scrolled / end)) : 1;
      fill.style.setProperty("--progress", progress.toFixed(4));
    }
    function schedule() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    update();
  }

  /* ---------- Start ---------- */
  var bar = document.querySelector(".reader-bar-inner");
  if (bar) {
    addPrefs(bar);  // they work on this page even when nothing can be stored
    setupTextSize();
    setupTheme();
  }
  var article = document.querySelector("main .article");
  if (article) { setupProgress(article); }

  var pages = document.querySelectorAll("[data-reader-page]");
  var interests = document.querySelector(".interests-form");
  if (!storage) {
    each(document.querySelectorAll(".reader-unavailable"), function (note) { note.hidden = false; });
    return;
  }
  addListButtons();
  setupSaveButtons();
  recordHistory();
  each(pages, setupReaderPage);
  if (interests) { setupInterests(interests); }
  var forYou = document.querySelector(".for-you[data-index]");
  if (forYou) { setupForYou(forYou); }
  window.addEventListener("storage", function (event) {
    if (event.key === PREFIX + "saved") { syncSaveButtons(); }
  });
})();
