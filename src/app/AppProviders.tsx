import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { TimeoutError } from "../ipc";
import { describeError } from "./describeError";
import { createNoticeStore, NoticeContext } from "./notices";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { quietErrors?: boolean };
  }
}

/** How many times a read that timed out is tried again. */
export const READ_RETRIES = 2;

/** `failures` counts the earlier failures: 0 when the first try has just failed. */
function retryTimedOutRead(failures: number, error: Error): boolean {
  return error instanceof TimeoutError && failures < READ_RETRIES;
}

/** 0.5 s before the second try, 1 s before the third. */
function readRetryDelay(failures: number): number {
  return 500 * 2 ** failures;
}

function createQueryClient(report: (message: string) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!query.meta?.quietErrors) report(describeError(error));
      },
    }),
    defaultOptions: {
      // Change events invalidate what they touch, so data stays fresh until then. A local
      // database fails the same way twice, so only a read that timed out (a busy backend) is
      // tried again; writes never are. The IPC needs no network: never wait for one.
      queries: {
        staleTime: Infinity,
        retry: retryTimedOutRead,
        retryDelay: readRetryDelay,
        refetchOnWindowFocus: false,
        networkMode: "always",
      },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}

/** Server state (TanStack Query) and the error banner's store, fresh for each app. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [notices] = useState(createNoticeStore);
  const [queryClient] = useState(() => createQueryClient(notices.push));
  return (
    <NoticeContext value={notices}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </NoticeContext>
  );
}
