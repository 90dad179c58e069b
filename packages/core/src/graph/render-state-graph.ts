import { renderDot } from './dot.js';
import { stateGraphDrawing } from './graph-drawing.js';
import type { StateGraphModel } from './graph-model.js';
import { renderMermaid } from './mermaid.js';

export type StateGraphFormat = 'mermaid' | 'dot';

export const STATE_GRAPH_FORMATS: readonly StateGraphFormat[] = ['mermaid', 'dot'];

/**
 * The state graph as Mermaid flowchart or Graphviz DOT text: each machine a cluster,
 * Parallel and Map states boxes holding their branches or processor, states with
 * findings bordered red (error), orange (warning) or blue (info) with their rule ids.
 */
export function renderStateGraph(model: StateGraphModel, format: StateGraphFormat): string {
  const drawing = stateGraphDrawing(model);
  return format === 'dot' ? renderDot(drawing) : renderMermaid(drawing);
}
