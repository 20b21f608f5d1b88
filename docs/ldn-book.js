/* Served by the course book itself (scripts/build_site.py), loaded before the widget renderer.
 *
 * The Jupyter widgets HTML manager typesets widget labels with MathJax 2's MathJax.Hub.Queue; the book bundles
 * MathJax 3, so give it that one call, mapped onto MathJax 3's typesetPromise.
 *
 * The theme's sidebar opens a page's sub-pages (the API reference's module pages) with a <summary> that holds only
 * an icon: give it a name, so that screen readers say what it opens (axe: summary-name).
 */
(function () {
  function typeset(element) {
    var mathjax = window.MathJax;
    var ready = mathjax.startup && mathjax.startup.promise ? mathjax.startup.promise : Promise.resolve();
    ready.then(function () {
      return mathjax.typesetPromise ? mathjax.typesetPromise([element]) : null;
    }).catch(function (error) { console.warn("MathJax could not typeset a widget label", error); });
  }

  function installHub() {
    var mathjax = window.MathJax;
    if (!mathjax || mathjax.Hub) return;
    mathjax.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (Array.isArray(job) && job[0] === "Typeset") typeset(job[2]);
          else if (typeof job === "function") job();
        });
      }
    };
  }

  function nameSidebarExpanders() {
    document.querySelectorAll(".toctree-l1 > details > summary, .toctree-l2 > details > summary").forEach(
      function (summary) {
        if (summary.textContent.trim() || summary.getAttribute("aria-label")) return;
        var link = summary.parentElement.parentElement.querySelector(":scope > a");
        summary.setAttribute("aria-label", "Show or hide the pages under " + (link ? link.textContent.trim() : "this page"));
      });
  }

  installHub();
  document.addEventListener("DOMContentLoaded", function () {
    installHub();
    nameSidebarExpanders();
  });
})();
