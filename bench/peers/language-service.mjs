// amazon-states-language-service, as an editor runs it: one language service, and per file
// a text document, its parsed JSON document and doValidation (the JSON schema and the
// language service's own ASL checks).
import { createRequire } from 'node:module';
import { drive } from './driver.mjs';

const { getLanguageService, TextDocument } = createRequire(import.meta.url)('amazon-states-language-service');
const service = getLanguageService({});
let version = 0;
await drive(async (text, file) => {
  const document = TextDocument.create(`file://${file}`, 'json', ++version, text);
  await service.doValidation(document, service.parseJSONDocument(document));
});
