/**
 * A small reader of the Prometheus text exposition format (and the
 * OpenMetrics text that most clients also serve), enough to find a few
 * gauges in an instance's own /metrics. Lines it cannot read are skipped,
 * not fatal: an instance's exposition is not ours, and one odd line of an
 * unrelated family must not hide the build info.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */

/** One sample: metric name, labels and value. */
export interface TextSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Every sample of an exposition whose line can be read, in order. */
export function parseExposition(text: string): TextSample[] {
  const samples: TextSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sample = parseSampleLine(line);
    if (sample !== undefined) samples.push(sample);
  }
  return samples;
}

/** `name{labels} value [timestamp]`, or undefined when the line is not one. */
export function parseSampleLine(line: string): TextSample | undefined {
  const name = NAME.exec(line)?.[0];
  if (name === undefined) return undefined;

  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const read = readLabels(rest);
    if (read === undefined) return undefined;
    labels = read.labels;
    rest = rest.slice(read.length);
  }
  const value = readValue(rest);
  return value === undefined ? undefined : { name, labels, value };
}

/** The first whitespace-separated field after the labels; a timestamp may follow. */
function readValue(rest: string): number | undefined {
  if (!/^\s/.test(rest)) return undefined;
  const field = rest.trim().split(/\s+/)[0] ?? '';
  if (field === '+Inf' || field === 'Inf') return Infinity;
  if (field === '-Inf') return -Infinity;
  if (field === 'NaN') return NaN;
  const value = Number(field);
  return field !== '' && !Number.isNaN(value) ? value : undefined;
}

/** Reads `{a="x",b="y"}` from the start of `text`: the labels and how many characters they took. */
function readLabels(text: string): { labels: Record<string, string>; length: number } | undefined {
  const labels: Record<string, string> = {};
  let at = 1;
  for (;;) {
    at = skipSpaces(text, at);
    if (text[at] === '}') return { labels, length: at + 1 };

    const name = LABEL_NAME.exec(text.slice(at))?.[0];
    if (name === undefined) return undefined;
    at = skipSpaces(text, at + name.length);
    if (text[at] !== '=') return undefined;
    at = skipSpaces(text, at + 1);
    const value = readQuoted(text, at);
    if (value === undefined) return undefined;
    labels[name] = value.text;
    at = skipSpaces(text, value.end);
    if (text[at] === ',') at += 1;
    else if (text[at] !== '}') return undefined;
  }
}

/** A double-quoted label value with the format's escapes (`\\`, `\"`, `\n`). */
function readQuoted(text: string, start: number): { text: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  let value = '';
  for (let at = start + 1; at < text.length; at += 1) {
    const char = text[at];
    if (char === '"') return { text: value, end: at + 1 };
    if (char !== '\\') {
      value += char;
      continue;
    }
    at += 1;
    const escaped = text[at];
    if (escaped === undefined) return undefined;
    value += escaped === 'n' ? '\n' : escaped;
  }
  return undefined;
}

function skipSpaces(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at += 1;
  return at;
}
