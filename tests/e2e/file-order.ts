/**
 * The e2e files run in a shuffled order, so a file that needs another to have run first fails
 * sooner or later (issue 17). Vitest takes `sequence` from the root config only (a project's own is
 * ignored), and a root `shuffle` would shuffle the unit and integration files too: this sequencer
 * shuffles the e2e project's files alone. The seed comes from `E2E_SEED`, else at random, and is
 * printed so that a failing order can be replayed.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** The same items in an order fixed by the seed (Fisher–Yates driven by mulberry32). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const result = [...items]
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[result[i], result[j]] = [result[j]!, result[i]!]
  }
  return result
}

export function e2eSeed(env: Record<string, string | undefined> = process.env): number {
  if (!env.E2E_SEED) return Math.floor(Math.random() * 2 ** 31)
  const seed = Number(env.E2E_SEED)
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`E2E_SEED must be a whole number (the one a run printed), not "${env.E2E_SEED}".`)
  }
  return seed
}

export class E2EShuffleSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const isE2E = (file: TestSpecification) => file.project.name === 'e2e'
    // By path first: the base order follows cached durations, which differ between machines and
    // runs, and the replay must not depend on them.
    const e2e = sorted.filter(isE2E).sort((a, b) => (a.moduleId < b.moduleId ? -1 : 1))
    if (e2e.length === 0) return sorted
    const seed = e2eSeed()
    console.log(`e2e files in shuffled order, seed ${seed} (replay: E2E_SEED=${seed} npm run test:e2e)`)
    return [...sorted.filter((file) => !isE2E(file)), ...shuffled(e2e, seed)]
  }
}
