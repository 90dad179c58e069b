// asl-validator's library, loaded once, with its default checks (paths and ARNs), as its CLI runs it.
import { createRequire } from 'node:module';
import { drive } from './driver.mjs';

const validator = createRequire(import.meta.url)('asl-validator');
await drive((text) => validator(JSON.parse(text), { checkPaths: true, checkArn: true }));
