import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  axeViolations,
  type Browser,
  hasChromium,
  launchChromium,
  repoRoot,
  screenshot,
  watchErrors,
} from './harness.js'

const enabled = hasChromium()

// The full-flow stories of the run monitor (stories/flows), played in Chromium: each one renders
// on its own simulator in the page and its play function drives the run to its end. The page is a
// bare Vite page over the portable stories, so no Storybook server is needed.
const names = ['TextAnswer', 'ToolCallWithApproval', 'Failure', 'Cancel', 'Expiry', 'DroppedStreamRecovers']

describe.skipIf(!enabled)('the full-flow stories in Chromium', () => {
  let server: ViteDevServer
  let browser: Browser
  let url: string
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([
      createServer({
        configFile: `${repoRoot}vite.config.ts`,
        root: fileURLToPath(new URL('./stories-page/', import.meta.url)),
        logLevel: 'warn',
        clearScreen: false,
        server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
      }),
      launchChromium(),
    ])
    await server.listen()
    url = server.resolvedUrls?.local[0] ?? ''
    page = await browser.newPage()
    page.setDefaultTimeout(30_000)
    errors = watchErrors(page)
    await page.goto(url)
    await page.waitForFunction(() => Array.isArray(window.runlensStories), null, { timeout: 60_000 })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('finds every flow', async () => {
    expect((await page.evaluate(() => window.runlensStories)).sort()).toEqual([...names].sort())
  })

  for (const name of names) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${name} plays to its end (${theme})`, async () => {
        await page.goto(url)
        await page.waitForFunction(() => Array.isArray(window.runlensStories))
        await page.evaluate(([story, t]) => window.runStory(story, t), [name, theme] as const)
        const shownTheme = await page.evaluate(() =>
          document.querySelector('[data-rl-theme]')?.getAttribute('data-rl-theme'),
        )
        expect(shownTheme).toBe(theme)
        await screenshot(page, `flow-${name}-${theme}`)
        expect(await axeViolations(page, '#root')).toEqual([])
        expect(errors).toEqual([])
      })
    }
  }
})
