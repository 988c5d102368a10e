/**
 * Loading the WebAssembly day loop (./assembly/kernel.ts, built by `npm run build` into
 * dist/engine/kernel.wasm). The module is compiled once per thread and instantiated once per
 * PathSimulator, so every simulator has its own memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorOf } from '../messages/catalogue.js';
import { runMessages } from '../messages/run.js';

// The WebAssembly global as far as it is used here (TypeScript's ES2022 lib does not declare it).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };

/** What the day loop exports (see ./assembly/kernel.ts). */
export interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  alloc(bytes: number): number;
  configure(slots: number): void;
  liabilities(level0: number, activeShocks0: number, level1: number, activeShocks1: number): void;
  runPath(lane: number, acc: number, withHeadroom: boolean, cellColumn: number, withLedger: boolean, withHorizons: boolean, days: number, fundingOnly: boolean): void;
  sketchCells(values: number, count: number, dest: number): void;
  drawNoise(a0: number, a1: number, a2: number, ac: number, b0: number, b1: number, b2: number, bc: number, sd: number): void;
  aleaUniforms(s0: number, s1: number, s2: number, c: number, count: number, dest: number): void;
  normals(s0: number, s1: number, s2: number, c: number, count: number, dest: number): void;
  noiseMultipliers(s0: number, s1: number, s2: number, c: number, sd: number, count: number, dest: number): void;
  pow(x: number, y: number): number;
  roundHalfUpCents(x: number): number;
  roundSignedCents(x: number): number;
}

let compiled: object | null = null;

/** dist/engine/kernel.wasm next to the compiled module, or the built one when running from src (tests). */
function kernelPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [...new Set([join(here, 'kernel.wasm'), join(here, '..', '..', 'dist', 'engine', 'kernel.wasm')])];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw errorOf(runMessages.kernelNotBuilt(candidates));
  }
  return found;
}

function compileKernel(path: string): object {
  try {
    return new wasm.Module(readFileSync(path));
  } catch (error) {
    // The module uses 128-bit SIMD (two paths' liabilities side by side): Node.js 16.4 or later on
    // x86-64 with SSE4.1 or on arm64 compiles it.
    const why = error instanceof Error ? error.message : String(error);
    throw errorOf(runMessages.kernelNotCompiled(path, why));
  }
}

export function instantiateKernel(): KernelExports {
  compiled ??= compileKernel(kernelPath());
  const instance = new wasm.Instance(compiled, {
    env: {
      abort(): never {
        throw new Error('the simulation kernel aborted');
      },
    },
  });
  return instance.exports as unknown as KernelExports;
}
