/**
 * Where each value of a scenario came from. Scenario values are plain JSON; this side table maps a
 * key path to the file, line and column that supplied it, so every problem found later (by the
 * schema, in a CSV file, through `extends`) can point at the exact spot a person has to edit.
 */
import type { SourceLocation } from '../errors.js';

export type KeyPath = readonly (string | number)[];

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface ValueOrigin {
  readonly file: string;
  /** Start of the value. */
  readonly value: Position;
  /** Start of the key, for mapping entries (and CSV header cells). */
  readonly key?: Position;
  /** The value's text as written (numbers: `18_000_000_000`, `60e9`), for exact parsing. */
  readonly source?: string;
}

function keyOf(path: KeyPath): string {
  return JSON.stringify(path);
}

export class OriginMap {
  private readonly origins = new Map<string, ValueOrigin>();

  set(path: KeyPath, origin: ValueOrigin): void {
    this.origins.set(keyOf(path), origin);
  }

  get(path: KeyPath): ValueOrigin | undefined {
    return this.origins.get(keyOf(path));
  }

  /**
   * The location a problem at `path` should be reported at: the value itself (or its key when
   * `atKey`), else the nearest enclosing entry that exists (for a missing key, the mapping holding it).
   */
  locate(path: KeyPath, fallbackFile: string, atKey = false): SourceLocation {
    for (let n = path.length; n >= 0; n--) {
      const origin = this.get(path.slice(0, n));
      if (origin === undefined) continue;
      const useKey = origin.key !== undefined && (n < path.length || atKey);
      const pos = useKey ? origin.key! : origin.value;
      return { file: origin.file, line: pos.line, column: pos.column };
    }
    return { file: fallbackFile };
  }

  /** Copies the origins of `value` (at `from` in `source`) to `to` in this map, recursively. */
  copySubtree(source: OriginMap, value: unknown, from: KeyPath, to: KeyPath): void {
    const origin = source.get(from);
    if (origin !== undefined) this.set(to, origin);
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.copySubtree(source, item, [...from, i], [...to, i]));
    } else if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) this.copySubtree(source, v, [...from, k], [...to, k]);
    }
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
