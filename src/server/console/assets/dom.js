// Tiny DOM helpers: elements are built from data with textContent, never from HTML strings.
// @ts-check

/**
 * Attributes for h() and svg(): `dataset` entries become data-* attributes (camelCase → kebab-case),
 * `onclick` / `onkeydown` listeners, any other key an attribute; false, null and undefined leave it out.
 * @typedef {{
 *   dataset?: Record<string, string | number | boolean | null | undefined>,
 *   onclick?: ((event: Event) => void) | null,
 *   onkeydown?: ((event: KeyboardEvent) => void) | null,
 *   [attribute: string]: unknown,
 * }} Attrs
 */
/** @typedef {Node | string | number | boolean | null | undefined} Leaf */
/**
 * A child, or lists of them as `map()` builds them (two levels deep is all the pages need).
 * @typedef {Leaf | Leaf[] | Leaf[][]} Child
 */

/**
 * h('td', { class: 'num', dataset: { testid: 'x' } }, 'text', child) → element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...nodes(children));
  return el;
}

/**
 * Same as h() for SVG elements.
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {SVGElementTagNameMap[K]}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  el.append(...nodes(children));
  return el;
}

/**
 * Children flattened, with false, null and undefined left out and other values as text.
 * @param {Child[]} children
 * @returns {(Node | string)[]}
 */
function nodes(children) {
  /** @type {(Node | string)[]} */
  const out = [];
  const visit = (/** @type {Child} */ child) => {
    if (Array.isArray(child)) for (const c of child) visit(c);
    else if (child !== null && child !== undefined && child !== false)
      out.push(child instanceof Node ? child : String(child));
  };
  for (const c of children) visit(c);
  return out;
}

/** `stateId` → `state-id`, as element.dataset would name the attribute. */
const kebab = (/** @type {string} */ key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * @param {Element} el
 * @param {Attrs} attrs
 */
function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'dataset') {
      for (const [k, v] of Object.entries(/** @type {NonNullable<Attrs['dataset']>} */ (value))) {
        if (v !== null && v !== undefined) el.setAttribute(`data-${kebab(k)}`, String(v));
      }
    } else if (key === 'onclick' || key === 'onkeydown') {
      el.addEventListener(key.slice(2), /** @type {(event: Event) => void} */ (value));
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

/**
 * Replaces an element's children.
 * @param {Element} el
 * @param {...Child} children
 */
export function fill(el, ...children) {
  el.replaceChildren(...nodes(children));
}

/**
 * The rows' container of the table with this data-testid.
 * @param {string} id
 */
export function tableBody(id) {
  const body = byTestId(id, HTMLTableElement).tBodies.item(0);
  if (body === null) throw new Error(`table ${id} has no tbody`);
  return body;
}

/**
 * Replaces an element's children, keeping the keyboard focus: a focused child with a `data-focus-key`
 * hands the focus to its replacement (live tables re-render many times a second).
 * @param {Element} el
 * @param {...Child} children
 */
export function fillKeepingFocus(el, ...children) {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && el.contains(active) ? (active.dataset.focusKey ?? null) : null;
  fill(el, ...children);
  if (key === null) return;
  const next = el.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (next instanceof HTMLElement) next.focus();
}

/**
 * The one element with this data-testid (the page's stable handles, shared with the browser tests),
 * checked to be a `type` at run time so a page that changed shape fails here, by name.
 * @template {Element} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (): T, name: string }} [type]
 * @param {ParentNode} [root]
 * @returns {T}
 */
export function byTestId(id, type = /** @type {any} */ (HTMLElement), root = document) {
  const el = root.querySelector(`[data-testid="${id}"]`);
  if (el === null) throw new Error(`missing element ${id}`);
  if (!(el instanceof type)) throw new Error(`element ${id} is not a ${type.name}`);
  return el;
}

/**
 * A keyboard handler doing what a click does, on Enter or Space.
 * @param {() => void} fn
 */
export const enter = (fn) => (/** @type {KeyboardEvent} */ e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  fn();
};
