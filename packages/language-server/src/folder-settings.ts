import { sep } from 'node:path';
import { filePath } from './analysis.js';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings.js';

/**
 * The `sfnLint` settings by workspace folder. In a multi-root workspace each folder may set
 * its own (`.vscode/settings.json` of the folder); a document takes those of the innermost
 * folder that holds it, and a document outside every folder, or an unsaved buffer, the
 * window's.
 */
export class FolderSettings {
  private window: ServerSettings = DEFAULT_SETTINGS;
  /** Innermost first, so that the first folder holding a file is the one that applies. */
  private folders: [string, ServerSettings][] = [];

  set(window: ServerSettings, folders: ReadonlyMap<string, ServerSettings>): void {
    this.window = window;
    this.folders = [...folders].sort((a, b) => b[0].length - a[0].length);
  }

  of(uri: string): ServerSettings {
    const file = filePath(uri);
    if (file === undefined) return this.window;
    for (const [folder, settings] of this.folders) {
      if (file === folder || file.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return settings;
    }
    return this.window;
  }
}
