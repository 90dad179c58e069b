// Draws the README's example graph (docs/images/graph-example.svg) from
// fixtures/examples/fulfilment-workflow.asl.json. Run with `npm run docs:graph`, which builds first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GRAPH_EXAMPLE_IMAGE, graphExampleSvg } from './graph-example-svg.mjs';

const svg = await graphExampleSvg();
mkdirSync(dirname(GRAPH_EXAMPLE_IMAGE), { recursive: true });
writeFileSync(GRAPH_EXAMPLE_IMAGE, svg);
console.log(`Wrote ${GRAPH_EXAMPLE_IMAGE}.`);
