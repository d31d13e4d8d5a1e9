// Waiting on VS Code events instead of sleeping: shared by the extension suite and the installed-.vsix check.
import * as vscode from 'vscode';

/** Resolves with `check()`'s first truthy value, re-checking whenever one of `events` fires; rejects after `ms`. */
export function waitFor<T>(what: string, check: () => T | undefined | null | false, events: vscode.Event<unknown>[], ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (fn: () => void) => {
      clearTimeout(timer);
      subscriptions.forEach((s) => s.dispose());
      fn();
    };
    const attempt = () => {
      try {
        const value = check();
        if (value) done(() => resolve(value));
      } catch (error) {
        done(() => reject(error));
      }
    };
    const timer = setTimeout(() => done(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`))), ms);
    for (const event of events) subscriptions.push(event(attempt));
    attempt();
  });
}
