/**
 * Text from registries and bundles made safe for plain-text sinks (diagnostic messages, terminal
 * tables): control characters and ANSI escape sequences removed, whitespace collapsed, length capped.
 */
export function plainText(text: string, maxLength = 200): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ');
  const collapsed = cleaned.replace(/\s+/g, ' ').trim();
  return collapsed.length > maxLength ? `${collapsed.slice(0, maxLength - 1)}…` : collapsed;
}
