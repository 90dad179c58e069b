import { defineRule } from '@sfn-lint/core';

export default defineRule({
  id: 'no-duplicate-key',
  meta: {
    description: 'Disallow duplicate keys in an object',
    category: 'document',
    severity: 'error',
    recommended: true,
    docs: {
      whatItDoes:
        'Reports a key that appears twice in the same JSON or YAML object. Past the first 100 in a file, one more finding ' +
        'says how many follow.',
      why:
        'AWS accepts a definition with a duplicate key and silently keeps only the last value. The first one, often a ' +
        'state you meant to keep or a field you meant to set, is thrown away without a word.',
      examples: {
        invalid: [
          {
            code: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true },\n    "A": { "Type": "Succeed" }\n  }\n}',
          },
        ],
        valid: [
          {
            code: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B" },\n    "B": { "Type": "Succeed" }\n  }\n}',
          },
        ],
      },
    },
  },
  checkDocument(context) {
    for (const problem of context.document.problems) {
      if (problem.code !== 'no-duplicate-key') continue;
      context.report({ range: problem.range, message: problem.message, related: problem.related });
    }
  },
});
