import type { Run } from '@runlens/client'
import { describe, expect, test } from 'vitest'
import { startBlocker } from '../../src/components/index.js'
import { makeRun } from './fixtures.js'

describe('startBlocker', () => {
  test('a run waiting for tool outputs blocks a new run, and says so over an active one', () => {
    expect(startBlocker([makeRun({ status: 'requires_action' })])).toBe('waiting')
    expect(startBlocker([makeRun({ status: 'in_progress' }), makeRun({ status: 'requires_action' })])).toBe(
      'waiting',
    )
  })

  test('queued, in progress and cancelling runs are active', () => {
    for (const status of ['queued', 'in_progress', 'cancelling'] as const) {
      expect(startBlocker([null, makeRun({ status })])).toBe('active')
    }
  })

  test('finished runs, no run, unknown statuses and malformed rows block nothing', () => {
    const finished = ['completed', 'failed', 'cancelled', 'expired', 'incomplete'] as const
    expect(startBlocker(finished.map((status) => makeRun({ status })))).toBeNull()
    expect(startBlocker([])).toBeNull()
    expect(startBlocker([null, undefined, makeRun({ status: 'paused_by_operator' })])).toBeNull()
    expect(startBlocker([{} as Run, 'x' as unknown as Run, { status: 7 } as unknown as Run])).toBeNull()
  })
})
