import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The children of this run, stopped however the run ends (done, failed, Ctrl-C). */
const children = new Set<ChildProcess>()
let hooked = false

function killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
}

const exitTasks: (() => void)[] = []

/** Runs `task` (synchronous) when the process exits, however it exits. */
export function atExit(task: () => void): void {
  hookExit()
  exitTasks.push(task)
}

function hookExit(): void {
  if (hooked) return
  hooked = true
  process.once('exit', () => {
    killAll('SIGKILL')
    for (const task of exitTasks) task()
  })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll()
      console.error(`\n${signal}: stopped the benchmark's servers`)
      process.exit(130)
    })
  }
}

export type Child = {
  process: ChildProcess
  /** Resolves once the child has exited, killing it after `graceMs` if SIGTERM was not enough. */
  stop: (graceMs?: number) => Promise<void>
}

/** Starts `node --import tsx file …` with its output appended to `logFile`. */
export function startNode(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Child {
  hookExit()
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: options.cwd,
    // The child may run outside the checkout (see prepareBuild); tsx still reads its tsconfig.
    env: { TSX_TSCONFIG_PATH: join(REPO, 'tsconfig.json'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const log = createWriteStream(options.logFile, { flags: 'a' })
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      children.delete(child)
      resolve()
    })
  })
  return {
    process: child,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** The first line the child prints on stdout that parses as JSON, e.g. the bare server's port. */
export function firstJsonLine<T>(child: ChildProcess, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error('no answer from the child process')), timeoutMs)
    lines.on('line', (line) => {
      try {
        const value = JSON.parse(line) as T
        clearTimeout(timer)
        lines.close()
        resolve(value)
      } catch {
        // Not the line we wait for.
      }
    })
    child.once('exit', (code) => reject(new Error(`child process exited with ${code}`)))
  })
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
