// How a view that computes in the page follows the explorer's ipywidgets controls:
// appended after engine.js and format.js, before a view module (live.module), one ES module.
//
// follow(model, names, redraw) reads the controls (the model's "controls", widget
// references resolved through the widget manager), calls redraw(value) once after each
// batch of changes (a reset sets many at once) and once at the start, value(name) giving a
// control's value (a dropdown's chosen label). Its buttons: with a kernel, Python answers
// their clicks and the changed controls come back here; on the static site nothing
// answers, so they act here: "reset" sets every name to data.defaults[name], and a button
// named in data.copies sets each {target: source} control to the source's value.
// It returns the function that stops following.

const REF_PREFIX = "IPY_MODEL_";

async function controlModels(model) {
  const refs = model.get("controls");
  const entries = await Promise.all(Object.entries(refs).map(async ([name, ref]) => {
    if (typeof ref !== "string") return [name, ref];  // already a model
    const id = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
    return [name, await model.widget_manager.get_model(id)];
  }));
  return Object.fromEntries(entries);
}

async function follow(model, names, redraw) {
  const data = model.get("data");
  const controls = await controlModels(model);
  // A dropdown's model holds the chosen option's index (ipywidgets 8), a slider's its value.
  const choice = (m) => m.get("_options_labels") !== undefined;
  const event = (name) => (choice(controls[name]) ? "change:index" : "change:value");
  const value = (name) => {
    const m = controls[name];
    return choice(m) ? m.get("_options_labels")[m.get("index")] : m.get("value");
  };
  const set = (name, v) => {
    const m = controls[name];
    if (choice(m)) m.set("index", m.get("_options_labels").indexOf(v));
    else m.set("value", v);
    m.save_changes();
  };

  let pending = false;
  function schedule() {  // several controls set at once redraw once, before the next frame
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; redraw(value); });
  }
  names.forEach((name) => controls[name].on(event(name), schedule));

  const actions = { reset: () => names.forEach((name) => set(name, data.defaults[name])) };
  Object.entries(data.copies || {}).forEach(([button, pairs]) => {
    actions[button] = () => Object.entries(pairs).forEach(([to, from]) => set(to, value(from)));
  });
  const sends = Object.entries(actions).map(([name, act]) => {
    const button = controls[name], send = button.send;
    button.send = function (content, ...rest) {
      if (content && content.event === "click" && !button.comm_live) act();
      return send.call(this, content, ...rest);
    };
    return [button, send];
  });

  redraw(value);
  return () => {
    names.forEach((name) => controls[name].off(event(name), schedule));
    sends.forEach(([button, send]) => { button.send = send; });
  };
}
