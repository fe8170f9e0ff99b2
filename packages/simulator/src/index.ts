export { createSimulator, type Simulator, type SimulatorOptions } from './createSimulator.js'
export { FAULT_HEADER, type FaultRule, parseFaultHeader } from './faults.js'
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
