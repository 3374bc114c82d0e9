/**
 * A snapshot's text to documents: native JSON for the `-o json` dumps that
 * can be hundreds of megabytes, YAML for `-o yaml`, with errors that point
 * at the line and column and never quote the file's content.
 */
import { parseAllDocuments } from 'yaml';

import { SnapshotError } from './snapshot-error.js';

export function parseJson(source: string, file: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new SnapshotError(file, `not valid JSON: ${describeJsonError(error, source)}`, {
      cause: error,
    });
  }
}

/**
 * V8's JSON errors quote a piece of the input ("... is not valid JSON"),
 * which may hold a secret from the dump, so only the reason and a position
 * are kept.
 */
function describeJsonError(error: unknown, source: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message
    .replace(/, (?:\.\.\.)?".*$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '');

  const match = /at position (\d+)/.exec(message)?.[1];
  const endOfInput = /end of JSON input/.test(message);
  const position = match !== undefined ? Number(match) : endOfInput ? source.length : undefined;
  if (position === undefined) return reason;

  // Failing at the very end means the text stopped early: a writer has not finished it.
  const cutShort = position >= source.trimEnd().length ? ' (the file is cut short)' : '';
  return `${reason} at ${lineAndColumn(source, position)}${cutShort}`;
}

function lineAndColumn(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export function parseYaml(source: string, file: string): unknown[] {
  const documents = parseAllDocuments(source);
  const list = Array.isArray(documents) ? documents : [documents];

  for (const document of list) {
    const error = document.errors[0];
    if (error !== undefined) {
      // The yaml package's message ends in a quoted excerpt of the file; keep its first line only.
      const reason = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
      throw new SnapshotError(file, `not valid JSON or YAML: ${reason}`, { cause: error });
    }
  }
  // A stray `---` at the end of a file makes an empty document: nothing to read in it.
  return list.map((document) => documentToJS(document, file)).filter((value) => value != null);
}

/**
 * Aliases are resolved only here, and the yaml package throws a plain
 * ReferenceError for one without its anchor or for an expansion past its
 * alias limit (a "billion laughs" file); either is a broken snapshot.
 */
function documentToJS(document: { toJS(): unknown }, file: string): unknown {
  try {
    return document.toJS();
  } catch (error) {
    throw new SnapshotError(
      file,
      'not valid YAML: an alias (*name) refers to no anchor, or aliases expand too far',
      { cause: error },
    );
  }
}
