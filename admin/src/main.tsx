import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { me, whenSignedIn } from "./authProvider.ts";
import { preloadDashboard } from "./dashboard/Dashboard.tsx";
import { loadDataProvider } from "./dataProvider/index.ts";

// Signed in: the data provider and the start page's dashboard load while react-admin checks the
// session and renders its layout, not after. Should a load fail, its first use tries again.
whenSignedIn((person) => {
  loadDataProvider().catch(() => undefined);
  preloadDashboard(person.roles);
});
// Asked before the first render, which would ask for it a little later.
me().catch(() => undefined);

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
