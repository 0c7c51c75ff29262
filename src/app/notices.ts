import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import { describeError } from "./describeError";

export type Notice = { id: number; message: string };

/** The error messages shown in the banner; one store per app. */
export type NoticeStore = {
  push: (message: string) => void;
  dismiss: (id: number) => void;
  subscribe: (listener: () => void) => () => void;
  snapshot: () => readonly Notice[];
};

const MAX_NOTICES = 3;

export function createNoticeStore(): NoticeStore {
  let notices: readonly Notice[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const set = (next: readonly Notice[]) => {
    notices = next;
    for (const listener of listeners) listener();
  };
  return {
    push: (message) => {
      const others = notices.filter((notice) => notice.message !== message);
      set([...others, { id: nextId++, message }].slice(-MAX_NOTICES));
    },
    dismiss: (id) => set(notices.filter((notice) => notice.id !== id)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => notices,
  };
}

export const NoticeContext = createContext<NoticeStore | null>(null);

function useNoticeStore(): NoticeStore {
  const store = useContext(NoticeContext);
  if (!store) throw new Error("useNoticeStore needs <AppProviders>");
  return store;
}

export function useNotices(): { notices: readonly Notice[]; dismiss: (id: number) => void } {
  const store = useNoticeStore();
  const notices = useSyncExternalStore(store.subscribe, store.snapshot);
  return { notices, dismiss: store.dismiss };
}

/** Shows any caught error in the banner as a readable message. */
export function useReportError(): (error: unknown) => void {
  const store = useNoticeStore();
  return useCallback((error: unknown) => store.push(describeError(error)), [store]);
}
