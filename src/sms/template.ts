/** The SMS text: SMS_TEMPLATE with `{app}` and `{code}` filled in. */
export function renderSmsText(template: string, appName: string, code: string): string {
  return template.replaceAll('{app}', appName).replaceAll('{code}', code);
}
