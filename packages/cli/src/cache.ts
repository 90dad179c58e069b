import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleDefinition } from '@sfn-lint/core';
import { writeFileAtomic } from './atomic-write.js';
import { readText } from './lint-file.js';
import type { LintRecord } from './lint-record.js';
import { contentHash } from './lint-record.js';
import { version } from './version.js';

export const CACHE_FILE_NAME = '.sfn-lintcache';

/**
 * A cache file is a header line, then the entries as JSON. The header names the format,
 * the code that made the entries and a hash of the rest, so that a file of another tool,
 * another sfn-lint or a half-written one is recognised and ignored rather than trusted.
 */
const HEADER_PREFIX = '{"sfnLintCache":';
const FORMAT = 1;

interface Header {
  readonly sfnLintCache: number;
  readonly code: string;
  readonly checksum: string;
}

interface Entry {
  /** Hash of the file's text. */
  readonly hash: string;
  /** Everything else the result depends on besides the files: see optionsKey. */
  readonly options: string;
  readonly record: LintRecord;
}

/** What a cache hit gives: the record, and the texts of the files beside the target that it read. */
export interface CacheHit {
  readonly record: LintRecord;
  readonly relatedTexts: ReadonlyMap<string, string>;
}

/** `--cache-location`: a file, or a directory (existing, or written with a trailing slash) to hold `.sfn-lintcache`. */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (location === undefined) return join(cwd, CACHE_FILE_NAME);
  const path = resolve(cwd, location);
  if (/[\\/]$/.test(location) || isDirectory(path)) return join(path, CACHE_FILE_NAME);
  return path;
}

/**
 * Lint records by file, reused while the file's text, the text of every file it read
 * beside it, the options it was linted with and sfn-lint's own code are the same.
 */
export class LintCache {
  private readonly entries: Map<string, Entry>;
  /** Files looked up or stored in this run: kept on saving, whatever happened to them. */
  private readonly seen = new Set<string>();
  /** False when the file there is not an sfn-lint cache: it is not ours to overwrite. */
  private readonly writable: boolean;
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly code: string,
    entries: Map<string, Entry>,
    writable: boolean,
  ) {
    this.entries = entries;
    this.writable = writable;
  }

  /** Opens the cache at `file`; a missing, foreign, corrupt or outdated one starts empty. */
  static open(file: string, code: string): LintCache {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return new LintCache(file, code, new Map(), true);
    }
    const ours = text === '' || text.startsWith(HEADER_PREFIX);
    return new LintCache(file, code, ours ? readEntries(text, code) : new Map(), ours);
  }

  /**
   * The record for this file when nothing it depends on changed: its text (given), the
   * options (their key), and each file its lint read beside it (read again here).
   */
  lookup(path: string, text: string, options: string): CacheHit | undefined {
    this.seen.add(path);
    const entry = this.entries.get(path);
    if (!isEntry(entry) || entry.options !== options || entry.hash !== contentHash(text)) return undefined;
    const relatedTexts = new Map<string, string>();
    for (const { file, hash } of entry.record.related) {
      const related = readText(file);
      if ((related === undefined ? null : contentHash(related)) !== hash) return undefined;
      if (related !== undefined) relatedTexts.set(file, related);
    }
    return { record: entry.record, relatedTexts };
  }

  store(path: string, text: string, options: string, record: LintRecord): void {
    this.seen.add(path);
    this.entries.set(path, { hash: contentHash(text), options, record });
    this.changed = true;
  }

  /**
   * Writes the cache atomically, without the entries of files that no longer exist.
   * Returns why it could not, for a warning: a cache that is not written costs time only.
   */
  save(): string | undefined {
    for (const path of this.entries.keys()) {
      if (this.seen.has(path) || existsSync(path)) continue;
      this.entries.delete(path);
      this.changed = true;
    }
    if (!this.changed) return undefined;
    if (!this.writable) return `${this.file} is not an sfn-lint cache, so it was left alone; remove it or choose another --cache-location`;
    const body = JSON.stringify(Object.fromEntries(this.entries));
    const header: Header = { sfnLintCache: FORMAT, code: this.code, checksum: contentHash(body) };
    try {
      writeFileAtomic(this.file, `${JSON.stringify(header)}\n${body}`);
      return undefined;
    } catch (error) {
      return `cannot write the cache ${this.file}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

/** The entries of a cache file's text, or none when it is not whole or was made by other code. */
function readEntries(text: string, code: string): Map<string, Entry> {
  const newline = text.indexOf('\n');
  if (newline < 0) return new Map();
  try {
    const header = JSON.parse(text.slice(0, newline)) as Partial<Header> | null;
    const body = text.slice(newline + 1);
    if (header?.sfnLintCache !== FORMAT || header.code !== code || header.checksum !== contentHash(body)) return new Map();
    const entries = JSON.parse(body) as unknown;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return new Map();
    return new Map(Object.entries(entries as Record<string, Entry>));
  } catch {
    return new Map();
  }
}

/** The shape an entry must have to be used; the checksum already vouches for its contents. */
function isEntry(entry: Entry | undefined): entry is Entry {
  if (typeof entry !== 'object' || entry === null) return false;
  const { hash, options, record } = entry;
  if (typeof hash !== 'string' || typeof options !== 'string' || typeof record !== 'object' || record === null) return false;
  return Array.isArray(record.related) && (record.result === null || (typeof record.result === 'object' && Array.isArray(record.result.diagnostics)));
}

/**
 * What identifies the code that made the entries: the version, the rules, and the text of
 * the running script with the scripts it loads (yaml, jsonata) when running the bundle.
 * A build between two runs with the same version then still starts a fresh cache.
 */
export function codeIdentity(rules: readonly RuleDefinition[]): string {
  const self = fileURLToPath(import.meta.url);
  const scripts = [self, ...['yaml.cjs', 'jsonata.cjs'].map((name) => join(dirname(self), name))];
  const parts = [version(), rules.map((rule) => `${rule.id}:${rule.meta.severity}`).join(',')];
  for (const script of scripts) {
    try {
      parts.push(contentHash(readFileSync(script)));
    } catch {
      parts.push('-');
    }
  }
  return contentHash(parts.join('\n'));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
