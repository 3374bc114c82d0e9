/**
 * A YAML file read with positions kept, so that every problem found in it,
 * by the YAML parser or by a zod schema, names its line and column.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

import { formatPath, type Problem } from './errors.js';
import { describeIssue } from './issue-message.js';
import { mergeMisspeltFields } from './misspelt-fields.js';

/** Aliases expand on toJS; a bound stops a small file from expanding into a huge one. */
const MAX_ALIAS_COUNT = 100;

/** The outcome of validating a file: the value when there are no problems. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** A parsed YAML file that can say where any field path is. */
export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
    private readonly data: unknown,
  ) {}

  /** Parses YAML text; syntax errors and an empty file come back as problems. */
  static parse(text: string, file: string): Validated<YamlSource> {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });

    if (document.errors.length > 0) {
      const problems = document.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { file, line, column: col, path: '', message: syntaxMessage(error) };
      });
      return { ok: false, problems };
    }
    if (document.contents === null) {
      return { ok: false, problems: [{ file, path: '', message: 'the file is empty' }] };
    }
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // The yaml package throws a ReferenceError past the alias bound: a problem of the file.
      const message = `YAML aliases expand too far (over ${MAX_ALIAS_COUNT}); write the values out: ${(error as Error).message}`;
      return { ok: false, problems: [{ file, path: '', message }] };
    }
    return { ok: true, value: new YamlSource(file, document, lines, data) };
  }

  /** The file's content as plain data, expanded once when parsed. */
  toJS(): unknown {
    return this.data;
  }

  /**
   * A problem at a field: at its value, or at its key for problems about the
   * key itself. A missing field points at the nearest enclosing field that exists.
   */
  problemAt(path: readonly PropertyKey[], message: string, at: 'key' | 'value' = 'value'): Problem {
    const offset = this.offsetOf(path, at);
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, path: formatPath(path), message };
  }

  /** Validates the content against a schema, collecting every problem. */
  validate<S extends z.ZodType>(schema: S): Validated<z.output<S>> {
    const data = this.toJS();
    const result = schema.safeParse(data);
    if (result.success) return { ok: true, value: result.data };

    const described = result.error.issues.flatMap((issue) => describeIssue(issue, data, schema));
    const problems = mergeMisspeltFields(described).map((found) =>
      this.problemAt(found.path, found.message, found.at),
    );
    return { ok: false, problems: sortProblems(problems) };
  }

  private offsetOf(path: readonly PropertyKey[], at: 'key' | 'value'): number {
    for (let length = path.length; length >= 0; length--) {
      const prefix = path.slice(0, length) as unknown[];
      if (at === 'key' && length === path.length && length > 0) {
        const keyNode = this.keyNode(prefix);
        if (keyNode?.range) return keyNode.range[0];
      }
      const node = this.document.getIn(prefix, true) as Node | undefined;
      // An empty value (`image:`) has a zero-width range; its key is the better place.
      if (node?.range && node.range[1] > node.range[0]) return node.range[0];
      const keyNode = length > 0 ? this.keyNode(prefix) : undefined;
      if (keyNode?.range) return keyNode.range[0];
      if (length === 0 && this.document.contents?.range) return this.document.contents.range[0];
    }
    return 0;
  }

  private keyNode(path: readonly unknown[]): Node | undefined {
    const parent =
      path.length === 1 ? this.document.contents : this.document.getIn(path.slice(0, -1), true);
    return this.findKey(parent, path.at(-1));
  }

  private findKey(parent: unknown, key: unknown): Node | undefined {
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(key),
    );
    return isScalar(pair?.key) ? pair.key : undefined;
  }
}

/** Problems in reading order, so the first one listed is the first in the file. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Parser error codes whose usual cause is a key written without its colon. */
const MISSING_COLON_CODES: ReadonlySet<string> = new Set([
  'MULTILINE_IMPLICIT_KEY',
  'MISSING_CHAR',
]);

function syntaxMessage(error: { code: string; message: string }): string {
  // The parser appends its own position; ours is in front already.
  const first = error.message.split('\n')[0] ?? error.message;
  const text = `YAML syntax: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
  return MISSING_COLON_CODES.has(error.code)
    ? `${text}; missing ":" after a key? write \`key: value\``
    : text;
}
