/**
 * The language server: `node dist/server.js --stdio` serves any LSP client; VS Code starts it over
 * IPC. Wiring only: the session lives in handlers/session.ts, all behaviour in the service and engine.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serve } from './handlers/session';

serve(createConnection(ProposedFeatures.all));
