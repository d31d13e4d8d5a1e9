// What the desktop and browser entry points share: the context around the platform's language client, and a graceful stop.
import type * as vscode from 'vscode';
import { commandTable } from './commands';
import { Ctx, type ClientFactory, type PaperListApi } from './ctx';

let ctx: Ctx | undefined;

export function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): PaperListApi {
  // The command table is built here and handed to the context, so ctx.ts and commands.ts do not import each other.
  ctx = new Ctx(context, commandTable, createClient);
  context.subscriptions.push(ctx);
  return ctx.api();
}

export async function deactivate(): Promise<void> {
  // Stop the server gracefully (shutdown/exit) before VS Code disposes the context.
  if (ctx?.client.needsStop()) await ctx.client.stop();
  ctx = undefined;
}
