/* Arshif search page.  Both indexes come in shards (one per year, one per
 * month of the newest year), listed by search-index.js (a classic script:
 * the manifest, newest shard first).  Over http(s) it asks Pagefind (full
 * text, Arabic stemming): the oldest shard's bundle (pagefind/<shard>/, the
 * one with Pagefind's engine) is loaded and every other shard merged into it
 * with mergeIndex.  Opened from disk (file://), where browsers refuse
 * Pagefind's module scripts and fetch, or when Pagefind is missing, it loads
 * every search/<shard>.js (classic scripts) and searches titles, tags and
 * sections.
 * normalize() must fold exactly like arshif.text.search_normalize in Python:
 * tests/search_vectors.json checks both. */
(function () {
  "use strict";

  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
  var FOLDS = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي" };
  var MAX_RESULTS = 50;

  function normalize(text) {
    return String(text).normalize("NFC").replace(INVISIBLE, "")
      .replace(/\s+/g, " ").trim()
      .replace(MARKS, "")
      .replace(/[أإآٱةى]/g, function (ch) { return FOLDS[ch]; })
      .toLowerCase();
  }
  window.arshifNormalize = normalize;

  var script = document.currentScript;
  if (!script) { return; }  // loaded elsewhere only for normalize()
  var root = script.getAttribute("data-root") || "";
  var indexUrl = script.getAttribute("data-index");
  var pagefindUrl = script.getAttribute("data-pagefind");  // the pagefind/ folder

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function show(results, query, total) {
    var list = document.querySelector(".search-results");
    var status = document.querySelector(".search-status");
    list.textContent = "";
    if (!results.length) {
      status.textContent = "لا توجد نتائج لـ «" + query + "». جرّب كلمة أخرى أو كلمات أقل، أو تصفح الأرشيف حسب التاريخ.";
      return;
    }
    status.textContent = total > results.length
      ? "عدد النتائج: " + total + " (تُعرض أول " + results.length + ")"
      : "عدد النتائج: " + total;
    results.forEach(function (result) {
      var item = element("li", "search-result");
      var heading = element("h2", "search-result-title");
      var link = element("a", "", result.title);
      link.href = result.url;
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = element("p", "search-result-meta");
      if (result.section) { meta.appendChild(element("span", "search-result-section", result.section)); }
      if (result.date) {
        var time = element("time", "", result.date);
        if (result.datetime) { time.setAttribute("datetime", result.datetime); }
        meta.appendChild(time);
      }
      item.appendChild(meta);
      if (result.excerpt) { item.appendChild(element("p", "search-result-excerpt", result.excerpt)); }
      list.appendChild(item);
    });
  }

  function searchFallback(query) {
    var data = window.ARSHIF_SEARCH_INDEX;
    var docs = [];
    data.shards.forEach(function (shard) {
      docs = docs.concat(window.ARSHIF_SEARCH_SHARDS[shard.name]);
    });
    var words = normalize(query).split(" ").filter(Boolean);
    var found = [];
    docs.forEach(function (doc, position) {
      var haystack = doc[6];
      for (var i = 0; i < words.length; i++) {
        if (haystack.indexOf(words[i]) === -1) { return; }
      }
      var title = normalize(doc[1]);
      var score = words.filter(function (w) { return title.indexOf(w) !== -1; }).length;
      found.push({ score: score, position: position, doc: doc });
    });
    // Title matches first; shards and their documents are newest first, so
    // position keeps that order.
    found.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return {
      total: found.length,
      results: found.slice(0, MAX_RESULTS).map(function (hit) {
        var doc = hit.doc;
        return { url: root + doc[0], title: doc[1], section: data.sections[doc[2]],
                 date: doc[3], datetime: doc[4], excerpt: doc[7] };
      })
    };
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error("search index missing: " + src)); };
      document.head.appendChild(tag);
    });
  }

  function loadManifest() {
    if (window.ARSHIF_SEARCH_INDEX) { return Promise.resolve(window.ARSHIF_SEARCH_INDEX); }
    return loadScript(indexUrl).then(function () { return window.ARSHIF_SEARCH_INDEX; });
  }

  function loadFallback() {
    return loadManifest().then(function (manifest) {
      var loaded = window.ARSHIF_SEARCH_SHARDS || {};
      return Promise.all(manifest.shards.map(function (shard) {
        return loaded[shard.name] ? null : loadScript(root + shard.src);
      }));
    });
  }

  function openPagefind(manifest) {
    // The oldest shard's bundle carries Pagefind's engine; the others are merged in.
    var names = manifest.shards.map(function (shard) { return shard.name; });
    if (!names.length) { return Promise.reject(new Error("no articles")); }
    var primary = names[names.length - 1];
    var base = new URL(root || "./", location.href).pathname;
    function bundle(name) { return new URL(pagefindUrl + name + "/", location.href); }
    return import(new URL("pagefind.js", bundle(primary)).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: base }).then(function () {
        return Promise.all(names.slice(0, -1).map(function (name) {
          return pagefind.mergeIndex(bundle(name).pathname, { baseUrl: base });
        }));
      }).then(function () { return pagefind; });
    });
  }

  function searchPagefind(query) {
    // No Pagefind bundle in this build (--no-search), or opened from disk.
    if (!pagefindUrl) { return Promise.reject(new Error("no pagefind")); }
    if (!/^https?:$/.test(location.protocol)) { return Promise.reject(new Error("file://")); }
    return loadManifest().then(openPagefind).then(function (pagefind) {
      return pagefind.search(query).then(function (search) {
        return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (items) {
            return {
              total: search.results.length,
              results: items.map(function (item) {
                var meta = item.meta || {};
                var excerpt = element("div", "", "");
                excerpt.innerHTML = item.excerpt || "";  // Pagefind's excerpt: text with <mark>
                return { url: item.url, title: meta.title || item.url, section: meta.section || "",
                         date: meta.date || "", datetime: meta.datetime || "",
                         excerpt: excerpt.textContent };
              })
            };
          });
      });
    });
  }

  function run() {
    var query = (new URLSearchParams(location.search).get("q") || "").trim();
    var input = document.getElementById("search-query");
    var status = document.querySelector(".search-status");
    if (input) { input.value = query; }
    if (!query) {
      status.textContent = "اكتب كلمة أو أكثر ثم اضغط Enter.";
      return;
    }
    status.textContent = "جارٍ البحث…";
    document.documentElement.setAttribute("data-search-engine", "pending");
    searchPagefind(query).then(function (found) {
      document.documentElement.setAttribute("data-search-engine", "pagefind");
      show(found.results, query, found.total);
    }, function () {
      return loadFallback().then(function () {
        document.documentElement.setAttribute("data-search-engine", "fallback");
        var found = searchFallback(query);
        show(found.results, query, found.total);
      });
    }).catch(function () {
      status.textContent = "تعذر تحميل فهرس البحث. يمكنك تصفح الأرشيف حسب التاريخ أو الوسوم.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
