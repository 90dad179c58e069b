export { applyEdits, applyFixes, type AppliedFixes } from './apply.js';
export { appendArrayItem, insertArrayItem, insertMember, renameKey, replaceString, type InsertMemberOptions } from './edits.js';
