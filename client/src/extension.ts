import type * as vscode from 'vscode';
import { Ctx, type PaperListApi } from './ctx';
import { commandTable } from './commands';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): PaperListApi {
  // The command table is built here and handed to the context, so ctx.ts and commands.ts do not import each other.
  ctx = new Ctx(context, commandTable);
  context.subscriptions.push(ctx);
  return ctx.api();
}

export async function deactivate(): Promise<void> {
  // Stop the server gracefully (shutdown/exit) before VS Code disposes the context.
  if (ctx?.client.needsStop()) await ctx.client.stop();
  ctx = undefined;
}
