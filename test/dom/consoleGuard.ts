// Every DOM test fails if anything (React's development warnings above all: act(), keys, props,
// deprecated APIs) reaches console.error or console.warn while it runs. A test that provokes such
// a message on purpose says so with `expectConsole`, for that test only, and the message must
// then actually come: an allowance cannot outlive the behaviour it was written for.
import { format } from 'node:util'
import { afterEach, beforeEach, vi } from 'vitest'

export type ConsoleLevel = 'error' | 'warn'

interface Expected {
  level: ConsoleLevel
  pattern: RegExp
  seen: number
}

let expected: Expected[] = []
let unexpected: string[] = []

function record(level: ConsoleLevel, args: unknown[]): void {
  // React passes a format string and its arguments ('%s'), as console.error itself reads them.
  const message = format(...args)
  const allowances = expected.filter((e) => e.level === level && e.pattern.test(message))
  for (const allowance of allowances) allowance.seen++
  if (allowances.length === 0) unexpected.push(`console.${level}: ${message}`)
}

/**
 * Allows, in the current test only, `console[level]` messages that match `pattern`, and requires
 * at least one of them before the test ends. Messages that do not match still fail the test.
 */
export function expectConsole(level: ConsoleLevel, pattern: RegExp): void {
  expected.push({ level, pattern, seen: 0 })
}

/** The messages recorded so far in this test that no `expectConsole` allowed; clears them. */
export function takeUnexpectedConsole(): string[] {
  const taken = unexpected
  unexpected = []
  return taken
}

/**
 * Registers the guard's hooks; call it before registering the hooks that may log (cleanup), so
 * that its check runs after them (Vitest runs afterEach hooks in reverse order).
 */
export function installConsoleGuard(): void {
  beforeEach(() => {
    expected = []
    unexpected = []
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => record('error', args))
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => record('warn', args))
  })

  afterEach(() => {
    vi.mocked(console.error).mockRestore()
    vi.mocked(console.warn).mockRestore()
    const problems = takeUnexpectedConsole()
    for (const e of expected) {
      if (e.seen === 0) problems.push(`expected a console.${e.level} matching ${e.pattern}, none came`)
    }
    expected = []
    if (problems.length > 0) {
      throw new Error(`The test wrote to the console:\n${problems.map((p) => `  ${p}`).join('\n')}`)
    }
  })
}
