// gazette serve: reloads the page after each rebuild and shows build errors.
// Served at /__gazette/reload.js and injected into served HTML only; it is
// never written into the build output.
(function () {
  "use strict";
  var OVERLAY = "__gazette-overlay";
  var script = document.currentScript;
  // The site version this page was served from; a different one on the
  // event stream means a rebuild happened since.
  var version = script ? script.getAttribute("data-version") : null;

  function showError(html) {
    var old = document.getElementById(OVERLAY);
    var holder = document.createElement("template");
    // The server escapes every piece of text in this markup.
    holder.innerHTML = html;
    var overlay = holder.content.firstElementChild;
    if (!overlay) return;
    if (old) old.replaceWith(overlay);
    else document.body.appendChild(overlay);
  }

  function hideError() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  var source = new EventSource("/__gazette/events");
  // Browsers allow a handful of connections per server: give this one back
  // as soon as the page goes, so navigating never waits for a free slot.
  window.addEventListener("pagehide", function () {
    source.close();
  });
  source.addEventListener("state", function (e) {
    var state;
    try {
      state = JSON.parse(e.data);
    } catch (_) {
      return;
    }
    if (state.error) showError(state.error);
    else if (state.version !== version) location.reload();
    else hideError();
  });
})();
