import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../app/App";
import { AppProviders } from "../app/AppProviders";

/** The whole app with fresh providers, as main.tsx mounts it. */
export function renderApp(userOptions?: Parameters<typeof userEvent.setup>[0]) {
  const user = userEvent.setup(userOptions);
  return {
    user,
    ...render(
      <AppProviders>
        <App />
      </AppProviders>,
    ),
  };
}
