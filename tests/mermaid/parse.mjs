// Mermaid's parser in Node. Mermaid sanitises labels with DOMPurify, which needs a DOM:
// jsdom's window stands in for a browser's.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
Object.assign(globalThis, { window: dom.window, document: dom.window.document });
const { default: mermaid } = await import('mermaid');

/** Throws Mermaid's parse error for text it rejects. */
export async function parseMermaid(text) {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return diagram.db;
}
