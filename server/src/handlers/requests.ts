import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  downloadDatabaseRequest,
  exportReportRequest,
  fixCommandRequest,
  isExportFormat,
  lockfileCommandRequest,
  progressNotification,
  reportRequest,
  scanWorkspaceRequest,
  triageEditRequest,
  verifyRequest,
} from '../protocol';
import type { WorkspaceService } from '../service/workspace-service';
import { triageEditFor } from './triage-edit';
import type { UriMap } from './uris';

/**
 * Runs a long request with cancellation: the client's token aborts the signal, a cancelled request
 * answers RequestCancelled, and a failure answers an error; nothing throws past the handler.
 */
export async function cancellable<T>(what: string, token: CancellationToken, run: (signal: AbortSignal) => Promise<T>): Promise<T | ResponseError<void>> {
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    return await run(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`);
    return new ResponseError(ErrorCodes.InternalError, `${what} failed: ${(err as Error).message}`);
  } finally {
    subscription.dispose();
  }
}

/**
 * The cancellation token of a parameterless request. Clients that are not typed against protocol.ts
 * may still send `{}` as params, and the token then comes second: take whichever argument it is.
 */
function tokenOf(args: unknown[]): CancellationToken {
  const token = args.find((a): a is CancellationToken => typeof (a as CancellationToken | undefined)?.onCancellationRequested === 'function');
  return token ?? { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
}

/** A quick request: a throw becomes an error answer. */
function guarded<T>(what: string, run: () => T): T | ResponseError<void> {
  try {
    return run();
  } catch (err) {
    return new ResponseError(ErrorCodes.InternalError, `${what} failed: ${(err as Error).message}`);
  }
}

/** Chainsight's own requests: thin wrappers over the service. */
export function registerRequests(connection: Connection, service: WorkspaceService, uris: UriMap): void {
  connection.onRequest(scanWorkspaceRequest, (...args: unknown[]) =>
    cancellable('scan', tokenOf(args), async (signal) => {
      await service.refresh(signal);
      const report = service.report();
      return { findings: report.rows.length, packages: report.packages };
    }),
  );

  connection.onRequest(downloadDatabaseRequest, (...args: unknown[]) =>
    cancellable('download', tokenOf(args), (signal) =>
      service.downloadOfflineDatabase((message, percentage) => {
        void connection.sendNotification(progressNotification, { task: 'download', message, ...(percentage !== undefined ? { percentage } : {}) });
      }, signal),
    ),
  );

  connection.onRequest(verifyRequest, (...args: unknown[]) => cancellable('verification', tokenOf(args), (signal) => service.verify(signal)));

  connection.onRequest(reportRequest, () => guarded('report', () => service.report()));

  connection.onRequest(exportReportRequest, (params) => {
    if (!isExportFormat(params?.format)) return new ResponseError(ErrorCodes.InvalidParams, 'format must be one of the export formats in protocol.ts');
    return guarded('export', () => service.exportReport(params.format));
  });

  connection.onRequest(lockfileCommandRequest, (params) => guarded('lockfile command', () => service.lockfileCommand(params?.uri ? uris.toPath(params.uri) : undefined) ?? null));

  connection.onRequest(triageEditRequest, (params) => guarded('triage', () => triageEditFor(service, uris, params)));

  connection.onRequest(fixCommandRequest, (params) => guarded('fix command', () => service.issuedRun(params?.id) ?? null));
}
