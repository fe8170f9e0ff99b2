/** 'simulator' or 'proxy', set by the dev server (never the key). */
declare const __RUNLENS_BACKEND__: string

/** Which backend answers `/v1`: the simulator in the dev server, or a real server through its proxy. */
export const backend: 'simulator' | 'proxy' =
  typeof __RUNLENS_BACKEND__ === 'string' && __RUNLENS_BACKEND__ === 'proxy' ? 'proxy' : 'simulator'

/** The page's URL parameters as it loaded (`?assistant=`, `?approval`, `?cutAfter=`...). */
export const urlParams = new URLSearchParams(location.search)

/** Runs per page of the thread's list; small so that "Load more" shows up soon. */
export const PAGE_SIZE = Number(urlParams.get('pageSize')) || 5

/** Events before the simulated drop: enough for the run to start, too few for it to finish. */
export const CUT_AFTER = Number(urlParams.get('cutAfter')) || 12

/** Sets (or, with `null`, removes) a parameter of the page's URL, so that a reload keeps it. */
export function keepInUrl(name: string, value: string | null): void {
  const url = new URL(location.href)
  if (value === null) url.searchParams.delete(name)
  else url.searchParams.set(name, value)
  history.replaceState(null, '', url)
}

/** A parameter of the URL as it is now (the page changes some as it goes: `?thread=`, `?protocol=`). */
export function readUrlParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name)
}
