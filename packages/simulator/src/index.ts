export { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator.js'
export type { ErrorEventShape } from './engineContext.js'
export { FAULT_HEADER, type FaultRule, parseFaultHeader, parseFaultRule, type ResetPhase } from './faults.js'
export { IDEMPOTENCY_HEADER, IDEMPOTENCY_MAX_KEYS, IDEMPOTENCY_TTL_MS } from './idempotency.js'
export type { ResponseScenario, ResponseStep } from './responses/responseRecord.js'
export { DEFAULT_RESPONSE_SCENARIO, responseScenarios } from './responses/responseScenarios.js'
export type {
  Scenario,
  ScenarioContext,
  ScenarioStep,
  ScenarioText,
  ScriptedFileSearchResult,
  ScriptedFunctionCall,
  SubmittedToolOutput,
} from './scenario.js'
export { builtinScenarios } from './scenarios/builtinScenarios.js'
export { countTokens, splitTokens } from './tokens.js'
