// Loaded between require.js and the Jupyter widget manager (jupyter-widgets/embed-amd.js)
// on pages with widgets, when `make book` vendored them (see tools/sphinx_ext/book_site.py).
(function () {
  "use strict";
  var here = new URL("jupyter-widgets/", document.currentScript.src).href;

  // The widget manager's bundles find their Font Awesome files next to the URL that
  // RequireJS gives each module, by default a path under the page's own folder where
  // nothing is. Map every module embed-amd.js defines to the folder that holds them.
  var modules = ["base", "controls", "base7", "controls7", "html-manager", "html-manager/dist/libembed-amd"];
  var paths = {};
  modules.forEach(function (name) {
    paths["@jupyter-widgets/" + name] = here + name.replace(/\//g, "-");
  });
  // anywidget's front end, for the explorers that compute in the page (anywidget-amd.js,
  // next to this file): the widget manager asks RequireJS for the module "anywidget".
  paths.anywidget = new URL("anywidget-amd", document.currentScript.src).href;
  window.require.config({ paths: paths });
  window.__jupyter_widgets_assets_path__ = here;

  // The slider handles (role="slider") carry no accessible name; give each its widget's
  // label ("w1", "eta"...), and drop the tooltip "null" that an unset tooltip becomes.
  function nameControls(root) {
    root.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      if (label && label.getAttribute("title") === "null") label.removeAttribute("title");
      var name = label ? label.textContent.trim() : "";
      if (!name) return;
      slider.querySelectorAll('[role="slider"]:not([aria-label])').forEach(function (handle) {
        handle.setAttribute("aria-label", name);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        nameControls(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  });

  // Widget labels are typeset with MathJax 2's MathJax.Hub.Queue(["Typeset", Hub, el]);
  // the site runs MathJax 3, which has no Hub. Translate the call, once MathJax is up.
  document.addEventListener("DOMContentLoaded", function () {
    var mj = window.MathJax;
    if (!mj || mj.Hub) return;
    mj.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (command) {
          var m = window.MathJax;
          if (!Array.isArray(command) || command[0] !== "Typeset" || !m.typesetPromise) return;
          m.startup.promise = m.startup.promise
            .then(function () { return m.typesetPromise([command[2]]); })
            .catch(function (err) { console.warn("MathJax could not typeset a widget label:", err); });
        });
      },
    };
  });
})();
