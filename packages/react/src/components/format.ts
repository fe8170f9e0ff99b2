// Formatting helpers shared by the components. Everything goes through Intl so that a locale
// from the provider (or a prop) changes digits, separators and dates together.

const formats = new Map<string, Intl.NumberFormat>()

/** `value` in the locale, with one `Intl.NumberFormat` per locale and options, made once. */
function number(value: number, locale: string | undefined, options: Intl.NumberFormatOptions): string {
  const id = `${locale}${JSON.stringify(options)}`
  const format = formats.get(id) ?? new Intl.NumberFormat(locale, options)
  formats.set(id, format)
  return format.format(value)
}

/** An integer with the locale's grouping: 12,345. */
export const formatNumber = (value: number, locale?: string): string =>
  number(value, locale, { maximumFractionDigits: 0 })

/** A score between 0 and 1 with up to three decimals. */
export const formatScore = (value: number, locale?: string): string =>
  number(value, locale, { maximumFractionDigits: 3 })

/** A duration in seconds, compact: 42s, 3m 5s, 1h 2m. Negative or non-finite values give "". */
export function formatDuration(seconds: number, locale?: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return ''
  const unit = (value: number, unit: string) =>
    number(value, locale, { style: 'unit', unit, unitDisplay: 'narrow' })
  const s = Math.floor(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  if (s < 60) return unit(s, 'second')
  if (h > 0) return `${unit(h, 'hour')} ${unit(m, 'minute')}`
  return rest ? `${unit(m, 'minute')} ${unit(rest, 'second')}` : unit(m, 'minute')
}

/** A countdown: m:ss, or h:mm:ss past an hour. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  const pad = (n: number) => String(n).padStart(2, '0')
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h > 0 ? `${h}:${pad(m)}` : m}:${pad(s % 60)}`
}

/** Unix seconds (the wire's timestamps) as an ISO string for `<time dateTime>`. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}

/** Unix seconds as a medium date and short time in the locale and time zone. */
export function formatDateTime(seconds: number, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(seconds * 1000),
  )
}

/** Pretty-prints JSON text; text that is not JSON comes back as it was, flagged. */
export function prettyJson(text: string): { text: string; valid: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), valid: true }
  } catch {
    return { text, valid: false }
  }
}
