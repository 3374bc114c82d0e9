/** Reading the exporter's /metrics in tests: one sample by name and labels. */

/** The value of the first sample of `name` whose labels include all of `labels`. */
export function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([key, value]) =>
      line.includes(`${key}=${JSON.stringify(value)}`),
    );
    if (matches) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** Polls `url` until `accept` holds for its text; rejects after `timeoutMs` with the last text. */
export async function waitForMetrics(
  url: string,
  accept: (text: string) => boolean,
  timeoutMs: number,
  what: string,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await (await fetch(`${url}/metrics`)).text();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const traffic = last
    .split('\n')
    .filter((l) => l.includes('traffic'))
    .join('\n');
  throw new Error(`no ${what} within ${timeoutMs} ms; last traffic series:\n${traffic}`);
}
