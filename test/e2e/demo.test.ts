import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  axeViolations,
  type Browser,
  type Demo,
  launchChromium,
  screenshot,
  startDemo,
  watchErrors,
} from './harness.js'

describe('the run monitor demo in Chromium', () => {
  let demo: Demo
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([startDemo({ tokenDelayMs: 5 }), launchChromium()])
    page = await browser.newPage()
    errors = watchErrors(page)
    await page.goto(`${demo.url}/?theme=light`)
  })
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  const monitor = (): Locator => page.locator('section.rl-monitor').first()
  const composer = (): Locator => page.locator('form.app-composer')

  async function startRun(assistant: string, message?: string, options: { dropStream?: boolean } = {}) {
    await composer().getByLabel('Assistant').selectOption({ label: assistant })
    if (message !== undefined) await composer().getByLabel('Message').fill(message)
    const drop = composer().getByLabel(/Drop the stream/)
    if ((await drop.isChecked()) !== Boolean(options.dropStream)) await drop.click()
    const start = composer().getByRole('button', { name: 'Start run' })
    await expect.poll(() => start.isEnabled()).toBe(true)
    await start.click()
  }

  async function waitForState(state: string | RegExp, timeout = 20_000) {
    await expect
      .poll(async () => (await monitor().getAttribute('data-state')) ?? '', { timeout, interval: 50 })
      .toMatch(typeof state === 'string' ? new RegExp(`^${state}$`) : state)
  }

  async function waitIdle() {
    await expect.poll(() => composer().getByRole('button', { name: 'Start run' }).isEnabled()).toBe(true)
  }

  it('lists the simulator assistants and shows an empty monitor', async () => {
    await page.getByRole('heading', { level: 1 }).waitFor()
    const options = composer().getByLabel('Assistant').locator('option')
    // The first page load compiles the app's modules on demand: on a busy machine that takes seconds.
    await expect
      .poll(() => options.allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['text', 'function_call', 'server_error', 'slow_stream']))
    await expect.poll(() => page.getByText('No run yet').first().isVisible()).toBe(true)
    await screenshot(page, '00-start')
  })

  it('streams a text run to completion: status, text, steps and usage', async () => {
    await startRun('text', 'Hello! Who are you?')
    await waitForState('completed')
    const view = monitor()
    await expect.poll(() => view.textContent()).toContain("Hello! I'm a simulated assistant")
    await expect.poll(() => view.getByText('Completed').first().isVisible()).toBe(true)
    await expect.poll(() => view.getByRole('heading', { name: 'Token usage' }).isVisible()).toBe(true)
    await expect.poll(() => view.getByRole('heading', { name: 'Steps' }).isVisible()).toBe(true)
    expect(await view.getAttribute('data-connection')).toBe('closed')
    // The run is in the thread's list, with its final status, without a reload.
    const list = page.locator('.app-runs table')
    await expect.poll(() => list.textContent()).toContain('Completed')
    await waitIdle()
    await screenshot(page, '01-text-run')
  })

  it('answers a tool call, after approving it, and the run finishes with the output', async () => {
    await composer().getByLabel('Ask for approval').check()
    await startRun('function_call', "What's the weather in Paris?")
    await waitForState('requires_action')
    const action = monitor().locator('form').first()
    await expect.poll(() => action.textContent()).toContain('get_current_weather')
    await expect.poll(() => action.textContent()).toContain('Paris')
    await screenshot(page, '02-tool-call-approval')
    await action.getByRole('button', { name: 'Approve' }).click()
    await action.getByLabel('Output of get_current_weather').fill('22 °C and sunny')
    await screenshot(page, '03-tool-call-output')
    await action.getByRole('button', { name: 'Submit outputs' }).click()
    await waitForState('completed')
    await expect.poll(() => monitor().textContent()).toContain('The weather in Paris: 22 °C and sunny.')
    await composer().getByLabel('Ask for approval').uncheck()
    await waitIdle()
    await screenshot(page, '04-tool-call-answered')
  })

  it('answers tool calls automatically with handlers, in one submission', async () => {
    const auto = composer().getByLabel('Answer tool calls automatically')
    await auto.check()
    await startRun('parallel_function_calls', "What's the weather and the time in Paris?")
    await waitForState('completed')
    await expect
      .poll(() => monitor().textContent())
      .toContain('In Paris the weather is 21 °C, clear skies and the time is')
    // No form was needed; both outputs are in the tool calls step.
    expect(await monitor().getByRole('button', { name: 'Submit outputs' }).count()).toBe(0)
    await auto.uncheck()
    await waitIdle()
    await screenshot(page, '05-tool-calls-automatic')
  })

  it('shows a failed run with its error', async () => {
    await startRun('server_error', 'Tell me something.')
    await waitForState('failed')
    const message = monitor().locator('.rl-error__message')
    await expect.poll(() => message.textContent()).toBe('Sorry, something went wrong.')
    await expect.poll(() => monitor().textContent()).toContain('server_error')
    await waitIdle()
    await screenshot(page, '06-failed')
  })

  it('cancels a streaming run: cancelling, then cancelled', async () => {
    await startRun('slow_stream', 'Write me a long answer.')
    await expect.poll(() => monitor().textContent(), { timeout: 10_000 }).toContain('Paragraph 1.')
    // Mid-stream: the connection indicator says "Live" at the body's size.
    await screenshot(page, '07-streaming-live')
    await monitor().getByRole('button', { name: 'Cancel run' }).click()
    await waitForState('cancelled')
    const text = (await monitor().textContent()) ?? ''
    expect(text).not.toContain('Paragraph 12.')
    expect(
      await monitor()
        .getByRole('button', { name: /Cancel/ })
        .count(),
    ).toBe(0)
    await waitIdle()
    await screenshot(page, '07-cancelled')
  })

  it('recovers from a dropped stream by polling, and ends with the full text', async () => {
    // Every connection state the monitor goes through, recorded in the page.
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { __connections: string[] }).__connections = seen
      const record = () => {
        const state = document.querySelector('section.rl-monitor')?.getAttribute('data-connection')
        if (state && seen.at(-1) !== state) seen.push(state)
      }
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-connection'],
      })
    })
    await startRun('text', 'Hello again!', { dropStream: true })
    // The stream is cut after a few events; the hooks poll the run and reload its messages.
    await waitForState('completed')
    await expect
      .poll(() => monitor().textContent())
      .toContain(
        "Hello! I'm a simulated assistant, so I don't have feelings, but I'm here and ready to help. How can I assist you today?",
      )
    const text = (await monitor().locator('.rl-monitor__answer').textContent()) ?? ''
    expect(text.match(/Hello! I'm a simulated assistant/g)?.length).toBe(1)
    const connections = await page.evaluate(
      () => (window as unknown as { __connections: string[] }).__connections,
    )
    expect(connections).toEqual(expect.arrayContaining(['streaming', 'polling']))
    expect(connections.at(-1)).toBe('closed')
    expect(connections.indexOf('polling')).toBeGreaterThan(connections.indexOf('streaming'))
    await waitIdle()
    await screenshot(page, '08-dropped-stream-recovered')
  })

  it('pages through the thread runs and opens an earlier one', async () => {
    // Six runs so far on this thread; one more makes a page of five and a page of two.
    await startRun('text', 'One more, please.')
    await waitForState('completed')
    await waitIdle()
    // A reload keeps the thread (?thread=) and lists it afresh, page by page.
    expect(new URL(page.url()).searchParams.get('thread')).toMatch(/^thread_/)
    await page.reload()
    // The newest run is shown again, by id, with its answer reloaded from the messages.
    await waitForState('completed')
    await expect.poll(() => monitor().textContent()).toContain("Hello! I'm a simulated assistant")
    const side = page.locator('.app-runs')
    const loadMore = side.getByRole('button', { name: 'Load more' })
    await expect.poll(() => loadMore.isVisible()).toBe(true)
    const rows = side.locator('tbody tr')
    expect(await rows.count()).toBe(5)
    await loadMore.click()
    await expect.poll(() => rows.count()).toBe(7)
    await expect.poll(() => loadMore.count()).toBe(0)
    await screenshot(page, '09-run-list-paged')

    // The oldest run (the text run) opens by id, with its answer loaded from the messages.
    await rows.last().getByRole('button').click()
    await expect.poll(() => page.getByText('Earlier run').isVisible()).toBe(true)
    await expect.poll(() => monitor().getAttribute('data-state')).toBe('completed')
    await expect.poll(() => monitor().textContent()).toContain("Hello! I'm a simulated assistant")
    await screenshot(page, '10-earlier-run')
    await page.getByRole('button', { name: 'Back to the latest run' }).click()
    await expect.poll(() => page.getByText('Earlier run').count()).toBe(0)
  })

  it('keeps Start disabled, with the reason, while the run waits for tool outputs; a double press creates one run', async () => {
    const creates: string[] = []
    const count = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST' && /\/threads\/[^/]+\/runs$/.test(new URL(request.url()).pathname)) {
        creates.push(request.url())
      }
    }
    page.on('request', count)
    try {
      await composer().getByLabel('Ask for approval').check()
      await composer().getByLabel('Assistant').selectOption({ label: 'function_call' })
      await composer().getByLabel('Message').fill("What's the weather in Paris?")
      const start = composer().getByRole('button', { name: 'Start run' })
      await expect.poll(() => start.isEnabled()).toBe(true)
      // Two presses about 150 ms apart, as an impatient person makes them: the mouse, not
      // Playwright's click, which would wait for the button to be enabled again.
      const box = await start.boundingBox()
      if (!box) throw new Error('no Start button on screen')
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      await page.waitForTimeout(150)
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      await waitForState('requires_action')
      const reason = composer().getByRole('status')
      await expect.poll(() => reason.textContent()).toBe('A run is waiting for tool outputs.')
      expect(await start.isDisabled()).toBe(true)
      // The button is described by the reason, for whoever reaches it by keyboard or touch.
      const described = await start.getAttribute('aria-describedby')
      expect(described && (await page.locator(`[id="${described}"]`).textContent())).toBe(
        'A run is waiting for tool outputs.',
      )
      await screenshot(page, '13-start-disabled-waiting')
      expect(creates).toHaveLength(1)
      // The waiting run and its form are still there.
      await expect.poll(() => monitor().getByRole('button', { name: 'Approve' }).isVisible()).toBe(true)
    } finally {
      page.off('request', count)
    }
  })

  it('denies the tool calls: the run is cancelled, and Start is enabled again', async () => {
    const action = monitor().locator('form').first()
    await action.getByRole('button', { name: 'Deny' }).click()
    await waitForState('cancelled')
    await expect
      .poll(() => monitor().locator('.rl-monitor__header .rl-badge__label').textContent())
      .toBe('Cancelled')
    expect(await monitor().locator('form').count()).toBe(0)
    const list = page.locator('.app-runs tbody tr').first()
    await expect.poll(() => list.textContent()).toContain('Cancelled')
    await composer().getByLabel('Ask for approval').uncheck()
    await waitIdle()
    expect(await composer().getByRole('status').textContent()).toBe('')
    await screenshot(page, '14-denied-cancelled')
  })

  it('after a dropped stream, the text keeps advancing while it polls', async () => {
    // The answer's length each time it changes while the monitor polls, recorded in the page.
    await page.evaluate(() => {
      const lengths: number[] = []
      ;(window as unknown as { __pollingLengths: number[] }).__pollingLengths = lengths
      const record = () => {
        const monitor = document.querySelector('section.rl-monitor')
        if (monitor?.getAttribute('data-connection') !== 'polling') return
        const length = monitor.querySelector('.rl-monitor__answer')?.textContent?.length ?? 0
        if (lengths.at(-1) !== length) lengths.push(length)
      }
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      })
    })
    // A long, slow answer cut after a few events: most of it arrives while polling.
    await startRun('slow_stream', 'Write me a long answer.', { dropStream: true })
    await waitForState('completed', 60_000)
    await expect.poll(() => monitor().textContent()).toContain('Paragraph 12.')
    const lengths = await page.evaluate(
      () => (window as unknown as { __pollingLengths: number[] }).__pollingLengths,
    )
    // More than one length while polling, each longer than the one before: the text grew between
    // polls instead of staying frozen until the end.
    expect(lengths.length).toBeGreaterThan(1)
    expect(lengths.every((length, i) => i === 0 || length > lengths[i - 1]!)).toBe(true)
    await waitIdle()
    await screenshot(page, '15-polling-text-advanced')
  })

  it('has no accessibility violation, in the light and the dark theme', async () => {
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Dark theme' }).click()
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Dark theme' }).click()
  })

  it('switches to the dark theme', async () => {
    await page.getByRole('button', { name: 'Dark theme' }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.rlTheme)).toBe('dark')
    await screenshot(page, '11-dark')
    await page.getByRole('button', { name: 'Dark theme' }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.rlTheme)).toBe('light')
  })

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      // Nothing wider than the screen but the run table, which scrolls in its own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await screenshot(page, '12-phone')
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  it('logged no error in the page', () => {
    expect(errors).toEqual([])
  })
})

