// A scene's graph as SVG: nodes in columns by their distance from the entry, choices as labelled arrows.

import { h, svg } from './dom.js';

const NODE_W = 150;
const NODE_H = 44;
// Wide enough for a choice label of LABEL_CHARS characters between two columns.
const COL_GAP = 170;
const ROW_GAP = 36;
const MARGIN = 24;
// Room above the first row for the arcs of back edges and their labels.
const TOP = 48;
const LABEL_CHARS = 26;
// Beyond this a drawing is no longer readable; the scene is still usable through its choices.
export const MAX_DRAWN_NODES = 300;

/** Column and row of every node: breadth-first from the entry; nodes it cannot reach go in a last column. */
export function layout(scene) {
  const nodes = scene.nodes.slice(0, MAX_DRAWN_NODES);
  const drawn = new Set(nodes.map((n) => n.id));
  const next = new Map(nodes.map((n) => [n.id, []]));
  for (const e of scene.edges) if (drawn.has(e.from_node_id) && drawn.has(e.to_node_id)) next.get(e.from_node_id).push(e.to_node_id);
  const depth = new Map();
  const queue = drawn.has(scene.entry_node_id) ? [scene.entry_node_id] : [];
  if (queue.length) depth.set(scene.entry_node_id, 0);
  while (queue.length) {
    const id = queue.shift();
    for (const to of next.get(id)) {
      if (!depth.has(to)) {
        depth.set(to, depth.get(id) + 1);
        queue.push(to);
      }
    }
  }
  const unreachedColumn = Math.max(-1, ...depth.values()) + 1;
  const rows = [];
  const positions = new Map();
  for (const node of nodes) {
    const column = depth.has(node.id) ? depth.get(node.id) : unreachedColumn;
    const row = rows[column] = (rows[column] ?? -1) + 1;
    positions.set(node.id, {
      column, row,
      x: MARGIN + column * (NODE_W + COL_GAP),
      y: TOP + row * (NODE_H + ROW_GAP),
    });
  }
  const columns = rows.length;
  const maxRows = Math.max(1, ...rows.map((r) => (r ?? -1) + 1));
  return {
    positions,
    width: MARGIN * 2 + columns * NODE_W + Math.max(0, columns - 1) * COL_GAP,
    height: TOP + MARGIN + maxRows * NODE_H + (maxRows - 1) * ROW_GAP,
  };
}

/** The path of an edge: straight ahead when it moves right, an arc above otherwise (loops, back edges). */
function edgePath(from, to) {
  if (to.x > from.x) {
    const x1 = from.x + NODE_W;
    const y1 = from.y + NODE_H / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_H / 2;
    return { d: `M${x1},${y1} C${x1 + COL_GAP / 2},${y1} ${x2 - COL_GAP / 2},${y2} ${x2},${y2}`, lx: (x1 + x2) / 2, ly: (y1 + y2) / 2 - 6 };
  }
  const x1 = from.x + NODE_W / 2 + 20;
  const x2 = to.x + NODE_W / 2 - 20;
  const top = Math.min(from.y, to.y) - TOP + 8;
  return { d: `M${x1},${from.y} C${x1},${top} ${x2},${top} ${x2},${to.y}`, lx: (x1 + x2) / 2, ly: top + 6 };
}

