import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { aptInstallChromium, type ChromiumFacts, chromiumPlan } from '../e2e/chromiumPlan.js'

const debian = '/usr/bin/chromium'
const facts = (overrides: Partial<ChromiumFacts>): ChromiumFacts => ({
  path: debian,
  debianPath: debian,
  present: false,
  root: false,
  aptGet: false,
  ...overrides,
})

describe('chromiumPlan', () => {
  it('uses the browser when it is there, whoever runs and wherever it is', () => {
    for (const root of [true, false]) {
      expect(chromiumPlan(facts({ present: true, root, aptGet: true }))).toEqual({ action: 'use' })
      expect(chromiumPlan(facts({ present: true, root, path: '/opt/chrome/chrome' }))).toEqual({
        action: 'use',
      })
    }
  })

  it("installs Debian's package as root with apt-get, and says so", () => {
    expect(chromiumPlan(facts({ root: true, aptGet: true }))).toEqual({
      action: 'install',
      command: 'apt-get update -qq && apt-get install -y -qq chromium',
      notice: expect.stringContaining(aptInstallChromium),
    })
  })

  it('without root, fails with the sudo command', () => {
    const plan = chromiumPlan(facts({ aptGet: true }))
    expect(plan.action).toBe('fail')
    if (plan.action !== 'fail') return
    expect(plan.message).toContain('Chromium at /usr/bin/chromium, which is missing')
    expect(plan.message).toContain('\n  sudo apt-get update && sudo apt-get install -y chromium\n')
    expect(plan.message).toContain('RUNLENS_CHROMIUM')
  })

  it('without apt-get, even as root, fails pointing at RUNLENS_CHROMIUM', () => {
    const plan = chromiumPlan(facts({ root: true }))
    expect(plan.action).toBe('fail')
    if (plan.action !== 'fail') return
    expect(plan.message).toContain('no apt-get')
    expect(plan.message).toContain('RUNLENS_CHROMIUM=/path/to/chromium npm test')
  })

  it('never installs over a RUNLENS_CHROMIUM that points at nothing: the setting is what is wrong', () => {
    const plan = chromiumPlan(facts({ path: '/opt/nope/chromium', root: true, aptGet: true }))
    expect(plan.action).toBe('fail')
    if (plan.action !== 'fail') return
    expect(plan.message).toContain('RUNLENS_CHROMIUM is /opt/nope/chromium, which is not an executable file')
  })
})

const root = fileURLToPath(new URL('../../', import.meta.url))
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

describe('the e2e project without its browser', () => {
  it('fails each browser test file with the message instead of skipping its tests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runlens-no-chromium-'))
    const missing = join(dir, 'chromium')
    // A child Vitest of its own: the variables of this one's worker must not leak into it.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')))
    try {
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        execFile(
          process.execPath,
          [vitest, 'run', '--project', 'e2e', 'test/e2e/proxy.test.ts'],
          { cwd: root, env: { ...env, RUNLENS_CHROMIUM: missing, NO_COLOR: '1' } },
          (error, stdout, stderr) =>
            resolve({ code: error ? (error.code as number | null) : 0, output: `${stdout}${stderr}` }),
        )
      })
      expect(result.code).toBe(1)
      expect(result.output).toMatch(/FAIL .*test\/e2e\/proxy\.test\.ts/)
      expect(result.output).toContain(`RUNLENS_CHROMIUM is ${missing}, which is not an executable file`)
      expect(result.output).toMatch(/Test Files +1 failed \(1\)/)
      // The file stopped as it loaded: none of its tests ran, so none passed or counts as skipped.
      expect(result.output).toMatch(/Tests +no tests/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
