import { describe, expect, it } from 'vitest';
import { SLOTS, type SlotName } from '../../src/engine/abi.js';
import { PathSimulator } from '../../src/engine/kernel.js';
import type { KernelExports } from '../../src/engine/wasm.js';
import { busyModel } from './busy-model.js';

// The kernel interface (src/engine/abi.ts) is one declaration: the TypeScript side gives each slot's
// value by name, the module's globals and `readSlots` are generated from the same list. This test
// checks the result end to end, name by name: after `configure`, the module's global of each slot
// holds exactly the value the TypeScript side gave that name. A slot read into the wrong global (a
// hand edit of the generated file, a generator bug, two slots swapped) fails here, also when the two
// values happen to give the same results on the test models.
describe('the kernel interface, slot by slot', () => {
  const sim = new PathSimulator(busyModel(2), { headroomColumns: 4 });
  const internals = sim as unknown as { k: KernelExports; slotValues: Record<SlotName, number> };
  const exported = internals.k as unknown as Record<string, { value: number | bigint } | undefined>;

  it('every slot has a global of its name holding the value given for that name', () => {
    for (const s of SLOTS) {
      const global = exported[s.name];
      expect(global, `module global ${s.name}`).toBeDefined();
      const given = internals.slotValues[s.name];
      // i32 slots are truncated, like `<i32>` in the kernel; f64 and pointers arrive as they are
      const want = s.type === 'i32' ? Math.trunc(given) | 0 : given;
      expect(Number(global!.value), s.name).toBe(want);
    }
  });

  it('the values of the busy model are told apart (the check above could not pass by coincidence)', () => {
    // Pointers are distinct allocations; the contagion pair (M17 of the code review) differs.
    const ptrs = SLOTS.filter((s) => s.type === 'ptr').map((s) => internals.slotValues[s.name]);
    expect(new Set(ptrs).size).toBe(ptrs.length);
    expect(internals.slotValues.contagionDecay).not.toBe(internals.slotValues.contagionStrength);
  });
});
