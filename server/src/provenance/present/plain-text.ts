/** Registry and bundle text for plain-text sinks: the one terminal sanitiser, shared with the CLI. */
export { plainText } from '../../core/terminal-text';
