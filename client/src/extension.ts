import type * as vscode from 'vscode';
import { Ctx, type PaperListApi } from './ctx';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): PaperListApi {
  ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  return ctx.api();
}

export async function deactivate(): Promise<void> {
  // Stop the server gracefully (shutdown/exit) before VS Code disposes the context.
  if (ctx?.client.needsStop()) await ctx.client.stop();
  ctx = undefined;
}
