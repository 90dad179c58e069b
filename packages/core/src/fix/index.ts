export { applyEdits, applyFixes, type AppliedFixes } from './apply.js';
export { appendArrayItem, insertArrayItem, insertMember, renameKey, replaceString, type InsertMemberOptions } from './edits.js';
export { fixInPasses, MAX_FIX_PASSES, unfixable, type FixedResult, type FixPassesOptions } from './fix-passes.js';
