import type { Run } from '@runlens/client'
import { runKeys, syncRunLists } from '@runlens/react'
import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, test } from 'vitest'
import { makeRun } from './components/fixtures.js'

const threadId = 'thread_1'
const listKey = runKeys.list(threadId)
const page = (runs: Run[]) => ({
  pages: [{ data: runs, hasMore: false, firstId: runs[0]?.id ?? null, lastId: runs.at(-1)?.id ?? null }],
  pageParams: [undefined],
})
const rowStatus = (qc: QueryClient) =>
  qc.getQueryData<ReturnType<typeof page>>(listKey)?.pages[0]?.data[0]?.status

let stop: (() => void) | undefined
afterEach(() => stop?.())

describe('syncRunLists', () => {
  test('a page read after the run settled, with the row it had while going, takes the settled run', () => {
    const qc = new QueryClient()
    stop = syncRunLists(qc)
    // The stream settled the run first; the list's answer, asked while it was going, lands after.
    qc.setQueryData(runKeys.detail(threadId, 'run_1'), makeRun({ status: 'completed' }))
    qc.setQueryData(listKey, page([makeRun({ status: 'in_progress', completed_at: null })]))
    expect(rowStatus(qc)).toBe('completed')
  })

  test('a row newer than an unsettled cached run stays as the server listed it', () => {
    const qc = new QueryClient()
    stop = syncRunLists(qc)
    qc.setQueryData(runKeys.detail(threadId, 'run_1'), makeRun({ status: 'in_progress', completed_at: null }))
    qc.setQueryData(listKey, page([makeRun({ status: 'completed' })]))
    expect(rowStatus(qc)).toBe('completed')
  })
})
