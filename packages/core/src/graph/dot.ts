import type { Severity } from '../diagnostic.js';
import type { DrawCluster, DrawLink, DrawNode, DrawShape, Drawing } from './graph-drawing.js';

/**
 * Text inside a DOT quoted string that Graphviz shows as written. In a label, Graphviz
 * reads `\n`, `\l`, `\N`, `\G` and the like as escapes and `&amp;`-style entities as
 * characters, so backslashes, quotes and ampersands are escaped; line breaks are made by
 * the caller only, between lines.
 */
export function dotText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += ' ';
    else if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '&') out += '&amp;';
    else out += char;
  }
  return out;
}

function quoted(text: string): string {
  return `"${dotText(text)}"`;
}

/** Lines of a label, centred; each line escaped on its own. */
function labelOf(lines: readonly string[]): string {
  return `"${lines.map(dotText).join('\\n')}"`;
}

const SHAPES: Readonly<Record<DrawShape, string>> = {
  task: 'shape=box, style="rounded,filled"',
  pass: 'shape=box, style="filled"',
  choice: 'shape=diamond, style="filled"',
  wait: 'shape=parallelogram, style="filled"',
  succeed: 'shape=box, style="rounded,filled", fillcolor="#e8f5e9"',
  fail: 'shape=box, style="rounded,filled", fillcolor="#fdecea"',
  container: 'shape=box, style="rounded,filled,bold", fillcolor="#f5f5f5"',
  unknown: 'shape=note, style="filled"',
  start: 'shape=circle, style="filled", fillcolor="#424242", fontcolor="#ffffff", width=0.5, fixedsize=true',
  end: 'shape=doublecircle, style="filled", fillcolor="#424242", fontcolor="#ffffff", width=0.4, fixedsize=true',
  join: 'shape=circle, style="filled", fillcolor="#9e9e9e", color="#9e9e9e", label="", width=0.18, fixedsize=true',
  missing: 'shape=box, style="dashed", color="#d32f2f", fontcolor="#d32f2f"',
};

const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = { error: '#d32f2f', warning: '#ef6c00', info: '#1565c0' };

const LINK_STYLES: Readonly<Record<DrawLink['tone'], string>> = {
  flow: '',
  default: '',
  catch: 'style=dashed, color="#c62828", fontcolor="#c62828"',
  missing: 'style=dashed, color="#d32f2f", fontcolor="#d32f2f"',
  nesting: 'style=dotted, color="#9e9e9e", arrowhead=vee',
};

/** A Graphviz digraph: clusters for machines, Parallel and Map states and their scopes. */
export function renderDot(drawing: Drawing): string {
  const lines = [
    'digraph "state machines" {',
    '  graph [fontname="Helvetica", fontsize=12, rankdir=TB, newrank=true, nodesep=0.35, ranksep=0.4];',
    '  node [fontname="Helvetica", fontsize=11, fillcolor="#ffffff", color="#5f6368", margin="0.15,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#5f6368", fontcolor="#424242"];',
  ];
  for (const cluster of drawing.clusters) writeCluster(cluster, lines, '  ');
  for (const link of drawing.links) {
    const attributes = [link.label ? `label=${quoted(link.label)}` : '', LINK_STYLES[link.tone]].filter((part) => part !== '');
    lines.push(`  ${quoted(link.from)} -> ${quoted(link.to)}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function writeCluster(cluster: DrawCluster, lines: string[], indent: string): void {
  lines.push(`${indent}subgraph ${quoted(`cluster_${cluster.id}`)} {`);
  const inner = `${indent}  `;
  const style = cluster.role === 'state' ? 'rounded,dashed' : 'rounded';
  const colour = cluster.severity ? SEVERITY_COLOURS[cluster.severity] : cluster.role === 'machine' ? '#757575' : '#bdbdbd';
  lines.push(`${inner}label=${labelOf(cluster.lines)}; style="${style}"; color="${colour}";${cluster.severity ? ' penwidth=2;' : ''}`);
  if (cluster.tooltip) lines.push(`${inner}tooltip=${labelOf(cluster.tooltip.split('\n'))};`);
  for (const item of cluster.items) {
    if (item.type === 'cluster') writeCluster(item, lines, inner);
    else writeNode(item, lines, inner);
  }
  lines.push(`${indent}}`);
}

function writeNode(node: DrawNode, lines: string[], indent: string): void {
  const attributes: string[] = [];
  if (node.shape !== 'join') attributes.push(`label=${labelOf(node.lines)}`);
  attributes.push(node.unreachable ? SHAPES[node.shape].replace('style="', 'style="dashed,') : SHAPES[node.shape]);
  if (node.unreachable) attributes.push('fontcolor="#757575"');
  if (node.severity && node.shape !== 'missing') attributes.push(`color="${SEVERITY_COLOURS[node.severity]}", penwidth=3`);
  if (node.tooltip) attributes.push(`tooltip=${labelOf(node.tooltip.split('\n'))}`);
  lines.push(`${indent}${quoted(node.id)} [${attributes.join(', ')}];`);
}
