/* A page of the app says goodbye when it is left: Voilà's shutdown request for its kernel, which the server accepts
 * only with the page's _xsrf cookie. A page served from the pool of preheated kernels never got one (Voilà sets it
 * only through a hook it refuses with preheated kernels), so its request was refused (403) and its kernel ran on
 * until the culler's two minutes: thirty students moving through the lesson kept about thirty such kernels each
 * (benchmarks/bench_class.py). The app's front page sets the cookie; a page opened without it asks for it once.
 */
(function () {
  if (/(^|;\s*)_xsrf=/.test(document.cookie)) return;
  var path = window.location.pathname;
  var at = path.indexOf("/voila/");
  var base = at >= 0 ? path.slice(0, at + 1) : "/";
  fetch(base, { credentials: "same-origin", cache: "no-store" }).catch(function () {});
})();
