import { readTable, type Settings } from './config/read.js';
import { missingSmsVariables, ruleProblems } from './config/rules.js';
import { configTable, type TableValues } from './config/table.js';
import type { Variable } from './config/variable.js';

/**
 * Everything the service reads from its environment, parsed and validated once at start;
 * its shape is the configuration table's (src/config/table.ts). Nothing else in the code
 * reads `process.env`.
 */
export interface Config extends TableValues {
  bodyLimit: number;
}

/** A Config whose secret has been settled (given, or the development one kept in ./data). */
export type ResolvedConfig = Config & { secretKey: string };

export type SmsConfig = Config['sms'];

type SmsGroups = typeof configTable.sms;
/** The groups of SmsConfig that hold one provider's variables: `twilio`, `naverSens`, … */
type ProviderGroup = { [K in keyof SmsGroups]: SmsGroups[K] extends Variable ? never : K }[keyof SmsGroups];

/** What a provider is built from: its group of SmsConfig, with the variables it needs present. */
export type SmsSettings<G extends ProviderGroup> = Settings<SmsGroups[G]>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment into a Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const values = readTable(configTable, env, problems);
  if (problems.length === 0) problems.push(...ruleProblems(values));
  if (problems.length) throw new ConfigError(problems);
  return { ...values, bodyLimit: 1024 * 1024 };
}

/**
 * `group`, the group of one of `sms.providers`, typed with the variables that provider needs present.
 * loadConfig refuses a configuration without them by the same check; this one is for a
 * configuration built by hand.
 */
export function smsSettings<G extends ProviderGroup>(sms: SmsConfig, group: G): SmsSettings<G> {
  const missing = missingSmsVariables(sms);
  if (missing) throw new ConfigError([missing]);
  return sms[group] as SmsSettings<G>;
}
