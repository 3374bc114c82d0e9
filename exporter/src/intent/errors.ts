/**
 * Problems found in a YAML file (the intent, the exporter config), each
 * pinned to a file, a line, a column and a field, and the errors that carry
 * them.
 */

/** One thing wrong with a file, where it is and what would be allowed instead. */
export interface Problem {
  file: string;
  /** 1-based; absent when the problem is the file itself (missing, unreadable). */
  line?: number;
  column?: number;
  /** The field path, e.g. `workloads[0].releases[1].containers.app.image`; '' for the file. */
  path: string;
  message: string;
}

/** Formats one problem as `file:line:column field: message`. */
export function formatProblem(problem: Problem): string {
  return `${formatLocation(problem)}: ${problem.message}`;
}

/** Formats where a problem is: `file:line:column field`. */
export function formatLocation(problem: Omit<Problem, 'message'>): string {
  const where =
    problem.line !== undefined
      ? `${problem.file}:${problem.line}:${problem.column ?? 1}`
      : problem.file;
  return problem.path !== '' ? `${where} ${problem.path}` : where;
}

/**
 * An error that carries every problem found, not only the first, so that a
 * user fixes a file in one pass. The message is one line for one problem
 * and an indented list for several.
 */
export class ProblemsError extends Error {
  constructor(
    what: string,
    readonly problems: Problem[],
  ) {
    super(formatProblems(what, problems));
    this.name = 'ProblemsError';
  }
}

/** The intent could not be loaded; nothing of it is in force. */
export class IntentError extends ProblemsError {
  constructor(problems: Problem[]) {
    super('invalid intent', problems);
    this.name = 'IntentError';
  }
}

function formatProblems(what: string, problems: Problem[]): string {
  if (problems.length === 1) return `${what}: ${formatProblem(problems[0] as Problem)}`;
  const lines = problems.map((problem) => `  ${formatProblem(problem)}`);
  return [`${what}: ${problems.length} problems`, ...lines].join('\n');
}

/** Formats a field path the way it reads in YAML: `workloads[0].containers.app`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(key)))
      text += text === '' ? String(key) : `.${String(key)}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}
