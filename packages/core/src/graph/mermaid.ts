import type { DrawCluster, DrawLink, DrawNode, DrawShape, Drawing } from './graph-drawing.js';

/**
 * Text inside a Mermaid quoted string. Before parsing, Mermaid turns `#name;` and `#123;`
 * into entities, reads `%%{…}%%` anywhere as a directive, and trims the last `;` of any
 * line where "style" or "classDef" is followed by `:` and `#`; labels are HTML (`<b>`
 * would be bold, `&amp;` an ampersand) and a backtick starts Markdown. So each of these
 * characters is written as its numeric entity code, which Mermaid shows as the character
 * itself: the reader sees exactly the state's name.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += ' ';
    else if (MERMAID_ENTITIES.has(char)) out += `#${code};`;
    else out += char;
  }
  return out;
}

const MERMAID_ENTITIES = new Set(['"', '#', '&', '<', '>', '`', '|', ';', ':', '%', '{', '}', '\\']);

const OPEN_CLOSE: Readonly<Record<DrawShape, readonly [string, string]>> = {
  task: ['("', '")'],
  pass: ['["', '"]'],
  choice: ['{"', '"}'],
  wait: ['[/"', '"/]'],
  succeed: ['(["', '"])'],
  fail: ['(["', '"])'],
  container: ['[["', '"]]'],
  unknown: ['>"', '"]'],
  start: ['(("', '"))'],
  end: ['((("', '")))'],
  join: ['(("', '"))'],
  missing: ['["', '"]'],
};

const CLASS_DEFS = [
  'classDef error stroke:#d32f2f,stroke-width:3px',
  'classDef warning stroke:#ef6c00,stroke-width:3px',
  'classDef info stroke:#1565c0,stroke-width:2px',
  'classDef unreachable stroke-dasharray:6 4,color:#757575',
  'classDef succeed fill:#e8f5e9',
  'classDef fail fill:#fdecea',
  'classDef marker fill:#424242,stroke:#424242,color:#ffffff',
  'classDef join fill:#9e9e9e,stroke:#9e9e9e',
  'classDef missing fill:#ffffff,stroke:#d32f2f,stroke-dasharray:4 3,color:#d32f2f',
];

const ARROWS: Readonly<Record<DrawLink['tone'], string>> = {
  flow: '-->',
  default: '-->',
  catch: '-.->',
  missing: '-.->',
  nesting: '-.->',
};

const LINK_COLOURS: Partial<Record<DrawLink['tone'], string>> = {
  catch: '#c62828',
  missing: '#d32f2f',
  nesting: '#9e9e9e',
};

/** A Mermaid flowchart: clusters as subgraphs, findings as classes, links last. */
export function renderMermaid(drawing: Drawing): string {
  const lines = ['flowchart TB'];
  const classes = new Map<string, string[]>();
  const addClass = (name: string, id: string) => {
    const list = classes.get(name);
    if (list) list.push(id);
    else classes.set(name, [id]);
  };
  for (const cluster of drawing.clusters) writeCluster(cluster, lines, '  ', addClass);
  const styles: string[] = [];
  drawing.links.forEach((link, index) => {
    const label = link.label ? `|"${mermaidText(link.label)}"|` : '';
    lines.push(`  ${link.from} ${ARROWS[link.tone]}${label} ${link.to}`);
    const colour = LINK_COLOURS[link.tone];
    if (colour) styles.push(`  linkStyle ${index} stroke:${colour},color:${colour}`);
  });
  lines.push(...styles);
  for (const def of CLASS_DEFS) lines.push(`  ${def}`);
  for (const [name, ids] of classes) lines.push(`  class ${ids.join(',')} ${name}`);
  return `${lines.join('\n')}\n`;
}

function writeCluster(cluster: DrawCluster, lines: string[], indent: string, addClass: (name: string, id: string) => void): void {
  const title = cluster.lines.length > 0 ? cluster.lines.map(mermaidText).join('<br>') : ' ';
  lines.push(`${indent}subgraph ${cluster.id}["${title}"]`);
  lines.push(`${indent}  direction TB`);
  for (const item of cluster.items) {
    if (item.type === 'cluster') writeCluster(item, lines, `${indent}  `, addClass);
    else writeNode(item, lines, `${indent}  `, addClass);
  }
  lines.push(`${indent}end`);
  if (cluster.severity) addClass(cluster.severity, cluster.id);
}

function writeNode(node: DrawNode, lines: string[], indent: string, addClass: (name: string, id: string) => void): void {
  const [open, close] = OPEN_CLOSE[node.shape];
  const text = node.lines.filter((line) => line !== '').map(mermaidText).join('<br>') || ' ';
  lines.push(`${indent}${node.id}${open}${text}${close}`);
  for (const name of classesOf(node)) addClass(name, node.id);
}

function classesOf(node: DrawNode): string[] {
  const names: string[] = [];
  if (node.shape === 'succeed' || node.shape === 'fail' || node.shape === 'join' || node.shape === 'missing') names.push(node.shape);
  if (node.shape === 'start' || node.shape === 'end') names.push('marker');
  if (node.unreachable) names.push('unreachable');
  // A missing state's own class draws its border; its severity is the edge's, not its own.
  if (node.severity && node.shape !== 'missing') names.push(node.severity);
  return names;
}
