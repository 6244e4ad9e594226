/** A refusal worth one line to the operator (exit code 1); anything else is a bug and keeps its stack. */
export class CliError extends Error {
  override name = 'CliError';
}
