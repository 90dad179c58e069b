import { editDistance } from './edit-distance.js';

/**
 * The candidate a misspelt name most likely meant: one equal but for case, or within a
 * small edit distance (1 for names of up to four characters, 2 above). Undefined when
 * none is that close.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const cap = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = cap + 1;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    if (Math.abs(other.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, other, bestDistance - 1);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

/**
 * Up to three candidates within a small edit distance of a misspelt id, or containing it,
 * closest first: for "did you mean" lists of rule ids, where a fragment ("unreachable") is
 * a likely way to remember one.
 */
export function closeNames(name: string, candidates: readonly string[]): string[] {
  return candidates
    .map((candidate) => ({ candidate, distance: name.length >= 4 && candidate.includes(name) ? 0 : editDistance(name, candidate) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3)))
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}
