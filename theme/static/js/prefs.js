/* Arshif: the reader's stored theme and text size, applied to <html> before the
   first paint (so a dark reader never sees a white flash). Loaded synchronously
   in <head> from a file, not inline, so a Content-Security-Policy of
   script-src 'self' allows it. reader.js owns the controls and writes the value:
   localStorage["arshif:<SITENAME>:prefs"] = {"v":1,"theme":"dark"|"light","text":"small"|"large"|"xlarge"} */
(function () {
  "use strict";
  var html = document.documentElement;
  try {
    var raw = window.localStorage.getItem("arshif:" + (html.getAttribute("data-site") || "") + ":prefs");
    var prefs = raw ? JSON.parse(raw) : null;
    if (!prefs || typeof prefs !== "object") { return; }
    if (prefs.theme === "dark" || prefs.theme === "light") { html.setAttribute("data-theme", prefs.theme); }
    if (prefs.text === "small" || prefs.text === "large" || prefs.text === "xlarge") {
      html.setAttribute("data-text-size", prefs.text);
    }
  } catch (error) {
    /* No storage (disabled, sandboxed) or a corrupted value: the defaults stay. */
  }
})();
