/* Accessibility repairs for the kit's pages (Voilà's "ldn" template and the course book load this file).
 *
 * ipywidgets gives a slider's handle no accessible name and an Image widget no alt text, and a wide table scrolls
 * without being reachable by keyboard (axe-core: aria-input-field-name, image-alt, scrollable-region-focusable).
 * Each slider handle gets its label's text, each explorer figure the one-sentence description the explorer shows
 * above it, and each scrolling output becomes focusable. Runs again whenever widgets are added to the page, and
 * whenever an output changes size (a late font or image can make a table scroll without adding any node).
 */
(function () {
  function repair() {
    // the app's glossary opens in a new tab: in the same tab it would replace the page, and Back would rerun it
    document.querySelectorAll('a[href$="glossary.ipynb"]:not([target])').forEach(function (link) {
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener");
      link.setAttribute("title", "opens in a new tab; this page keeps its kernel");
    });
    document.querySelectorAll(".widget-slider, .widget-hslider, .widget-vslider").forEach(function (box) {
      var label = box.querySelector(".widget-label");
      var name = label ? label.textContent.trim() : "";
      box.querySelectorAll("[role=slider]").forEach(function (handle) {
        if (name && !handle.getAttribute("aria-label")) handle.setAttribute("aria-label", name);
      });
    });
    document.querySelectorAll("img.widget-image, .widget-image img").forEach(function (image) {
      if (image.getAttribute("alt")) return;
      var explorer = image.closest(".ldn-explorer");
      var note = explorer ? explorer.querySelector("[role=note]") : null;
      image.setAttribute("alt", note ? note.textContent.replace(/^\s*Figure:\s*/, "") : "figure of the explorer above");
    });
    document.querySelectorAll(".jp-RenderedMarkdown, .jp-RenderedHTMLCommon, .jp-OutputArea-output").forEach(
      function (region) {
        if (region.scrollWidth > region.clientWidth + 1 && !region.hasAttribute("tabindex")) {
          region.setAttribute("tabindex", "0");
        }
        watchSize(region);
      });
  }

  // a region can start to scroll without any node being added: a web font or an image arriving late widens a table.
  // Watching each output's size (and its table's) catches that; seen regions are remembered so each is watched once.
  var watched = new WeakSet();
  var sizes = window.ResizeObserver ? new ResizeObserver(function () { schedule(); }) : null;
  function watchSize(region) {
    if (!sizes || watched.has(region)) return;
    watched.add(region);
    sizes.observe(region);
    region.querySelectorAll("table, pre").forEach(function (inner) { sizes.observe(inner); });
  }

  // only additions that can hold a slider, an image or an output: a summary's text changing on every slider move
  // must not cost a pass over the page
  var WATCH = "[role=slider], img, table, pre, .jp-OutputArea-output, .jp-RenderedMarkdown, .jp-RenderedHTMLCommon";
  function relevant(mutation) {
    return Array.prototype.some.call(mutation.addedNodes, function (node) {
      return node.nodeType === 1 && (node.matches(WATCH) || node.querySelector(WATCH) !== null);
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; repair(); });
  }
  new MutationObserver(function (mutations) {
    if (mutations.some(relevant)) schedule();
  }).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", repair);
  else repair();
  window.addEventListener("load", function () { repair(); window.setTimeout(repair, 1500); });  // late layout
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
})();
