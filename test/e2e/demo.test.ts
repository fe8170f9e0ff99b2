import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Browser,
  type Demo,
  hasChromium,
  launchChromium,
  screenshot,
  startDemo,
  watchErrors,
} from './harness.js'

const enabled = hasChromium()

describe.skipIf(!enabled)('the run monitor demo in Chromium', () => {
  let demo: Demo
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([startDemo({ tokenDelayMs: 5 }), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  async function open(query = ''): Promise<Page> {
    page = await browser.newPage()
    errors = watchErrors(page)
    await page.goto(`${demo.url}/${query}`)
    return page
  }

  it('loads', async () => {
    await open()
    await page.getByRole('heading', { level: 1 }).waitFor()
    await screenshot(page, 'smoke')
    expect(errors).toEqual([])
  })
})