/** The drawing; {@code currentNodeId} (a session's position) is highlighted when given. */
export function drawGraph(scene, currentNodeId) {
  const { positions, width, height } = layout(scene);
  const label = `Graph of scene ${scene.title}: ${scene.nodes.length} nodes, ${scene.edges.length} choices`;
  const edges = scene.edges.filter((e) => positions.has(e.from_node_id) && positions.has(e.to_node_id)).map((e) => {
    const { d, lx, ly } = edgePath(positions.get(e.from_node_id), positions.get(e.to_node_id));
    const short = e.choice_label.length > LABEL_CHARS ? `${e.choice_label.slice(0, LABEL_CHARS - 1)}…` : e.choice_label;
    return svg('g', { class: 'edge', 'data-edge-id': e.id },
      svg('title', {}, e.choice_label),
      svg('path', { d, 'marker-end': 'url(#arrow)' }),
      svg('text', { x: lx, y: ly, 'text-anchor': 'middle' }, short));
  });
  const nodes = scene.nodes.filter((n) => positions.has(n.id)).map((n) => {
    const p = positions.get(n.id);
    const classes = ['node', n.id === scene.entry_node_id && 'entry', n.id === currentNodeId && 'current'].filter(Boolean).join(' ');
    return svg('g', { class: classes, 'data-node-id': n.id, 'data-node-key': n.key },
      svg('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 8 }),
      svg('text', { x: p.x + NODE_W / 2, y: p.y + 18, 'text-anchor': 'middle', class: 'key' },
        (n.id === scene.entry_node_id ? '▶ ' : '') + n.key),
      svg('text', { x: p.x + NODE_W / 2, y: p.y + 35, 'text-anchor': 'middle', class: 'label' }, n.label || ''));
  });
  return svg('svg', { class: 'graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label },
    svg('title', {}, label),
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z' }))),
    edges, nodes);
}

// Below this scale a fitted drawing is too small to read: the graph is then shown at full size and panned.
const MIN_READABLE_SCALE = 0.5;

/**
 * A graph that fits its box or pans and zooms in it: {@code box} scrolls (drag, wheel, arrow keys
 * once focused), the buttons zoom in and out and fit the whole graph. A graph that fits at a readable
 * scale is shown whole; a larger one at full size, centred on {@code currentNodeId} when given.
 * Answers the toolbar to place above the box; call {@code show(scene, currentNodeId)} to (re)draw.
 */
export function graphViewer(box) {
  let drawing = null;
  let natural = { width: 1, height: 1 };
  box.tabIndex = 0;
  box.setAttribute('aria-label', 'Scene graph: drag or use the arrow keys to pan');
  const scaleOut = h('output', { class: 'zoom-level', 'aria-live': 'polite' });

  function setScale(scale) {
    if (!drawing) return;
    const s = Math.min(2, Math.max(0.1, scale));
    drawing.setAttribute('width', Math.round(natural.width * s));
    drawing.setAttribute('height', Math.round(natural.height * s));
    box.dataset.scale = s.toFixed(3);
    scaleOut.value = `${Math.round(s * 100)} %`;
  }
  const scale = () => Number(box.dataset.scale || 1);
  function fitScale() {
    const width = box.clientWidth - 2;
    const height = Math.max(200, window.innerHeight * 0.7 - 2);
    return Math.min(1, width / natural.width, height / natural.height);
  }
  function centre(nodeId) {
    const rect = nodeId == null ? null : drawing?.querySelector(`.node[data-node-id="${nodeId}"] rect`);
    if (!rect) return;
    const s = scale();
    box.scrollLeft = (Number(rect.getAttribute('x')) + NODE_W / 2) * s - box.clientWidth / 2;
    box.scrollTop = (Number(rect.getAttribute('y')) + NODE_H / 2) * s - box.clientHeight / 2;
  }

  // Drag to pan, with the mouse or a finger; a click without a move stays a click.
  let drag = null;
  box.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop, id: event.pointerId };
  });
  box.addEventListener('pointermove', (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    box.scrollLeft = drag.left - (event.clientX - drag.x);
    box.scrollTop = drag.top - (event.clientY - drag.y);
  });
  for (const end of ['pointerup', 'pointercancel', 'pointerleave']) box.addEventListener(end, () => { drag = null; });

  const toolbar = h('div', { class: 'buttons zoom', role: 'group', 'aria-label': 'Zoom' },
    h('button', { type: 'button', class: 'zoom-out', 'aria-label': 'Zoom out', onclick: () => setScale(scale() / 1.25) }, '−'),
    h('button', { type: 'button', class: 'zoom-in', 'aria-label': 'Zoom in', onclick: () => setScale(scale() * 1.25) }, '+'),
    h('button', { type: 'button', class: 'zoom-fit', onclick: () => setScale(fitScale()) }, 'Fit'),
    h('button', { type: 'button', class: 'zoom-full', onclick: () => setScale(1) }, '100 %'),
    scaleOut);

  function show(scene, currentNodeId) {
    const keep = drawing ? scale() : null;
    drawing = drawGraph(scene, currentNodeId);
    natural = { width: Number(drawing.getAttribute('width')), height: Number(drawing.getAttribute('height')) };
    box.replaceChildren(drawing);
    const fit = fitScale();
    setScale(keep ?? (fit >= MIN_READABLE_SCALE ? fit : 1));
    centre(currentNodeId);
  }

  return { toolbar, show, fit: () => setScale(fitScale()) };
}
