// URIs as SARIF needs them, without node:url so that core also runs outside Node.

const DRIVE = /^[A-Za-z]:$/;

function encodeSegments(segments: readonly string[]): string {
  return segments.map((segment, i) => (i === 0 && DRIVE.test(segment) ? segment : encodeURIComponent(segment))).join('/');
}

/** A relative path (either separator) as a relative URI reference. */
export function relativeUri(path: string): string {
  return encodeSegments(path.split(/[\\/]/));
}

/** The `file:` URI of an absolute POSIX or Windows path; a directory's ends with `/`. */
export function fileUri(absolute: string, directory = false): string {
  const slashed = absolute.replace(/\\/g, '/');
  let uri: string;
  // `//server/share` (UNC) names the server as the authority; `/x` and `C:/x` have none.
  if (slashed.startsWith('//')) uri = `file://${encodeSegments(slashed.slice(2).split('/'))}`;
  else if (slashed.startsWith('/')) uri = `file://${encodeSegments(slashed.split('/'))}`;
  else uri = `file:///${encodeSegments(slashed.split('/'))}`;
  return directory && !uri.endsWith('/') ? `${uri}/` : uri;
}
