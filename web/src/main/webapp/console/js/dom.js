// A few DOM helpers; text always goes in as text nodes, so nothing the server answers is parsed as HTML.

const SVG = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** A labelled field: the label names the control for screen readers and clicks. */
export function field(label, control, hint) {
  const id = control.id || (control.id = `f-${Math.random().toString(36).slice(2, 9)}`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', {}, hint) : null);
}

export function pretty(json) {
  return JSON.stringify(json, null, 2);
}

/** Parses the JSON of a textarea, or throws an Error that names the problem for people. */
export function parseObject(text, what) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${error.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a JSON object`);
  return value;
}

/** The violations of a refused request, each at its JSON path. */
export function violationList(id, error) {
  const list = h('ul', { id, class: 'violations' });
  for (const v of error.violations) list.append(h('li', {}, h('code', { class: 'path' }, v.field), ' ', v.message));
  return list;
}

/**
 * Shows each violation of a refused form at its field: the control whose data-field is the
 * violation's JSON path (or the longest such prefix: "flags.world.x" goes to data-field="flags") gets
 * aria-invalid and the message right after it; a violation no control takes is listed at the top.
 * Without an error (or with one that has no violations) it clears what was shown.
 */
export function markFields(form, error) {
  for (const old of form.querySelectorAll('.violation, .violations')) old.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
  }
  const unplaced = [];
  for (const [i, v] of (error?.violations || []).entries()) {
    let control = null;
    for (let path = v.field; path && !control; path = path.replace(/(\.[^.[]*|\[\d+\])$/, '') || null) {
      control = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
      if (!/[.[]/.test(path)) break;
    }
    if (!control) {
      unplaced.push(v);
      continue;
    }
    const message = h('small', { class: 'violation', id: `${form.id || 'form'}-violation-${i}` },
      h('code', { class: 'path' }, v.field), ' ', v.message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', message.id);
    control.after(message);
  }
  if (unplaced.length) form.prepend(violationList(`${form.id || 'form'}-violations`, { violations: unplaced }));
}
