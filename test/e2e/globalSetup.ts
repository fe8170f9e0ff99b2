// The e2e project's global setup (vite.config.ts): runs once, before any e2e test file, and makes
// sure the browser is there (see chromiumPlan.ts), installing it when it can. It does not throw:
// that would stop every project's tests, reported as "No test files found". It hands what went
// wrong to the harness instead, which fails each browser test file with it when loaded (never a
// skip, never a beforeAll that leaves tests reported as skipped).
import { spawnSync } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumPath, debianChromium } from '../../scripts/chromium.mjs'
import { type ChromiumFacts, chromiumPlan } from './chromiumPlan.js'

declare module 'vitest' {
  interface ProvidedContext {
    /** Why the browser tests cannot run, or null when Chromium is there. */
    chromiumProblem: string | null
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutableFile(join(dir, command)))
}

function facts(): ChromiumFacts {
  return {
    path: chromiumPath,
    debianPath: debianChromium,
    present: isExecutableFile(chromiumPath),
    root: process.getuid?.() === 0,
    aptGet: onPath('apt-get'),
  }
}

/** Null when Chromium is there (or now installed), else the message the browser tests fail with. */
function chromiumProblem(): string | null {
  const plan = chromiumPlan(facts())
  if (plan.action === 'use') return null
  if (plan.action === 'fail') return plan.message
  console.log(plan.notice)
  const result = spawnSync('sh', ['-c', plan.command], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status === 0 && isExecutableFile(chromiumPath)) return null
  const why =
    result.status === 0
      ? `apt-get succeeded but ${chromiumPath} is still missing`
      : (result.error?.message ?? `exit status ${result.status}`)
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n')
  return `Installing Chromium failed (${why}); run it yourself, as root:\n  ${plan.command}\n${output}`
}

export default function setup(project: TestProject): void {
  project.provide('chromiumProblem', chromiumProblem())
}
