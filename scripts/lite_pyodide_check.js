/* Added to every page of the JupyterLite build by scripts/build_lite.py.
 *
 * JupyterLite runs Python in the browser with Pyodide, which its kernel downloads from a CDN on the first visit.
 * Without that CDN the notebook's first cell stays [*] and nothing on the page says why; this check fetches the
 * same file the kernel will, and if it cannot be reached says so in words: what is missing, that the first load
 * needs the internet, and what to use instead.
 */
(function () {
  var DEFAULT_URL = "__PYODIDE_URL__";  // the kernel extension's own default, filled in at build time

  function configuredUrl() {
    try {
      var config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
      var settings = (config.litePluginSettings || {})["@jupyterlite/pyodide-kernel-extension:kernel"] || {};
      return settings.pyodideUrl || DEFAULT_URL;
    } catch (error) {
      return DEFAULT_URL;
    }
  }

  function explain(url) {
    var host = url.replace(/^https?:\/\//, "").split("/")[0];
    var box = document.createElement("div");
    box.id = "ldn-pyodide-missing";
    box.setAttribute("role", "alert");
    // at the bottom: the menu bar and the notebook's first lines stay visible and usable until it is dismissed
    box.style.cssText = "position:fixed;bottom:0;left:0;right:0;z-index:100000;padding:14px 20px;background:#fff3cd;" +
      "color:#3d2f00;border-top:3px solid #b58100;font:16px/1.45 system-ui,sans-serif";
    box.innerHTML = "<strong>Python cannot start in this page.</strong> JupyterLite runs Python inside the browser " +
      "with Pyodide, which is downloaded from <code>" + host + "</code> the first time a notebook runs — and that " +
      "address cannot be reached from here (no internet, or it is blocked). The notebooks will not run until it can " +
      "be: connect to the internet and reload this page, or open the kit without JupyterLite — the app mode " +
      "(<code>make app</code>) or JupyterLab (<code>make lab</code>) on a computer with the kit installed, or the " +
      "course book (<code>make site</code>) to read the notebooks with their figures. " +
      "<button type='button' style='margin-left:8px;font:inherit'>Dismiss</button>";
    box.querySelector("button").addEventListener("click", function () { box.remove(); });
    document.body.appendChild(box);
  }

  function check() {
    var url = configuredUrl();
    // no-cors: an opaque answer is enough to know the address is reachable; the kernel fetches it anyway
    fetch(url, { mode: "no-cors" }).catch(function () { explain(url); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
