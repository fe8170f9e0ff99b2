// Screenshots of the built Storybook's AllStates stories, light and dark, in Debian's Chromium.
// Usage: npm run build-storybook && node scripts/screenshot-storybook.mjs [storybook-static]
// PNGs go to test-results/screenshots/. The script also fails on page errors, so a story that
// throws in a real browser is caught here.
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from './chromium.mjs'
import { serveStatic } from './serve-static.mjs'

const dir = process.argv[2] ?? 'storybook-static'
const out = 'test-results/screenshots'
const components = [
  'runstatusbadge',
  'requiredaction',
  'runusage',
  'runerror',
  'runsteps',
  'messagetext',
  'runlist',
  'runmonitorview',
]
const extra = [
  'components-runmonitorview--streaming',
  'components-runmonitorview--all-response-states',
  'components-requiredaction--several-calls',
]

await mkdir(out, { recursive: true })
const server = await serveStatic(dir, 0)
const base = `http://127.0.0.1:${server.address().port}`
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] })
const errors = []
// axe-core in the real browser: unlike jsdom it can compute colour contrast (WCAG AA), per theme.
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 })
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
  const ids = [...components.map((c) => `components-${c}--all-states`), ...extra]
  for (const id of ids) {
    for (const theme of ['light', 'dark']) {
      await page.goto(`${base}/iframe.html?id=${id}&viewMode=story&globals=theme:${theme}`)
      await page.waitForSelector('#storybook-root > *', { timeout: 30_000 })
      // Freeze animations so the pulse and the caret look the same on every run.
      await page.addStyleTag({
        content:
          '*,*::before,*::after{animation-play-state:paused!important;animation-delay:-0.3s!important}',
      })
      await page.waitForTimeout(150)
      const file = `${out}/${id.replace('components-', '')}-${theme}.png`
      await page.screenshot({ path: file, fullPage: true })
      await page.addScriptTag({ content: axeSource })
      const violations = await page.evaluate(async () => {
        const result = await globalThis.axe.run('#storybook-root', { rules: { region: { enabled: false } } })
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      })
      for (const v of violations) errors.push(`${id} (${theme}) ${v}`)
      console.log(file, violations.length ? `${violations.length} axe violation(s)` : 'axe: no violation')
    }
  }
  // The autodocs pages render every story of a file at once: they must load without errors.
  for (const c of components) {
    await page.goto(`${base}/iframe.html?id=components-${c}--docs&viewMode=docs`)
    await page.waitForSelector('.sbdocs-content', { timeout: 30_000 })
    await page.waitForTimeout(300)
    if (c === 'runmonitorview') {
      const file = `${out}/${c}--docs-light.png`
      await page.screenshot({ path: file })
      console.log(file)
    }
  }
} finally {
  await browser.close()
  server.close()
}
if (errors.length) {
  console.error(errors.join('\n'))
  process.exit(1)
}
