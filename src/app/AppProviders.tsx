import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { describeError } from "./describeError";
import { createNoticeStore, NoticeContext } from "./notices";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { quietErrors?: boolean };
  }
}

function createQueryClient(report: (message: string) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!query.meta?.quietErrors) report(describeError(error));
      },
    }),
    defaultOptions: {
      // Change events invalidate what they touch, so data stays fresh until then; a local
      // database fails the same way twice, so retrying only delays the message.
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
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
