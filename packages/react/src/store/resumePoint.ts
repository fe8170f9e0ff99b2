/** Where a Responses run in flight is kept across page loads: the Web Storage methods it uses. */
export interface ResumeStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** What is kept of a run in flight: the chain's response ids (the last is the current one) and how far the page had shown it. */
export interface ResumePoint {
  responseIds: string[]
  /** The `sequence_number` of the current response's last event shown. */
  sequenceNumber: number | null
}

const storageKey = (key: string) => `runlens:response:${key}`

/** `sessionStorage` (one tab's, surviving a reload), or null where there is none or it may not be used. */
export function defaultResumeStorage(): ResumeStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    // Reading `sessionStorage` throws where storage is disabled (some sandboxed frames).
    return null
  }
}

/** The kept point, or null when there is none or what is kept cannot be read (then it is dropped). */
export function loadResumePoint(storage: ResumeStorage, key: string): ResumePoint | null {
  let point: unknown
  try {
    const text = storage.getItem(storageKey(key))
    if (text === null) return null
    point = JSON.parse(text)
  } catch {
    point = null
  }
  const { responseIds, sequenceNumber } = (point ?? {}) as Partial<ResumePoint>
  const ids = Array.isArray(responseIds)
    ? responseIds.filter((id) => typeof id === 'string' && id !== '')
    : []
  if (ids.length === 0) {
    clearResumePoint(storage, key)
    return null
  }
  return { responseIds: ids, sequenceNumber: typeof sequenceNumber === 'number' ? sequenceNumber : null }
}

/** Keeps the point; a storage that refuses (full, disabled) only loses the resume, never the run. */
export function saveResumePoint(storage: ResumeStorage, key: string, point: ResumePoint): void {
  try {
    storage.setItem(storageKey(key), JSON.stringify(point))
  } catch {}
}

export function clearResumePoint(storage: ResumeStorage, key: string): void {
  try {
    storage.removeItem(storageKey(key))
  } catch {}
}
