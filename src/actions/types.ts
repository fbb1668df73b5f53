import type { AppState } from '../state/store';

export interface Shortcut {
  /** KeyboardEvent.key, compared case-insensitively. */
  key: string;
  mod?: boolean; // Ctrl on Linux/Windows, ⌘ on macOS
  /** Shown in tooltips, e.g. "Ctrl+Enter". */
  label: string;
}

/**
 * A user command: what it is called (an i18n key), when it may run, its shortcut and its handler,
 * in one place. Buttons, menus and the keyboard all go through here.
 */
export interface Action<P = void> {
  name: string;
  labelKey: string;
  shortcut?: Shortcut;
  enabled?: (state: AppState) => boolean;
  /** Hidden from button rows when false (e.g. Pause while paused). */
  visible?: (state: AppState) => boolean;
  perform: (payload: P) => void | Promise<void>;
}

export function defineAction<P = void>(action: Action<P>): Action<P> {
  return action;
}
