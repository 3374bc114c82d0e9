/**
 * Starts the built `realitycheck` CLI as a child process, the way a user
 * runs it, and stops it. Tests build first (`npm run build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'exporter', 'dist', 'cli', 'main.js');

/** A running exporter and what it printed. */
export interface ExporterProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stderr so far (the structured log). */
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Runs the CLI to completion; for `check` and for start-up failures. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  requireBuild();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts `realitycheck serve` with the given arguments on a free loopback
 * port and resolves once /readyz answers 200.
 */
export async function startExporter(
  args: string[],
  port: number,
  env: Record<string, string> = {},
): Promise<ExporterProcess> {
  requireBuild();
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--listen', `127.0.0.1:${port}`, '--log-format', 'json', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;

  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await waitFor(`${url}/readyz`, exited, () => stderr);
  return {
    url,
    child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls a URL until it answers 200; fails early when the process exits. */
export async function waitFor(
  url: string,
  exited: Promise<unknown>,
  log: () => string,
  timeoutMs = 20_000,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`process exited before ${url} was ready:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${log()}`);
}

/** A loopback port that is free now: bind port 0, read it, release it. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function requireBuild(): void {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
  }
}
