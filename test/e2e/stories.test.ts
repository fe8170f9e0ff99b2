import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  axeViolations,
  type Browser,
  type Demo,
  launchChromium,
  repoRoot,
  screenshot,
  startStoriesPage,
  watchErrors,
} from './harness.js'

// Every story of stories/ (components and full flows) rendered in Chromium in both themes, its play
// function run, then axe-core with every rule on, colour contrast included, as the Storybook a11y
// addon checks it. The page is a bare Vite page over the portable stories (test/e2e/stories-page),
// so no Storybook server is needed; one page renders every story in turn.

/** "<file>/<export>" for each story export, read from the sources; the page must find the same. */
function storyNames(): string[] {
  const dir = join(repoRoot, 'stories')
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.stories.tsx'),
  )
  return files.flatMap((file) => {
    const base = file.replace(/^.*\//, '').replace(/\.stories\.tsx$/, '')
    const source = readFileSync(join(dir, file), 'utf8')
    return [...source.matchAll(/^export const (\w+)/gm)].map((m) => `${base}/${m[1]}`)
  })
}

const names = storyNames()
const themes = ['light', 'dark'] as const
type Theme = (typeof themes)[number] | 'auto'

describe('every story in Chromium', () => {
  let site: Demo
  let browser: Browser
  let page: Page
  let errors: string[]
  /** What loading the page (every stories module, before any story renders) logged. */
  let loadErrors: string[] = []

  beforeAll(async () => {
    ;[site, browser] = await Promise.all([startStoriesPage(), launchChromium()])
    page = await browser.newPage()
    page.setDefaultTimeout(30_000)
    errors = watchErrors(page)
    await page.goto(site.url)
    await page.waitForFunction(() => Array.isArray(window.runlensStories), null, { timeout: 60_000 })
    loadErrors = [...errors]
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })
  beforeEach(() => {
    errors.length = 0
  })

  /**
   * Renders and plays a story, then returns axe's findings as "story [theme] rule: target (detail)".
   * A story that provokes a console error on purpose (`parameters.consoleErrors`, e.g. the error
   * boundary's, which React reports) must provoke it; that error is then taken out of `errors`.
   */
  async function check(name: string, theme: Theme): Promise<string[]> {
    const expected = await page.evaluate(([story, t]) => window.runStory(story, t), [name, theme] as const)
    if (expected) {
      const provoked = errors.filter((e) => e.includes(expected))
      expect(provoked.length, `${name}: the console error it provokes`).toBeGreaterThan(0)
      errors.splice(0, errors.length, ...errors.filter((e) => !e.includes(expected)))
    }
    const shown = await page.evaluate(() =>
      document.querySelector('[data-rl-theme]')?.getAttribute('data-rl-theme'),
    )
    expect(shown).toBe(theme)
    const violations = await axeViolations(page, '#root')
    return violations.flatMap((v) => v.nodes.map((node) => `${name} [${theme}] ${v.id}: ${node}`))
  }

  it('finds every story, components and flows, and loads them without a warning', async () => {
    expect(loadErrors).toEqual([])
    const found = await page.evaluate(() => window.runlensStories)
    expect([...found].sort()).toEqual([...names].sort())
    expect(names.filter((n) => n.endsWith('/AllStates')).length).toBeGreaterThanOrEqual(8)
    expect(names.filter((n) => n.startsWith('RunMonitor.flows/')).length).toBeGreaterThanOrEqual(6)
  })

  for (const name of names) {
    for (const theme of themes) {
      it(`${name} (${theme}) plays and has no axe violation`, async () => {
        const violations = await check(name, theme)
        // Screenshots of the overviews and the flows: the states side by side, as a person sees them.
        if (
          name.endsWith('/AllStates') ||
          name.endsWith('/AllResponseStates') ||
          name.endsWith('/MalformedObjects') ||
          name.includes('.flows/')
        ) {
          await screenshot(page, `${name.replace('/', '-')}-${theme}`)
        }
        expect(violations).toEqual([])
        expect(errors).toEqual([])
      })
    }
  }

  // data-rl-theme="auto" follows the system: the same palette as the explicit theme, so the same
  // contrast, checked on every component's overview under both emulated colour schemes.
  for (const scheme of themes) {
    it(`auto follows prefers-color-scheme: ${scheme}`, async () => {
      await page.emulateMedia({ colorScheme: scheme })
      try {
        // Every --rl-* variable of the stylesheet, as the colour it resolves to under each theme.
        const palette = (theme: Theme) =>
          page.evaluate((t) => {
            const probe = document.createElement('div')
            probe.setAttribute('data-rl-theme', t)
            document.body.append(probe)
            const names = new Set(
              [...document.styleSheets]
                .flatMap((sheet) => [...sheet.cssRules])
                .flatMap((rule) => (rule instanceof CSSStyleRule ? [...rule.style] : []))
                .filter((p) => p.startsWith('--rl-')),
            )
            const resolved = [...names].sort().map((p) => {
              probe.style.backgroundColor = `var(${p})`
              return `${p}: ${getComputedStyle(probe).backgroundColor}`
            })
            probe.remove()
            return resolved
          }, theme)
        expect(await palette('auto')).toEqual(await palette(scheme))
        expect(await palette('auto')).not.toEqual(await palette(scheme === 'dark' ? 'light' : 'dark'))
        const overviews = names.filter((n) => n.endsWith('/AllStates'))
        const violations: string[] = []
        for (const name of overviews) violations.push(...(await check(name, 'auto')))
        expect(violations).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await page.emulateMedia({ colorScheme: null })
      }
    })
  }
})
