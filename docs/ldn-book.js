/* Served by the course book itself (scripts/build_site.py), loaded before the widget renderer.
 *
 * The Jupyter widgets HTML manager typesets widget labels with MathJax 2's MathJax.Hub.Queue; the book bundles
 * MathJax 3, so give it that one call, mapped onto MathJax 3's typesetPromise.
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

  installHub();
  document.addEventListener("DOMContentLoaded", installHub);
})();
