/**
 * A misspelt field name (`releses:`) makes two problems: the unknown field
 * and the required field it should have been. People need one, naming the
 * fix, so the pair is merged into "unknown field ...; did you mean ...".
 */
import type { IssueProblem } from './issue-message.js';

/** Names this close (in edits) are taken for a misspelling of each other. */
const MAX_EDITS = 2;

/** Merges each unknown field with the missing sibling field it most likely misspells. */
export function mergeMisspeltFields(problems: readonly IssueProblem[]): IssueProblem[] {
  const missing = problems.filter((p) => p.kind === 'missing-field');
  const absorbed = new Set<IssueProblem>();

  const merged = problems.map((problem) => {
    if (problem.kind !== 'unknown-field') return problem;
    const typed = String(problem.path.at(-1));
    const match = missing.find(
      (m) =>
        !absorbed.has(m) &&
        sameParent(m.path, problem.path) &&
        isMisspelling(typed, String(m.path.at(-1))),
    );
    if (match === undefined) return problem;
    absorbed.add(match);
    if (problem.message.includes('did you mean')) return problem;
    const intended = String(match.path.at(-1));
    const message = problem.message.replace(
      /^(unknown field "[^"]*")/,
      `$1; did you mean "${intended}"?`,
    );
    return { ...problem, message };
  });
  return merged.filter((problem) => !absorbed.has(problem));
}

/** The name in `names` that `typed` most likely misspells, if any. */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    if (!isMisspelling(typed, name)) continue;
    const edits = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (best === undefined || edits < best.edits) best = { name, edits };
  }
  return best?.name;
}

/** Differs only in case, or by at most MAX_EDITS edits (but is not the same name). */
function isMisspelling(typed: string, name: string): boolean {
  if (typed === name) return false;
  return editDistance(typed.toLowerCase(), name.toLowerCase()) <= MAX_EDITS;
}

function sameParent(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.slice(0, -1).every((part, i) => part === b[i]);
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
