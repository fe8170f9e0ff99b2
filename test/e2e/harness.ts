import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { inject } from 'vitest'
import { type RunMonitorDemoOptions, runMonitorConfig } from '../../examples/run-monitor/vite.config.js'
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const artifactsDir = join(repoRoot, 'test-results', 'e2e')

// The project's global setup (globalSetup.ts) got Chromium or found why it cannot. Failing here, as
// the test file loads, fails the file with that message; a throw in beforeAll would instead leave
// its tests reported as skipped.
const chromiumProblem = inject('chromiumProblem')
if (chromiumProblem) throw new Error(chromiumProblem)

export interface Demo {
  url: string
  server: ViteDevServer
  close(): Promise<void>
}

/**
 * The page of test/e2e/stories-page: every story of stories/ as a portable story, rendered with
 * the project's annotations (.storybook/preview) by `window.runStory`. No Storybook server needed.
 */
export async function startStoriesPage(): Promise<Demo> {
  const server = await createServer({
    configFile: `${repoRoot}vite.config.ts`,
    root: fileURLToPath(new URL('./stories-page/', import.meta.url)),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
  })
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the stories page did not report a URL')
  return { url, server, close: () => server.close() }
}

/** The demo's own dev server (simulator mounted on /v1), on a free port of 127.0.0.1. */
export async function startDemo(options: RunMonitorDemoOptions = {}): Promise<Demo> {
  // The environment must not turn the tests into proxy mode against a real server.
  const config = runMonitorConfig({ tokenDelayMs: 5, ...options, host: '127.0.0.1', port: 0 }, {})
  const server = await createServer({
    ...config,
    configFile: false,
    logLevel: 'warn',
    clearScreen: false,
    server: { ...config.server, port: 0, strictPort: false, hmr: false, watch: null },
  })
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the demo dev server did not report a URL')
  return { url: url.replace(/\/$/, ''), server, close: () => server.close() }
}

export interface Browser {
  context: BrowserContext
  newPage(): Promise<Page>
  close(): Promise<void>
}

/** Chromium at `chromiumPath`, which the project's global setup (globalSetup.ts) has made sure of. */
export async function launchChromium(): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'runlens-e2e-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  })
  return {
    context,
    async newPage() {
      const page = await context.newPage()
      page.setDefaultTimeout(15_000)
      return page
    },
    async close() {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Saves a full-page screenshot as a test artifact: test-results/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

/**
 * Collects uncaught page errors, console errors and console warnings (React's development
 * warnings among them) so that a test can assert there were none.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    const type = message.type()
    if (type === 'error' || type === 'warning') errors.push(`console.${type}: ${message.text()}`)
  })
  return errors
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface AxeViolation {
  id: string
  help: string
  nodes: { target: string[]; any: { message: string; data?: { messageKey?: string } | null }[] }[]
}

/**
 * axe-core in the page, every rule on (contrast included: a real browser has layout and paint).
 * Text whose contrast axe could not work out (a background it cannot see through) counts as a
 * failure too, as "color-contrast (unverified)". Each node is its CSS target and what axe found there (for
 * contrast: the ratio and both colours).
 */
export async function axeViolations(page: Page, selector = 'html') {
  // Once per document: pages that render many stories in turn keep the same axe.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
  const { violations, unverified } = await page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: { run(context: Element): Promise<{ violations: AxeViolation[]; incomplete: AxeViolation[] }> }
      }
    ).axe
    const root = document.querySelector(sel)
    if (!root) throw new Error(`nothing matches ${sel}`)
    const results = await axe.run(root)
    // Icons are not text: a glyph such as "✓" or "☾" leaves axe unsure, and that is no failure.
    const icon = (n: AxeViolation['nodes'][number]) =>
      n.any.some((check) => ['nonBmp', 'shortTextContent'].includes(check.data?.messageKey ?? ''))
    const unverified = results.incomplete
      .filter((v) => v.id === 'color-contrast')
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !icon(n)) }))
      .filter((v) => v.nodes.length > 0)
    return { violations: results.violations, unverified }
  }, selector)
  const found = [...violations, ...unverified.map((v) => ({ ...v, id: `${v.id} (unverified)` }))]
  return found.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => {
      const detail = n.any.map((check) => check.message).join('; ')
      return detail ? `${n.target.join(' ')} (${detail})` : n.target.join(' ')
    }),
  }))
}
