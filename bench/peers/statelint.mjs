// @wmfs/statelint's library, loaded once: StateLint#validate on the parsed JSON.
import { createRequire } from 'node:module';
import { drive } from './driver.mjs';

const { StateLint } = createRequire(import.meta.url)('@wmfs/statelint');
const linter = new StateLint();
await drive((text) => linter.validate(JSON.parse(text)));
