/**
 * A 2D context for jsdom that draws nothing and records every call and
 * style change, so tests can ask "was a rect filled in this colour?".
 */

/** One recorded call, with the fill style in force when it was made. */
export interface DrawCall {
  method: string;
  args: unknown[];
  fillStyle: unknown;
}

const calls = new WeakMap<HTMLCanvasElement, DrawCall[]>();

/** The calls made on a canvas's context since it was created. */
export function drawCalls(canvas: HTMLCanvasElement): DrawCall[] {
  return calls.get(canvas) ?? [];
}

function recordingContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const log: DrawCall[] = [];
  calls.set(canvas, log);
  const state: Record<string | symbol, unknown> = { fillStyle: '#000000', canvas };
  const special: Record<string, (...args: unknown[]) => unknown> = {
    measureText: (text) => ({ width: String(text).length * 6 }),
    createPattern: (source) => ({ pattern: source }),
  };

  return new Proxy(state, {
    get(target, name) {
      if (name in target) return target[name];
      if (typeof name !== 'string') return undefined;
      return (...args: unknown[]) => {
        log.push({ method: name, args, fillStyle: target.fillStyle });
        return special[name]?.(...args);
      };
    },
    set(target, name, value) {
      target[name] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

/** Replaces HTMLCanvasElement.getContext('2d') with the recording context. */
export function installRecordingCanvas(): void {
  const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value(this: HTMLCanvasElement, kind: string) {
      if (kind !== '2d') return null;
      const existing = contexts.get(this) ?? recordingContext(this);
      contexts.set(this, existing);
      return existing;
    },
  });
}
