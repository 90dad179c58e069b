import { readFileSync } from 'node:fs';
import { parseDocument, lintDocument } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
const text = readFileSync('/tmp/m2400.asl.yaml', 'utf8');
const d = parseDocument('m.asl.yaml', text);
for (let i = 0; i < 8; i++) lintDocument(d, { rules });
