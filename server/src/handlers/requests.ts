import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  DOWNLOAD_DATABASE_REQUEST,
  EXPORT_FORMATS,
  EXPORT_REPORT_REQUEST,
  type ExportReportParams,
  LOCKFILE_COMMAND_REQUEST,
  type LockfileCommandParams,
  PROGRESS_NOTIFICATION,
  type ProgressParams,
  REPORT_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  VERIFY_REQUEST,
} from '../protocol';
import type { WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

/** Chainsight's own requests: thin wrappers over the service, with cancellation and no throws. */
export function registerRequests(connection: Connection, service: WorkspaceService, uris: UriMap): void {
  connection.onRequest(SCAN_WORKSPACE_REQUEST, async (_params: unknown, token: CancellationToken) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      await service.refresh(controller.signal);
      const report = service.report();
      return { findings: report.rows.length, packages: report.packages };
    } catch (err) {
      if (controller.signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'scan cancelled');
      return new ResponseError(ErrorCodes.InternalError, `scan failed: ${(err as Error).message}`);
    } finally {
      subscription.dispose();
    }
  });

  connection.onRequest(DOWNLOAD_DATABASE_REQUEST, async (_params: unknown, token: CancellationToken) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await service.downloadOfflineDatabase((message, percentage) => {
        const progress: ProgressParams = { task: 'download', message, ...(percentage !== undefined ? { percentage } : {}) };
        void connection.sendNotification(PROGRESS_NOTIFICATION, progress);
      }, controller.signal);
    } catch (err) {
      if (controller.signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'download cancelled');
      return new ResponseError(ErrorCodes.InternalError, `download failed: ${(err as Error).message}`);
    } finally {
      subscription.dispose();
    }
  });

  connection.onRequest(VERIFY_REQUEST, async (_params: unknown, token: CancellationToken) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await service.verify(controller.signal);
    } catch (err) {
      if (controller.signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'verification cancelled');
      return new ResponseError(ErrorCodes.InternalError, `verification failed: ${(err as Error).message}`);
    } finally {
      subscription.dispose();
    }
  });

  connection.onRequest(REPORT_REQUEST, () => service.report());

  connection.onRequest(EXPORT_REPORT_REQUEST, (params: ExportReportParams) => {
    if (!params || !EXPORT_FORMATS.includes(params.format)) return new ResponseError(ErrorCodes.InvalidParams, `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    return service.exportReport(params.format);
  });

  connection.onRequest(LOCKFILE_COMMAND_REQUEST, (params: LockfileCommandParams) => {
    const path = params?.uri ? uris.toPath(params.uri) : undefined;
    return service.lockfileCommand(path) ?? null;
  });
}
