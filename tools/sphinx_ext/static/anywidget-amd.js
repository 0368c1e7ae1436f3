// anywidget's front end for the static site: an AMD module that RequireJS serves as
// "anywidget" to the Jupyter widget manager (jupyter-widgets/embed-amd.js), which loads
// a widget's _model_module that way (and would otherwise try a CDN). widgets-setup.js
// maps the name to this file.
//
// It implements the part of anywidget's contract that the book's widgets use (see
// src/backprop/explorers/live.py): the model's _esm (a string, an ES module) is imported
// from a Blob URL; its default export (an object, or a function returning one) may have
// initialize({model}), called once per model, and render({model, el}), called for each
// view, whose returned function (if any) is called when the view goes. `model` is the
// adapter anywidget gives: get, set, save_changes, send, on, off and widget_manager (the
// page's manager: get_model(id) resolves to another widget's model). _css, if set, is
// added to the page once per widget class.
define(["@jupyter-widgets/base"], function (base) {
  "use strict";

  var modules = new Map();  // _esm text -> Promise of its widget definition

  function definition(esm) {
    if (!modules.has(esm)) {
      var url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules.set(esm, import(url).then(function (mod) {
        URL.revokeObjectURL(url);
        var def = mod.default !== undefined ? mod.default : mod;
        return typeof def === "function" ? def() : def;
      }));
    }
    return modules.get(esm);
  }

  function adapter(model, context) {
    return {
      get: model.get.bind(model),
      set: model.set.bind(model),
      save_changes: model.save_changes.bind(model),
      send: model.send.bind(model),
      on: function (name, callback) { model.on(name, callback, context); },
      off: function (name, callback) { model.off(name, callback, context); },
      widget_manager: model.widget_manager,
    };
  }

  var styled = new Set();

  function addStyle(model) {
    var css = model.get("_css"), id = model.get("_anywidget_id");
    if (!css || styled.has(id)) return;
    styled.add(id);
    var style = document.createElement("style");
    style.dataset.anywidget = id;
    style.textContent = css;
    document.head.appendChild(style);
  }

  class AnyModel extends base.DOMWidgetModel {
    defaults() {
      return Object.assign(super.defaults(), {
        _model_name: "AnyModel", _model_module: "anywidget",
        _view_name: "AnyView", _view_module: "anywidget",
      });
    }

    initialize(attributes, options) {
      super.initialize(attributes, options);
      var model = this;
      this.anywidget = definition(this.get("_esm")).then(function (def) {
        addStyle(model);
        if (def && typeof def.initialize === "function") {
          return Promise.resolve(def.initialize({ model: adapter(model, {}) })).then(function () {
            return def;
          });
        }
        return def;
      });
      this.anywidget.catch(function (err) { console.error("anywidget: could not load _esm:", err); });
    }
  }

  class AnyView extends base.DOMWidgetView {
    render() {
      var view = this;
      this.cleanup = this.model.anywidget.then(function (def) {
        if (!def || typeof def.render !== "function") return undefined;
        return def.render({ model: adapter(view.model, view), el: view.el });
      });
      return this.cleanup;
    }

    remove() {
      this.cleanup.then(function (done) { if (typeof done === "function") done(); });
      return super.remove();
    }
  }

  return { AnyModel: AnyModel, AnyView: AnyView };
});
