export { version } from './version.js'
export * from './components/index.js'