/** A response as `GET /v1/responses/{id}` gives it: what the tests read of it. */
interface ServerResponse {
  id: string
  status: string
  output: Array<{ type: string; content?: Array<{ type: string; text?: string }> }>
}

describe('the run monitor demo in Responses mode, in Chromium', () => {
  let demo: Demo
  let browser: Browser
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([startDemo({ tokenDelayMs: 5 }), launchChromium()])
    page = await browser.newPage()
    errors = watchErrors(page)
    await page.goto(`${demo.url}/?theme=light&protocol=responses`)
  })
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  const monitor = (): Locator => page.locator('section.rl-monitor').first()
  const composer = (): Locator => page.locator('form.app-composer')

  async function setCheck(label: RegExp, on: boolean) {
    const box = composer().getByLabel(label)
    if ((await box.isChecked()) !== on) await box.click()
  }

  async function startResponse(
    model: string,
    message: string,
    options: { dropStream?: boolean; offerTools?: boolean; approval?: boolean } = {},
  ) {
    await composer().getByLabel('Model').selectOption(model)
    await composer().getByLabel('Message').fill(message)
    await setCheck(/Drop the stream/, Boolean(options.dropStream))
    await setCheck(/Offer the demo's functions/, options.offerTools ?? false)
    await setCheck(/Ask for approval/, Boolean(options.approval))
    const start = composer().getByRole('button', { name: 'Start response' })
    await expect.poll(() => start.isEnabled()).toBe(true)
    await start.click()
  }

  async function waitForState(state: string, timeout = 20_000) {
    await expect
      .poll(async () => (await monitor().getAttribute('data-state')) ?? '', { timeout, interval: 50 })
      .toBe(state)
  }

  async function waitIdle() {
    await expect.poll(() => composer().getByRole('button', { name: 'Start response' }).isEnabled()).toBe(true)
  }

  /** The answer as the monitor shows it: its paragraphs, joined as the text splits into them. */
  async function shownText(): Promise<string> {
    const paragraphs = await monitor().locator('.rl-monitor__answer .rl-message__paragraph').allTextContents()
    return paragraphs.join('\n\n')
  }

  /** The response the monitor names (the chain's current one), read from the server. */
  async function serverResponse(): Promise<ServerResponse> {
    const id = await monitor().locator('.rl-monitor__id').textContent()
    expect(id).toMatch(/^resp_/)
    const res = await fetch(`${demo.url}/v1/responses/${id}`)
    expect(res.status).toBe(200)
    return (await res.json()) as ServerResponse
  }

  /** A response's text on the server: its messages' output_text parts, as the store joins them. */
  const textOf = (response: ServerResponse): string =>
    response.output
      .filter((item) => item.type === 'message')
      .flatMap((item) => item.content ?? [])
      .filter((part) => part.type === 'output_text')
      .map((part) => part.text ?? '')
      .join('\n\n')

  it('switches to Responses mode from the URL, with the scripted models to pick from', async () => {
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await page.getByRole('radio', { name: 'Responses background' }).isChecked()).toBe(true)
    const options = composer().getByLabel('Model').locator('option')
    await expect
      .poll(() => options.allTextContents(), { timeout: 15_000 })
      .toEqual([
        'gpt-4o-mini',
        'sim-reasoning',
        'sim-incomplete',
        'sim-server-error',
        'sim-stream-error',
        'sim-slow',
        'sim-parallel-calls',
      ])
    await expect.poll(() => page.getByText('No response yet').isVisible()).toBe(true)
    await screenshot(page, 'r00-responses-start')
  })

  it('a dropped stream resumes after its last event, and the text is the server text, once', async () => {
    const resumes: string[] = []
    const onRequest = (request: { method(): string; url(): string }) => {
      const url = new URL(request.url())
      if (
        request.method() === 'GET' &&
        /^\/v1\/responses\/[^/]+$/.test(url.pathname) &&
        url.searchParams.get('stream') === 'true'
      ) {
        resumes.push(url.searchParams.get('starting_after') ?? '')
      }
    }
    page.on('request', onRequest)
    try {
      await startResponse('sim-slow', 'Write me a long answer.', { dropStream: true })
      await waitForState('completed', 60_000)
      await waitIdle()
    } finally {
      page.off('request', onRequest)
    }
    // The create's stream was cut after 12 events; the client joined it again after the last one.
    expect(resumes.length).toBeGreaterThan(0)
    expect(Number(resumes[0])).toBeGreaterThan(0)
    const server = await serverResponse()
    expect(server.status).toBe('completed')
    const text = await shownText()
    expect(text).toBe(textOf(server))
    expect(text.match(/Paragraph 1\./g)?.length).toBe(1)
    expect(text).toContain('Paragraph 12.')
    await screenshot(page, 'r01-dropped-stream-resumed')
  })

  it('a reload mid-stream resumes the response: it completes, with its text once', async () => {
    await startResponse('sim-slow', 'Write me a long answer.')
    await expect.poll(() => shownText(), { timeout: 10_000 }).toContain('Paragraph 2.')
    const before = await monitor().locator('.rl-monitor__id').textContent()
    await screenshot(page, 'r02-before-reload')
    // What the page asks after the reload: the response's stream again, and no new response.
    const asked: string[] = []
    const onRequest = (request: { method(): string; url(): string }) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/v1/responses'))
        asked.push(`${request.method()} ${url.pathname}${url.search}`)
    }
    page.on('request', onRequest)
    try {
      await page.reload()
      // The same response, its stream joined again (from its first event: the new page held none).
      await expect.poll(() => page.getByText('Resumed after reload').isVisible()).toBe(true)
      expect(await monitor().locator('.rl-monitor__id').textContent()).toBe(before)
      await expect.poll(() => monitor().getAttribute('data-connection')).toBe('streaming')
    } finally {
      page.off('request', onRequest)
    }
    // One stream request, no new create: its events are replayed, caught up to where the page was.
    expect(asked).toEqual([expect.stringMatching(new RegExp(`^GET /v1/responses/${before}\\?.*stream=true`))])
    await screenshot(page, 'r03-resumed-after-reload')
    await waitForState('completed', 60_000)
    await waitIdle()
    const server = await serverResponse()
    expect(server.id).toBe(before)
    const text = await shownText()
    expect(text).toBe(textOf(server))
    expect(text.match(/Paragraph 1\./g)?.length).toBe(1)
    // The user's message came back with it, and the composer still names its model.
    expect(await page.locator('.app-prompt').textContent()).toContain('Write me a long answer.')
    expect(await composer().getByLabel('Model').inputValue()).toBe('sim-slow')
    await screenshot(page, 'r04-resumed-completed')
  })

  it('a function call answered after approval: the follow-up completes the chain', async () => {
    await startResponse('gpt-4o-mini', "What's the weather in Paris?", { offerTools: true, approval: true })
    await waitForState('requires_action')
    const action = monitor().locator('form').first()
    await expect.poll(() => action.textContent()).toContain('get_current_weather')
    await screenshot(page, 'r05-function-call-approval')
    await action.getByRole('button', { name: 'Approve' }).click()
    await action.getByLabel('Output of get_current_weather').fill('22 °C and sunny')
    await screenshot(page, 'r06-function-call-output')
    await action.getByRole('button', { name: 'Submit outputs' }).click()
    await waitForState('completed')
    await waitIdle()
    await expect
      .poll(() => monitor().textContent())
      .toContain('Here is what I found: get_current_weather says 22 °C and sunny.')
    // Two responses: the call, and the follow-up that answered it.
    const chain = page.locator('.app-chain code')
    await expect.poll(() => chain.count()).toBe(2)
    const server = await serverResponse()
    expect(server.status).toBe('completed')
    expect(await chain.last().textContent()).toBe(server.id)
    await screenshot(page, 'r07-function-call-completed')
  })

  it('function calls answered by the demo handlers, in one follow-up', async () => {
    await setCheck(/Answer tool calls automatically/, true)
    try {
      await startResponse('sim-parallel-calls', "What's the weather and the time in Paris?", {
        offerTools: true,
      })
      await waitForState('completed')
      await waitIdle()
      const text = (await monitor().textContent()) ?? ''
      expect(text).toContain('get_current_weather says 21 °C, clear skies')
      expect(text).toContain('get_local_time says')
      expect(text).toContain('lookup_order says')
      expect(await monitor().getByRole('button', { name: 'Submit outputs' }).count()).toBe(0)
      await screenshot(page, 'r08-handlers')
    } finally {
      await setCheck(/Answer tool calls automatically/, false)
    }
  })

  it('cancels a streaming response: cancelled', async () => {
    await startResponse('sim-slow', 'Write me a long answer.')
    await expect.poll(() => shownText(), { timeout: 10_000 }).toContain('Paragraph 1.')
    await screenshot(page, 'r09-streaming')
    await monitor().getByRole('button', { name: 'Cancel run' }).click()
    await waitForState('cancelled')
    await waitIdle()
    expect((await serverResponse()).status).toBe('cancelled')
    expect(await shownText()).not.toContain('Paragraph 12.')
    expect(
      await monitor()
        .getByRole('button', { name: /Cancel/ })
        .count(),
    ).toBe(0)
    await screenshot(page, 'r10-cancelled')
  })

  it('has no accessibility violation, in the light and the dark theme', async () => {
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Dark theme' }).click()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'r11-dark')
    await page.getByRole('button', { name: 'Dark theme' }).click()
  })

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await screenshot(page, 'r12-phone')
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  it('keeps the mode over a reload, and switches back to Assistants runs', async () => {
    await page.reload()
    expect(await page.getByRole('radio', { name: 'Responses background' }).isChecked()).toBe(true)
    await page.getByRole('radio', { name: 'Assistants runs' }).check()
    expect(new URL(page.url()).searchParams.get('protocol')).toBeNull()
    await expect.poll(() => composer().getByLabel('Assistant').isVisible()).toBe(true)
    await page.getByRole('radio', { name: 'Responses background' }).check()
    expect(new URL(page.url()).searchParams.get('protocol')).toBe('responses')
  })

  it('logged no error in the page', () => {
    expect(errors).toEqual([])
  })
})
