import { parseJson } from './json.js';
import { LineMap } from './line-map.js';
import type { DocNode, ParseProblem } from './node.js';
import { parseYaml } from './yaml.js';

export type DocumentFormat = 'json' | 'yaml';

/** A file's text, read into one or more node trees (YAML allows several documents). */
export interface SourceDocument {
  readonly file: string;
  readonly text: string;
  readonly format: DocumentFormat;
  readonly roots: readonly DocNode[];
  readonly problems: readonly ParseProblem[];
  readonly lineMap: LineMap;
}

/** `.yaml`/`.yml` files are YAML; everything else is JSON unless it plainly is not. */
export function detectFormat(file: string, text: string): DocumentFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json') || lower.endsWith('.json5')) return 'json';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' || first === undefined ? 'json' : 'yaml';
}

export function parseDocument(file: string, text: string, format: DocumentFormat = detectFormat(file, text)): SourceDocument {
  const lineMap = new LineMap(text);
  if (format === 'yaml') {
    const { documents, problems } = parseYaml(text);
    const roots = documents.map((d) => d.root).filter((root): root is NonNullable<typeof root> => root !== undefined);
    return { file, text, format, roots, problems, lineMap };
  }
  const { root, problems } = parseJson(text);
  return { file, text, format, roots: root ? [root] : [], problems, lineMap };
}
