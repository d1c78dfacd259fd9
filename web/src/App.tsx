import { BrowserRouter, Route, Routes } from "react-router";
import { HideScreenProvider } from "./components/HideScreen/HideScreen";
import { Layout } from "./components/Layout/Layout";
import { HomePage } from "./routes/home/HomePage";
import { RequireSignIn } from "./routes/home/RequireSignIn";
import { NotFoundPage } from "./routes/not-found/NotFoundPage";
import { SignInPage } from "./routes/sign-in/SignInPage";
import { SessionProvider } from "./session/SessionContext";

export function App() {
  return (
    <HideScreenProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route
                index
                element={
                  <RequireSignIn>
                    <HomePage />
                  </RequireSignIn>
                }
              />
              <Route path="sign-in" element={<SignInPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </HideScreenProvider>
  );
}
