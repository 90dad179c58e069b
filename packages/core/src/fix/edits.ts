import type { TextEdit } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { editDefinitionString } from './definition-string-edits.js';
import { insertJsonItem, insertJsonMember, renameJsonKey, replaceJsonString } from './json-edits.js';
import { anchored, belongsTo, jsonValue, rangesAreOwn } from './layout.js';
import { insertYamlItem, insertYamlMember, renameYamlKey, replaceYamlString } from './yaml-edits.js';

export interface InsertMemberOptions {
  /**
   * Insert before the first member, in source order, whose key is one of these (for
   * example `["Next", "End"]`); at the end of the object when it has none of them.
   */
  readonly before?: readonly string[];
}

/**
 * True when an edit at the node changes that place only. In YAML, a node copied by an
 * alias or a merge key has its text at the anchor, and an anchored node is shared by
 * its aliases: edits there are refused.
 */
function editable(document: SourceDocument, node: DocNode): boolean {
  if (!belongsTo(document, node)) return false;
  if (document.format !== 'yaml') return true;
  return rangesAreOwn(node) && !anchored(document.text, node);
}

/**
 * The edit that renames an object member's key to `newKey`, keeping the file's quoting:
 * JSON keys stay double-quoted with escapes where needed; YAML keys keep their style
 * (plain, single- or double-quoted) when the new key can be written in it. When the new
 * key extends the old one (`Payload` → `Payload.$`), only the added text is inserted.
 *
 * Returns undefined when no safe edit exists: the node is not a member, its key text
 * is not what it reads as, or (YAML) the key sits in an alias, merge key or anchor.
 */
export function renameKey(document: SourceDocument, node: DocNode, newKey: string): TextEdit[] | undefined {
  if (!belongsTo(document, node)) return editDefinitionString(document, node, (virtual, twin) => renameKey(virtual, twin, newKey));
  if (!node.keyRange || node.key === undefined || !editable(document, node)) return undefined;
  return document.format === 'yaml' ? renameYamlKey(document, node, newKey) : renameJsonKey(document, node, newKey);
}

/**
 * The edit that adds the member `key: value` to an object, written as the object's
 * neighbours are: JSON with the file's indentation (spaces or tabs), line breaks (LF or
 * CRLF), spacing after ":" and ",", on one line when the object is; YAML in block style
 * at the keys' column with the file's indentation, or in flow style inside `{…}`.
 * `value` is written as JSON.stringify would see it.
 *
 * It does not check whether the key is already there: that is the caller's business.
 * Returns undefined when no safe edit exists.
 */
export function insertMember(
  document: SourceDocument,
  objectNode: DocNode,
  key: string,
  value: unknown,
  options: InsertMemberOptions = {},
): TextEdit[] | undefined {
  if (!belongsTo(document, objectNode)) return editDefinitionString(document, objectNode, (virtual, twin) => insertMember(virtual, twin, key, value, options));
  const normal = jsonValue(value);
  if (objectNode.kind !== 'object' || normal === undefined || !editable(document, objectNode)) return undefined;
  const before = options.before ?? [];
  return document.format === 'yaml' ? insertYamlMember(document, objectNode, key, normal, before) : insertJsonMember(document, objectNode, key, normal, before);
}

/**
 * The edit that inserts `value` into an array so that it becomes item `index` (0 puts it
 * first; an index past the end appends), written in the array's style as
 * `insertMember` does. A retrier, for example, must go before a `States.ALL` one.
 * Returns undefined when no safe edit exists.
 */
export function insertArrayItem(document: SourceDocument, arrayNode: DocNode, index: number, value: unknown): TextEdit[] | undefined {
  if (!belongsTo(document, arrayNode)) return editDefinitionString(document, arrayNode, (virtual, twin) => insertArrayItem(virtual, twin, index, value));
  const normal = jsonValue(value);
  if (arrayNode.kind !== 'array' || normal === undefined || !Number.isInteger(index) || index < 0 || !editable(document, arrayNode)) return undefined;
  return document.format === 'yaml' ? insertYamlItem(document, arrayNode, index, normal) : insertJsonItem(document, arrayNode, index, normal);
}

/** The edit that adds `value` as the last item of an array; see `insertArrayItem`. */
export function appendArrayItem(document: SourceDocument, arrayNode: DocNode, value: unknown): TextEdit[] | undefined {
  return insertArrayItem(document, arrayNode, arrayNode.children?.length ?? 0, value);
}

/**
 * The edit that replaces a string value with `value` (a state name in a transition, a
 * Comment), keeping its quoting. Returns undefined when no safe edit exists: the node is
 * not a string written in place (a DefinitionString's escaped text, a YAML alias or a
 * block scalar).
 */
export function replaceString(document: SourceDocument, node: DocNode, value: string): TextEdit[] | undefined {
  if (node.kind !== 'string' || !editable(document, node)) return undefined;
  return document.format === 'yaml' ? replaceYamlString(document, node, value) : replaceJsonString(document, node, value);
}
