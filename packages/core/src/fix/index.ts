export { applyEdits, applyFixes, type AppliedFixes } from './apply.js';
export { appendArrayItem, insertArrayItem, insertMember, renameKey, type InsertMemberOptions } from './edits.js';
