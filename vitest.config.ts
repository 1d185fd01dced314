import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { E2EShuffleSequencer } from './tests/e2e/file-order'

// Tests never depend on the machine's date: the clock is pinned unless a run pins it elsewhere
// (the date matrix in .ci/run). Workers and the e2e server inherit it from this process.
process.env.SIJI_NOW ||= '2026-12-07T10:00:00+08:00'

const alias = { '~': fileURLToPath(new URL('./app', import.meta.url)) }

export default defineConfig({
  resolve: { alias },
  test: {
    // Shuffles the e2e files only (see the sequencer: a project's own `sequence` is not honoured).
    sequence: { sequencer: E2EShuffleSequencer },
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Migrates and seeds a template database once; each file works on its own copy (tests/setup/app.ts).
          globalSetup: ['tests/setup/integration-template.ts'],
          testTimeout: 30_000,
          // A file's first hook imports the server build and opens its copy: slow on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Each file has its own server and database, so two files run side by side (E2E_WORKERS
          // changes it): on 2 cores one file's browser works while the other's server answers.
          maxWorkers: Number(process.env.E2E_WORKERS) || 2,
          // Generous: a hang guard, not a timing check; two long journeys side by side on a shared
          // 2-core machine take up to about three minutes each.
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // expect.poll re-reads the page for as long as a Playwright action waits (support.ts sets
          // 15 s): its default second is too short for a page that renders after a click on 2 busy cores.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
})
