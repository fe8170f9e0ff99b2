export interface BuildSize {
  /** Bytes of the emitted JS, minified. */
  min: number
  /** The same gzipped (zlib's default level), each chunk on its own. */
  gzip: number
}
export interface SizeApp {
  entry: string
  label: string
}
export declare const apps: {
  baseline: SizeApp
  additions: ReadonlyArray<SizeApp & { guard: number }>
}
export declare function buildApp(entry: string, options?: { source?: boolean }): Promise<BuildSize>
export declare function compare(
  baseline: BuildSize,
  withRunlens: BuildSize,
  guard: number,
): { added: BuildSize; guard: number; over: boolean }
