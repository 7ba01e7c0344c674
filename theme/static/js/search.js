/* Arshif search page.  Both indexes come in shards (one per year, one per
 * month of the newest year), listed by search-index.js (a classic script:
 * the manifest, newest shard first).  Over http(s) it asks Pagefind (full
 * text, Arabic stemming): the oldest shard's bundle (pagefind/<shard>/, the
 * one with Pagefind's engine) is loaded and every other shard merged into it
 * with mergeIndex.  Opened from disk (file://), where browsers refuse
 * Pagefind's module scripts and fetch, or when Pagefind is missing, it loads
 * every search/<shard>.js (classic scripts) and searches titles, tags and
 * sections.
 * normalize() must fold exactly like arshif.content.text.search_normalize in Python:
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

  // Folds text like normalize(), one character at a time, keeping where each
  // folded character came from, so that a match in the folded text can be
  // marked in the original.  (No white-space collapsing: query words have none.)
  function foldWithMap(text) {
    var folded = "";
    var from = [];
    for (var i = 0; i < text.length; i++) {
      var part = /\s/.test(text[i]) ? " " : normalize(text[i]);
      for (var k = 0; k < part.length; k++) { folded += part[k]; from.push(i); }
    }
    return { folded: folded, from: from };
  }

  // The text as nodes, the query's words (folded like the index) in <mark>.
  // Text is only ever set with createTextNode/textContent.
  function highlighted(text, words) {
    text = String(text || "").normalize("NFC");
    var fragment = document.createDocumentFragment();
    var map = foldWithMap(text);
    var ranges = [];
    words.forEach(function (word) {
      var at = map.folded.indexOf(word);
      while (word && at !== -1) {
        var end = at + word.length;
        ranges.push([map.from[at], end < map.from.length ? map.from[end] : text.length]);
        at = map.folded.indexOf(word, end);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var position = 0;
    ranges.forEach(function (range) {
      if (range[1] <= position) { return; }
      var start = Math.max(range[0], position);
      if (start > position) { fragment.appendChild(document.createTextNode(text.slice(position, start))); }
      fragment.appendChild(element("mark", "", text.slice(start, range[1])));
      position = range[1];
    });
    if (position < text.length) { fragment.appendChild(document.createTextNode(text.slice(position))); }
    return fragment;
  }

  // Pagefind's excerpt is HTML: escaped text with <mark> around matches.  It is
  // parsed in an inert document and rebuilt: text stays text, <mark> stays a
  // mark, anything else becomes its text.
  function pagefindExcerpt(html) {
    var parsed = new DOMParser().parseFromString("<body>" + (html || ""), "text/html");
    var fragment = document.createDocumentFragment();
    Array.prototype.forEach.call(parsed.body.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        fragment.appendChild(element("mark", "", node.textContent));
      } else {
        fragment.appendChild(document.createTextNode(node.textContent));
      }
    });
    return fragment;
  }

  // «نتيجة واحدة», «نتيجتان», «3 نتائج» … «10 نتائج», «11 نتيجة», «100 نتيجة»…
  function countLabel(n) {
    if (n === 1) { return "نتيجة واحدة"; }
    if (n === 2) { return "نتيجتان"; }
    var rest = n % 100;
    return n + (rest >= 3 && rest <= 10 ? " نتائج" : " نتيجة");
  }

  function setState(state, message) {
    var status = document.querySelector(".search-status");
    status.setAttribute("data-state", state);
    status.textContent = message;
  }

  function show(found, query, selected) {
    var list = document.querySelector(".search-results");
    var results = found.results;
    var words = normalize(query).split(" ").filter(Boolean);
    list.textContent = "";
    var where = [selected.section ? "في «" + leaf(selected.section) + "»" : "",
                 selected.year ? "سنة " + selected.year : ""].filter(Boolean).join(" ");
    if (!results.length) {
      setState("none", where
        ? "لا توجد نتائج لـ «" + query + "» " + where + ". جرّب قسمًا أو سنة أخرى، أو كل الأقسام والسنوات."
        : "لا توجد نتائج لـ «" + query + "». جرّب كلمة أخرى أو كلمات أقل، أو تصفح الأرشيف حسب التاريخ.");
      return;
    }
    var line = countLabel(found.total) + " لـ «" + query + "»" + (where ? " " + where : "");
    if (found.total > results.length) { line += " (تُعرض أول " + results.length + ")"; }
    setState("results", line);
    results.forEach(function (result) {
      var item = element("li", "search-result");
      var heading = element("h2", "search-result-title");
      var link = element("a", "");
      link.appendChild(highlighted(result.title, words));
      link.href = result.url;
      heading.appendChild(link);
      item.appendChild(heading);
      // Section and date: separate items, each named for screen readers.
      var meta = element("p", "search-result-meta");
      if (result.section) {
        var section = element("span", "search-result-item");
        section.appendChild(element("span", "visually-hidden", "القسم: "));
        section.appendChild(element("span", "search-result-section", result.section));
        meta.appendChild(section);
      }
      if (result.date) {
        var when = element("span", "search-result-item");
        when.appendChild(element("span", "visually-hidden", "التاريخ: "));
        var time = element("time", "", result.date);
        if (result.datetime) { time.setAttribute("datetime", result.datetime); }
        when.appendChild(time);
        if (meta.firstChild) { meta.appendChild(document.createTextNode(" ")); }
        meta.appendChild(when);
      }
      item.appendChild(meta);
      if (result.excerpt) {
        var excerpt = element("p", "search-result-excerpt");
        excerpt.appendChild(typeof result.excerpt === "string"
          ? highlighted(result.excerpt, words) : result.excerpt);
        item.appendChild(excerpt);
      }
      list.appendChild(item);
    });
  }

  // The section and year filters: selects made here (no control without
  // JavaScript), their options the query's sections and years with counts.
  function showFilters(options, selected, onChange) {
    var box = document.querySelector(".search-filters");
    if (!box) {
      box = element("div", "search-filters");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "تصفية النتائج");
      var status = document.querySelector(".search-status");
      status.parentNode.insertBefore(box, status);
    }
    box.textContent = "";
    [["section", "القسم", "كل الأقسام"], ["year", "السنة", "كل السنوات"]].forEach(function (spec) {
      var name = spec[0];
      var counts = options[name] || {};
      var labels = options.labels || {};
      var values = Object.keys(counts).filter(function (value) { return counts[value] > 0; });
      if (selected[name] && values.indexOf(selected[name]) === -1) { values.push(selected[name]); }
      values.sort(name === "year"
        ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return (counts[b] || 0) - (counts[a] || 0) || a.localeCompare(b, "ar"); });
      var id = "search-filter-" + name;
      var field = element("div", "search-filter");
      var label = element("label", "", spec[1]);
      label.htmlFor = id;
      var select = element("select");
      select.id = id;
      select.name = name;
      select.appendChild(new Option(spec[2], ""));
      values.forEach(function (value) {
        var text = name === "section" && labels[value] || value;
        select.appendChild(new Option(text + " (" + (counts[value] || 0) + ")", value));
      });
      select.value = selected[name] || "";
      select.addEventListener("change", function () {
        var next = { section: box.querySelector("#search-filter-section").value,
                     year: box.querySelector("#search-filter-year").value };
        onChange(next);
      });
      field.appendChild(label);
      field.appendChild(select);
      box.appendChild(field);
    });
    box.hidden = !Object.keys(options.section || {}).length && !selected.section && !selected.year;
  }

  function leaf(path) { return String(path || "").split("/").pop(); }

  function yearOf(datetime) { return String(datetime || "").slice(0, 4); }

  function tally(items, key) {
    var counts = {};
    items.forEach(function (item) { var v = key(item); if (v) { counts[v] = (counts[v] || 0) + 1; } });
    return counts;
  }

  function searchFallback(query, selected) {
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
    // Filter options count every match; the filters then narrow them.
    // A section is filtered by its path («مجتمع/جهات»), named by its own name.
    var options = { section: tally(found, function (hit) { return data.sections[hit.doc[2]]; }),
                    year: tally(found, function (hit) { return yearOf(hit.doc[4]); }),
                    labels: {} };
    data.sections.forEach(function (path) { options.labels[path] = leaf(path); });
    found = found.filter(function (hit) {
      return (!selected.section || data.sections[hit.doc[2]] === selected.section) &&
             (!selected.year || yearOf(hit.doc[4]) === selected.year);
    });
    // Title matches first; shards and their documents are newest first, so
    // position keeps that order.
    found.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return {
      total: found.length,
      options: options,
      results: found.slice(0, MAX_RESULTS).map(function (hit) {
        var doc = hit.doc;
        return { url: root + doc[0], title: doc[1], section: leaf(data.sections[doc[2]]),
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
      // Loads the filter index: only then do searches count results per
      // section and year.
      }).then(function () { return pagefind.filters(); }).then(function () { return pagefind; });
    });
  }

  var pagefindReady = null;

  function searchPagefind(query, selected) {
    // No Pagefind bundle in this build (--no-search), or opened from disk.
    if (!pagefindUrl) { return Promise.reject(new Error("no pagefind")); }
    if (!/^https?:$/.test(location.protocol)) { return Promise.reject(new Error("file://")); }
    pagefindReady = pagefindReady || loadManifest().then(openPagefind);
    return pagefindReady.then(function (pagefind) {
      var filters = {};
      if (selected.section) { filters.section = selected.section; }
      if (selected.year) { filters.year = selected.year; }
      // The unfiltered search gives the filter options (its counts per
      // section and year); the filtered one the results.
      return pagefind.search(query).then(function (all) {
        var narrowed = Object.keys(filters).length
          ? pagefind.search(query, { filters: filters }) : Promise.resolve(all);
        return narrowed.then(function (search) { return [all, search]; });
      });
    }).then(function (pair) {
      var all = pair[0];
      var search = pair[1];
      return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
        .then(function (items) {
          return {
            total: search.results.length,
            options: { section: (all.filters || {}).section || {}, year: (all.filters || {}).year || {} },
            results: items.map(function (item) {
              var meta = item.meta || {};
              return { url: item.url, title: meta.title || item.url, section: meta.section || "",
                       date: meta.date || "", datetime: meta.datetime || "",
                       excerpt: pagefindExcerpt(item.excerpt) };
            })
          };
        });
    });
  }

  var fallbackReady = null;

  function searchOffline(query, selected) {
    fallbackReady = fallbackReady || loadFallback();
    return fallbackReady.then(function () { return searchFallback(query, selected); });
  }

  function note(text) {
    var node = document.querySelector(".search-note");
    if (!node) {
      node = element("p", "search-note");
      var list = document.querySelector(".search-results");
      list.parentNode.insertBefore(node, list);
    }
    node.textContent = text;
  }

  function run() {
    var params = new URLSearchParams(location.search);
    var query = (params.get("q") || "").trim();
    var selected = { section: params.get("section") || "", year: params.get("year") || "" };
    var input = document.getElementById("search-query");
    if (input) { input.value = query; }
    if (!query) {
      setState("empty", "اكتب كلمة أو أكثر ثم اضغط Enter: تبحث الصفحة في عناوين المقالات ونصوصها ووسومها وأقسامها.");
      return;
    }
    var engine = "pagefind";

    function search(choice) {
      setState("pending", "جارٍ البحث…");
      var pending = engine === "pagefind"
        ? searchPagefind(query, choice) : searchOffline(query, choice);
      return pending.then(function (found) {
        showFilters(found.options, choice, function (next) {
          var url = new URL(location.href);
          ["section", "year"].forEach(function (key) {
            if (next[key]) { url.searchParams.set(key, next[key]); } else { url.searchParams.delete(key); }
          });
          history.replaceState(null, "", url.href);
          search(next).catch(failed);
        });
        show(found, query, choice);
        document.documentElement.setAttribute("data-search-engine", engine);
      });
    }

    function failed() {
      document.documentElement.setAttribute("data-search-engine", "error");
      document.querySelector(".search-results").textContent = "";
      setState("error", "تعذر تحميل فهرس البحث. يمكنك تصفح الأرشيف حسب التاريخ أو الوسوم.");
    }

    document.documentElement.setAttribute("data-search-engine", "pending");
    search(selected).catch(function (error) {
      // Pagefind missing, refused (file://) or broken: the offline index.
      engine = "fallback";
      if (/^https?:$/.test(location.protocol) && pagefindUrl) {
        note("تعذر تحميل البحث في النص الكامل؛ النتائج من العناوين والوسوم والأقسام فقط.");
      } else if (!/^https?:$/.test(location.protocol)) {
        note("الأرشيف مفتوح من القرص: البحث في العناوين والوسوم والأقسام فقط.");
      }
      void error;
      return search(selected);
    }).catch(failed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
